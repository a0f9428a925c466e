package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.KeycloakServer;
import dev.hierarchicalrbac.it.support.Scenario;
import dev.hierarchicalrbac.it.support.TokenScene;
import dev.hierarchicalrbac.it.support.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.hierarchicalrbac.it.support.Tokens.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Design §5 against the real server: the protocol mapper in real tokens (password, refresh, client
 * credentials), signatures checked against the realm's JWKS, the claim in the access token, ID
 * token, userinfo and introspection; lightweight tokens; changes made through the extension's REST
 * API showing in the very next token; and the cache: a warm token issues no SQL on the RBAC tables.
 * Every test builds its own realm.
 */
class TokenIT {

    static KeycloakServer server;

    @BeforeAll
    static void boot() {
        server = KeycloakServer.shared();
    }

    // --- the claim in real tokens -----------------------------------------------------------

    @Test
    void passwordGrantTokensCarryTheSortedPermissionsAndTheOptions() {
        TokenScene scene = TokenScene.create(server, "tok-pw");
        scene.createPermission("edit_recipes");
        scene.setRolePermissions(scene.everyoneId(), "view_logs");
        String moderator = scene.createRole("Moderator", 10, "manage_users", "edit_recipes");
        String helper = scene.createRole("Helper", 5, "manage_invites");
        String vip = scene.createVisualRole("VIP", "#ffd700", "fa-solid fa-star", 2);
        String friend = scene.createVisualRole("Friend", null, null, 1);
        String member = scene.user("member");
        scene.assign(member, helper);
        scene.assign(member, moderator);
        scene.wear(member, friend);
        scene.wear(member, vip);

        JsonNode grant = scene.tokens.password(TokenScene.CLIENT, scene.secret, "member", "member-pass");
        for (String field : List.of("access_token", "id_token")) {
            JWTClaimsSet claims = scene.tokens.verified(grant, field);
            assertEquals(List.of("edit_recipes", "manage_invites", "manage_users", "view_logs"),
                    strings(claims, "permissions"), field);
            assertEquals(List.of("Moderator", "Helper"), strings(claims, "admin_roles"), field + ": highest first");
            assertEquals(10L, ((Number) claims.getClaim("highest_position")).longValue(), field);
            assertEquals(List.of(
                    visual("VIP", "#FFD700", "fa-solid fa-star"),
                    visual("Friend", null, null)), claims.getClaim("visual_roles"), field + ": display order");
            assertEquals(member, claims.getSubject(), field);
            assertEquals("member", claims.getClaim("preferred_username"), field);
        }
    }

    @Test
    void refreshedTokensCarryTheCurrentPermissions() {
        TokenScene scene = TokenScene.create(server, "tok-refresh");
        String editor = scene.createRole("Editor", 10, "manage_settings", "view_logs");
        String user = scene.user("refresher");
        scene.assign(user, editor);

        JsonNode grant = scene.tokens.password(TokenScene.CLIENT, scene.secret, "refresher", "refresher-pass");
        assertEquals(List.of("manage_settings", "view_logs"), permissions(scene, grant, "access_token"));
        JsonNode refreshed = scene.tokens.refresh(TokenScene.CLIENT, scene.secret, grant.get("refresh_token").asText());
        assertEquals(List.of("manage_settings", "view_logs"), permissions(scene, refreshed, "access_token"));

        scene.setRolePermissions(editor, "view_logs");
        JsonNode afterRevoke = scene.tokens.refresh(TokenScene.CLIENT, scene.secret, refreshed.get("refresh_token").asText());
        assertEquals(List.of("view_logs"), permissions(scene, afterRevoke, "access_token"));
        assertEquals(List.of("view_logs"), permissions(scene, afterRevoke, "id_token"));
    }

    @Test
    void aServiceAccountIsAUserLikeAnyOther() {
        TokenScene scene = TokenScene.create(server, "tok-sa");
        scene.setRolePermissions(scene.everyoneId(), "view_logs");
        String bot = scene.createRole("Bot", 20, "manage_servers");
        String serviceAccount = scene.serviceAccountUserId();

        JsonNode before = scene.tokens.clientCredentials(TokenScene.CLIENT, scene.secret);
        assertEquals(List.of("view_logs"), permissions(scene, before, "access_token"));

        scene.assign(serviceAccount, bot);
        JsonNode after = scene.tokens.clientCredentials(TokenScene.CLIENT, scene.secret);
        JWTClaimsSet claims = scene.tokens.verified(after, "access_token");
        assertEquals(List.of("manage_servers", "view_logs"), strings(claims, "permissions"));
        assertEquals(List.of("Bot"), strings(claims, "admin_roles"));
        assertEquals(serviceAccount, claims.getSubject());
    }

