package dev.hierarchicalrbac.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One owner test everywhere: whether a caller owns the realm is judged on the user's role mappings,
 * as the token mapper judges it, not on the roles one token happens to carry. A realm-admin signed in
 * through a client with full scope off carries no realm-management role in the token, yet is the
 * same owner in {@code /me}, in {@code /users/{id}/permissions} and when writing.
 */
class OwnersIT {

    static final String NARROW_CLIENT = "rbac-narrow-scope";

    static Scenario s;

    @BeforeAll
    static void setUp() throws Exception {
        s = Scenario.standard("owners");
        ObjectNode client = JSON.createObjectNode().put("clientId", NARROW_CLIENT).put("publicClient", true)
                .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false).put("fullScopeAllowed", false);
        expect(201, s.master.post("/admin/realms/" + s.realm + "/clients", client));
    }

    @Test
    void aRealmAdminThroughAClientWithFullScopeOffIsTheSameOwnerEverywhere() throws Exception {
        AdminClient narrow = AdminClient.signIn(s.server.baseUrl(), s.realm, NARROW_CLIENT, "owner", Scenario.PASSWORD);
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(narrow.accessToken().split("\\.")[1]));
        assertFalse(claims.path("resource_access").has("realm-management"),
                "the token carries no realm-management role: " + claims.path("resource_access"));

        JsonNode me = ok(200, narrow.get(s.api() + "/me")).json();
        assertTrue(me.get("owner").asBoolean(), "/me: " + me);
        JsonNode seen = ok(200, s.master.get(s.api() + "/users/" + s.userId("owner") + "/permissions")).json();
        assertTrue(seen.get("owner").asBoolean(), "/users/{id}/permissions: " + seen);
        assertEquals(seen.get("permissions"), me.get("permissions"), "the same permissions both ways");
        ok(201, narrow.post(s.api() + "/roles", object("name", "Made by a narrow token", "position", 3)));
        ok(204, narrow.put(s.api() + "/users/" + s.userId("mod") + "/roles/" + s.roleId("Lowest"), ""));
    }

    @Test
    void aMasterRealmAdminOwnsEveryRealmAndAPlainUserNone() {
        assertTrue(ok(200, s.master.get(s.api() + "/me")).json().get("owner").asBoolean(), "the master realm's admin");
        JsonNode plain = ok(200, s.as("plain").get(s.api() + "/me")).json();
        assertFalse(plain.get("owner").asBoolean(), "plain: " + plain);
        assertFalse(ok(200, s.as("admin").get(s.api() + "/me")).json().get("owner").asBoolean(),
                "the highest admin role of the extension is no ownership");
    }
}
