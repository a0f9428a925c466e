package dev.hierarchicalrbac.store.cache;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.Timeout;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.RbacStore;
import org.keycloak.models.RealmModel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Consumer;

/**
 * The {@link RbacStore} every caller gets: a caching decorator of the JPA store ({@code jpa.JpaRbacStore}).
 *
 * <ul>
 *   <li>Reads of the catalogue, admin roles, visual roles, a user's assignments and a realm's member
 *       counts come from the shared {@link RbacCache}; a warm read issues no SQL. Member lists are
 *       not cached.</li>
 *   <li>Every write goes to the database and records what it affects; when the session's
 *       transaction ends (commit or rollback) those keys are invalidated. From its first write on,
 *       the session reads through to the database, so it sees its own uncommitted changes and never
 *       caches them.</li>
 * </ul>
 *
 * <p>Keep it so when adding methods to {@link RbacStore}: a read either delegates or is served from
 * {@link #cached(RealmModel, String)}; a write calls {@link #writes(RealmModel, String, String)} (or
 * {@link #removes(String)}) <em>before</em> delegating.
 */
public final class CachedRbacStore implements RbacStore {

    private final RbacStore delegate;
    private final RbacCache cache;
    private final FreshReads fresh;
    private final Consumer<Runnable> atTransactionEnd;
    private final Consumer<Set<CacheInvalidation>> otherNodes;

    /** Set by the first write of this session: from then on every read goes to the database. */
    private boolean wrote;
    private Set<CacheInvalidation> pending;

    /**
     * @param atTransactionEnd runs the given action once the session's transaction has committed or
     *                         rolled back (Keycloak's {@code enlistAfterCompletion})
     * @param otherNodes       takes what this session changed, after it was applied to this node's
     *                         cache, to the other nodes of a cluster
     */
    public CachedRbacStore(RbacStore delegate, RbacCache cache, FreshReads fresh, Consumer<Runnable> atTransactionEnd,
                           Consumer<Set<CacheInvalidation>> otherNodes) {
        this.delegate = delegate;
        this.cache = cache;
        this.fresh = fresh;
        this.atTransactionEnd = atTransactionEnd;
        this.otherNodes = otherNodes;
    }

    // --- permission catalogue -------------------------------------------------------------

    @Override
    public List<Permission> permissions(RealmModel realm) {
        RbacCache.RealmData data = cached(realm, null);
        return data != null ? data.permissions() : delegate.permissions(realm);
    }

    @Override
    public Optional<Permission> permission(RealmModel realm, String id) {
        RbacCache.RealmData data = cached(realm, null);
        return data != null ? Optional.ofNullable(data.permission(id)) : delegate.permission(realm, id);
    }

    @Override
    public Optional<Permission> permissionByName(RealmModel realm, String name) {
        RbacCache.RealmData data = cached(realm, null);
        return data != null ? Optional.ofNullable(data.permissionByName(name)) : delegate.permissionByName(realm, name);
    }

    @Override
    public Permission createPermission(RealmModel realm, String name, String description) {
        writes(realm, null, null);
        return delegate.createPermission(realm, name, description);
    }

    @Override
    public Permission updatePermission(RealmModel realm, String id, String name, String description) {
        writes(realm, null, null);
        return delegate.updatePermission(realm, id, name, description);
    }

    @Override
    public void deletePermission(RealmModel realm, String id) {
        writes(realm, null, null);
        delegate.deletePermission(realm, id);
    }

    // --- admin roles, in one ladder (the realm's when organizationId is null) ----------------

    @Override
    public List<AdminRole> roles(RealmModel realm, String organizationId) {
        RbacCache.RealmData data = cached(realm, organizationId);
        return data != null ? data.roles() : delegate.roles(realm, organizationId);
    }

    @Override
    public Optional<AdminRole> role(RealmModel realm, String organizationId, String id) {
        RbacCache.RealmData data = cached(realm, organizationId);
        return data != null ? Optional.ofNullable(data.role(id)) : delegate.role(realm, organizationId, id);
    }

