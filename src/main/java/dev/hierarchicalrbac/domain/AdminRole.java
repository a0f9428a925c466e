package dev.hierarchicalrbac.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A positioned role carrying permissions; a higher position is more powerful.
 *
 * @param permissions names of permissions of the same realm; copied, sorted and unmodifiable
 */
public record AdminRole(String id, String name, String description, int position, String color, String icon,
                        Set<String> permissions) {

    /** The built-in role every user holds implicitly. */
    public static final String EVERYONE_NAME = "@everyone";
    public static final int EVERYONE_POSITION = 0;

    public AdminRole {
        permissions = sortedCopy(permissions);
    }

    /** The {@code @everyone} role of a realm, holding the given permissions. */
    public static AdminRole everyone(String id, Collection<String> permissions) {
        return new AdminRole(id, EVERYONE_NAME, null, EVERYONE_POSITION, null, null,
                permissions == null ? null : Set.copyOf(permissions));
    }

    /**
     * Either mark makes a role {@code @everyone}: no other role may sit at position 0 or carry that
     * name, so if stored data ever disagrees we err on the protective side.
     */
    public boolean isEveryone() {
        return isEveryone(name, position);
    }

    /** The same test on stored values (the store's rows, the cache's entries). */
    public static boolean isEveryone(String name, int position) {
        return position == EVERYONE_POSITION || EVERYONE_NAME.equals(name);
    }

    /** An unmodifiable sorted copy; {@link SortedNames} is immutable already and kept as it is. */
    static SortedSet<String> sortedCopy(Collection<String> names) {
        if (names instanceof SortedNames immutable) {
            return immutable;
        }
        return names == null
                ? Collections.emptySortedSet()
                : Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }
}
