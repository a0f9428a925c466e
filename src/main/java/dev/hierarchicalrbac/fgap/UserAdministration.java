package dev.hierarchicalrbac.fgap;

import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.UserAdministrationSettings;
import dev.hierarchicalrbac.store.RbacStore;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.AuthorizationProviderFactory;
import org.keycloak.authorization.fgap.AdminPermissionsSchema;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.model.ResourceServer;
import org.keycloak.authorization.model.Scope;
import org.keycloak.authorization.store.PolicyStore;
import org.keycloak.common.Profile;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.RepresentationToModel;
import org.keycloak.representations.idm.authorization.DecisionStrategy;
import org.keycloak.representations.idm.authorization.Logic;
import org.keycloak.representations.idm.authorization.ScopePermissionRepresentation;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Switches the hierarchy onto Keycloak's own users of a realm and off again (design §9), through
 * Keycloak's Fine-Grained Admin Permissions v2: admin permissions on, a policy of type
 * {@value HierarchyPolicyProviderFactory#ID} and a Users permission deciding the chosen scopes with
 * it, and a realm role that lets delegated admins open the console's Users pages. What it created is
 * marked on the realm, so that switching off removes that and nothing else.
 */
public final class UserAdministration {

    public static final String POLICY_NAME = "rbac-hierarchy";
    public static final String PERMISSION_NAME = "rbac-hierarchy: users";
    /** Realm role for delegated admins: Keycloak's {@code view-users}, so the console opens on the Users list. */
    public static final String CONSOLE_ROLE = "rbac-user-administrator";
    /** Realm attribute: set on import, the realm gets user administration switched on with these settings. */
    public static final String REALM_ATTRIBUTE = "rbac.userAdministration";

    private static final String ENABLED_ADMIN_PERMISSIONS = "rbac.userAdministration.enabledAdminPermissions";
    private static final String CREATED_CONSOLE_ROLE = "rbac.userAdministration.createdConsoleRole";

    private UserAdministration() {
    }

    /** What a realm has now: on when admin permissions are on and both our policy and our permission exist. */
    public record State(boolean enabled, boolean adminPermissionsEnabled, Set<String> scopes, Set<String> permissions,
                        String policyId, String permissionId, String consoleRole) {
    }

    /**
     * The body of {@code PUT /rbac/user-administration} and the value of the realm attribute
     * {@value #REALM_ATTRIBUTE}: {@code enabled} is required; left-out lists take the defaults.
     */
    public record Switch(Boolean enabled, List<String> scopes, List<String> permissions) {
    }

    /** Switches on or off as {@code request} says; 400 naming the field for a bad request. */
    public static State apply(KeycloakSession session, RealmModel realm, Switch request) {
        if (request.enabled() == null) {
            throw RbacException.invalid("enabled", "'enabled' is required: true switches user administration on, false off.");
        }
        if (!request.enabled()) {
            return switchOff(session, realm);
        }
        List<String> catalogue = session.getProvider(RbacStore.class).permissions(realm).stream().map(Permission::name).toList();
        return switchOn(session, realm, UserAdministrationSettings.of(request.scopes(), request.permissions(), catalogue));
    }

    public static State state(KeycloakSession session, RealmModel realm) {
        boolean adminPermissions = AdminPermissionsSchema.SCHEMA.isAdminPermissionsEnabled(realm);
        String consoleRole = realm.getRole(CONSOLE_ROLE) == null ? null : CONSOLE_ROLE;
        ResourceServer server = resourceServer(session, realm);
        if (server == null) {
            return new State(false, adminPermissions, Set.of(), Set.of(), null, null, consoleRole);
        }
        PolicyStore policies = authorization(session, realm).getStoreFactory().getPolicyStore();
        Policy policy = policies.findByName(server, POLICY_NAME);
        Policy permission = policies.findByName(server, PERMISSION_NAME);
        Set<String> scopes = permission == null ? Set.of()
                : permission.getScopes().stream().map(Scope::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> required = policy == null ? Set.of() : HierarchyPolicyProviderFactory.requiredPermissions(policy);
        return new State(adminPermissions && policy != null && permission != null, adminPermissions, scopes, required,
                policy == null ? null : policy.getId(), permission == null ? null : permission.getId(), consoleRole);
    }

    /** Idempotent: creates what is missing and brings the policy and the permission to {@code settings}. */
    public static State switchOn(KeycloakSession session, RealmModel realm, UserAdministrationSettings settings) {
        if (!Profile.isFeatureEnabled(Profile.Feature.ADMIN_FINE_GRAINED_AUTHZ_V2)) {
            throw RbacException.conflict("enabled", "Keycloak's feature admin-fine-grained-authz:v2 is off on this server; "
                    + "user administration needs it (it is on by default).");
        }
        if (realm.getName().equals(org.keycloak.Config.getAdminRealm())) {
            throw RbacException.invalid("enabled", "The master realm's administrators are governed by its own roles; "
                    + "switch user administration on in the realm whose users the hierarchy should govern.");
        }
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            if (!realm.isAdminPermissionsEnabled()) {
                realm.setAdminPermissionsEnabled(true);
                realm.setAttribute(ENABLED_ADMIN_PERMISSIONS, true);
            }
            ensureConsoleRole(realm);
            AuthorizationProvider authorization = authorization(session, realm);
            ResourceServer server = resourceServer(session, realm);
            PolicyStore policies = authorization.getStoreFactory().getPolicyStore();

            HierarchyPolicyRepresentation policyRep = new HierarchyPolicyRepresentation();
            policyRep.setName(POLICY_NAME);
            policyRep.setDescription("Role hierarchy: only users strictly below the caller's highest role, never an owner.");
            policyRep.setLogic(Logic.POSITIVE);
            policyRep.setDecisionStrategy(DecisionStrategy.UNANIMOUS);
            policyRep.setPermissions(settings.permissions());
            Policy policy = policies.findByName(server, POLICY_NAME);
            if (policy == null) {
                policy = policies.create(server, policyRep);
            } else {
                policyRep.setId(policy.getId());
                policy = RepresentationToModel.toModel(policyRep, authorization, policy);
            }

            ScopePermissionRepresentation permissionRep = new ScopePermissionRepresentation();
            permissionRep.setName(PERMISSION_NAME);
            permissionRep.setDescription("Keycloak's Users, decided by the role hierarchy (switched on by PUT /rbac/user-administration).");
            permissionRep.setResourceType(AdminPermissionsSchema.USERS_RESOURCE_TYPE);
            permissionRep.setScopes(new TreeSet<>(settings.scopes()));
            permissionRep.setPolicies(Set.of(policy.getId()));
            permissionRep.setDecisionStrategy(DecisionStrategy.UNANIMOUS);
            permissionRep.setLogic(Logic.POSITIVE);
            Policy permission = policies.findByName(server, PERMISSION_NAME);
            if (permission == null) {
                policies.create(server, permissionRep);
            } else {
                permissionRep.setId(permission.getId());
                RepresentationToModel.toModel(permissionRep, authorization, permission);
            }
            return state(session, realm);
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    /**
     * Removes our permission and policy, the console role if we created it, and turns admin
     * permissions off again only if we turned them on and no other permission is left.
     */
    public static State switchOff(KeycloakSession session, RealmModel realm) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            ResourceServer server = resourceServer(session, realm);
            if (server != null) {
                PolicyStore policies = authorization(session, realm).getStoreFactory().getPolicyStore();
                Policy permission = policies.findByName(server, PERMISSION_NAME);
                if (permission != null) {
                    policies.delete(permission.getId());
                }
                Policy policy = policies.findByName(server, POLICY_NAME);
                if (policy != null) {
                    policies.delete(policy.getId());
                }
                if (Boolean.parseBoolean(realm.getAttribute(ENABLED_ADMIN_PERMISSIONS))
                        && policies.findByResourceServer(server).isEmpty()) {
                    realm.setAdminPermissionsEnabled(false);
                }
            }
            realm.removeAttribute(ENABLED_ADMIN_PERMISSIONS);
            if (Boolean.parseBoolean(realm.getAttribute(CREATED_CONSOLE_ROLE))) {
                RoleModel role = realm.getRole(CONSOLE_ROLE);
                if (role != null) {
                    realm.removeRole(role);
                }
                realm.removeAttribute(CREATED_CONSOLE_ROLE);
            }
            return state(session, realm);
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    /** A realm role holding {@code view-users}; an existing one of that name is the operator's and left as it is. */
    private static void ensureConsoleRole(RealmModel realm) {
        if (realm.getRole(CONSOLE_ROLE) != null) {
            return;
        }
        RoleModel role = realm.addRole(CONSOLE_ROLE);
        role.setDescription("Delegated user administrator: opens the console's Users pages (view-users); what they may do "
                + "to each user is decided by the role hierarchy (policy " + POLICY_NAME + ").");
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management != null && management.getRole(AdminRoles.VIEW_USERS) != null) {
            role.addCompositeRole(management.getRole(AdminRoles.VIEW_USERS));
        }
        realm.setAttribute(CREATED_CONSOLE_ROLE, true);
    }

    /** Bound to {@code realm}: the session's own provider may already be bound to another realm. */
    private static AuthorizationProvider authorization(KeycloakSession session, RealmModel realm) {
        return ((AuthorizationProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(AuthorizationProvider.class)).create(session, realm);
    }

    private static ResourceServer resourceServer(KeycloakSession session, RealmModel realm) {
        ClientModel client = realm.getAdminPermissionsClient();
        return client == null ? null : authorization(session, realm).getStoreFactory().getResourceServerStore().findByClient(client);
    }
}
