package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Api;
import dev.hierarchicalrbac.it.support.Scenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two realms side by side: ids of one are unknown (404) in the other, and tokens do not cross. */
class TenantIsolationIT {

    static Scenario a;
    static Scenario b;
    static String visualB;
    static String permissionB;

    @BeforeAll
    static void setUp() {
        a = Scenario.standard("tenant-a");
        b = Scenario.standard("tenant-b");
        visualB = ok(201, b.master.post(b.api() + "/visual-roles", object("name", "B-only"))).json().get("id").asText();
        permissionB = ok(201, b.master.post(b.api() + "/permissions", object("name", "b.only"))).json().get("id").asText();
    }

    @Test
    void everyIdOfAnotherRealmAnswers404EvenToAnOwner() {
        String before = b.snapshot();
        String roleB = b.roleId("Lowest");
        String userB = b.userId("plain");
        String userA = a.userId("plain");
        AdminClient owner = a.as("owner");
        refused(404, "not_found", owner.get(a.api() + "/roles/" + roleB));
        refused(404, "not_found", owner.put(a.api() + "/roles/" + roleB, object("color", "#000000")));
        refused(404, "not_found", owner.delete(a.api() + "/roles/" + roleB));
        refused(404, "not_found", owner.get(a.api() + "/roles/" + roleB + "/users"));
        refused(404, "not_found", owner.put(a.api() + "/roles/positions", List.of(object("id", roleB, "position", 77))));
        refused(404, "not_found", owner.get(a.api() + "/permissions/" + permissionB));
        refused(404, "not_found", owner.delete(a.api() + "/permissions/" + permissionB));
        refused(404, "not_found", owner.get(a.api() + "/visual-roles/" + visualB));
        refused(404, "not_found", owner.delete(a.api() + "/visual-roles/" + visualB));
        refused(404, "not_found", owner.get(a.api() + "/users/" + userB + "/roles"));
        refused(404, "not_found", owner.get(a.api() + "/users/" + userB + "/permissions"));
        refused(404, "not_found", owner.put(a.api() + "/users/" + userA + "/roles/" + roleB, ""));
        refused(404, "not_found", owner.put(a.api() + "/users/" + userA + "/roles", List.of(roleB)));
        refused(404, "not_found", owner.put(a.api() + "/users/" + userA + "/visual-roles/" + visualB, ""));
        refused(404, "not_found", owner.get(a.api() + "/users/" + userA + "/can-manage/roles/" + roleB));
        refused(404, "not_found", owner.get(a.api() + "/users/" + userA + "/can-manage/users/" + userB));
        assertEquals(before, b.snapshot());
    }

    @Test
    void aTokenOfOneRealmGetsNothingFromAnother() {
        for (String user : List.of("owner", "admin", "plain")) {
            int status = a.as(user).get(b.api() + "/roles").status();
            assertTrue(status == 401 || status == 403, user + " got " + status);
            int write = a.as(user).post(b.api() + "/roles", object("name", "Intruder", "position", 1)).status();
            assertTrue(write == 401 || write == 403, user + " got " + write);
        }
        assertTrue(Api.names(ok(200, b.master.get(b.api() + "/roles")).json()).stream().noneMatch("Intruder"::equals));
    }
}
