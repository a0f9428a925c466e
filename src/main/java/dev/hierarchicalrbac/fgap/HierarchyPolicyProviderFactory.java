package dev.hierarchicalrbac.fgap;

import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.store.RbacStore;
import jakarta.ws.rs.core.Response;
import org.keycloak.Config;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.policy.provider.PolicyProvider;
import org.keycloak.authorization.policy.provider.PolicyProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.representations.idm.authorization.PolicyRepresentation;
import org.keycloak.services.ErrorResponse;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Authorization policy type {@value #ID} (design §9): Fine-Grained Admin Permissions v2 of a realm
 * ask it whether the caller may act on one user, and it answers by the hierarchy's rule for users.
 * Its one setting, {@code permissions}, names catalogue permissions the caller must hold besides
 * {@code manage_users}; it is kept in the policy's config as a JSON array.
 */
public final class HierarchyPolicyProviderFactory implements PolicyProviderFactory<HierarchyPolicyRepresentation> {

    public static final String ID = "rbac-hierarchy";
    static final String PERMISSIONS = "permissions";

    private final HierarchyPolicyProvider provider = new HierarchyPolicyProvider();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getName() {
        return "Role hierarchy";
    }

    @Override
    public String getGroup() {
        return "Rule Based";
    }

    @Override
    public String getDescription() {
        return "Grants only on users strictly below the caller's highest role (never an owner), to callers holding manage_users.";
    }

    @Override
    public PolicyProvider create(AuthorizationProvider authorization) {
        return provider;
    }

    @Override
    public PolicyProvider create(KeycloakSession session) {
        return provider;
    }

    @Override
    public HierarchyPolicyRepresentation toRepresentation(Policy policy, AuthorizationProvider authorization) {
        HierarchyPolicyRepresentation representation = new HierarchyPolicyRepresentation();
        representation.setPermissions(requiredPermissions(policy));
        return representation;
    }

    @Override
    public Class<HierarchyPolicyRepresentation> getRepresentationType() {
        return HierarchyPolicyRepresentation.class;
    }

    @Override
    public void onCreate(Policy policy, HierarchyPolicyRepresentation representation, AuthorizationProvider authorization) {
        store(policy, representation.getPermissions(), authorization);
    }

    @Override
    public void onUpdate(Policy policy, HierarchyPolicyRepresentation representation, AuthorizationProvider authorization) {
        store(policy, representation.getPermissions(), authorization);
    }

    @Override
    public void onImport(Policy policy, PolicyRepresentation representation, AuthorizationProvider authorization) {
        Map<String, String> config = representation.getConfig();
        store(policy, parse(config == null ? null : config.get(PERMISSIONS)), authorization);
    }

    @Override
    public void onExport(Policy policy, PolicyRepresentation representation, AuthorizationProvider authorization) {
        representation.setConfig(Map.of(PERMISSIONS, write(requiredPermissions(policy))));
    }

    /** The permissions a policy requires besides {@code manage_users}; none when unset. */
    static Set<String> requiredPermissions(Policy policy) {
        return parse(policy.getConfig().get(PERMISSIONS));
    }

    /**
     * Only names of the realm's catalogue: a typo would otherwise lock every delegated admin out
     * without a word. A 400 from Keycloak's own authorization API, as its own policy types answer.
     */
    private static void store(Policy policy, Set<String> permissions, AuthorizationProvider authorization) {
        Set<String> known = authorization.getKeycloakSession().getProvider(RbacStore.class)
                .permissions(authorization.getRealm()).stream().map(Permission::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(permissions);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw ErrorResponse.error("Policy " + ID + ": unknown permission(s) " + unknown
                    + "; name permissions of the realm's catalogue.", Response.Status.BAD_REQUEST);
        }
        policy.putConfig(PERMISSIONS, write(permissions));
    }

    private static Set<String> parse(String json) {
        if (json == null || json.isBlank()) {
            return new TreeSet<>();
        }
        try {
            return new TreeSet<>(JsonSerialization.readValue(json, TreeSet.class));
        } catch (IOException e) {
            throw ErrorResponse.error("Policy " + ID + ": 'permissions' must be a JSON array of names.", Response.Status.BAD_REQUEST);
        }
    }

    private static String write(Set<String> permissions) {
        try {
            return JsonSerialization.writeValueAsString(new TreeSet<>(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
