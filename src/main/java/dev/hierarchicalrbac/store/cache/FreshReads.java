package dev.hierarchicalrbac.store.cache;

/**
 * Reads what {@link CachedRbacStore} puts in the shared cache, each in a transaction of its own
 * that begins after the call, so it sees every commit whose invalidation came before it (on
 * MariaDB/MySQL a session's own transaction is REPEATABLE READ and may still see older data).
 * Answers null when it cannot read now (too many reads under way, or the realm is not seeded):
 * the caller then reads in its own transaction and caches nothing.
 */
public interface FreshReads {

    RbacCache.RealmData realm(String realmId);

    RbacCache.UserData user(String realmId, String userId);

    java.util.Map<String, Long> memberCounts(String realmId, RbacCache.Counts which);

    RbacCache.RealmData organization(String realmId, String organizationId);

    RbacCache.UserData organizationUser(String realmId, String organizationId, String userId);

    java.util.Map<String, Long> organizationMemberCounts(String realmId, String organizationId);
}