    @Test
    void userinfoAndIntrospectionCarryTheClaimToo() {
        TokenScene scene = TokenScene.create(server, "tok-info");
        String support = scene.createRole("Support", 3, "manage_users");
        String user = scene.user("reader");
        scene.assign(user, support);

        JsonNode grant = scene.tokens.password(TokenScene.CLIENT, scene.secret, "reader", "reader-pass");
        String accessToken = grant.get("access_token").asText();

        JsonNode userinfo = scene.tokens.userinfo(accessToken);
        assertEquals(List.of("manage_users"), texts(userinfo.get("permissions")), userinfo.toString());
        assertEquals(List.of("Support"), texts(userinfo.get("admin_roles")));

        JsonNode introspection = scene.introspect(accessToken);
        assertTrue(introspection.get("active").asBoolean(), introspection.toString());
        assertEquals(List.of("manage_users"), texts(introspection.get("permissions")), introspection.toString());
        assertEquals(3, introspection.get("highest_position").asInt());
    }

    @Test
    void theIncludeInSwitchesAreObeyed() {
        TokenScene scene = TokenScene.create(server, "tok-switch");
        String user = scene.user("switcher");
        scene.assign(user, scene.createRole("Ops", 7, "manage_servers"));

        scene.setMapperConfig("id.token.claim", "false");
        scene.setMapperConfig("userinfo.token.claim", "false");
        scene.setMapperConfig("claim.name", "rbac.perms");
        JsonNode grant = scene.tokens.password(TokenScene.CLIENT, scene.secret, "switcher", "switcher-pass");
        JWTClaimsSet access = scene.tokens.verified(grant, "access_token");
        assertEquals(Map.of("perms", List.of("manage_servers")), access.getClaim("rbac"), "a dotted claim name nests");
        JWTClaimsSet id = scene.tokens.verified(grant, "id_token");
        assertNull(id.getClaim("rbac"), "not in the ID token");
        assertNull(scene.tokens.userinfo(grant.get("access_token").asText()).get("rbac"), "not in userinfo");

        scene.setMapperConfig("access.token.claim", "false");
        scene.setMapperConfig("introspection.token.claim", "false");
        grant = scene.tokens.password(TokenScene.CLIENT, scene.secret, "switcher", "switcher-pass");
        assertNull(scene.tokens.verified(grant, "access_token").getClaim("rbac"), "not in the access token");
        assertNull(scene.introspect(grant.get("access_token").asText()).get("rbac"),
                "not in introspection");
    }

    @Test
    void lightweightAccessTokensObeyTheirSwitch() {
        TokenScene scene = TokenScene.create(server, "tok-light");
        String user = scene.user("light");
        scene.assign(user, scene.createRole("Ops", 7, "manage_servers"));
        scene.setClientAttribute("client.use.lightweight.access.token.enabled", "true");

        // lightweight.claim=false: the lightweight access token leaves the claim out, introspection has it.
        JsonNode grant = scene.tokens.password(TokenScene.CLIENT, scene.secret, "light", "light-pass");
        JWTClaimsSet lightweight = scene.tokens.verified(grant, "access_token");
        assertNull(lightweight.getClaim("permissions"), "lightweight access token without the claim");
        assertEquals(List.of("manage_servers"), strings(scene.tokens.verified(grant, "id_token"), "permissions"));
        JsonNode introspection = scene.introspect(grant.get("access_token").asText());
        assertEquals(List.of("manage_servers"), texts(introspection.get("permissions")), introspection.toString());

        scene.setMapperConfig("lightweight.claim", "true");
        grant = scene.tokens.password(TokenScene.CLIENT, scene.secret, "light", "light-pass");
        assertEquals(List.of("manage_servers"), permissions(scene, grant, "access_token"), "lightweight.claim=true");
    }

    // --- who gets what ---------------------------------------------------------------------------

