package dev.hierarchicalrbac.token;

import dev.hierarchicalrbac.access.Owners;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.OrganizationLadder;
import dev.hierarchicalrbac.domain.SortedNames;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.RbacStore;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Supplier;

/**
 * What the token mapper writes about one user: effective permissions (design §2), sorted; the
 * highest position; and, only when a mapper asks for them, admin role names highest first and
 * visual roles. The default mapper writes the permissions alone, so a token costs a union of cached
 * permission sets and nothing else.
 */
final class UserAccess {

    /** Session attribute prefix of the per-request memo. */
    static final String MEMO_PREFIX = "dev.hierarchicalrbac.token.UserAccess/";

    private final List<String> permissions;
    private final Lazy<Integer> highestPosition;
    private final Lazy<List<String>> adminRoles;
    private final Lazy<List<VisualRole>> visualRoles;
    private final Lazy<List<OrganizationAccess>> organizations;
    private final Lazy<List<String>> permissionsWithOrganization;

    /** The user's effective permissions in one organization the token is issued for, sorted by name. */
    record OrganizationAccess(String id, String alias, List<String> permissions) {
    }

    /**
     * @param heldRoles the user's admin roles, highest first; asked only when a mapper wants role names
     * @param organizations the active organizations of the token; asked only when a mapper wants them
     */
    UserAccess(SortedSet<String> permissions, Supplier<Integer> highestPosition, Supplier<List<AdminRole>> heldRoles,
               Supplier<List<VisualRole>> visualRoles, Supplier<List<OrganizationAccess>> organizations) {
        this.permissions = permissions instanceof SortedNames names ? names.asList() : List.copyOf(permissions);
        this.highestPosition = new Lazy<>(highestPosition);
        this.adminRoles = new Lazy<>(() -> names(heldRoles.get()));
        this.visualRoles = new Lazy<>(() -> List.copyOf(visualRoles.get()));
        this.organizations = new Lazy<>(() -> List.copyOf(organizations.get()));
        // Once per request: the access token, ID token … of one request all carry the same merge.
        this.permissionsWithOrganization = new Lazy<>(() -> OrganizationLadder.mergedPermissions(this.permissions,
                organizations().stream().map(OrganizationAccess::permissions).toList()));
    }

    UserAccess(SortedSet<String> permissions, Supplier<Integer> highestPosition, Supplier<List<AdminRole>> heldRoles,
               Supplier<List<VisualRole>> visualRoles) {
        this(permissions, highestPosition, heldRoles, visualRoles, List::of);
    }

    /**
     * The user's access, computed at most once per Keycloak session (one token request runs the
     * mapper for the access token, the ID token and more); the store behind it is cached across
     * requests.
     */
    static UserAccess of(KeycloakSession session, RealmModel realm, UserModel user, ClientSessionContext token) {
        String key = MEMO_PREFIX + realm.getId() + "/" + user.getId();
        UserAccess memo = session.getAttribute(key, UserAccess.class);
        if (memo != null) {
            return memo;
        }
        RbacStore store = session.getProvider(RbacStore.class);
        String userId = user.getId();
        // An owner by role mappings, if the token may carry what makes them one (its client's scope).
        boolean owner = token == null ? Owners.isOwner(realm, user) : Owners.isOwnerThrough(realm, user, token.getRolesStream());
        UserAccess access = new UserAccess(store.effectivePermissions(realm, userId, owner),
                () -> store.highestPosition(realm, userId),
                () -> store.rolesOf(realm, userId),
                () -> store.visualRolesOf(realm, userId),
                () -> ActiveOrganizations.of(session, realm, user, token).stream()
                        .map(o -> new OrganizationAccess(o.id(), o.alias(), organizationPermissions(store, realm, o.id(), userId, owner)))
                        .toList());
        session.setAttribute(key, access);
        return access;
    }

    /**
     * The user's effective permissions in an organization they are a member of (Keycloak resolved
     * the token's organizations among theirs): its {@code @everyone} and the roles of its ladder they
     * hold, all of the catalogue for an owner there (a realm owner by the token, or one it named).
     * From the same cache as the realm's ladder. An organization never reached through the extension
     * has no ladder yet and grants nothing; it is not seeded here, a token writes nothing.
     */
    private static List<String> organizationPermissions(RbacStore store, RealmModel realm, String organizationId,
                                                        String userId, boolean realmOwner) {
        List<AdminRole> ladder = store.roles(realm, organizationId);
        if (ladder.isEmpty() || !ladder.get(ladder.size() - 1).isEveryone()) {
            return List.of();
        }
        boolean owner = OrganizationLadder.isOwner(userId, realmOwner, store.organizationOwners(realm, organizationId));
        SortedSet<String> permissions = store.effectivePermissions(realm, organizationId, userId, owner);
        return permissions instanceof SortedNames names ? names.asList() : List.copyOf(permissions);
    }

    /** Effective permissions, sorted by name. */
    List<String> permissions() {
        return permissions;
    }

    /** Names of the admin roles held, highest position first. */
    List<String> adminRoles() {
        return adminRoles.get();
    }

    int highestPosition() {
        return highestPosition.get();
    }

    List<VisualRole> visualRoles() {
        return visualRoles.get();
    }

    /** The active organizations of the token, by alias, with the user's permissions in each. */
    List<OrganizationAccess> organizations() {
        return organizations.get();
    }

    /** The realm's permissions merged with those of the one active organization ({@link OrganizationLadder#mergedPermissions}). */
    List<String> permissionsWithOrganization() {
        return permissionsWithOrganization.get();
    }

    /**
     * The separate claim: per active organization, by alias, its id and the user's permissions there
     * ({@code {"acme": {"id": "…", "permissions": […]}}}); empty when none is active.
     */
    Map<String, Object> organizationClaims() {
        Map<String, Object> claim = new LinkedHashMap<>();
        for (OrganizationAccess organization : organizations()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", organization.id());
            entry.put("permissions", organization.permissions());
            claim.put(organization.alias(), entry);
        }
        return claim;
    }

    /**
     * Visual roles as claim objects {@code {"name", "color", "icon"}}; colour and icon only when set
     * (Keycloak leaves null values out of tokens anyway, so every response shows the same shape).
     */
    List<Map<String, Object>> visualRoleClaims() {
        return visualRoles().stream().map(v -> {
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("name", v.name());
            if (v.color() != null) {
                claim.put("color", v.color());
            }
            if (v.icon() != null) {
                claim.put("icon", v.icon());
            }
            return claim;
        }).toList();
    }

    private static List<String> names(List<AdminRole> held) {
        return held.stream().filter(r -> !r.isEveryone()).map(AdminRole::name).toList();
    }

    /** Computed on first use, within the one request that owns this object. */
    private static final class Lazy<T> implements Supplier<T> {
        private Supplier<T> compute;
        private T value;

        Lazy(Supplier<T> compute) {
            this.compute = compute;
        }

        @Override
        public T get() {
            if (compute != null) {
                value = compute.get();
                compute = null;
            }
            return value;
        }
    }
}
