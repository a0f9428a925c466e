package dev.hierarchicalrbac.store;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.EffectivePermissions;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.Timeout;
import dev.hierarchicalrbac.domain.VisualRole;
import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * Storage of one realm's permissions, roles and assignments, reached through
 * {@code session.getProvider(RbacStore.class)}. It stores; it does not authorise: callers apply the
 * rules of {@code domain.Hierarchy} first. Every method is scoped by the realm it is given, so an id
 * of another realm is simply not found.
 *
 * <p>Writes that would break a uniqueness rule throw {@link dev.hierarchicalrbac.domain.RbacException}
 * {@code conflict}; unknown ids throw it as {@code not_found}.
 */
public interface RbacStore extends Provider {

    // --- permission catalogue -------------------------------------------------------------

    /** The catalogue, sorted by name. */
    List<Permission> permissions(RealmModel realm);

    Optional<Permission> permission(RealmModel realm, String id);

    Optional<Permission> permissionByName(RealmModel realm, String name);

    /** Adds a custom (not built-in) permission. */
    Permission createPermission(RealmModel realm, String name, String description);

    /** Changes the description, and the name of a custom permission (built-ins keep theirs). */
    Permission updatePermission(RealmModel realm, String id, String name, String description);

    /** Deletes a custom permission and removes it from every role. */
    void deletePermission(RealmModel realm, String id);

    // --- admin roles ----------------------------------------------------------------------
    //
    // Every admin role belongs to one ladder: the realm's own (organizationId null) or one
    // organization's (design §10). Each ladder has its own @everyone, names and positions; an id of
    // another ladder is not found in this one. The methods without organizationId are the realm's.

    /** Every admin role of the realm's ladder, highest position first, {@code @everyone} last. */
    default List<AdminRole> roles(RealmModel realm) {
        return roles(realm, null);
    }

    /** Every admin role of one ladder, highest position first, {@code @everyone} last. */
    List<AdminRole> roles(RealmModel realm, String organizationId);

    default Optional<AdminRole> role(RealmModel realm, String id) {
        return role(realm, null, id);
    }

    Optional<AdminRole> role(RealmModel realm, String organizationId, String id);

    /** The realm's {@code @everyone}; seeded by the lifecycle listeners. */
    default AdminRole everyone(RealmModel realm) {
        return everyone(realm, null);
    }

    /** A ladder's {@code @everyone}: the realm's is seeded with the realm, an organization's by {@link #seedOrganization}. */
    AdminRole everyone(RealmModel realm, String organizationId);

    /** Creates a role from the given values (its id is ignored); permissions are names of this realm. */
    default AdminRole createRole(RealmModel realm, AdminRole values) {
        return createRole(realm, null, values);
    }

    AdminRole createRole(RealmModel realm, String organizationId, AdminRole values);

    /** Changes name, description, colour and icon (never position or permissions). */
    default AdminRole updateRole(RealmModel realm, String id, String name, String description, String color, String icon) {
        return updateRole(realm, null, id, name, description, color, icon);
    }

    AdminRole updateRole(RealmModel realm, String organizationId, String id, String name, String description,
                         String color, String icon);

    /** Replaces the role's permission set (names of this realm's catalogue, which every ladder shares). */
    default AdminRole setRolePermissions(RealmModel realm, String id, Set<String> permissionNames) {
        return setRolePermissions(realm, null, id, permissionNames);
    }

    AdminRole setRolePermissions(RealmModel realm, String organizationId, String id, Set<String> permissionNames);

    /** Moves roles of one ladder to new positions in one transaction; the final positions must be unique. */
    default void moveRoles(RealmModel realm, Map<String, Integer> newPositionById) {
        moveRoles(realm, null, newPositionById);
    }

    void moveRoles(RealmModel realm, String organizationId, Map<String, Integer> newPositionById);

    default void deleteRole(RealmModel realm, String id) {
        deleteRole(realm, null, id);
    }

    void deleteRole(RealmModel realm, String organizationId, String id);

    /** Number of users holding each role of the realm's ladder that has any, by role id. */
    default Map<String, Long> roleMemberCounts(RealmModel realm) {
        return roleMemberCounts(realm, null);
    }

    Map<String, Long> roleMemberCounts(RealmModel realm, String organizationId);

    default List<String> roleMembers(RealmModel realm, String roleId, int first, int max) {
        return roleMembers(realm, null, roleId, first, max);
    }

    List<String> roleMembers(RealmModel realm, String organizationId, String roleId, int first, int max);

    // --- visual roles ---------------------------------------------------------------------

    /** Every visual role, highest display position first. */
    List<VisualRole> visualRoles(RealmModel realm);

    Optional<VisualRole> visualRole(RealmModel realm, String id);

    VisualRole createVisualRole(RealmModel realm, VisualRole values);

    VisualRole updateVisualRole(RealmModel realm, String id, VisualRole values);

    void deleteVisualRole(RealmModel realm, String id);

    Map<String, Long> visualRoleMemberCounts(RealmModel realm);

    List<String> visualRoleMembers(RealmModel realm, String visualRoleId, int first, int max);

