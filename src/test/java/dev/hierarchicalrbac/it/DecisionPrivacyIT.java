package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision endpoints and the reads of another user's data tell a caller nothing they may not
 * read: a caller without manage_roles, manage_users or view-users gets one and the same refusal
 * (403 {@code missing_permission}) whether the other user is an owner, a plain user, unknown, or a
 * user of another realm. A caller who may read users still gets real decisions, and 404 for an
 * unknown id.
 */
class DecisionPrivacyIT {

    static Scenario s;
    static Scenario other;
    static String unknownId;
    static String otherRealmUserId;

    @BeforeAll
    static void setUp() {
        s = Scenario.standard("decision-privacy");
        other = Scenario.empty("decision-other");
        otherRealmUserId = other.user("stranger");
        unknownId = UUID.randomUUID().toString();
    }

    /** The users {@code plain} asks about, by what they are. */
    private static Map<String, String> targets() {
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("an owner", s.userId("owner"));
        targets.put("a plain user below", s.userId("helper"));
        targets.put("an unknown id", unknownId);
        targets.put("a user of another realm", otherRealmUserId);
        return targets;
    }

    @Test
    void aCallerWithoutReadRightsGetsTheSameRefusalAboutAnyTarget() {
        AdminClient plain = s.as("plain");
        String self = s.userId("plain");
        AdminClient.Response first = null;
        String firstLabel = null;
        for (Map.Entry<String, String> target : targets().entrySet()) {
            AdminClient.Response response = plain.get(s.api() + "/users/" + self + "/can-manage/users/" + target.getValue());
            refused(403, "missing_permission", response);
            if (first == null) {
                first = response;
                firstLabel = target.getKey();
                continue;
            }
            assertEquals(first.status(), response.status(), target.getKey() + " vs " + firstLabel);
            assertEquals(first.json(), response.json(),
                    "the answer about " + target.getKey() + " must be identical to the one about " + firstLabel);
        }
    }

    @Test
    void aCallerWithoutReadRightsGetsTheSameRefusalReadingAnyOtherUser() {
        AdminClient plain = s.as("plain");
        for (String read : List.of("permissions", "roles", "visual-roles")) {
            JsonNode first = null;
            String firstLabel = null;
            for (Map.Entry<String, String> target : targets().entrySet()) {
                AdminClient.Response response = plain.get(s.api() + "/users/" + target.getValue() + "/" + read);
                refused(403, "missing_permission", response);
                // The path's own id may be echoed back; nothing else may differ.
                JsonNode normalised = normalise(response.json(), target.getValue());
                if (first == null) {
                    first = normalised;
                    firstLabel = target.getKey();
                    continue;
                }
                assertEquals(first, normalised, "GET /users/{id}/" + read + ": the answer about " + target.getKey()
                        + " must be the one about " + firstLabel);
            }
        }
    }

    @Test
    void aCallerWithManageUsersStillGetsRealDecisions() {
        AdminClient helper = s.as("helper");
        String self = s.userId("helper");
        JsonNode yes = ok(200, helper.get(s.api() + "/users/" + self + "/can-manage/users/" + s.userId("plain"))).json();
        assertTrue(yes.get("allowed").asBoolean(), yes.toString());
        JsonNode owner = ok(200, helper.get(s.api() + "/users/" + self + "/can-manage/users/" + s.userId("owner"))).json();
        assertFalse(owner.get("allowed").asBoolean(), owner.toString());
        assertEquals("owner_protection", owner.get("refusal").asText(), owner.toString());
        JsonNode equal = ok(200, helper.get(s.api() + "/users/" + self + "/can-manage/users/" + s.userId("mod"))).json();
        assertFalse(equal.get("allowed").asBoolean(), equal.toString());
        assertEquals("hierarchy", equal.get("refusal").asText(), equal.toString());

        AdminClient.Response unknown = helper.get(s.api() + "/users/" + self + "/can-manage/users/" + unknownId);
        refused(404, "not_found", unknown);
        AdminClient.Response elsewhere = helper.get(s.api() + "/users/" + self + "/can-manage/users/" + otherRealmUserId);
        refused(404, "not_found", elsewhere);
        assertEquals(normalise(unknown.json(), unknownId), normalise(elsewhere.json(), otherRealmUserId),
                "another realm's user looks exactly like an unknown id");

        refused(404, "not_found", helper.get(s.api() + "/users/" + unknownId + "/permissions"));
        ok(200, helper.get(s.api() + "/users/" + s.userId("owner") + "/permissions"));
    }

    @Test
    void aCallerMayStillReadAndDecideAboutThemself() {
        AdminClient plain = s.as("plain");
        String self = s.userId("plain");
        ok(200, plain.get(s.api() + "/users/" + self + "/permissions"));
        ok(200, plain.get(s.api() + "/users/" + self + "/roles"));
        JsonNode role = ok(200, plain.get(s.api() + "/users/" + self + "/can-manage/roles/" + s.roleId("Lowest"))).json();
        assertFalse(role.get("allowed").asBoolean(), role.toString());
    }

    /** The body with every occurrence of the requested id replaced, so only what else it says is compared. */
    private static JsonNode normalise(JsonNode body, String id) {
        try {
            return AdminClient.JSON.readTree(body.toString().replace(id, "{id}"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