    @Test
    void anOwnersTokenCarriesEveryPermissionOfTheRealm() {
        TokenScene scene = TokenScene.create(server, "tok-owner");
        scene.createPermission("edit_recipes");
        String owner = scene.user("boss");
        scene.makeOwner(owner);

        assertEquals(scene.catalogue(), permissions(scene, "boss"));
        assertTrue(scene.catalogue().contains("edit_recipes"));

        // A permission created later is in the owner's next token.
        scene.createPermission("publish_recipes");
        assertEquals(scene.catalogue(), permissions(scene, "boss"));
        assertTrue(permissions(scene, "boss").contains("publish_recipes"));
    }

    /**
     * Owners are whom Keycloak lets manage the realm: {@code manage-realm} held directly counts like
     * {@code realm-admin} (which contains it); a management role that does not manage the realm does not.
     */
    @Test
    void manageRealmMakesAnOwnerAndViewRealmDoesNot() {
        TokenScene scene = TokenScene.create(server, "tok-owners");
        scene.createRole("Helper", 5, "manage_invites");
        scene.grantManagementRole(scene.user("manager"), "manage-realm");
        scene.grantManagementRole(scene.user("viewer"), "view-realm");

        assertEquals(scene.catalogue(), permissions(scene, "manager"));
        assertEquals(List.of(), permissions(scene, "viewer"));
    }

    @Test
    void aUserWithoutRolesCarriesExactlyEveryonesPermissions() {
        TokenScene scene = TokenScene.create(server, "tok-plain");
        scene.createRole("Admin", 50, "manage_users", "manage_roles");
        scene.user("plain");
        assertEquals(List.of(), permissions(scene, "plain"), "a fresh realm's @everyone holds nothing");

        scene.setRolePermissions(scene.everyoneId(), "view_logs", "manage_invites");
        JsonNode grant = scene.tokens.password(TokenScene.CLIENT, scene.secret, "plain", "plain-pass");
        JWTClaimsSet claims = scene.tokens.verified(grant, "access_token");
        assertEquals(List.of("manage_invites", "view_logs"), strings(claims, "permissions"));
        assertEquals(List.of(), strings(claims, "admin_roles"));
        assertEquals(0L, ((Number) claims.getClaim("highest_position")).longValue());
        assertEquals(List.of(), claims.getClaim("visual_roles"));
    }

    // --- changes show in the next token ---------------------------------------------------------

    @Test
    void everyKindOfChangeShowsInTheNextToken() {
        TokenScene scene = TokenScene.create(server, "tok-change");
        String everyone = scene.everyoneId();
        String recipes = scene.createPermission("edit_recipes");
        String moderator = scene.createRole("Moderator", 10, "manage_users");
        String helper = scene.createRole("Helper", 5, "manage_invites");
        String user = scene.user("changer");
        scene.assign(user, moderator);
        // Each step first issues a token, so the cache is warm with the old state when the change comes.
        assertEquals(List.of("manage_users"), permissions(scene, "changer"));

        scene.setRolePermissions(moderator, "manage_users", "manage_settings");
        assertEquals(List.of("manage_settings", "manage_users"), permissions(scene, "changer"), "grant");

        scene.setRolePermissions(moderator, "manage_settings");
        assertEquals(List.of("manage_settings"), permissions(scene, "changer"), "revoke");

        scene.assign(user, helper);
        assertEquals(List.of("manage_invites", "manage_settings"), permissions(scene, "changer"), "assign");

        scene.unassign(user, moderator);
        assertEquals(List.of("manage_invites"), permissions(scene, "changer"), "unassign");

        scene.setRolePermissions(everyone, "view_logs", "edit_recipes");
        assertEquals(List.of("edit_recipes", "manage_invites", "view_logs"), permissions(scene, "changer"), "edit @everyone");

        scene.deletePermission(recipes);
        assertEquals(List.of("manage_invites", "view_logs"), permissions(scene, "changer"), "delete a custom permission");

        scene.deleteRole(helper);
        assertEquals(List.of("view_logs"), permissions(scene, "changer"), "delete a role");
    }

