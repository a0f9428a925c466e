package dev.hierarchicalrbac.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.hierarchicalrbac.it.support.KeycloakServer;
import dev.hierarchicalrbac.it.support.Organizations;
import dev.hierarchicalrbac.it.support.TokenScene;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.Tokens.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Design §10, tokens: the mapper's "Active organization" option with Keycloak's real Organizations
 * and its {@code organization} scope. One realm, tests in any order: each sets the mode it needs.
 *
 * <p>Realm: {@code @everyone} view_logs; Staff 10 (manage_settings) held by multi. Acme: {@code @everyone}
 * manage_invites; Admin 50 (manage_roles, manage_users) held by multi. Globex: {@code @everyone} nothing;
 * Boss 80 (manage_servers) held by multi; owen is its named owner. Initech: never reached through the
 * extension (no ladder). multi is a member of all three, solo of Acme alone, owen of Globex alone,
 * outsider of none.
 */
class OrganizationTokensIT {

    static final String MODE = "rbac.organization";
    static final List<String> REALM_OF_MULTI = List.of("manage_settings", "view_logs");

    static KeycloakServer server;
    static TokenScene scene;
    static String acme;
    static String globex;
    static String initech;
    static String acmeAdmin;
    static String multi;

    @BeforeAll
    static void scene() {
        server = KeycloakServer.shared();
        scene = TokenScene.create(server, "orgtok");
        Organizations.enable(scene.admin(), scene.realm);
        Organizations.offerScope(scene.admin(), scene.realm, scene.clientUuid);
        scene.setRolePermissions(scene.everyoneId(), "view_logs");
        String staff = scene.createRole("Staff", 10, "manage_settings");
        acme = Organizations.create(scene.admin(), scene.realm, "acme");
        globex = Organizations.create(scene.admin(), scene.realm, "globex");
        initech = Organizations.create(scene.admin(), scene.realm, "initech");
        multi = scene.user("multi");
        String solo = scene.user("solo");
        String owen = scene.user("owen");
        scene.user("outsider");
        scene.assign(multi, staff);
        for (String organization : List.of(acme, globex, initech)) {
            Organizations.addMember(scene.admin(), scene.realm, organization, multi);
        }
        Organizations.addMember(scene.admin(), scene.realm, acme, solo);
        Organizations.addMember(scene.admin(), scene.realm, globex, owen);

        scene.setOrganizationRolePermissions(acme, scene.organizationEveryoneId(acme), "manage_invites");
        acmeAdmin = scene.createOrganizationRole(acme, "Admin", 50, "manage_roles", "manage_users");
        String boss = scene.createOrganizationRole(globex, "Boss", 80, "manage_servers");
        scene.assignInOrganization(acme, multi, acmeAdmin);
        scene.assignInOrganization(globex, multi, boss);
        expect(204, scene.admin().put(scene.organization(globex) + "/owners/" + owen, ""));
    }

    // --- off, and no organization scope -------------------------------------------------------------

    @Test
    void offByDefaultTheOrganizationScopeChangesNothing() {
        scene.setMapperConfig(MODE, "off");
        JWTClaimsSet claims = access("multi", "openid organization:acme");
        assertEquals(REALM_OF_MULTI, strings(claims, "permissions"));
        assertNull(claims.getClaim("organization_permissions"));
    }

    @Test
    void withoutTheOrganizationScopeEveryModeWritesTheRealmsPermissionsAlone() {
        for (String mode : List.of("merged", "separate")) {
            scene.setMapperConfig(MODE, mode);
            JWTClaimsSet claims = access("multi", "openid");
            assertEquals(REALM_OF_MULTI, strings(claims, "permissions"), mode);
            assertNull(claims.getClaim("organization_permissions"), mode);
            assertEquals(List.of("Staff"), strings(claims, "admin_roles"), mode + ": realm roles only");
            assertEquals(10L, ((Number) claims.getClaim("highest_position")).longValue(), mode);
        }
    }

    // --- merged -------------------------------------------------------------------------------------

