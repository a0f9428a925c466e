package dev.hierarchicalrbac.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Everything an upgrade must keep, read from a server: the REST API's answers (every list, every
 * role's and user's view, the export), the extension's tables as stored, and the claims of the RBAC
 * mapper in every kind of token of every user. Captured before and after an upgrade and compared.
 */
public final class UpgradeSnapshot {

    /** The tables of the first release (design §2); later tables are new data, not kept data. */
    private static final List<String> TABLES = List.of("RBAC_PERMISSION", "RBAC_ADMIN_ROLE", "RBAC_VISUAL_ROLE",
            "RBAC_ADMIN_ROLE_PERMISSION", "RBAC_USER_ADMIN_ROLE", "RBAC_USER_VISUAL_ROLE");
    private static final List<String> CLAIMS = List.of("permissions", "admin_roles", "highest_position", "visual_roles");
    /** Names an older release let in and the current one refuses (a zero-width space). */
    public static final String LEGACY_ROLE = "Staff\u200B";
    public static final String LEGACY_VISUAL_ROLE = "Gold\u200B";

    private final Map<String, JsonNode> answers;
    private final Map<String, List<Map<String, String>>> tables;
    private final Map<String, JsonNode> tokens;

    private UpgradeSnapshot(Map<String, JsonNode> answers, Map<String, List<Map<String, String>>> tables, Map<String, JsonNode> tokens) {
        this.answers = answers;
        this.tables = tables;
        this.tokens = tokens;
    }

    /** Who holds what in the configuration, by username; {@value #SERVICE_ACCOUNT} is the client's service account. */
    public record Principals(Map<String, String> ids) {

        public static final String SERVICE_ACCOUNT = "service-account";

        public String id(String username) {
            return ids.get(username);
        }

        /** The permissions claim of a fresh access token of {@code username}. */
        public List<String> permissionsInToken(TokenScene scene, String username) {
            return Tokens.strings(scene.tokens.verified(grant(scene, username), "access_token"), "permissions");
        }
    }

