package dev.hierarchicalrbac.domain;

import java.util.Objects;

/**
 * The one exception of the extension: a refusal, invalid input, an unknown id or a conflict. It
 * carries its {@link ErrorCode}, the field at fault where there is one, and a sentence for a person.
 * Thrown anywhere (domain, store, transfer, REST), it is answered as
 * {@code {"error", "error_description", "field"}} and the request's transaction is rolled back.
 */
public final class RbacException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;

    public RbacException(ErrorCode code, String field, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    /** 400, naming the field; the message says what a valid value looks like. */
    public static RbacException invalid(String field, String message) {
        return new RbacException(ErrorCode.INVALID_INPUT, field, message);
    }

    /** 404: {@code what} is a kind of thing ("Role"), {@code id} what was asked for. */
    public static RbacException notFound(String what, String id) {
        return new RbacException(ErrorCode.NOT_FOUND, null, what + " '" + id + "' not found");
    }

    /** 409, naming the field in conflict (a duplicate name, a taken position). */
    public static RbacException conflict(String field, String message) {
        return new RbacException(ErrorCode.CONFLICT, field, message);
    }

    /** A refused {@link Decision}, with its reason. */
    public static RbacException refused(Decision decision) {
        if (decision.allowed()) {
            throw new IllegalArgumentException("An allowed decision is no refusal: " + decision);
        }
        return new RbacException(decision.refusal().errorCode(), null, decision.reason());
    }

    /** The same error placed in a larger document: {@code roles[2].color: …}. */
    public RbacException at(String place) {
        return new RbacException(code, place, place + ": " + getMessage());
    }

    public ErrorCode code() {
        return code;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }
}