    @Override
    public AdminRole everyone(RealmModel realm, String organizationId) {
        RbacCache.RealmData data = cached(realm, organizationId);
        return data != null ? data.everyone() : delegate.everyone(realm, organizationId);
    }

    @Override
    public AdminRole createRole(RealmModel realm, String organizationId, AdminRole values) {
        writes(realm, organizationId, null);
        return delegate.createRole(realm, organizationId, values);
    }

    @Override
    public AdminRole updateRole(RealmModel realm, String organizationId, String id, String name, String description,
                                String color, String icon) {
        writes(realm, organizationId, null);
        return delegate.updateRole(realm, organizationId, id, name, description, color, icon);
    }

    @Override
    public AdminRole setRolePermissions(RealmModel realm, String organizationId, String id, Set<String> permissionNames) {
        writes(realm, organizationId, null);
        return delegate.setRolePermissions(realm, organizationId, id, permissionNames);
    }

    @Override
    public void moveRoles(RealmModel realm, String organizationId, Map<String, Integer> newPositionById) {
        writes(realm, organizationId, null);
        delegate.moveRoles(realm, organizationId, newPositionById);
    }

    @Override
    public void deleteRole(RealmModel realm, String organizationId, String id) {
        // Members' cached entries keep the id, which no longer resolves: no user entry to drop.
        writes(realm, organizationId, null);
        delegate.deleteRole(realm, organizationId, id);
    }

    @Override
    public Map<String, Long> roleMemberCounts(RealmModel realm, String organizationId) {
        Map<String, Long> counts = cachedCounts(realm, organizationId, RbacCache.Counts.ROLE_MEMBERS);
        return counts != null ? counts : delegate.roleMemberCounts(realm, organizationId);
    }

    @Override
    public List<String> roleMembers(RealmModel realm, String organizationId, String roleId, int first, int max) {
        return delegate.roleMembers(realm, organizationId, roleId, first, max);
    }

    // --- visual roles ---------------------------------------------------------------------

    @Override
    public List<VisualRole> visualRoles(RealmModel realm) {
        RbacCache.RealmData data = cached(realm, null);
        return data != null ? data.visualRoles() : delegate.visualRoles(realm);
    }

    @Override
    public Optional<VisualRole> visualRole(RealmModel realm, String id) {
        RbacCache.RealmData data = cached(realm, null);
        return data != null ? Optional.ofNullable(data.visualRole(id)) : delegate.visualRole(realm, id);
    }

    @Override
    public VisualRole createVisualRole(RealmModel realm, VisualRole values) {
        writes(realm, null, null);
        return delegate.createVisualRole(realm, values);
    }

    @Override
    public VisualRole updateVisualRole(RealmModel realm, String id, VisualRole values) {
        writes(realm, null, null);
        return delegate.updateVisualRole(realm, id, values);
    }

    @Override
    public void deleteVisualRole(RealmModel realm, String id) {
        writes(realm, null, null);
        delegate.deleteVisualRole(realm, id);
    }

    @Override
    public Map<String, Long> visualRoleMemberCounts(RealmModel realm) {
        Map<String, Long> counts = cachedCounts(realm, null, RbacCache.Counts.VISUAL_ROLE_MEMBERS);
        return counts != null ? counts : delegate.visualRoleMemberCounts(realm);
    }

    @Override
    public List<String> visualRoleMembers(RealmModel realm, String visualRoleId, int first, int max) {
        return delegate.visualRoleMembers(realm, visualRoleId, first, max);
    }

    // --- assignments ----------------------------------------------------------------------

    /** Whole-realm listings (export, import) read the database: they are rare and must be exact. */
    @Override
    public Map<String, Set<String>> roleAssignments(RealmModel realm, String organizationId) {
        return delegate.roleAssignments(realm, organizationId);
    }

