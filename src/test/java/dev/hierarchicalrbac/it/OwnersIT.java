package dev.hierarchicalrbac.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Api;
import dev.hierarchicalrbac.it.support.Scenario;
import dev.hierarchicalrbac.it.support.TokenScene;
import dev.hierarchicalrbac.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One owner test for a token, in the claim and in the API: ownership comes from Keycloak's
 * {@code manage-realm} among the roles the token carries. A realm-admin signed in through a client
 * with full scope off carries no realm-management role: the token's claim holds their ordinary
 * permissions, {@code /me} says {@code owner: false}, and owner-only writes are refused, everywhere
 * alike. Through a full-scope client the same user is an owner in the claim and in the API.
 */
class OwnersIT {

    static final String NARROW = "rbac-narrow-scope";
    static final String FULL = "rbac-full-scope";

    static Scenario s;
    static Tokens tokens;

    @BeforeAll
    static void setUp() {
        s = Scenario.standard("owners");
        for (String clientId : List.of(NARROW, FULL)) {
            ObjectNode client = JSON.createObjectNode().put("clientId", clientId).put("publicClient", true)
                    .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false)
                    .put("fullScopeAllowed", clientId.equals(FULL));
            ObjectNode mapper = client.putArray("protocolMappers").addObject()
                    .put("name", TokenScene.MAPPER_NAME).put("protocol", "openid-connect")
                    .put("protocolMapper", TokenScene.MAPPER_TYPE);
            mapper.set("config", JSON.valueToTree(TokenScene.defaultMapperConfig()));
            expect(201, s.master.post("/admin/realms/" + s.realm + "/clients", client));
        }
        ok(200, s.master.put(s.api() + "/roles/" + s.roleId("@everyone"), object("permissions", List.of("view_logs"))));
        tokens = new Tokens(s.server.baseUrl(), s.realm);
    }

    private static JWTClaimsSet claims(String clientId) {
        return tokens.verified(tokens.password(clientId, null, "owner", Scenario.PASSWORD), "access_token");
    }

    @Test
    void aRealmAdminThroughAClientWithFullScopeOffIsNoOwnerInTheClaimNorInTheApi() {
        JWTClaimsSet claims = claims(NARROW);
        Object access = claims.getClaim("resource_access");
        assertFalse(access instanceof Map<?, ?> clients && clients.containsKey("realm-management"),
                "the token carries no realm-management role: " + access);
        assertEquals(List.of("view_logs"), Tokens.strings(claims, "permissions"), "the claim: @everyone's, no ownership");

        AdminClient narrow = AdminClient.signIn(s.server.baseUrl(), s.realm, NARROW, "owner", Scenario.PASSWORD);
        JsonNode me = ok(200, narrow.get(s.api() + "/me")).json();
        assertFalse(me.get("owner").asBoolean(), "/me: " + me);
        assertEquals(List.of("view_logs"), Api.strings(me.get("permissions")), "/me agrees with the claim");
        refused(403, "missing_permission", narrow.post(s.api() + "/roles", object("name", "Narrow", "position", 3)));
        refused(403, "owner_only", narrow.get(s.api() + "/export"));
    }

    @Test
    void theSameUserThroughAFullScopeClientIsAnOwnerInTheClaimAndInTheApi() {
        List<String> all = Tokens.strings(claims(FULL), "permissions");
        assertTrue(all.containsAll(Scenario.BUILT_INS), "an owner's claim holds every permission: " + all);
        AdminClient full = AdminClient.signIn(s.server.baseUrl(), s.realm, FULL, "owner", Scenario.PASSWORD);
        JsonNode me = ok(200, full.get(s.api() + "/me")).json();
        assertTrue(me.get("owner").asBoolean(), "/me: " + me);
        assertEquals(all, Api.strings(me.get("permissions")), "/me agrees with the claim");
        ok(201, full.post(s.api() + "/roles", object("name", "Made by an owner", "position", 3)));
    }

    @Test
    void anotherUsersOwnershipIsJudgedOnTheirRoleMappings() {
        JsonNode seen = ok(200, s.master.get(s.api() + "/users/" + s.userId("owner") + "/permissions")).json();
        assertTrue(seen.get("owner").asBoolean(), "/users/{id}/permissions of a realm-admin: " + seen);
        refused(403, "owner_protection", s.as("admin").put(s.api() + "/users/" + s.userId("owner") + "/roles/"
                + s.roleId("Lowest"), ""));
        assertFalse(ok(200, s.as("admin").get(s.api() + "/me")).json().get("owner").asBoolean(),
                "the highest admin role of the extension is no ownership");
    }
}
