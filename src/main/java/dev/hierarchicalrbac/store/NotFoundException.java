package dev.hierarchicalrbac.store;

/** No such id in this realm (an id of another realm is exactly as unknown). */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super(what + " '" + id + "' not found");
    }
}
