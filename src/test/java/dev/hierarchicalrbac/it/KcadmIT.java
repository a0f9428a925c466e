package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.Kcadm;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A realm operator drives the API with the distribution's own {@code kcadm.sh}. */
class KcadmIT {

    static Scenario s;
    static Kcadm kcadm;

    @BeforeAll
    static void signIn() throws Exception {
        s = Scenario.standard("kcadm");
        kcadm = Kcadm.signIn(s.server);
    }

    @Test
    void createGetUpdateAndDeleteARoleAsAnOperatorWould() throws Exception {
        String id = kcadm.run("create", "rbac/roles", "-r", s.realm, "-s", "name=Operators", "-s", "position=7",
                "-s", "color=#00AA00", "-s", "permissions=[\"view_logs\"]", "-i").trim();
        JsonNode roles = JSON.readTree(kcadm.run("get", "rbac/roles", "-r", s.realm));
        JsonNode created = null;
        for (JsonNode role : roles) {
            if (role.get("id").asText().equals(id)) {
                created = role;
            }
        }
        assertTrue(created != null, "kcadm get lists the created role: " + roles);
        assertEquals(7, created.get("position").asInt());
        assertEquals("view_logs", created.get("permissions").get(0).asText());

        kcadm.run("update", "rbac/roles/" + id, "-r", s.realm, "-s", "description=Night shift");
        assertEquals("Night shift", JSON.readTree(kcadm.run("get", "rbac/roles/" + id, "-r", s.realm)).get("description").asText());

        kcadm.run("update", "rbac/users/" + s.userId("plain") + "/roles/" + id, "-r", s.realm, "-b", "{}");
        JsonNode access = JSON.readTree(kcadm.run("get", "rbac/users/" + s.userId("plain") + "/permissions", "-r", s.realm));
        assertEquals(7, access.get("highestPosition").asInt());

        kcadm.run("delete", "rbac/roles/" + id, "-r", s.realm);
        assertEquals(404, s.master.get(s.api() + "/roles/" + id).status());
    }
}
