package dev.hierarchicalrbac.domain;

/**
 * Every error the extension answers: the machine-readable {@code error} of the JSON body and its HTTP
 * status (design §4). Domain, store and transfer code throw {@link RbacException} with one of these;
 * the REST layer only writes it out.
 */
public enum ErrorCode {
    /** Invalid input, naming the field. */
    INVALID_INPUT("invalid_input", 400),
    /** The caller is not a user of the realm (nor an owner from the master realm). */
    NOT_REALM_MEMBER("not_realm_member", 403),
    /** The caller lacks a permission the action needs. */
    MISSING_PERMISSION("missing_permission", 403),
    /** The role or user is not strictly below the caller's highest position. */
    HIERARCHY("hierarchy", 403),
    /** The caller would grant, revoke or delete a permission they do not hold themself. */
    PERMISSION_NOT_HELD("permission_not_held", 403),
    /** Nobody but an owner may change an owner's assignments. */
    OWNER_PROTECTION("owner_protection", 403),
    /** Only an owner may do this at all (export and import of the whole configuration). */
    OWNER_ONLY("owner_only", 403),
    /** An unknown id, or an id of another realm. */
    NOT_FOUND("not_found", 404),
    /** A duplicate name, a taken position, a raced write. */
    CONFLICT("conflict", 409),
    /** {@code @everyone} cannot be deleted, renamed, moved or assigned, not even by owners. */
    EVERYONE_PROTECTED("everyone_protected", 409),
    /** Built-in permissions cannot be deleted or renamed, not even by owners. */
    BUILT_IN("built_in", 409),
    /** A body over the extension's size limit. */
    TOO_LARGE("too_large", 413),
    /** A body that is not sent as JSON. */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The {@code error} of the JSON body. */
    public String code() {
        return code;
    }

    /** The HTTP status it is answered with. */
    public int status() {
        return status;
    }
}
