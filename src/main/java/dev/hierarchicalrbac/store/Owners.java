package dev.hierarchicalrbac.store;

import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.List;

/**
 * Who is an owner of a realm (design §3): a user whom Keycloak itself lets manage the realm, i.e.
 * who holds {@code manage-realm} or {@code realm-admin} of {@code realm-management} (directly, via
 * a composite or a group), or, in the master realm, its {@code admin} role. Keycloak caches role
 * mappings, so a warm check costs no SQL.
 */
public final class Owners {

    private Owners() {
    }

    public static boolean isOwner(RealmModel realm, UserModel user) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            management = realm.getMasterAdminClient();
        }
        if (management != null) {
            for (String name : List.of(AdminRoles.MANAGE_REALM, AdminRoles.REALM_ADMIN)) {
                RoleModel role = management.getRole(name);
                if (role != null && user.hasRole(role)) {
                    return true;
                }
            }
        }
        if (realm.getName().equals(Config.getAdminRealm())) {
            RoleModel admin = realm.getRole(AdminRoles.ADMIN);
            return admin != null && user.hasRole(admin);
        }
        return false;
    }
}
