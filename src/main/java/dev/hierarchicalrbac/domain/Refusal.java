package dev.hierarchicalrbac.domain;

/**
 * Why a {@link Decision} refused. {@link #code()} is the machine-readable {@code error} of the REST
 * body; {@link #structural()} tells refusals about the thing itself (409 conflict, applies to owners
 * too) from refusals about the caller (403 forbidden).
 */
public enum Refusal {
    /** The caller lacks a permission the action needs. */
    MISSING_PERMISSION("missing_permission", false),
    /** The role or user is not strictly below the caller's highest position. */
    HIERARCHY("hierarchy", false),
    /** The caller would grant, revoke or delete a permission they do not hold themself. */
    PERMISSION_NOT_HELD("permission_not_held", false),
    /** Nobody but an owner may change an owner's assignments. */
    OWNER_PROTECTION("owner_protection", false),
    /** Only an owner may do this at all (export and import of the whole configuration). */
    OWNER_ONLY("owner_only", false),
    /** {@code @everyone} cannot be deleted, renamed, moved or assigned, not even by owners. */
    EVERYONE_PROTECTED("everyone_protected", true),
    /** Built-in permissions cannot be deleted or renamed, not even by owners. */
    BUILT_IN("built_in", true);

    private final String code;
    private final boolean structural;

    Refusal(String code, boolean structural) {
        this.code = code;
        this.structural = structural;
    }

    public String code() {
        return code;
    }

    public boolean structural() {
        return structural;
    }
}