    @Override
    public Map<String, Set<String>> visualRoleAssignments(RealmModel realm) {
        return delegate.visualRoleAssignments(realm);
    }

    @Override
    public List<AdminRole> rolesOf(RealmModel realm, String organizationId, String userId) {
        RbacCache.RealmData data = cached(realm, organizationId);
        RbacCache.UserData user = data == null ? null : cachedUser(realm, organizationId, userId);
        return user != null ? data.rolesOf(user) : delegate.rolesOf(realm, organizationId, userId);
    }

    @Override
    public SortedSet<String> effectivePermissions(RealmModel realm, String organizationId, String userId, boolean owner) {
        RbacCache.RealmData data = cached(realm, organizationId);
        RbacCache.UserData user = data == null ? null : cachedUser(realm, organizationId, userId);
        return user != null ? data.effectivePermissions(user, owner, data.timeout(userId, RbacStore.now()) != null)
                : delegate.effectivePermissions(realm, organizationId, userId, owner);
    }

    @Override
    public int highestPosition(RealmModel realm, String organizationId, String userId) {
        RbacCache.RealmData data = cached(realm, organizationId);
        RbacCache.UserData user = data == null ? null : cachedUser(realm, organizationId, userId);
        return user != null ? data.highestPosition(user) : delegate.highestPosition(realm, organizationId, userId);
    }

    @Override
    public Optional<Timeout> timeout(RealmModel realm, String userId) {
        RbacCache.RealmData data = cached(realm, null);
        return data != null ? Optional.ofNullable(data.timeout(userId, RbacStore.now())) : delegate.timeout(realm, userId);
    }

    /** Time-outs are cached with the realm (they are few): a change invalidates the realm's entry. */
    @Override
    public void setTimeout(RealmModel realm, String userId, Timeout timeout) {
        writes(realm, null, null);
        delegate.setTimeout(realm, userId, timeout);
    }

    @Override
    public boolean clearTimeout(RealmModel realm, String userId) {
        writes(realm, null, null);
        return delegate.clearTimeout(realm, userId);
    }

    @Override
    public boolean assignRole(RealmModel realm, String organizationId, String userId, String roleId) {
        writes(realm, organizationId, userId);
        return delegate.assignRole(realm, organizationId, userId, roleId);
    }

    @Override
    public boolean unassignRole(RealmModel realm, String organizationId, String userId, String roleId) {
        writes(realm, organizationId, userId);
        return delegate.unassignRole(realm, organizationId, userId, roleId);
    }

    @Override
    public List<VisualRole> visualRolesOf(RealmModel realm, String userId) {
        RbacCache.RealmData data = cached(realm, null);
        RbacCache.UserData user = data == null ? null : cachedUser(realm, null, userId);
        return user != null ? data.visualRolesOf(user) : delegate.visualRolesOf(realm, userId);
    }

    @Override
    public boolean assignVisualRole(RealmModel realm, String userId, String visualRoleId) {
        writes(realm, null, userId);
        return delegate.assignVisualRole(realm, userId, visualRoleId);
    }

    @Override
    public boolean unassignVisualRole(RealmModel realm, String userId, String visualRoleId) {
        writes(realm, null, userId);
        return delegate.unassignVisualRole(realm, userId, visualRoleId);
    }

    // --- organization owners: cached with the organization's ladder ----------------------------

    @Override
    public Set<String> organizationOwners(RealmModel realm, String organizationId) {
        RbacCache.RealmData data = cached(realm, organizationId);
        return data != null ? data.owners() : delegate.organizationOwners(realm, organizationId);
    }

    @Override
    public boolean addOrganizationOwner(RealmModel realm, String organizationId, String userId) {
        writes(realm, organizationId, null);
        return delegate.addOrganizationOwner(realm, organizationId, userId);
    }

