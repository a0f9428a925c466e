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

    /** Every admin role of the realm, highest position first, {@code @everyone} last. */
    List<AdminRole> roles(RealmModel realm);

    Optional<AdminRole> role(RealmModel realm, String id);

    /** The realm's {@code @everyone}; seeded by the lifecycle listeners. */
    AdminRole everyone(RealmModel realm);

    /** Creates a role from the given values (its id is ignored); permissions are names of this realm. */
    AdminRole createRole(RealmModel realm, AdminRole values);

    /** Changes name, description, colour and icon (never position or permissions). */
    AdminRole updateRole(RealmModel realm, String id, String name, String description, String color, String icon);

    /** Replaces the role's permission set (names of this realm). */
    AdminRole setRolePermissions(RealmModel realm, String id, Set<String> permissionNames);

    /** Moves roles to new positions in one transaction; the final positions must be unique. */
    void moveRoles(RealmModel realm, Map<String, Integer> newPositionById);

    void deleteRole(RealmModel realm, String id);

    /** Number of users holding each role that has any, by role id. */
    Map<String, Long> roleMemberCounts(RealmModel realm);

    List<String> roleMembers(RealmModel realm, String roleId, int first, int max);

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

    /** The admin roles a user holds (never {@code @everyone}, which everybody holds implicitly). */
    List<AdminRole> rolesOf(RealmModel realm, String userId);

    /**
     * {@code effectivePermissions(U)} of design §2, sorted by name: every permission of the realm for
     * an owner (whom the caller has judged), else {@code @everyone}'s and those of every role held.
     * A cached store answers a warm call without SQL or sorting; this is what every token asks.
     */
    default SortedSet<String> effectivePermissions(RealmModel realm, String userId, boolean owner) {
        List<String> catalogue = owner ? permissions(realm).stream().map(Permission::name).toList() : List.of();
        return EffectivePermissions.of(owner, everyone(realm), rolesOf(realm, userId), catalogue,
                timeout(realm, userId).isPresent());
    }

    /** {@code highestPosition(U)} of design §2: the largest position among the user's roles, 0 without any. */
    default int highestPosition(RealmModel realm, String userId) {
        return EffectivePermissions.highestPosition(rolesOf(realm, userId));
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
    boolean assignRole(RealmModel realm, String userId, String roleId);

    boolean unassignRole(RealmModel realm, String userId, String roleId);

    List<VisualRole> visualRolesOf(RealmModel realm, String userId);

    boolean assignVisualRole(RealmModel realm, String userId, String visualRoleId);

    boolean unassignVisualRole(RealmModel realm, String userId, String visualRoleId);

    /** Every admin-role assignment of the realm: role ids by user id. */
    Map<String, Set<String>> roleAssignments(RealmModel realm);

    /** Every visual-role assignment of the realm: visual role ids by user id. */
    Map<String, Set<String>> visualRoleAssignments(RealmModel realm);

    // --- lifecycle ------------------------------------------------------------------------

    /** Makes sure the built-in permissions and {@code @everyone} exist; idempotent. */
    void seedRealm(RealmModel realm);

    /** Forgets everything about a user that Keycloak removed. */
    void removeUser(RealmModel realm, String userId);

    /** Deletes every row of a realm that Keycloak removed. */
    void removeRealm(String realmId);
}
