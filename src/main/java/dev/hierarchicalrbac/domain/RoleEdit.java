package dev.hierarchicalrbac.domain;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plan of one {@code PUT /roles/{id}}: the role as it is and as the request wants it (fields the
 * request left out already carry their current values). It tells which kinds of change it holds, so
 * that each is judged by its own row of design §3 ({@link Hierarchy#canApply}) and stored by its own
 * store call.
 */
public record RoleEdit(AdminRole current, AdminRole wanted) {

    public RoleEdit {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(wanted, "wanted");
    }

    public boolean renaming() {
        return !wanted.name().equals(current.name());
    }

    /** Name, description, colour or icon change. */
    public boolean editing() {
        return renaming() || !Objects.equals(wanted.description(), current.description())
                || !Objects.equals(wanted.color(), current.color()) || !Objects.equals(wanted.icon(), current.icon());
    }

    public boolean moving() {
        return wanted.position() != current.position();
    }

    public boolean regranting() {
        return !wanted.permissions().equals(current.permissions());
    }

    /** Permissions the edit grants. */
    public Set<String> added() {
        Set<String> added = new TreeSet<>(wanted.permissions());
        added.removeAll(current.permissions());
        return added;
    }

    /** Permissions the edit revokes. */
    public Set<String> removed() {
        Set<String> removed = new TreeSet<>(current.permissions());
        removed.removeAll(wanted.permissions());
        return removed;
    }
}
