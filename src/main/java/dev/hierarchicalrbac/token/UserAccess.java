package dev.hierarchicalrbac.token;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.EffectivePermissions;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.Owners;
import dev.hierarchicalrbac.store.RbacStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * What the token mapper writes about one user: effective permissions (design §2), admin role names
 * highest first, the highest position, and visual roles.
 */
record UserAccess(SortedSet<String> permissions, List<String> adminRoles, int highestPosition,
                  List<VisualRole> visualRoles) {

    /** Session attribute prefix of the per-request memo. */
    static final String MEMO_PREFIX = "dev.hierarchicalrbac.token.UserAccess/";

    UserAccess {
        adminRoles = List.copyOf(adminRoles);
        visualRoles = List.copyOf(visualRoles);
    }

    /**
     * The user's access, computed at most once per Keycloak session (one token request runs the
     * mapper for the access token, the ID token and more); the store behind it is cached across
     * requests.
     */
    static UserAccess of(KeycloakSession session, RealmModel realm, UserModel user) {
        String key = MEMO_PREFIX + realm.getId() + "/" + user.getId();
        UserAccess memo = session.getAttribute(key, UserAccess.class);
        if (memo != null) {
            return memo;
        }
        RbacStore store = session.getProvider(RbacStore.class);
        boolean owner = Owners.isOwner(realm, user);
        List<AdminRole> held = store.rolesOf(realm, user.getId());
        List<String> catalogue = owner
                ? store.permissions(realm).stream().map(p -> p.name()).toList()
                : List.of();
        UserAccess access = compute(owner, store.everyone(realm), held, catalogue, store.visualRolesOf(realm, user.getId()));
        session.setAttribute(key, access);
        return access;
    }

    /**
     * @param held the user's admin roles, highest first
     * @param catalogue the realm's permission names, only consulted for an owner
     * @param visualRoles the user's visual roles, in display order
     */
    static UserAccess compute(boolean owner, AdminRole everyone, List<AdminRole> held, Collection<String> catalogue,
                              List<VisualRole> visualRoles) {
        return new UserAccess(EffectivePermissions.of(owner, everyone, held, catalogue),
                held.stream().filter(r -> !r.isEveryone()).map(AdminRole::name).toList(),
                EffectivePermissions.highestPosition(held),
                visualRoles);
    }

    /**
     * Visual roles as claim objects {@code {"name", "color", "icon"}}; colour and icon only when set
     * (Keycloak leaves null values out of tokens anyway, so every response shows the same shape).
     */
    List<Map<String, Object>> visualRoleClaims() {
        return visualRoles.stream().map(v -> {
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
}
