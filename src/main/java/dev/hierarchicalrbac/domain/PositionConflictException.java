package dev.hierarchicalrbac.domain;

import java.util.List;

/** Two roles would end up on one position (HTTP 409). Positions are never shifted implicitly. */
public final class PositionConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final List<String> roleIds;

    public PositionConflictException(int position, List<String> roleIds) {
        super("Position " + position + " would be held by more than one role: " + String.join(", ", roleIds) + ".");
        this.position = position;
        this.roleIds = List.copyOf(roleIds);
    }

    public int position() {
        return position;
    }

    /** The ids of the roles that would share the position, sorted. */
    public List<String> roleIds() {
        return roleIds;
    }
}
