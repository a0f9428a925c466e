package dev.hierarchicalrbac.store;

/** A write would break a uniqueness rule (name, position) or touch something built in. */
public final class StoreConflictException extends RuntimeException {

    private final String field;

    public StoreConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault, e.g. {@code name} or {@code position}. */
    public String field() {
        return field;
    }
}
