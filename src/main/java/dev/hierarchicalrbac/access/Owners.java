package dev.hierarchicalrbac.access;

import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

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
     * Whether {@code user}, signed in to {@code userRealm}, owns {@code realm}: a user of the realm
     * itself by {@link #isOwner(RealmModel, UserModel)}; a user of the master realm by its
     * {@code admin} role or by {@code manage-realm} of the master realm's client for {@code realm}
     * ({@code <realm>-realm}), as Keycloak grants cross-realm administration. The one owner test of
     * the REST API, the same as the tokens': judged on the user's role mappings, so a token from a
     * client with full scope off does not make its user less of an owner.
     */
    public static boolean isOwner(RealmModel realm, RealmModel userRealm, UserModel user) {
        if (userRealm.getId().equals(realm.getId())) {
            return isOwner(realm, user);
        }
        if (!userRealm.getName().equals(AdminRealm.NAME)) {
            return false;
        }
        RoleModel admin = userRealm.getRole(AdminRoles.ADMIN);
        if (admin != null && user.hasRole(admin)) {
            return true;
        }
        ClientModel masterClient = realm.getMasterAdminClient();
        RoleModel manageRealm = masterClient == null ? null : masterClient.getRole(AdminRoles.MANAGE_REALM);
        return manageRealm != null && user.hasRole(manageRealm);
    }

    /** Whether a user of {@code realm} owns it (the token mapper's test: the user's role mappings). */
    public static boolean isOwner(RealmModel realm, UserModel user) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            management = realm.getMasterAdminClient();
        }
        if (management != null) {
            RoleModel manageRealm = management.getRole(AdminRoles.MANAGE_REALM);
            if (manageRealm != null && user.hasRole(manageRealm)) {
                return true;
            }
        }
        if (realm.getName().equals(AdminRealm.NAME)) {
            RoleModel admin = realm.getRole(AdminRoles.ADMIN);
            return admin != null && user.hasRole(admin);
        }
        return false;
    }
}
