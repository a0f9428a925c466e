package dev.hierarchicalrbac.domain;

import java.util.Objects;

/** Invalid input (HTTP 400): names the field, and the message says what a valid value looks like. */
public final class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ValidationException(String field, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public String field() {
        return field;
    }
}
