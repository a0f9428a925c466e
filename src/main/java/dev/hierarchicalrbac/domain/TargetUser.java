package dev.hierarchicalrbac.domain;

import java.util.Collection;
import java.util.Objects;

/** The user an action is aimed at (assignments, "can A manage U"). */
public record TargetUser(String userId, boolean owner, int highestPosition) {

    public TargetUser {
        Objects.requireNonNull(userId, "userId");
        if (highestPosition < 0) {
            throw new IllegalArgumentException("highestPosition must not be negative: " + highestPosition);
        }
    }

    public static TargetUser of(String userId, boolean owner, Collection<AdminRole> heldRoles) {
        return new TargetUser(userId, owner, EffectivePermissions.highestPosition(heldRoles));
    }
}