    @Test
    void mergedAddsTheChosenOrganizationsLadderToTheClaimInEveryKindOfToken() {
        scene.setMapperConfig(MODE, "merged");
        List<String> withAcme = List.of("manage_invites", "manage_roles", "manage_settings", "manage_users", "view_logs");
        JsonNode grant = grant("multi", "openid organization:acme");
        for (String field : List.of("access_token", "id_token")) {
            JWTClaimsSet claims = scene.tokens.verified(grant, field);
            assertEquals(withAcme, strings(claims, "permissions"), field);
            assertEquals(List.of("Staff"), strings(claims, "admin_roles"), field + ": an organization role is no realm role");
            assertEquals(10L, ((Number) claims.getClaim("highest_position")).longValue(), field + ": nor its position");
        }
        String accessToken = grant.get("access_token").asText();
        assertEquals(withAcme, texts(scene.tokens.userinfo(accessToken).get("permissions")), "userinfo");
        assertEquals(withAcme, texts(scene.introspect(accessToken).get("permissions")), "introspection");
        JsonNode refreshed = scene.tokens.refresh(TokenScene.CLIENT, scene.secret, grant.get("refresh_token").asText());
        assertEquals(withAcme, strings(scene.tokens.verified(refreshed, "access_token"), "permissions"), "refreshed");

        assertEquals(List.of("manage_servers", "manage_settings", "view_logs"),
                strings(access("multi", "openid organization:globex"), "permissions"), "the other organization");
        assertEquals(List.of("manage_invites", "view_logs"), strings(access("solo", "openid organization:acme"), "permissions"),
                "a plain member: the realm's and the organization's @everyone");
        assertEquals(List.of("manage_invites", "view_logs"), strings(access("solo", "openid organization"), "permissions"),
                "plain 'organization': the user's only organization");
    }

    @Test
    void mergedTakesNothingWhenSeveralOrganizationsAreActive() {
        scene.setMapperConfig(MODE, "merged");
        assertEquals(REALM_OF_MULTI, strings(access("multi", "openid organization:*"), "permissions"), "organization:*");
        assertEquals(REALM_OF_MULTI, strings(access("multi", "openid organization"), "permissions"),
                "plain 'organization' for a member of three who picked none");
    }

    @Test
    void anOrganizationOwnerHoldsTheWholeCatalogueThereOnly() {
        scene.setMapperConfig(MODE, "merged");
        List<String> catalogue = scene.catalogue();
        assertEquals(catalogue, strings(access("owen", "openid organization:globex"), "permissions"));
        assertEquals(List.of("view_logs"), strings(access("owen", "openid"), "permissions"), "the realm's alone without the scope");
    }

    // --- separate -----------------------------------------------------------------------------------

    @Test
    void separateNamesEachActiveOrganizationByAliasWithItsId() {
        scene.setMapperConfig(MODE, "separate");
        JsonNode grant = grant("multi", "openid organization:acme");
        Map<String, Object> acmeEntry = entry(acme, "manage_invites", "manage_roles", "manage_users");
        for (String field : List.of("access_token", "id_token")) {
            JWTClaimsSet claims = scene.tokens.verified(grant, field);
            assertEquals(REALM_OF_MULTI, strings(claims, "permissions"), field + ": the realm's claim is the realm's");
            assertEquals(Map.of("acme", acmeEntry), claims.getClaim("organization_permissions"), field);
        }
        JsonNode introspection = scene.introspect(grant.get("access_token").asText());
        assertEquals(texts(introspection.get("organization_permissions").get("acme").get("permissions")),
                List.of("manage_invites", "manage_roles", "manage_users"), introspection.toString());

        Map<String, Object> all = new LinkedHashMap<>();
        all.put("acme", acmeEntry);
        all.put("globex", entry(globex, "manage_servers"));
        all.put("initech", entry(initech));
        assertEquals(all, access("multi", "openid organization:*").getClaim("organization_permissions"),
                "organization:*: every organization of the user, one without a ladder grants nothing");
    }

    @Test
    void separateTakesTheConfiguredClaimNameDotsNesting() {
        scene.setMapperConfig(MODE, "separate");
        scene.setMapperConfig("rbac.organization.claim.name", "rbac.orgs");
        try {
            JWTClaimsSet claims = access("multi", "openid organization:globex");
            assertEquals(Map.of("orgs", Map.of("globex", entry(globex, "manage_servers"))), claims.getClaim("rbac"));
            assertNull(claims.getClaim("organization_permissions"));
        } finally {
            scene.setMapperConfig("rbac.organization.claim.name", "organization_permissions");
        }
    }

    // --- members only -------------------------------------------------------------------------------

    @Test
    void aNonMemberGetsNothingFromTheOrganization() {
        for (String mode : List.of("merged", "separate")) {
            scene.setMapperConfig(MODE, mode);
            JWTClaimsSet outsider = access("outsider", "openid organization:acme");
            assertEquals(List.of("view_logs"), strings(outsider, "permissions"), mode);
            assertNull(outsider.getClaim("organization_permissions"), mode);
            JWTClaimsSet solo = access("solo", "openid organization:globex");
            assertEquals(List.of("view_logs"), strings(solo, "permissions"), mode + ": a member of another organization");
            assertNull(solo.getClaim("organization_permissions"), mode);
        }
    }