    @Test
    void reorderAndVisualRoleEditsShowInTheNextToken() {
        TokenScene scene = TokenScene.create(server, "tok-order");
        String a = scene.createRole("Alpha", 10);
        String b = scene.createRole("Beta", 20);
        String vip = scene.createVisualRole("VIP", "#ffd700", "fa-solid fa-star", 1);
        String user = scene.user("orderly");
        scene.assign(user, a);
        scene.assign(user, b);
        scene.wear(user, vip);
        JWTClaimsSet before = claims(scene, "orderly");
        assertEquals(List.of("Beta", "Alpha"), strings(before, "admin_roles"));
        assertEquals(20L, ((Number) before.getClaim("highest_position")).longValue());

        scene.reorder(Map.of(a, 30));
        JWTClaimsSet moved = claims(scene, "orderly");
        assertEquals(List.of("Alpha", "Beta"), strings(moved, "admin_roles"), "reorder");
        assertEquals(30L, ((Number) moved.getClaim("highest_position")).longValue());

        scene.updateVisualRole(vip, Map.of("name", "Patron", "color", "#123456"));
        assertEquals(List.of(visual("Patron", "#123456", "fa-solid fa-star")), claims(scene, "orderly").getClaim("visual_roles"),
                "visual role edit");

        scene.takeOff(user, vip);
        assertEquals(List.of(), claims(scene, "orderly").getClaim("visual_roles"), "visual role taken off");
    }

    // --- the cache: SQL on the RBAC tables --------------------------------------------------------

    @Test
    void aWarmTokenIssuesNoSqlOnTheRbacTables() throws Exception {
        TokenScene scene = TokenScene.create(server, "tok-warm");
        scene.setRolePermissions(scene.everyoneId(), "view_logs");
        String role = scene.createRole("Worker", 10, "manage_servers");
        String user = scene.user("warm");
        scene.assign(user, role);
        scene.assign(scene.serviceAccountUserId(), role);
        scene.wear(user, scene.createVisualRole("VIP", "#ffd700", null, 1));

        // Warm up: one of each request.
        JsonNode grant = scene.tokens.password(TokenScene.CLIENT, scene.secret, "warm", "warm-pass");
        scene.tokens.clientCredentials(TokenScene.CLIENT, scene.secret);
        Thread.sleep(300);

        long mark = server.logMark();
        for (int i = 0; i < 10; i++) {
            JsonNode burst = scene.tokens.password(TokenScene.CLIENT, scene.secret, "warm", "warm-pass");
            assertEquals(List.of("manage_servers", "view_logs"), permissions(scene, burst, "access_token"));
            String refreshed = scene.tokens.refresh(TokenScene.CLIENT, scene.secret, burst.get("refresh_token").asText())
                    .get("access_token").asText();
            scene.tokens.userinfo(refreshed);
            scene.introspect(refreshed);
            scene.tokens.clientCredentials(TokenScene.CLIENT, scene.secret);
        }
        Thread.sleep(300);
        List<String> log = server.logSince(mark);

        assertTrue(sqlStatements(log).size() > 0, "the SQL log is on (Keycloak's own statements show)");
        assertEquals(List.of(), rbacStatements(log), "statements on RBAC_ tables during 50 warm requests");
        System.out.printf("[%s] 50 warm requests: %d SQL statements from Keycloak, %d on RBAC_ tables%n",
                server.database(), sqlStatements(log).size(), rbacStatements(log).size());
        assertNotNull(grant);
    }

    @Test
    void aColdUserCostsTheSameFewStatementsWithOneRoleOrTwenty() throws Exception {
        TokenScene scene = TokenScene.create(server, "tok-cold");
        List<String> roles = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            roles.add(scene.createRole("Role " + i, i, i % 2 == 0 ? "manage_users" : "view_logs"));
        }
        String one = scene.user("one-role");
        String twenty = scene.user("twenty-roles");
        scene.assign(one, roles.get(0));
        roles.forEach(r -> scene.assign(twenty, r));
        // The realm's roles are loaded once, by another user's token.
        scene.user("warmer");
        permissions(scene, "warmer");
        Thread.sleep(300);

        long mark = server.logMark();
        assertEquals(List.of("view_logs"), permissions(scene, "one-role"));
        Thread.sleep(300);
        List<String> oneRole = rbacStatements(server.logSince(mark));

        mark = server.logMark();
        assertEquals(List.of("manage_users", "view_logs"), permissions(scene, "twenty-roles"));
        Thread.sleep(300);
        List<String> twentyRoles = rbacStatements(server.logSince(mark));

        assertFalse(oneRole.isEmpty(), "a cold user is read from the database");
        assertEquals(oneRole.size(), twentyRoles.size(), "one role: " + oneRole + "\ntwenty roles: " + twentyRoles);
        assertTrue(oneRole.size() <= 2, "a cold user costs at most 2 statements: " + oneRole);

