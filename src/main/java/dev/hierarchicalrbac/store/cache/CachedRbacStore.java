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
 * {@link #cached(RealmModel)}; a write calls {@link #writes(String, String)} (or
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
        RbacCache.RealmData data = cached(realm);
        return data != null ? data.permissions() : delegate.permissions(realm);
    }

    @Override
    public Optional<Permission> permission(RealmModel realm, String id) {
        RbacCache.RealmData data = cached(realm);
        return data != null ? Optional.ofNullable(data.permission(id)) : delegate.permission(realm, id);
    }

    @Override
    public Optional<Permission> permissionByName(RealmModel realm, String name) {
        RbacCache.RealmData data = cached(realm);
        return data != null ? Optional.ofNullable(data.permissionByName(name)) : delegate.permissionByName(realm, name);
    }

    @Override
    public Permission createPermission(RealmModel realm, String name, String description) {
        writes(realm.getId(), null);
        return delegate.createPermission(realm, name, description);
    }

    @Override
    public Permission updatePermission(RealmModel realm, String id, String name, String description) {
        writes(realm.getId(), null);
        return delegate.updatePermission(realm, id, name, description);
    }

    @Override
    public void deletePermission(RealmModel realm, String id) {
        writes(realm.getId(), null);
        delegate.deletePermission(realm, id);
    }

    // --- admin roles ----------------------------------------------------------------------

    @Override
    public List<AdminRole> roles(RealmModel realm) {
        RbacCache.RealmData data = cached(realm);
        return data != null ? data.roles() : delegate.roles(realm);
    }

    @Override
    public Optional<AdminRole> role(RealmModel realm, String id) {
        RbacCache.RealmData data = cached(realm);
        return data != null ? Optional.ofNullable(data.role(id)) : delegate.role(realm, id);
    }

    @Override
    public AdminRole everyone(RealmModel realm) {
        RbacCache.RealmData data = cached(realm);
        return data != null ? data.everyone() : delegate.everyone(realm);
    }

    @Override
    public AdminRole createRole(RealmModel realm, AdminRole values) {
        writes(realm.getId(), null);
        return delegate.createRole(realm, values);
    }

    @Override
    public AdminRole updateRole(RealmModel realm, String id, String name, String description, String color, String icon) {
        writes(realm.getId(), null);
        return delegate.updateRole(realm, id, name, description, color, icon);
    }

    @Override
    public AdminRole setRolePermissions(RealmModel realm, String id, Set<String> permissionNames) {
        writes(realm.getId(), null);
        return delegate.setRolePermissions(realm, id, permissionNames);
    }

    @Override
    public void moveRoles(RealmModel realm, Map<String, Integer> newPositionById) {
        writes(realm.getId(), null);
        delegate.moveRoles(realm, newPositionById);
    }

    @Override
    public void deleteRole(RealmModel realm, String id) {
        // Members' cached entries keep the id, which no longer resolves: no user entry to drop.
        writes(realm.getId(), null);
        delegate.deleteRole(realm, id);
    }

    @Override
    public Map<String, Long> roleMemberCounts(RealmModel realm) {
        Map<String, Long> counts = cachedCounts(realm, RbacCache.Counts.ROLE_MEMBERS);
        return counts != null ? counts : delegate.roleMemberCounts(realm);
    }

    @Override
    public List<String> roleMembers(RealmModel realm, String roleId, int first, int max) {
        return delegate.roleMembers(realm, roleId, first, max);
    }

    // --- visual roles ---------------------------------------------------------------------

    @Override
    public List<VisualRole> visualRoles(RealmModel realm) {
        RbacCache.RealmData data = cached(realm);
        return data != null ? data.visualRoles() : delegate.visualRoles(realm);
    }

    @Override
    public Optional<VisualRole> visualRole(RealmModel realm, String id) {
        RbacCache.RealmData data = cached(realm);
        return data != null ? Optional.ofNullable(data.visualRole(id)) : delegate.visualRole(realm, id);
    }

    @Override
    public VisualRole createVisualRole(RealmModel realm, VisualRole values) {
        writes(realm.getId(), null);
        return delegate.createVisualRole(realm, values);
    }

    @Override
    public VisualRole updateVisualRole(RealmModel realm, String id, VisualRole values) {
        writes(realm.getId(), null);
        return delegate.updateVisualRole(realm, id, values);
    }

    @Override
    public void deleteVisualRole(RealmModel realm, String id) {
        writes(realm.getId(), null);
        delegate.deleteVisualRole(realm, id);
    }

    @Override
    public Map<String, Long> visualRoleMemberCounts(RealmModel realm) {
        Map<String, Long> counts = cachedCounts(realm, RbacCache.Counts.VISUAL_ROLE_MEMBERS);
        return counts != null ? counts : delegate.visualRoleMemberCounts(realm);
    }

    @Override
    public List<String> visualRoleMembers(RealmModel realm, String visualRoleId, int first, int max) {
        return delegate.visualRoleMembers(realm, visualRoleId, first, max);
    }

    // --- assignments ----------------------------------------------------------------------

    /** Whole-realm listings (export, import) read the database: they are rare and must be exact. */
    @Override
    public Map<String, Set<String>> roleAssignments(RealmModel realm) {
        return delegate.roleAssignments(realm);
    }

    @Override
    public Map<String, Set<String>> visualRoleAssignments(RealmModel realm) {
        return delegate.visualRoleAssignments(realm);
    }

    @Override
    public List<AdminRole> rolesOf(RealmModel realm, String userId) {
        RbacCache.RealmData data = cached(realm);
        RbacCache.UserData user = data == null ? null : cachedUser(realm, userId);
        return user != null ? data.rolesOf(user) : delegate.rolesOf(realm, userId);
    }

    @Override
    public SortedSet<String> effectivePermissions(RealmModel realm, String userId, boolean owner) {
        RbacCache.RealmData data = cached(realm);
        RbacCache.UserData user = data == null ? null : cachedUser(realm, userId);
        return user != null ? data.effectivePermissions(user, owner, data.timeout(userId, RbacStore.now()) != null)
                : delegate.effectivePermissions(realm, userId, owner);
    }

    @Override
    public int highestPosition(RealmModel realm, String userId) {
        RbacCache.RealmData data = cached(realm);
        RbacCache.UserData user = data == null ? null : cachedUser(realm, userId);
        return user != null ? data.highestPosition(user) : delegate.highestPosition(realm, userId);
    }

    @Override
    public Optional<Timeout> timeout(RealmModel realm, String userId) {
        RbacCache.RealmData data = cached(realm);
        return data != null ? Optional.ofNullable(data.timeout(userId, RbacStore.now())) : delegate.timeout(realm, userId);
    }

    /** Time-outs are cached with the realm (they are few): a change invalidates the realm's entry. */
    @Override
    public void setTimeout(RealmModel realm, String userId, Timeout timeout) {
        writes(realm.getId(), null);
        delegate.setTimeout(realm, userId, timeout);
    }

    @Override
    public boolean clearTimeout(RealmModel realm, String userId) {
        writes(realm.getId(), null);
        return delegate.clearTimeout(realm, userId);
    }

    @Override
    public boolean assignRole(RealmModel realm, String userId, String roleId) {
        writes(realm.getId(), userId);
        return delegate.assignRole(realm, userId, roleId);
    }

    @Override
    public boolean unassignRole(RealmModel realm, String userId, String roleId) {
        writes(realm.getId(), userId);
        return delegate.unassignRole(realm, userId, roleId);
    }

    @Override
    public List<VisualRole> visualRolesOf(RealmModel realm, String userId) {
        RbacCache.RealmData data = cached(realm);
        RbacCache.UserData user = data == null ? null : cachedUser(realm, userId);
        return user != null ? data.visualRolesOf(user) : delegate.visualRolesOf(realm, userId);
    }

    @Override
    public boolean assignVisualRole(RealmModel realm, String userId, String visualRoleId) {
        writes(realm.getId(), userId);
        return delegate.assignVisualRole(realm, userId, visualRoleId);
    }

    @Override
    public boolean unassignVisualRole(RealmModel realm, String userId, String visualRoleId) {
        writes(realm.getId(), userId);
        return delegate.unassignVisualRole(realm, userId, visualRoleId);
    }

    // --- lifecycle ------------------------------------------------------------------------

    @Override
    public void seedRealm(RealmModel realm) {
        writes(realm.getId(), null);
        delegate.seedRealm(realm);
    }

    @Override
    public void removeUser(RealmModel realm, String userId) {
        writes(realm.getId(), userId);
        // Their time-out, if any, is cached with the realm.
        writes(realm.getId(), null);
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

    /** The realm's cached data, or null when this session must read the database itself. */
    private RbacCache.RealmData cached(RealmModel realm) {
        if (wrote) {
            return null;
        }
        return cache.realm(realm.getId(), () -> fresh.realm(realm.getId()));
    }

    private Map<String, Long> cachedCounts(RealmModel realm, RbacCache.Counts which) {
        if (wrote) {
            return null;
        }
        return cache.memberCounts(realm.getId(), which, () -> fresh.memberCounts(realm.getId(), which));
    }

    private RbacCache.UserData cachedUser(RealmModel realm, String userId) {
        if (wrote || userId == null) {
            return null;
        }
        return cache.user(realm.getId(), userId, () -> fresh.user(realm.getId(), userId));
    }

    /**
     * Records a write to a realm ({@code userId} null: its catalogue, roles or visual roles) or to
     * one user's assignments, to be invalidated when the transaction ends.
     */
    private void writes(String realmId, String userId) {
        pending().add(userId == null ? CacheInvalidation.realm(realmId) : CacheInvalidation.user(realmId, userId));
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
