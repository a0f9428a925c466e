package dev.hierarchicalrbac.domain;

import java.util.Objects;
import java.util.Set;

/**
 * The caller whose request is being decided.
 *
 * @param owner whether Keycloak itself lets the caller manage the realm (bypasses the hierarchy)
 * @param highestPosition {@code h} of design section 3, 0 for a user without admin roles
 * @param permissions {@code P} of design section 3; copied, sorted and unmodifiable
 */
public record Actor(String userId, boolean owner, int highestPosition, Set<String> permissions) {

    public Actor {
        Objects.requireNonNull(userId, "userId");
        if (highestPosition < 0) {
            throw new IllegalArgumentException("highestPosition must not be negative: " + highestPosition);
        }
        permissions = AdminRole.sortedCopy(permissions);
    }

    /** Owners hold every permission, including ones not yet in the catalogue. */
    public boolean has(String permission) {
        return owner || permissions.contains(permission);
    }

    boolean is(TargetUser user) {
        return userId.equals(user.userId());
    }
}
