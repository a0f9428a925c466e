package dev.hierarchicalrbac.token;

import dev.hierarchicalrbac.access.Owners;
import dev.hierarchicalrbac.domain.AdminRole;
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

    /**
     * @param heldRoles the user's admin roles, highest first; asked only when a mapper wants role names
     */
    UserAccess(SortedSet<String> permissions, Supplier<Integer> highestPosition, Supplier<List<AdminRole>> heldRoles,
               Supplier<List<VisualRole>> visualRoles) {
        this.permissions = permissions instanceof SortedNames names ? names.asList() : List.copyOf(permissions);
        this.highestPosition = new Lazy<>(highestPosition);
        this.adminRoles = new Lazy<>(() -> names(heldRoles.get()));
        this.visualRoles = new Lazy<>(() -> List.copyOf(visualRoles.get()));
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
                () -> store.visualRolesOf(realm, userId));
        session.setAttribute(key, access);
        return access;
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