    // --- assignments ----------------------------------------------------------------------

    /** The admin roles of the realm's ladder a user holds (never {@code @everyone}, which everybody holds implicitly). */
    default List<AdminRole> rolesOf(RealmModel realm, String userId) {
        return rolesOf(realm, null, userId);
    }

    /** The admin roles of one ladder a user holds: a role of another ladder never counts in this one. */
    List<AdminRole> rolesOf(RealmModel realm, String organizationId, String userId);

    /**
     * {@code effectivePermissions(U)} of design §2, sorted by name: every permission of the realm for
     * an owner (whom the caller has judged), else {@code @everyone}'s and those of every role held.
     * A cached store answers a warm call without SQL or sorting; this is what every token asks.
     */
    default SortedSet<String> effectivePermissions(RealmModel realm, String userId, boolean owner) {
        return effectivePermissions(realm, null, userId, owner);
    }

    /** The same within one ladder: its {@code @everyone} and the roles of it the user holds. */
    default SortedSet<String> effectivePermissions(RealmModel realm, String organizationId, String userId, boolean owner) {
        List<String> catalogue = owner ? permissions(realm).stream().map(Permission::name).toList() : List.of();
        return EffectivePermissions.of(owner, everyone(realm, organizationId), rolesOf(realm, organizationId, userId),
                catalogue, timeout(realm, userId).isPresent());
    }

    /** {@code highestPosition(U)} of design §2: the largest position among the user's roles, 0 without any. */
    default int highestPosition(RealmModel realm, String userId) {
        return highestPosition(realm, null, userId);
    }

    /** The user's highest position in one ladder: it counts only there. */
    default int highestPosition(RealmModel realm, String organizationId, String userId) {
        return EffectivePermissions.highestPosition(rolesOf(realm, organizationId, userId));
    }

    // --- time-outs (design §9) ---------------------------------------------------------------

    /** The user's time-out if one holds now ({@link #now()}); one whose end has passed is none. */
    Optional<Timeout> timeout(RealmModel realm, String userId);

    /** Times the user out (replacing a time-out they have). */
    void setTimeout(RealmModel realm, String userId, Timeout timeout);

    /** @return whether the user had a time-out row (holding or ended) that is now gone */
    boolean clearTimeout(RealmModel realm, String userId);

    /** The time time-outs are judged at: Keycloak's clock, which its tests may move. */
    static Instant now() {
        return Instant.ofEpochMilli(Time.currentTimeMillis());
    }

    /** @return whether anything changed (assignments are idempotent). */
    default boolean assignRole(RealmModel realm, String userId, String roleId) {
        return assignRole(realm, null, userId, roleId);
    }

    /** Assigns a role of one ladder; whether the user may hold it there (membership) is the caller's rule. */
    boolean assignRole(RealmModel realm, String organizationId, String userId, String roleId);

    default boolean unassignRole(RealmModel realm, String userId, String roleId) {
        return unassignRole(realm, null, userId, roleId);
    }

    boolean unassignRole(RealmModel realm, String organizationId, String userId, String roleId);

    List<VisualRole> visualRolesOf(RealmModel realm, String userId);

    boolean assignVisualRole(RealmModel realm, String userId, String visualRoleId);

    boolean unassignVisualRole(RealmModel realm, String userId, String visualRoleId);

    /** Every admin-role assignment of the realm's ladder: role ids by user id. */
    default Map<String, Set<String>> roleAssignments(RealmModel realm) {
        return roleAssignments(realm, null);
    }

    Map<String, Set<String>> roleAssignments(RealmModel realm, String organizationId);

    /** Every visual-role assignment of the realm: visual role ids by user id. */
    Map<String, Set<String>> visualRoleAssignments(RealmModel realm);

    // --- organization owners (design §10) ---------------------------------------------------

    /** The members named owners of an organization (the realm's owners own it without being named). */
    Set<String> organizationOwners(RealmModel realm, String organizationId);

    /** @return whether anything changed (idempotent) */
    boolean addOrganizationOwner(RealmModel realm, String organizationId, String userId);

    boolean removeOrganizationOwner(RealmModel realm, String organizationId, String userId);

    // --- lifecycle ------------------------------------------------------------------------

    /** Makes sure the built-in permissions and {@code @everyone} exist; idempotent. */
    void seedRealm(RealmModel realm);

    /**
     * Makes sure an organization's ladder exists: its {@code @everyone}, with no permissions, created
     * the first time the organization is reached through the extension (README, Decisions); idempotent.
     */
    void seedOrganization(RealmModel realm, String organizationId);

    /** Deletes an organization's ladder, assignments and owners (Keycloak removed the organization). */
    void removeOrganization(RealmModel realm, String organizationId);

    /** Deletes a member's assignments and ownership in an organization they left. */
    void removeOrganizationMember(RealmModel realm, String organizationId, String userId);

    /** Forgets everything about a user that Keycloak removed. */
    void removeUser(RealmModel realm, String userId);

    /** Deletes every row of a realm that Keycloak removed. */
    void removeRealm(String realmId);
}
