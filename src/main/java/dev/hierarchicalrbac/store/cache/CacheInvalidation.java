package dev.hierarchicalrbac.store.cache;

import java.util.Objects;

/**
 * One thing a committed transaction changed, as the cache sees it: a user's assignments
 * ({@code userId} given), a realm's catalogue, roles or visual roles ({@code userId} null), or a
 * whole realm that was removed. Applied on this node after commit and sent to the other nodes of a
 * cluster in a {@code cluster.RbacInvalidationEvent}.
 */
public record CacheInvalidation(String realmId, String userId, boolean realmRemoved) {

    public CacheInvalidation {
        Objects.requireNonNull(realmId, "realmId");
    }

    public static CacheInvalidation realm(String realmId) {
        return new CacheInvalidation(realmId, null, false);
    }

    public static CacheInvalidation user(String realmId, String userId) {
        return new CacheInvalidation(realmId, Objects.requireNonNull(userId, "userId"), false);
    }

    public static CacheInvalidation realmRemoved(String realmId) {
        return new CacheInvalidation(realmId, null, true);
    }

    public void applyTo(RbacCache cache) {
        if (realmRemoved) {
            cache.forgetRealm(realmId);
        } else {
            cache.invalidate(realmId, userId);
        }
    }
}
