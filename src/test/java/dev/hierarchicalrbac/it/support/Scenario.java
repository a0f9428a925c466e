package dev.hierarchicalrbac.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.AdminClient.expect;

/**
 * A realm of its own for one test class, with users who sign in for real through a public client
 * and so call the API with their own tokens. The standard cast:
 *
 * <pre>
 *   role        position  permissions
 *   Admin       50        all eight built-ins
 *   Moderator   20        manage_roles, manage_users, manage_permissions, view_logs
 *   Curator     15        manage_roles
 *   Helper      10        manage_users
 *   Lowest       5        (none)
 *
 *   user     holds                       note
 *   owner    realm-admin of Keycloak     an owner: bypasses everything
 *   admin    Admin
 *   mod      Moderator
 *   mod2     Moderator                   same top position as mod
 *   curator  Curator
 *   helper   Helper
 *   plain    (nothing)
 *   viewer   (nothing) + Keycloak view-users
 * </pre>
 */
public final class Scenario {

    public static final String CLIENT = "rbac-test";
    public static final String PASSWORD = "Pa55word!";
    public static final List<String> BUILT_INS = List.of("manage_invites", "manage_permissions", "manage_plugins",
            "manage_roles", "manage_servers", "manage_settings", "manage_users", "view_logs");

    public final KeycloakServer server;
    public final String realm;
    public final AdminClient master;
    public final Map<String, String> userIds = new HashMap<>();
    public final Map<String, String> roleIds = new HashMap<>();
    private final Map<String, AdminClient> clients = new HashMap<>();

    private Scenario(KeycloakServer server, String realm) {
        this.server = server;
        this.realm = realm;
        this.master = server.admin();
    }

    /** An empty realm with the test client and an owner. */
    public static Scenario empty(String prefix) {
        Scenario s = new Scenario(KeycloakServer.shared(), prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        s.master.createRealm(s.realm);
        ObjectNode client = JSON.createObjectNode().put("clientId", CLIENT).put("publicClient", true)
                .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
        expect(201, s.master.post("/admin/realms/" + s.realm + "/clients", client));
        s.user("owner");
        s.grantKeycloakRole("owner", "realm-admin");
        return s;
    }

    /** The standard cast above. */
    public static Scenario standard(String prefix) {
        Scenario s = empty(prefix);
        s.role("Admin", 50, BUILT_INS.toArray(String[]::new));
        s.role("Moderator", 20, "manage_roles", "manage_users", "manage_permissions", "view_logs");
        s.role("Curator", 15, "manage_roles");
        s.role("Helper", 10, "manage_users");
        s.role("Lowest", 5);
        s.user("admin", "Admin");
        s.user("mod", "Moderator");
        s.user("mod2", "Moderator");
        s.user("curator", "Curator");
        s.user("helper", "Helper");
        s.user("plain");
        s.user("viewer");
        s.grantKeycloakRole("viewer", "view-users");
        return s;
    }

    public String api() {
        return "/admin/realms/" + realm + "/rbac";
    }

    /** Creates an admin role through the API as the master admin (an owner). */
    public String role(String name, int position, String... permissions) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("position", position);
        body.putArray("permissions").addAll(java.util.Arrays.stream(permissions).map(JSON.getNodeFactory()::textNode).toList());
        String id = expect(201, master.post(api() + "/roles", body)).json().get("id").asText();
        roleIds.put(name, id);
        return id;
    }

    public String roleId(String name) {
        return roleIds.computeIfAbsent(name, n -> {
            for (JsonNode role : expect(200, master.get(api() + "/roles")).json()) {
                if (role.get("name").asText().equals(n)) {
                    return role.get("id").asText();
                }
            }
            throw new AssertionError("No role " + n);
        });
    }

    public String permissionId(String name) {
        for (JsonNode p : expect(200, master.get(api() + "/permissions")).json()) {
            if (p.get("name").asText().equals(name)) {
                return p.get("id").asText();
            }
        }
        throw new AssertionError("No permission " + name);
    }

    /** Creates a user who can sign in, holding the given admin roles. */
    public String user(String username, String... roles) {
        String id = master.createUser(realm, username, PASSWORD);
        userIds.put(username, id);
        for (String role : roles) {
            expect(204, master.put(api() + "/users/" + id + "/roles/" + roleId(role), ""));
        }
        return id;
    }

    public String userId(String username) {
        return userIds.get(username);
    }

    /** Grants a role of Keycloak's realm-management client (realm-admin, view-users, ...). */
    public void grantKeycloakRole(String username, String roleName) {
        String base = "/admin/realms/" + realm;
        String clientId = expect(200, master.get(base + "/clients?clientId=realm-management")).json().get(0).get("id").asText();
        JsonNode role = expect(200, master.get(base + "/clients/" + clientId + "/roles/" + roleName)).json();
        expect(204, master.post(base + "/users/" + userId(username) + "/role-mappings/clients/" + clientId, List.of(role)));
    }

    /** A client with the user's own access token (signed in once, then reused). */
    public AdminClient as(String username) {
        return clients.computeIfAbsent(username,
                u -> AdminClient.signIn(server.baseUrl(), realm, CLIENT, u, PASSWORD));
    }

    /** Everything the extension stores for the realm, as the owner sees it: compared before and after. */
    public String snapshot() {
        AdminClient owner = master;
        StringBuilder all = new StringBuilder();
        all.append(expect(200, owner.get(api() + "/permissions")).body());
        all.append(expect(200, owner.get(api() + "/roles")).body());
        all.append(expect(200, owner.get(api() + "/visual-roles")).body());
        userIds.values().stream().sorted().forEach(id -> {
            all.append(expect(200, owner.get(api() + "/users/" + id + "/roles")).body());
            all.append(expect(200, owner.get(api() + "/users/" + id + "/visual-roles")).body());
        });
        return all.toString();
    }
}
