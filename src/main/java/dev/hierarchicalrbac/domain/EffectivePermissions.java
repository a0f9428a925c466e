package dev.hierarchicalrbac.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** The derived values of design section 2: effective permissions and highest position of a user. */
public final class EffectivePermissions {

    private EffectivePermissions() {
    }

    /**
     * Permissions of {@code @everyone} united with those of every held role; an owner gets every
     * permission of the realm.
     *
     * @param everyone the realm's {@code @everyone} role; null is read as "no permissions"
     * @param allRealmPermissions the realm's catalogue, only consulted for owners
     */
    public static SortedSet<String> of(boolean owner, AdminRole everyone, Collection<AdminRole> heldRoles,
                                       Collection<String> allRealmPermissions) {
        SortedSet<String> result = new TreeSet<>();
        if (owner && allRealmPermissions != null) {
            result.addAll(allRealmPermissions);
        }
        if (everyone != null) {
            result.addAll(everyone.permissions());
        }
        if (heldRoles != null) {
            heldRoles.forEach(role -> result.addAll(role.permissions()));
        }
        return Collections.unmodifiableSortedSet(result);
    }

    /**
     * The same for a user under a time-out (design §9): until it ends they hold only
     * {@code @everyone}'s permissions, their roles do not count. An owner holds every permission
     * whatever the store says (nobody but an owner may time an owner out).
     */
    public static SortedSet<String> of(boolean owner, AdminRole everyone, Collection<AdminRole> heldRoles,
                                       Collection<String> allRealmPermissions, boolean timedOut) {
        return of(owner, everyone, timedOut && !owner ? null : heldRoles, allRealmPermissions);
    }

    /** The largest position among the held roles, 0 when none; {@code @everyone} never counts above 0. */
    public static int highestPosition(Collection<AdminRole> heldRoles) {
        if (heldRoles == null) {
            return AdminRole.EVERYONE_POSITION;
        }
        return heldRoles.stream()
                .filter(role -> !role.isEveryone())
                .mapToInt(AdminRole::position)
                .reduce(AdminRole.EVERYONE_POSITION, Math::max);
    }
}
