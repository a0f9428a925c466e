package dev.hierarchicalrbac.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The plan of replacing a set (a user's admin roles or visual roles): what is added and what is
 * removed, in the order the wanted and held sets give. Assignments are a set, so an element named
 * twice counts once and one already held is no change.
 */
public record SetChange<T>(Set<T> added, Set<T> removed) {

    public SetChange {
        // In the given order, so that of several refused changes the same one is named every time.
        added = Collections.unmodifiableSet(new LinkedHashSet<>(added));
        removed = Collections.unmodifiableSet(new LinkedHashSet<>(removed));
    }

    public static <T> SetChange<T> of(Collection<T> held, Collection<T> wanted) {
        Set<T> added = new LinkedHashSet<>(wanted);
        added.removeAll(held);
        Set<T> removed = new LinkedHashSet<>(held);
        removed.removeAll(wanted);
        return new SetChange<>(added, removed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty();
    }
}