    /**
     * A configuration using everything the first release offers: custom permissions, a built-in's
     * description, admin roles with colours, icons and permissions, {@code @everyone}'s permissions,
     * visual roles, assignments of both kinds, an owner, a service account, and legacy names.
     */
    public static Principals fullConfiguration(TokenScene scene) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String username : List.of("mod", "helper", "plain", "owner")) {
            ids.put(username, scene.user(username));
        }
        ids.put(Principals.SERVICE_ACCOUNT, scene.serviceAccountUserId());
        scene.makeOwner(ids.get("owner"));

        expect(201, scene.admin().post(scene.rbac("/permissions"), Map.of("name", "edit_recipes", "description", "Edit recipes")));
        expect(201, scene.admin().post(scene.rbac("/permissions"), Map.of("name", "publish.articles", "description", "Publish articles")));
        for (JsonNode permission : expect(200, scene.admin().get(scene.rbac("/permissions"))).json()) {
            if (permission.get("name").asText().equals("manage_invites")) {
                expect(200, scene.admin().put(scene.rbac("/permissions/" + permission.get("id").asText()),
                        Map.of("description", "Invite people (edited in v0.1.0)")));
            }
        }
        String moderator = role(scene, "Moderator", 20, "#E67E22", "fa-solid fa-shield-halved", "manage_users", "view_logs", "edit_recipes");
        String staff = role(scene, LEGACY_ROLE, 15, null, null, "edit_recipes");
        String helper = role(scene, "Helper", 10, "#3498DB", "fa-solid fa-hand", "manage_invites");
        String bot = role(scene, "Bot", 5, "#95A5A6", "fa-solid fa-robot", "publish.articles", "view_logs");
        scene.setRolePermissions(scene.everyoneId(), "publish.articles");

        String vip = scene.createVisualRole("VIP", "#F1C40F", "fa-solid fa-star", 3);
        String friend = scene.createVisualRole("Friend", "#2ECC71", "fa-solid fa-heart", 2);
        String gold = scene.createVisualRole(LEGACY_VISUAL_ROLE, "#D4AF37", "fa-solid fa-coins", 1);

        scene.assign(ids.get("mod"), moderator);
        scene.assign(ids.get("mod"), helper);
        scene.assign(ids.get("helper"), helper);
        scene.assign(ids.get("helper"), staff);
        scene.assign(ids.get("owner"), moderator);
        scene.assign(ids.get(Principals.SERVICE_ACCOUNT), bot);
        scene.wear(ids.get("mod"), vip);
        scene.wear(ids.get("mod"), friend);
        scene.wear(ids.get("helper"), friend);
        scene.wear(ids.get("helper"), gold);
        return new Principals(ids);
    }

    private static String role(TokenScene scene, String name, int position, String color, String icon, String... permissions) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("name", name);
        role.put("description", name + " of the upgrade test");
        role.put("position", position);
        role.put("color", color);
        role.put("icon", icon);
        role.put("permissions", List.of(permissions));
        return expect(201, scene.admin().post(scene.rbac("/roles"), role)).json().get("id").asText();
    }

    public static UpgradeSnapshot capture(TokenScene scene, Principals principals) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String list : List.of("/permissions", "/roles", "/visual-roles", "/export")) {
            answers.put("GET " + list, get(scene, list));
        }
        for (JsonNode role : answers.get("GET /roles")) {
            String path = "/roles/" + role.get("id").asText();
            answers.put("GET " + path, get(scene, path));
            if (!role.get("everyone").asBoolean()) {
                answers.put("GET " + path + "/users", get(scene, path + "/users"));
            }
        }
        for (JsonNode visual : answers.get("GET /visual-roles")) {
            String path = "/visual-roles/" + visual.get("id").asText();
            answers.put("GET " + path, get(scene, path));
            answers.put("GET " + path + "/users", get(scene, path + "/users"));
        }
        principals.ids().forEach((username, id) -> {
            for (String what : List.of("/roles", "/visual-roles", "/permissions")) {
                answers.put(username + ": GET /users/{id}" + what, get(scene, "/users/" + id + what));
            }
        });

        Map<String, JsonNode> tokens = new LinkedHashMap<>();
        for (String username : principals.ids().keySet()) {
            JsonNode grant = grant(scene, username);
            tokens.put(username + " access token", claims(scene.tokens.verified(grant, "access_token")));
            tokens.put(username + " introspection", pick(scene.introspect(grant.get("access_token").asText())));
            if (grant.has("id_token")) {
                tokens.put(username + " ID token", claims(scene.tokens.verified(grant, "id_token")));
                tokens.put(username + " userinfo", pick(scene.tokens.userinfo(grant.get("access_token").asText())));
            }
        }
        return new UpgradeSnapshot(answers, tables(scene), tokens);
    }

    private static JsonNode grant(TokenScene scene, String username) {
        return Principals.SERVICE_ACCOUNT.equals(username)
                ? scene.tokens.clientCredentials(TokenScene.CLIENT, scene.secret)
                : scene.tokens.password(TokenScene.CLIENT, scene.secret, username, username + "-pass");
    }

    private static JsonNode get(TokenScene scene, String path) {
        return expect(200, scene.admin().get(scene.rbac(path))).json();
    }

    private static JsonNode claims(JWTClaimsSet claims) {
        ObjectNode picked = JSON.createObjectNode();
        for (String claim : CLAIMS) {
            picked.set(claim, JSON.valueToTree(claims.getClaim(claim)));
        }
        return picked;
    }

    private static JsonNode pick(JsonNode answer) {
        ObjectNode picked = JSON.createObjectNode();
        for (String claim : CLAIMS) {
            picked.set(claim, answer.path(claim).isMissingNode() ? JSON.nullNode() : answer.get(claim));
        }
        return picked;
    }

    /**
     * Columns later changelogs added to the first release's tables, with the value every row written
     * before them must read back with: 2026-12-03-organization-ladders puts the realm ladder's rows
     * under organization "-".
     */
    private static final Map<String, String> ADDED_COLUMNS = Map.of("ORGANIZATION_ID", "-");

    /** Every row of the realm in the first release's tables, each as "column=value, …", sorted. */
    private static Map<String, List<Map<String, String>>> tables(TokenScene scene) {
        String realmId = scene.admin().realmId(scene.realm);
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        try (Connection c = scene.server.jdbc()) {
            for (String table : TABLES) {
                try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE REALM_ID = ?")) {
                    s.setString(1, realmId);
                    tables.put(table, rows(s.executeQuery()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the tables: " + e.getMessage(), e);
        }
        return tables;
    }

    private static List<Map<String, String>> rows(ResultSet rs) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
            Map<String, String> row = new TreeMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i).toUpperCase(), rs.getString(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The rows in the first release's columns, sorted; a column added later must hold, in every one of
     * these rows, the value its changelog gives old rows.
     */
    private static Map<String, List<String>> inFirstReleaseColumns(Map<String, List<Map<String, String>>> tables) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        tables.forEach((table, rows) -> kept.put(table, rows.stream().map(row -> {
            Map<String, String> old = new TreeMap<>(row);
            ADDED_COLUMNS.forEach((column, value) -> {
                if (old.containsKey(column)) {
                    assertEquals(value, old.remove(column), table + "." + column + " of a row written before it existed");
                }
            });
            return old.toString();
        }).sorted().toList()));
        return kept;
    }

    /**
     * The tables are exactly as they were; every API answer still holds every field it held, with the
     * same value (a later release may add fields, never change or drop one).
     */
    public void assertRowsUnchangedIn(UpgradeSnapshot later) {
        assertEquals(inFirstReleaseColumns(tables), inFirstReleaseColumns(later.tables), "the first release's tables");
        assertEquals(answers.keySet(), later.answers.keySet(), "the same roles, visual roles and users are listed");
        answers.forEach((what, answer) -> assertKept(what, answer, later.answers.get(what)));
    }

    /** Every token, introspection and userinfo answer carries exactly the same RBAC claims. */
    public void assertTokensUnchangedIn(UpgradeSnapshot later) {
        assertEquals(tokens.keySet(), later.tokens.keySet());
        assertTrue(tokens.size() >= 12, "tokens captured: " + tokens.keySet());
        tokens.forEach((what, claims) -> assertEquals(claims, later.tokens.get(what), what));
    }

    private static void assertKept(String where, JsonNode earlier, JsonNode later) {
        if (earlier.isObject()) {
            if (!later.isObject()) {
                fail(where + ": was " + earlier + ", now " + later);
            }
            Iterator<Map.Entry<String, JsonNode>> fields = earlier.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!later.has(field.getKey())) {
                    fail(where + "." + field.getKey() + " is gone (was " + field.getValue() + ")");
                }
                assertKept(where + "." + field.getKey(), field.getValue(), later.get(field.getKey()));
            }
        } else if (earlier.isArray()) {
            assertEquals(earlier.size(), later.size(), () -> where + ": was " + earlier + ", now " + later);
            for (int i = 0; i < earlier.size(); i++) {
                assertKept(where + "[" + i + "]", earlier.get(i), later.get(i));
            }
        } else {
            assertEquals(earlier, later, where);
        }
    }
}
