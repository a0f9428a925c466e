package dev.hierarchicalrbac.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.AdminClient.expect;

/**
 * A realm of its own for one token test: a confidential client {@value #CLIENT} (password grant,
 * service account) carrying the RBAC mapper with every option on, a resource server {@value #API}
 * that introspects its tokens (Keycloak 26.7 wants the introspecting client in the token's
 * audience, so {@value #CLIENT} has an audience mapper for it), users, and the extension's REST API
 * driven as an owner (the master realm's admin).
 */
public final class TokenScene {

    public static final String CLIENT = "rbac-app";
    public static final String API = "rbac-api";
    public static final String MAPPER_TYPE = "rbac-effective-permissions-mapper";
    public static final String MAPPER_NAME = "rbac permissions";

    public final KeycloakServer server;
    public final String realm;
    public final String secret;
    public final String apiSecret;
    public final String clientUuid;
    public final Tokens tokens;

    private AdminClient admin;
    private Instant adminSince;

    private TokenScene(KeycloakServer server, String realm) {
        this.server = server;
        this.realm = realm;
        this.secret = "secret-" + Sql.shortId();
        this.apiSecret = "api-secret-" + Sql.shortId();
        admin().createRealm(realm);
        createApi();
        this.clientUuid = createClient(CLIENT);
        this.tokens = new Tokens(server.baseUrl(), realm);
    }

    private TokenScene(TokenScene scene, KeycloakServer server) {
        this.server = server;
        this.realm = scene.realm;
        this.secret = scene.secret;
        this.apiSecret = scene.apiSecret;
        this.clientUuid = scene.clientUuid;
        this.tokens = new Tokens(server.baseUrl(), realm);
    }

    /** The same realm, clients and secrets, reached through another node of a cluster. */
    public TokenScene through(KeycloakServer otherNode) {
        return new TokenScene(this, otherNode);
    }

    public static TokenScene create(KeycloakServer server, String prefix) {
        return new TokenScene(server, prefix + "-" + Sql.shortId());
    }

    /** The master admin; tokens of the master realm live 60 s, so sign in again now and then. */
    public AdminClient admin() {
        if (admin == null || adminSince.isBefore(Instant.now().minus(Duration.ofSeconds(30)))) {
            admin = server.admin();
            adminSince = Instant.now();
        }
        return admin;
    }

