package dev.hierarchicalrbac.store.cache;

import java.util.Map;

/**
 * What the cache needs from the database: each of its values read in a constant number of
 * statements, in the transaction of the session the loader belongs to. Implemented by the JPA
 * store; {@link TransactionalFreshReads} runs it in a transaction of its own.
 */
public interface RbacLoader {

    /** The realm's catalogue, roles and visual roles; null if it has no {@code @everyone} yet. */
    RbacCache.RealmData loadRealmData(String realmId);

    /** The ids of a user's admin roles and visual roles. */
    RbacCache.UserData loadUserData(String realmId, String userId);

    /** The realm's member counts of one kind, by role id. */
    Map<String, Long> loadMemberCounts(String realmId, RbacCache.Counts which);

    /** An organization's ladder (its roles and named owners, the realm's catalogue); null if not seeded yet. */
    RbacCache.RealmData loadOrganizationData(String realmId, String organizationId);

    /** The ids of a user's admin roles in an organization's ladder. */
    RbacCache.UserData loadOrganizationUserData(String realmId, String organizationId, String userId);

    /** An organization's member counts, by role id. */
    Map<String, Long> loadOrganizationMemberCounts(String realmId, String organizationId);
}