    // --- changes show in the next token -------------------------------------------------------------

    @Test
    void aRoleChangeInAnOrganizationShowsInTheNextToken() {
        scene.setMapperConfig(MODE, "merged");
        String changer = scene.user("changer");
        Organizations.addMember(scene.admin(), scene.realm, acme, changer);
        String lead = scene.createOrganizationRole(acme, "Lead", 30, "manage_servers", "manage_plugins");
        scene.assignInOrganization(acme, changer, lead);
        assertEquals(List.of("manage_invites", "manage_plugins", "manage_servers", "view_logs"),
                strings(access("changer", "openid organization:acme"), "permissions"));

        scene.setOrganizationRolePermissions(acme, lead, "manage_servers");
        assertEquals(List.of("manage_invites", "manage_servers", "view_logs"),
                strings(access("changer", "openid organization:acme"), "permissions"), "permission revoked from the role");

        scene.unassignInOrganization(acme, changer, lead);
        assertEquals(List.of("manage_invites", "view_logs"),
                strings(access("changer", "openid organization:acme"), "permissions"), "assignment removed");

        Organizations.removeMember(scene.admin(), scene.realm, acme, changer);
        scene.setMapperConfig(MODE, "separate");
        assertNull(access("changer", "openid organization:acme").getClaim("organization_permissions"), "left the organization");
    }

    // --- lightweight access tokens, and a bad option --------------------------------------------------