    @Override
    public boolean removeOrganizationOwner(RealmModel realm, String organizationId, String userId) {
        writes(realm, organizationId, null);
        return delegate.removeOrganizationOwner(realm, organizationId, userId);
    }

    // --- lifecycle ------------------------------------------------------------------------

    @Override
    public void seedRealm(RealmModel realm) {
        writes(realm, null, null);
        delegate.seedRealm(realm);
    }

    @Override
    public void seedOrganization(RealmModel realm, String organizationId) {
        // Reads first, so the many requests to an organization whose ladder exists write nothing.
        if (cached(realm, organizationId) != null) {
            return;
        }
        writes(realm, organizationId, null);
        delegate.seedOrganization(realm, organizationId);
    }

    @Override
    public void removeOrganization(RealmModel realm, String organizationId) {
        pending().add(CacheInvalidation.realmRemoved(RbacCache.ladderKey(realm.getId(), organizationId)));
        delegate.removeOrganization(realm, organizationId);
    }

    /** Their assignments there, and their ownership, which is cached with the organization's ladder. */
    @Override
    public void removeOrganizationMember(RealmModel realm, String organizationId, String userId) {
        writes(realm, organizationId, userId);
        writes(realm, organizationId, null);
        delegate.removeOrganizationMember(realm, organizationId, userId);
    }

    @Override
    public void removeUser(RealmModel realm, String userId) {
        writes(realm, null, userId);
        // Their time-out, if any, is cached with the realm.
        writes(realm, null, null);
        delegate.removeUser(realm, userId);
    }

    @Override
    public void removeRealm(String realmId) {
        removes(realmId);
        delegate.removeRealm(realmId);
    }

    @Override
    public void close() {
        delegate.close();
    }

    // --- the cache ------------------------------------------------------------------------

    /** A ladder's cached data (the realm's when organizationId is null), or null when this session must read the database itself. */
    private RbacCache.RealmData cached(RealmModel realm, String organizationId) {
        if (wrote) {
            return null;
        }
        String realmId = realm.getId();
        return cache.realm(RbacCache.ladderKey(realmId, organizationId), () -> organizationId == null
                ? fresh.realm(realmId) : fresh.organization(realmId, organizationId));
    }

    private Map<String, Long> cachedCounts(RealmModel realm, String organizationId, RbacCache.Counts which) {
        if (wrote) {
            return null;
        }
        String realmId = realm.getId();
        return cache.memberCounts(RbacCache.ladderKey(realmId, organizationId), which, () -> organizationId == null
                ? fresh.memberCounts(realmId, which) : fresh.organizationMemberCounts(realmId, organizationId));
    }

    private RbacCache.UserData cachedUser(RealmModel realm, String organizationId, String userId) {
        if (wrote || userId == null) {
            return null;
        }
        String realmId = realm.getId();
        return cache.user(RbacCache.ladderKey(realmId, organizationId), userId, () -> organizationId == null
                ? fresh.user(realmId, userId) : fresh.organizationUser(realmId, organizationId, userId));
    }

    /**
     * Records a write to a ladder ({@code userId} null: its catalogue, roles, visual roles or owners)
     * or to one user's assignments in it, to be invalidated when the transaction ends.
     */
    private void writes(RealmModel realm, String organizationId, String userId) {
        String key = RbacCache.ladderKey(realm.getId(), organizationId);
        pending().add(userId == null ? CacheInvalidation.realm(key) : CacheInvalidation.user(key, userId));
    }

    /** Records that a realm is being removed: everything cached about it goes. */
    private void removes(String realmId) {
        pending().add(CacheInvalidation.realmRemoved(realmId));
    }

    private Set<CacheInvalidation> pending() {
        wrote = true;
        if (pending == null) {
            Set<CacheInvalidation> keys = new LinkedHashSet<>();
            pending = keys;
            atTransactionEnd.accept(() -> {
                keys.forEach(key -> key.applyTo(cache));
                otherNodes.accept(keys);
            });
        }
        return pending;
    }
}
