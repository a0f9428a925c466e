package dev.hierarchicalrbac.access;

import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Who is an owner of a realm (design §3): a user whom Keycloak itself lets manage the realm, i.e.
 * who holds {@code manage-realm} of {@code realm-management} (directly, via a composite such as
 * {@code realm-admin}, or via a group), or, in the master realm, its {@code admin} role. Keycloak's
 * own check ({@code canManageRealm}) asks for {@code manage-realm} alone, and so does this one:
 * {@code realm-admin} counts because it contains it. Keycloak caches role mappings, so a warm check
 * costs no SQL; it runs for every token, so it asks one role, not two.
 */
public final class Owners {

    private Owners() {
    }

    /**
     * The master realm's name, read once: {@code Config.getAdminRealm()} builds a configuration scope
     * on every call, which the benchmark's profile caught in every non-owner's token.
     */
    private static final class AdminRealm {
        static final String NAME = Config.getAdminRealm();
    }

    /**
     * Whether a token of {@code user} makes them an owner: {@link #isOwner(RealmModel, UserModel)}, and
     * the role that makes them one among the roles the token may carry (its client's scope, composites
     * expanded). A client with full scope off carries no ownership, just as Keycloak's own admin API,
     * which reads the token, would not let that token manage the realm; so the claim of a token and
     * {@code /me} called with it agree.
     */
    public static boolean isOwnerThrough(RealmModel realm, UserModel user, Stream<RoleModel> tokenRoles) {
        if (!isOwner(realm, user)) {
            return false;
        }
        Set<String> ownerRoleIds = new HashSet<>();
        ownerRoles(realm).forEach(role -> ownerRoleIds.add(role.getId()));
        return tokenRoles.anyMatch(role -> ownerRoleIds.contains(role.getId()));
    }

    /**
     * The same judgement for a caller whose token is seen only through questions about its roles, as
     * an authorization policy sees it ({@code Identity.hasClientRole}).
     */
    public static boolean isOwnerThrough(RealmModel realm, UserModel user, Predicate<RoleModel> tokenCarries) {
        return isOwner(realm, user) && ownerRoles(realm).stream().anyMatch(tokenCarries);
    }

    /** The roles that make their holder an owner: {@code manage-realm}, and in the master realm {@code admin}. */
    private static List<RoleModel> ownerRoles(RealmModel realm) {
        List<RoleModel> ownerRoles = new ArrayList<>(2);
        RoleModel manageRealm = manageRealm(realm);
        if (manageRealm != null) {
            ownerRoles.add(manageRealm);
        }
        if (realm.getName().equals(AdminRealm.NAME) && realm.getRole(AdminRoles.ADMIN) != null) {
            ownerRoles.add(realm.getRole(AdminRoles.ADMIN));
        }
        return ownerRoles;
    }

    private static RoleModel manageRealm(RealmModel realm) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            management = realm.getMasterAdminClient();
        }
        return management == null ? null : management.getRole(AdminRoles.MANAGE_REALM);
    }

    /** Whether a user of {@code realm} owns it, by their role mappings (no token involved: targets of a rule). */
    public static boolean isOwner(RealmModel realm, UserModel user) {
        RoleModel manageRealm = manageRealm(realm);
        if (manageRealm != null && user.hasRole(manageRealm)) {
            return true;
        }
        if (realm.getName().equals(AdminRealm.NAME)) {
            RoleModel admin = realm.getRole(AdminRoles.ADMIN);
            return admin != null && user.hasRole(admin);
        }
        return false;
    }
}