        // A change to the realm's roles costs one reload of them for everybody, not one per user.
        scene.setRolePermissions(roles.get(0), "view_logs", "manage_settings");
        mark = server.logMark();
        assertEquals(List.of("manage_settings", "view_logs"), permissions(scene, "one-role"));
        assertEquals(List.of("manage_settings", "manage_users", "view_logs"), permissions(scene, "twenty-roles"));
        Thread.sleep(300);
        List<String> afterEdit = rbacStatements(server.logSince(mark));
        // One reload of the realm: catalogue, role permissions, roles, visual roles, time-outs.
        assertTrue(afterEdit.size() <= 5, "one reload of the realm's roles: " + afterEdit);
        System.out.printf("[%s] RBAC statements: cold user with 1 role %d, with 20 roles %d; two warm users after a role edit %d%n",
                server.database(), oneRole.size(), twentyRoles.size(), afterEdit.size());
    }

    // --- the demo realm -----------------------------------------------------------------------------

    @Test
    void theDemoRealmsRbacScopeKeepsTheNormalClaims() {
        Tokens demo = new Tokens(server.baseUrl(), "demo");
        JsonNode ownerGrant = demo.password("demo-app", null, "owner", "owner");
        JWTClaimsSet owner = demo.verified(ownerGrant, "access_token");
        assertTrue(strings(owner, "permissions").containsAll(Scenario.BUILT_INS), "the owner holds every built-in");
        assertTrue(owner.getClaim("scope").toString().contains("rbac"), "scope: " + owner.getClaim("scope"));

        JsonNode aliceGrant = demo.password("demo-app", null, "alice", "alice");
        for (String field : List.of("access_token", "id_token")) {
            JWTClaimsSet alice = demo.verified(aliceGrant, field);
            assertNotNull(alice.getSubject(), field + ": sub");
            assertEquals("alice", alice.getClaim("preferred_username"), field);
            assertEquals("alice@demo.example", alice.getClaim("email"), field);
            assertEquals("Alice", alice.getClaim("given_name"), field);
            assertNotNull(strings(alice, "permissions"), field + ": permissions");
            assertNotNull(alice.getClaim("admin_roles"), field + ": admin_roles");
        }
        assertNotNull(demo.verified(aliceGrant, "access_token").getClaim("acr"), "acr scope");
        assertNotNull(owner.getClaim("resource_access"), "roles scope: the owner's realm-management roles");

        // Keycloak's own clients of the realm kept their default scopes.
        AdminClient admin = server.admin();
        for (String clientId : List.of("account-console", "admin-cli", "security-admin-console")) {
            String uuid = admin.get("/admin/realms/demo/clients?clientId=" + clientId).json().get(0).get("id").asText();
            List<String> scopes = new ArrayList<>();
            admin.get("/admin/realms/demo/clients/" + uuid + "/default-client-scopes").json()
                    .forEach(s -> scopes.add(s.get("name").asText()));
            assertTrue(scopes.containsAll(List.of("basic", "profile", "email", "roles", "web-origins", "acr")),
                    clientId + " default scopes: " + scopes);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------

    static List<String> permissions(TokenScene scene, String username) {
        return strings(claims(scene, username), "permissions");
    }

    static JWTClaimsSet claims(TokenScene scene, String username) {
        JsonNode grant = scene.tokens.password(TokenScene.CLIENT, scene.secret, username, username + "-pass");
        return scene.tokens.verified(grant, "access_token");
    }

    static List<String> permissions(TokenScene scene, JsonNode grant, String field) {
        return strings(scene.tokens.verified(grant, field), "permissions");
    }

    /** A visual role as the claim shows it: colour and icon only when set. */
    static Map<String, Object> visual(String name, String color, String icon) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("name", name);
        if (color != null) {
            claim.put("color", color);
        }
        if (icon != null) {
            claim.put("icon", icon);
        }
        return claim;
    }

    static List<String> texts(JsonNode array) {
        assertNotNull(array, "claim missing");
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Statements Hibernate logged (category org.hibernate.SQL, one line each). */
    static List<String> sqlStatements(List<String> log) {
        return log.stream().filter(line -> line.contains("[org.hibernate.SQL]")).toList();
    }

    static List<String> rbacStatements(List<String> log) {
        return sqlStatements(log).stream().filter(line -> line.toUpperCase().contains("RBAC_")).toList();
    }
}
