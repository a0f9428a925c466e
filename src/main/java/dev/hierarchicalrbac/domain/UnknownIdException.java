package dev.hierarchicalrbac.domain;

/** An id that names nothing in this realm (HTTP 404, like an id from another realm). */
public final class UnknownIdException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String id;

    public UnknownIdException(String id) {
        super("No role with id '" + id + "' in this realm.");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