    @Test
    void anUnknownModeIsRefusedWith400NamingTheOption() {
        String mappers = scene.adminPath("/clients/" + scene.clientUuid + "/protocol-mappers/models");
        for (JsonNode mapper : expect(200, scene.admin().get(mappers)).json()) {
            if (TokenScene.MAPPER_NAME.equals(mapper.get("name").asText())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) mapper.get("config")).put(MODE, "both");
                var answer = scene.admin().put(mappers + "/" + mapper.get("id").asText(), mapper);
                assertEquals(400, answer.status(), answer.toString());
                assertTrue(answer.body().contains("rbac.organization"), answer.toString());
            }
        }
        scene.setMapperConfig(MODE, "merged");
        assertFalse(strings(access("solo", "openid organization:acme"), "permissions").isEmpty(), "the mapper still works");
    }

    @Test
    void lightweightAccessTokensObeyTheirSwitchForTheOrganizationToo() {
        scene.setMapperConfig(MODE, "separate");
        scene.setClientAttribute("client.use.lightweight.access.token.enabled", "true");
        try {
            JsonNode grant = grant("solo", "openid organization:acme");
            assertNull(scene.tokens.verified(grant, "access_token").getClaim("organization_permissions"), "lightweight.claim=false");
            JsonNode introspection = scene.introspect(grant.get("access_token").asText());
            assertEquals(List.of("manage_invites"), texts(introspection.get("organization_permissions").get("acme").get("permissions")),
                    introspection.toString());

            scene.setMapperConfig("lightweight.claim", "true");
            assertEquals(Map.of("acme", entry(acme, "manage_invites")),
                    access("solo", "openid organization:acme").getClaim("organization_permissions"), "lightweight.claim=true");
        } finally {
            scene.setMapperConfig("lightweight.claim", "false");
            scene.setClientAttribute("client.use.lightweight.access.token.enabled", "false");
        }
    }

    // --- the cache: SQL on the RBAC tables ------------------------------------------------------------

    @Test
    void aWarmOrganizationTokenIssuesNoSqlOnTheRbacTablesAndAColdOneAFew() throws Exception {
        scene.setMapperConfig(MODE, "merged");
        access("multi", "openid organization:acme");
        access("multi", "openid organization:globex");
        Thread.sleep(300);

        long mark = server.logMark();
        for (int i = 0; i < 10; i++) {
            JsonNode burst = grant("multi", "openid organization:acme");
            assertTrue(strings(scene.tokens.verified(burst, "access_token"), "permissions").contains("manage_users"));
            String refreshed = scene.tokens.refresh(TokenScene.CLIENT, scene.secret, burst.get("refresh_token").asText())
                    .get("access_token").asText();
            scene.tokens.userinfo(refreshed);
            scene.introspect(refreshed);
            grant("multi", "openid organization:globex");
        }
        Thread.sleep(300);
        List<String> log = server.logSince(mark);
        assertTrue(TokenIT.sqlStatements(log).size() > 0, "the SQL log is on (Keycloak's own statements show)");
        assertEquals(List.of(), TokenIT.rbacStatements(log), "statements on RBAC_ tables during 50 warm organization requests");
        System.out.printf("[%s] 50 warm organization token requests: %d SQL statements from Keycloak, %d on RBAC_ tables%n",
                server.database(), TokenIT.sqlStatements(log).size(), TokenIT.rbacStatements(log).size());

        // A cold member: the realm's and the organization's ladders are warm, the user is not.
        String cold = scene.user("cold");
        Organizations.addMember(scene.admin(), scene.realm, acme, cold);
        scene.assignInOrganization(acme, cold, acmeAdmin);
        Thread.sleep(300);
        mark = server.logMark();
        assertEquals(List.of("manage_invites", "manage_roles", "manage_users", "view_logs"),
                strings(access("cold", "openid organization:acme"), "permissions"));
        Thread.sleep(300);
        List<String> coldUser = TokenIT.rbacStatements(server.logSince(mark));
        assertFalse(coldUser.isEmpty(), "a cold user is read from the database");
        assertTrue(coldUser.size() <= 4, "a cold user costs at most 2 statements per ladder: " + coldUser);

        // A change to the organization's roles: one reload of its ladder for everybody.
        scene.setOrganizationRolePermissions(acme, scene.organizationEveryoneId(acme), "manage_invites", "manage_plugins");
        try {
            mark = server.logMark();
            assertTrue(strings(access("cold", "openid organization:acme"), "permissions").contains("manage_plugins"));
            assertTrue(strings(access("multi", "openid organization:acme"), "permissions").contains("manage_plugins"));
            Thread.sleep(300);
            List<String> afterEdit = TokenIT.rbacStatements(server.logSince(mark));
            assertTrue(afterEdit.size() <= 5, "one reload of the organization's ladder: " + afterEdit);
            System.out.printf("[%s] RBAC statements: cold organization member %d; two warm members after an organization role edit %d%n",
                    server.database(), coldUser.size(), afterEdit.size());
        } finally {
            scene.setOrganizationRolePermissions(acme, scene.organizationEveryoneId(acme), "manage_invites");
        }
    }

    @Test
    void theMapperAsksNothingOfKeycloaksOrganizationTablesThatKeycloakDoesNotAskItself() throws Exception {
        // Keycloak's own membership mapper resolves organization:<alias> with an uncached alias query;
        // the ladder's mapper reads the cached memberships instead, so "merged" adds no statement to "off".
        scene.setMapperConfig(MODE, "off");
        int off;
        int merged;
        try {
            off = organizationStatementsFor10WarmGrants();
            scene.setMapperConfig(MODE, "merged");
            merged = organizationStatementsFor10WarmGrants();
        } finally {
            scene.setMapperConfig(MODE, "off");
        }
        System.out.printf("[%s] statements on ORG tables in 10 warm organization:acme grants: %d with the option off, %d merged%n",
                server.database(), off, merged);
        assertTrue(off > 0, "Keycloak's own organization lookups show in the SQL log");
        assertEquals(off, merged, "statements on Keycloak's organization tables, option off vs merged");
    }

    private int organizationStatementsFor10WarmGrants() throws Exception {
        grant("multi", "openid organization:acme");
        Thread.sleep(300);
        long mark = server.logMark();
        for (int i = 0; i < 10; i++) {
            grant("multi", "openid organization:acme");
        }
        Thread.sleep(300);
        return TokenIT.sqlStatements(server.logSince(mark)).stream()
                .filter(line -> ORGANIZATION_TABLE.matcher(line).find())
                .toList().size();
    }

    private static final Pattern ORGANIZATION_TABLE =
            Pattern.compile("\\bORG(_[A-Z_]+)?\\b", Pattern.CASE_INSENSITIVE);

    // --- helpers ------------------------------------------------------------------------------------

    static JsonNode grant(String username, String scope) {
        return scene.tokens.password(TokenScene.CLIENT, scene.secret, username, username + "-pass", scope);
    }

    static JWTClaimsSet access(String username, String scope) {
        return scene.tokens.verified(grant(username, scope), "access_token");
    }

    static Map<String, Object> entry(String organizationId, String... permissions) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", organizationId);
        entry.put("permissions", List.of(permissions));
        return entry;
    }

    static List<String> texts(JsonNode array) {
        assertTrue(array != null && array.isArray(), "not an array: " + array);
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
