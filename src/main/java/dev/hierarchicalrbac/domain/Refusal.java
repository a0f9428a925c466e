package dev.hierarchicalrbac.domain;

/**
 * Why a {@link Decision} refused, each one an {@link ErrorCode}: refusals about the thing itself
 * answer 409 (they bind owners too), refusals about the caller 403.
 */
public enum Refusal {
    MISSING_PERMISSION(ErrorCode.MISSING_PERMISSION),
    HIERARCHY(ErrorCode.HIERARCHY),
    PERMISSION_NOT_HELD(ErrorCode.PERMISSION_NOT_HELD),
    OWNER_PROTECTION(ErrorCode.OWNER_PROTECTION),
    OWNER_ONLY(ErrorCode.OWNER_ONLY),
    EVERYONE_PROTECTED(ErrorCode.EVERYONE_PROTECTED),
    BUILT_IN(ErrorCode.BUILT_IN);

    private final ErrorCode errorCode;

    Refusal(ErrorCode errorCode) {
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The {@code error} of the REST body. */
    public String code() {
        return errorCode.code();
    }
}
