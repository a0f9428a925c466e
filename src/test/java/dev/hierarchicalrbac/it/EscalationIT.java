package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Scenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.refused;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The four Discord rules, each on its own, and the privilege-escalation attempts a member might try:
 * each is refused and changes nothing (the whole stored state is compared before and after).
 */
class EscalationIT {

    static Scenario s;

    @BeforeAll
    static void setUp() {
        s = Scenario.standard("escalation");
    }

    private static void refusedAndUnchanged(int status, String error, java.util.function.Supplier<AdminClient.Response> attempt) {
        String before = s.snapshot();
        refused(status, error, attempt.get());
        assertEquals(before, s.snapshot(), "a refused request changes nothing");
    }

    @Test
    void ruleOneManageOnlyStrictlyLowerRoles() {
        refusedAndUnchanged(403, "hierarchy", () -> s.as("mod").put(s.api() + "/roles/" + s.roleId("Moderator"), object("color", "#FFFFFF")));
        refusedAndUnchanged(403, "hierarchy", () -> s.as("mod").delete(s.api() + "/roles/" + s.roleId("Admin")));
        ok(200, s.as("mod").put(s.api() + "/roles/" + s.roleId("Lowest"), object("color", "#FFFFFF")));
    }

    @Test
    void ruleTwoGrantOnlyPermissionsYouHold() {
        refusedAndUnchanged(403, "permission_not_held", () -> s.as("mod").put(s.api() + "/roles/" + s.roleId("Helper"),
                object("permissions", List.of("manage_users", "manage_settings"))));
        ok(200, s.as("mod").put(s.api() + "/roles/" + s.roleId("Helper"), object("permissions", List.of("manage_users", "view_logs"))));
        ok(200, s.as("mod").put(s.api() + "/roles/" + s.roleId("Helper"), object("permissions", List.of("manage_users"))));
    }

    @Test
    void ruleThreeSortOnlyRolesBelowYou() {
        refusedAndUnchanged(403, "hierarchy", () -> s.as("mod").put(s.api() + "/roles/positions",
                List.of(object("id", s.roleId("Admin"), "position", 19), object("id", s.roleId("Lowest"), "position", 51))));
        refusedAndUnchanged(403, "hierarchy", () -> s.as("mod").put(s.api() + "/roles/positions",
                List.of(object("id", s.roleId("Moderator"), "position", 19))));
        // Swapping two roles below you is fine, and swaps back.
        ok(200, s.as("mod").put(s.api() + "/roles/positions",
                List.of(object("id", s.roleId("Helper"), "position", 5), object("id", s.roleId("Lowest"), "position", 10))));
        ok(200, s.as("mod").put(s.api() + "/roles/positions",
                List.of(object("id", s.roleId("Helper"), "position", 10), object("id", s.roleId("Lowest"), "position", 5))));
    }

    @Test
    void ruleFourEqualTopPositionsCannotActOnEachOther() {
        refusedAndUnchanged(403, "hierarchy", () -> s.as("mod").delete(s.api() + "/users/" + s.userId("mod2") + "/roles/" + s.roleId("Moderator")));
        String badge = ok(201, s.master.post(s.api() + "/visual-roles", object("name", "Badge"))).json().get("id").asText();
        refusedAndUnchanged(403, "hierarchy", () -> s.as("mod").put(s.api() + "/users/" + s.userId("mod2") + "/visual-roles/" + badge, ""));
        assertFalse(ok(200, s.as("mod").get(s.api() + "/users/" + s.userId("mod") + "/can-manage/users/" + s.userId("mod2")))
                .json().get("allowed").asBoolean());
    }

    @Test
    void assigningYourselfAHigherRole() {
        refusedAndUnchanged(403, "hierarchy", () -> s.as("mod").put(s.api() + "/users/" + s.userId("mod") + "/roles/" + s.roleId("Admin"), ""));
        refusedAndUnchanged(403, "hierarchy", () -> s.as("mod").put(s.api() + "/users/" + s.userId("mod") + "/roles",
                List.of(s.roleId("Moderator"), s.roleId("Admin"))));
    }

    @Test
    void raisingARoleAboveYou() {
        refusedAndUnchanged(403, "hierarchy", () -> s.as("mod").put(s.api() + "/roles/" + s.roleId("Lowest"), object("position", 30)));
        refusedAndUnchanged(403, "hierarchy", () -> s.as("mod").post(s.api() + "/roles", object("name", "Boss", "position", 99)));
    }

    @Test
    void grantingAPermissionYouLack() {
        refusedAndUnchanged(403, "permission_not_held", () -> s.as("mod").post(s.api() + "/roles",
                object("name", "Sneaky", "position", 3, "permissions", List.of("manage_plugins"))));
    }

    @Test
    void editingEveryoneToGainAPermission() {
        String everyone = s.roleId("@everyone");
        refusedAndUnchanged(403, "permission_not_held", () -> s.as("mod").put(s.api() + "/roles/" + everyone,
                object("permissions", List.of("manage_settings"))));
        refusedAndUnchanged(403, "missing_permission", () -> s.as("plain").put(s.api() + "/roles/" + everyone,
                object("permissions", List.of("view_logs"))));
        refusedAndUnchanged(409, "everyone_protected", () -> s.as("owner").put(s.api() + "/roles/" + everyone, object("name", "all")));
        refusedAndUnchanged(409, "everyone_protected", () -> s.as("owner").put(s.api() + "/roles/" + everyone, object("position", 1)));
        refusedAndUnchanged(409, "everyone_protected", () -> s.as("owner").delete(s.api() + "/roles/" + everyone));
        refusedAndUnchanged(409, "everyone_protected", () -> s.as("owner").put(s.api() + "/users/" + s.userId("plain") + "/roles/" + everyone, ""));
        // Under the normal rules a held permission may go to @everyone, and back.
        ok(200, s.as("mod").put(s.api() + "/roles/" + everyone, object("permissions", List.of("view_logs"))));
        assertEquals(List.of("view_logs"), strings(ok(200, s.as("plain").get(s.api() + "/me")).json().get("permissions")));
        ok(200, s.as("mod").put(s.api() + "/roles/" + everyone, object("permissions", List.of())));
    }

    @Test
    void actingOnAnOwner() {
        refusedAndUnchanged(403, "owner_protection", () -> s.as("admin").put(s.api() + "/users/" + s.userId("owner") + "/roles/" + s.roleId("Lowest"), ""));
        refusedAndUnchanged(403, "owner_protection", () -> s.as("admin").put(s.api() + "/users/" + s.userId("owner") + "/roles", List.of()));
    }
}