    public static Map<String, String> defaultMapperConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("claim.name", "permissions");
        config.put("access.token.claim", "true");
        config.put("id.token.claim", "true");
        config.put("userinfo.token.claim", "true");
        config.put("introspection.token.claim", "true");
        config.put("lightweight.claim", "false");
        config.put("rbac.admin.roles", "true");
        config.put("rbac.highest.position", "true");
        config.put("rbac.visual.roles", "true");
        return config;
    }

    /**
     * Another confidential client like {@value #CLIENT}, with the same secret and mapper, for the
     * client-credentials grant of its own service-account user; answers that user's id.
     */
    public String serviceClient(String clientId) {
        String uuid = createClient(clientId);
        return expect(200, admin().get(adminPath("/clients/" + uuid + "/service-account-user"))).json().get("id").asText();
    }

    private String createClient(String clientId) {
        ObjectNode client = JSON.createObjectNode()
                .put("clientId", clientId).put("enabled", true).put("protocol", "openid-connect")
                .put("publicClient", false).put("secret", secret)
                .put("standardFlowEnabled", false).put("directAccessGrantsEnabled", true)
                .put("serviceAccountsEnabled", true);
        ObjectNode mapper = client.putArray("protocolMappers").addObject()
                .put("name", MAPPER_NAME).put("protocol", "openid-connect").put("protocolMapper", MAPPER_TYPE);
        mapper.set("config", JSON.valueToTree(defaultMapperConfig()));
        ObjectNode audience = ((ArrayNode) client.get("protocolMappers")).addObject()
                .put("name", "api audience").put("protocol", "openid-connect").put("protocolMapper", "oidc-audience-mapper");
        audience.putObject("config").put("included.client.audience", API)
                .put("access.token.claim", "true").put("introspection.token.claim", "true");
        String location = expect(201, admin().post(adminPath("/clients"), client)).header("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The resource server: a confidential client with no flows of its own, only introspection. */
    private void createApi() {
        ObjectNode api = JSON.createObjectNode()
                .put("clientId", API).put("enabled", true).put("protocol", "openid-connect")
                .put("publicClient", false).put("secret", apiSecret)
                .put("standardFlowEnabled", false).put("directAccessGrantsEnabled", false)
                .put("serviceAccountsEnabled", false);
        expect(201, admin().post(adminPath("/clients"), api));
    }

    /** Introspection by the resource server. */
    public JsonNode introspect(String token) {
        return tokens.introspect(API, apiSecret, token);
    }

    public String adminPath(String path) {
        return "/admin/realms/" + realm + path;
    }

    public String rbac(String path) {
        return adminPath("/rbac" + path);
    }

    // --- users ----------------------------------------------------------------------------

    /** A user whose password is its name followed by "-pass". */
    public String user(String username) {
        return admin().createUser(realm, username, username + "-pass");
    }

    /** Makes a user an owner: {@code realm-admin} of {@code realm-management}. */
    public void makeOwner(String userId) {
        grantManagementRole(userId, "realm-admin");
    }

    /** Grants a role of the realm's {@code realm-management} client (manage-realm, view-realm, ...). */
    public void grantManagementRole(String userId, String roleName) {
        String management = admin().get(adminPath("/clients?clientId=realm-management")).json().get(0).get("id").asText();
        JsonNode role = expect(200, admin().get(adminPath("/clients/" + management + "/roles/" + roleName))).json();
        ArrayNode roles = JSON.createArrayNode().add(role);
        expect(204, admin().post(adminPath("/users/" + userId + "/role-mappings/clients/" + management), roles));
    }

    public String serviceAccountUserId() {
        return expect(200, admin().get(adminPath("/clients/" + clientUuid + "/service-account-user"))).json().get("id").asText();
    }

    // --- client settings --------------------------------------------------------------------

    public void setClientAttribute(String name, String value) {
        ObjectNode client = (ObjectNode) expect(200, admin().get(adminPath("/clients/" + clientUuid))).json();
        ObjectNode attributes = client.has("attributes") ? (ObjectNode) client.get("attributes") : client.putObject("attributes");
        attributes.put(name, value);
        expect(204, admin().put(adminPath("/clients/" + clientUuid), client));
    }

    public void setMapperConfig(String key, String value) {
        for (JsonNode mapper : expect(200, admin().get(adminPath("/clients/" + clientUuid + "/protocol-mappers/models"))).json()) {
            if (MAPPER_NAME.equals(mapper.get("name").asText())) {
                ((ObjectNode) mapper.get("config")).put(key, value);
                expect(204, admin().put(adminPath("/clients/" + clientUuid + "/protocol-mappers/models/" + mapper.get("id").asText()), mapper));
                return;
            }
        }
        throw new AssertionError("mapper " + MAPPER_NAME + " not found");
    }

    // --- the extension's REST API -------------------------------------------------------------

    public String createPermission(String name) {
        return id(expect(201, admin().post(rbac("/permissions"), Map.of("name", name, "description", "test permission"))));
    }

    public void deletePermission(String id) {
        expect(204, admin().delete(rbac("/permissions/" + id)));
    }

    public String createRole(String name, int position, String... permissions) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("name", name);
        role.put("position", position);
        role.put("permissions", List.of(permissions));
        return id(expect(201, admin().post(rbac("/roles"), role)));
    }

    public void setRolePermissions(String roleId, String... permissions) {
        expect(200, admin().put(rbac("/roles/" + roleId), Map.of("permissions", List.of(permissions))));
    }

    public void deleteRole(String roleId) {
        expect(204, admin().delete(rbac("/roles/" + roleId)));
    }

    public void reorder(Map<String, Integer> positions) {
        List<Map<String, Object>> body = new ArrayList<>();
        positions.forEach((id, position) -> body.add(Map.of("id", id, "position", position)));
        expect(200, admin().put(rbac("/roles/positions"), body));
    }

    public String everyoneId() {
        for (JsonNode role : expect(200, admin().get(rbac("/roles"))).json()) {
            if (role.get("everyone").asBoolean()) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("no @everyone in " + realm);
    }

    public void assign(String userId, String roleId) {
        expect(204, admin().put(rbac("/users/" + userId + "/roles/" + roleId), ""));
    }

    public void unassign(String userId, String roleId) {
        expect(204, admin().delete(rbac("/users/" + userId + "/roles/" + roleId)));
    }

    public String createVisualRole(String name, String color, String icon, int position) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("name", name);
        role.put("color", color);
        role.put("icon", icon);
        role.put("position", position);
        return id(expect(201, admin().post(rbac("/visual-roles"), role)));
    }

    public void updateVisualRole(String id, Map<String, Object> changes) {
        expect(200, admin().put(rbac("/visual-roles/" + id), changes));
    }

    public void wear(String userId, String visualRoleId) {
        expect(204, admin().put(rbac("/users/" + userId + "/visual-roles/" + visualRoleId), ""));
    }

    public void takeOff(String userId, String visualRoleId) {
        expect(204, admin().delete(rbac("/users/" + userId + "/visual-roles/" + visualRoleId)));
    }

    // --- an organization's ladder (design §10) ------------------------------------------------

    public String organization(String organizationId) {
        return rbac("/organizations/" + organizationId);
    }

    public String createOrganizationRole(String organizationId, String name, int position, String... permissions) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("name", name);
        role.put("position", position);
        role.put("permissions", List.of(permissions));
        return id(expect(201, admin().post(organization(organizationId) + "/roles", role)));
    }

    public void setOrganizationRolePermissions(String organizationId, String roleId, String... permissions) {
        expect(200, admin().put(organization(organizationId) + "/roles/" + roleId, Map.of("permissions", List.of(permissions))));
    }

    public String organizationEveryoneId(String organizationId) {
        for (JsonNode role : expect(200, admin().get(organization(organizationId) + "/roles")).json()) {
            if (role.get("everyone").asBoolean()) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("no @everyone in organization " + organizationId);
    }

    public void assignInOrganization(String organizationId, String userId, String roleId) {
        expect(204, admin().put(organization(organizationId) + "/users/" + userId + "/roles/" + roleId, ""));
    }

    public void unassignInOrganization(String organizationId, String userId, String roleId) {
        expect(204, admin().delete(organization(organizationId) + "/users/" + userId + "/roles/" + roleId));
    }

    public List<String> catalogue() {
        List<String> names = new ArrayList<>();
        expect(200, admin().get(rbac("/permissions"))).json().forEach(p -> names.add(p.get("name").asText()));
        return names.stream().sorted().toList();
    }

    private static String id(AdminClient.Response created) {
        return created.json().get("id").asText();
    }
}
