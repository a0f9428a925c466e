package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.refused;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static dev.hierarchicalrbac.it.support.Errors.invalid;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Design §9, the first door: the hierarchy governs Keycloak's own admin API through the Fine-Grained
 * Admin Permissions v2 policy type {@code rbac-hierarchy}, switched on by
 * {@code PUT /rbac/user-administration}. Every call here is Keycloak's own admin API
 * ({@code /admin/realms/{realm}/users/...}) made with the delegated admin's own token; the extension's
 * code is only the policy Keycloak asks.
 *
 * <p>The cast is {@link Scenario#standard} (positions 50, 20, 20, 15, 10, 0); every actor holds the
 * console role {@code rbac-user-administrator} (Keycloak's {@code view-users}) the switch creates,
 * as a delegated admin would. Keycloak's {@code realm-admin} of {@code owner} includes
 * {@code manage-users}, which bypasses admin permissions by Keycloak's design.
 */
class UserAdministrationIT {

    static final List<String> ACTORS = List.of("admin", "mod", "mod2", "curator", "helper", "plain");
    static final List<String> DEFAULT_SCOPES = List.of("impersonate", "manage", "manage-group-membership", "map-roles",
            "reset-password");

    static Scenario s;
    static JsonNode switchedOn;

    @BeforeAll
    static void setUp() {
        s = Scenario.standard("useradmin");
        switchedOn = expect(200, s.master.put(s.api() + "/user-administration", object("enabled", true))).json();
        for (String actor : ACTORS) {
            grantRealmRole(actor, "rbac-user-administrator");
        }
    }

    // --- the switch ---------------------------------------------------------------------------------

    @Test
    void switchingOnCreatesThePolicyThePermissionAndTheConsoleRole() {
        assertTrue(switchedOn.get("enabled").asBoolean(), switchedOn.toString());
        assertTrue(switchedOn.get("adminPermissionsEnabled").asBoolean());
        assertEquals(DEFAULT_SCOPES, strings(switchedOn.get("scopes")));
        assertEquals(List.of("manage_users"), strings(switchedOn.get("permissions")));
        assertEquals("rbac-user-administrator", switchedOn.get("consoleRole").asText());

        // Keycloak's own view of it: admin permissions on, our policy type, our permission on all Users.
        assertTrue(expect(200, s.master.get(kc(""))).json().get("adminPermissionsEnabled").asBoolean());
        JsonNode policy = expect(200, s.master.get(authz("/policy/" + switchedOn.get("policyId").asText()))).json();
        assertEquals("rbac-hierarchy", policy.get("type").asText(), policy.toString());
        JsonNode permission = expect(200, s.master.get(authz("/permission/scope/" + switchedOn.get("permissionId").asText()))).json();
        assertEquals("Users", permission.get("resourceType").asText(), permission.toString());
        JsonNode consoleRole = expect(200, s.master.get(kc("/roles/rbac-user-administrator/composites"))).json();
        assertEquals(List.of("view-users"), consoleRole.findValuesAsText("name"));
    }

    @Test
    void switchingOnAgainIsIdempotentAndGetShowsTheSameState() {
        JsonNode again = expect(200, s.master.put(s.api() + "/user-administration", object("enabled", true))).json();
        assertEquals(switchedOn, again);
        assertEquals(switchedOn, expect(200, s.master.get(s.api() + "/user-administration")).json());
    }

    @Test
    void onlyAnOwnerSeesOrSwitches() {
        for (String actor : List.of("admin", "mod", "viewer")) {
            refused(403, "owner_only", s.as(actor).get(s.api() + "/user-administration"));
            refused(403, "owner_only", s.as(actor).put(s.api() + "/user-administration", object("enabled", false)));
        }
        assertTrue(expect(200, s.master.get(s.api() + "/user-administration")).json().get("enabled").asBoolean());
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndChangeNothing() {
        String path = s.api() + "/user-administration";
        invalid("enabled", s.master.put(path, object("scopes", List.of("manage"))));
        invalid("scopes", s.master.put(path, object("enabled", true, "scopes", List.of("manage", "delete"))));
        invalid("scopes", s.master.put(path, object("enabled", true, "scopes", List.of())));
        invalid("permissions", s.master.put(path, object("enabled", true, "permissions", List.of("ban_people"))));
        invalid("enabled", s.master.put(path, object("enabled", "yes")));
        invalid("colour", s.master.put(path, object("enabled", true, "colour", "red")));
        assertEquals(switchedOn, expect(200, s.master.get(path)).json());
    }

    @Test
    void keycloaksOwnPolicyApiRefusesAPermissionOutsideTheCatalogue() {
        ObjectNode policy = object("name", "typo", "permissions", List.of("manage_userz"));
        AdminClient.Response response = s.master.post(authz("/policy/rbac-hierarchy"), policy);
        assertEquals(400, response.status(), response.toString());
        assertTrue(response.body().contains("manage_userz"), response.body());
    }

    // --- the rule, through Keycloak's own admin API --------------------------------------------------

    /**
     * {@code PUT /admin/realms/{r}/users/{id}} (scope manage) by every actor on every user of the cast:
     * 204 exactly where {@code Hierarchy.canManageUser} allows (manage_users, strictly below, never an
     * owner, never oneself), 403 otherwise. Five positions: 50, 20 (twice), 15, 10, 0.
     */
    private static final String MATRIX = """
            actor    owner  admin  mod  mod2  curator  helper  plain  viewer
            admin    403    -      ok   ok    ok       ok      ok     ok
            mod      403    403    -    403   ok       ok      ok     ok
            mod2     403    403    403  -     ok       ok      ok     ok
            helper   403    403    403  403   403      -       ok     ok
            curator  403    403    403  403   -        403     403    403
            plain    403    403    403  403   403      403     -      403
            """;

    @Test
    void updatingAUserFollowsTheHierarchyForEveryPairOfTheCast() {
        List<Executable> pairs = new ArrayList<>();
        String[] lines = MATRIX.strip().split("\n");
        String[] targets = lines[0].trim().split("\\s+");
        for (int row = 1; row < lines.length; row++) {
            String[] cells = lines[row].trim().split("\\s+");
            for (int column = 1; column < targets.length; column++) {
                String actor = cells[0];
                String target = targets[column];
                String expected = cells[column];
                if (!expected.equals("-")) {
                    pairs.add(() -> assertEquals(expected.equals("ok") ? 204 : 403, rename(actor, target).status(),
                            actor + " updates " + target));
                }
            }
        }
        assertEquals(42, pairs.size(), "6 actors x 7 other users");
        assertAll("PUT /users/{id}, actor -> target", pairs.stream());
    }

    @Test
    void resetPasswordFollowsTheHierarchy() {
        ObjectNode password = object("type", "password", "value", Scenario.PASSWORD, "temporary", false);
        assertAll(
                () -> assertEquals(204, s.as("mod").put(kc("/users/" + s.userId("helper") + "/reset-password"), password).status(), "below"),
                () -> assertEquals(403, s.as("mod").put(kc("/users/" + s.userId("mod2") + "/reset-password"), password).status(), "equal"),
                () -> assertEquals(403, s.as("mod").put(kc("/users/" + s.userId("admin") + "/reset-password"), password).status(), "above"),
                () -> assertEquals(403, s.as("mod").put(kc("/users/" + s.userId("owner") + "/reset-password"), password).status(), "owner"));
    }

    @Test
    void impersonationFollowsTheHierarchy() {
        assertAll(
                () -> assertEquals(200, s.as("mod").post(kc("/users/" + s.userId("plain") + "/impersonation"), "").status(), "below"),
                () -> assertEquals(403, s.as("mod").post(kc("/users/" + s.userId("mod2") + "/impersonation"), "").status(), "equal"),
                () -> assertEquals(403, s.as("mod").post(kc("/users/" + s.userId("admin") + "/impersonation"), "").status(), "above"),
                () -> assertEquals(403, s.as("mod").post(kc("/users/" + s.userId("owner") + "/impersonation"), "").status(), "owner"));
    }

    /**
     * Role mapping and group join also need Keycloak's permission on the role or group itself (which
     * roles a delegate may hand out is Keycloak's to decide): granted here to the console role for one
     * realm role and one group. The user side is the hierarchy's.
     */
    @Test
    void roleMappingAndGroupJoinFollowTheHierarchy() {
        expect(201, s.master.post(kc("/roles"), object("name", "badge")));
        JsonNode badge = expect(200, s.master.get(kc("/roles/badge"))).json();
        String groupId = expect(201, s.master.post(kc("/groups"), object("name", "newcomers"))).header("Location")
                .map(l -> l.substring(l.lastIndexOf('/') + 1)).orElseThrow();
        String consoleRoleId = expect(200, s.master.get(kc("/roles/rbac-user-administrator"))).json().get("id").asText();
        String policyId = expect(201, s.master.post(authz("/policy/role"),
                object("name", "user administrators", "roles", List.of(Map.of("id", consoleRoleId))))).json().get("id").asText();
        expect(201, s.master.post(authz("/permission/scope"), object("name", "hand out badge", "resourceType", "Roles",
                "resources", List.of(badge.get("id").asText()), "scopes", List.of("map-role"), "policies", List.of(policyId))));
        expect(201, s.master.post(authz("/permission/scope"), object("name", "fill newcomers", "resourceType", "Groups",
                "resources", List.of(groupId), "scopes", List.of("manage-membership"), "policies", List.of(policyId))));

        List<JsonNode> roles = List.of(badge);
        assertAll(
                () -> assertEquals(204, s.as("mod").post(kc("/users/" + s.userId("helper") + "/role-mappings/realm"), roles).status(), "map below"),
                () -> assertEquals(403, s.as("mod").post(kc("/users/" + s.userId("mod2") + "/role-mappings/realm"), roles).status(), "map equal"),
                () -> assertEquals(403, s.as("mod").post(kc("/users/" + s.userId("admin") + "/role-mappings/realm"), roles).status(), "map above"),
                () -> assertEquals(403, s.as("mod").post(kc("/users/" + s.userId("owner") + "/role-mappings/realm"), roles).status(), "map owner"),
                () -> assertEquals(204, s.as("mod").put(kc("/users/" + s.userId("plain") + "/groups/" + groupId), "").status(), "join below"),
                () -> assertEquals(403, s.as("mod").put(kc("/users/" + s.userId("mod2") + "/groups/" + groupId), "").status(), "join equal"),
                () -> assertEquals(403, s.as("mod").put(kc("/users/" + s.userId("admin") + "/groups/" + groupId), "").status(), "join above"),
                () -> assertEquals(403, s.as("mod").put(kc("/users/" + s.userId("owner") + "/groups/" + groupId), "").status(), "join owner"));
    }

    /**
     * An owner by Keycloak's manage-realm alone (no manage-users, so Keycloak asks the policy): the
     * policy judges them by their token, as /me does, and lets them act on anyone else, owners included.
     */
    @Test
    void anOwnerWithoutManageUsersActsOnAnyoneThroughThePolicy() {
        s.user("steward");
        s.grantKeycloakRole("steward", "manage-realm");
        grantRealmRole("steward", "rbac-user-administrator");
        assertTrue(expect(200, s.as("steward").get(s.api() + "/me")).json().get("owner").asBoolean(), "steward is an owner");
        assertAll(
                () -> assertEquals(204, rename("steward", "admin").status(), "the highest member"),
                () -> assertEquals(204, rename("steward", "owner").status(), "another owner"));
    }

    /** The rule has no single target when Keycloak asks about all users at once (creating one): never granted. */
    @Test
    void typeWideChecksAreNotGranted() {
        AdminClient.Response created = s.as("admin").post(kc("/users"), object("username", "newcomer", "enabled", true));
        assertEquals(403, created.status(), created.toString());
    }

    /** The console role lets a delegated admin list and read users (Keycloak's view-users). */
    @Test
    void theConsoleRoleOpensTheUsersList() {
        JsonNode users = expect(200, s.as("plain").get(kc("/users?briefRepresentation=true&max=100"))).json();
        assertTrue(users.findValuesAsText("username").containsAll(List.of("owner", "admin", "helper")), users.toString());
        JsonNode helper = expect(200, s.as("mod").get(kc("/users/" + s.userId("helper")))).json();
        assertTrue(helper.path("access").path("manage").asBoolean(), "the console enables editing below: " + helper);
        JsonNode admin = expect(200, s.as("mod").get(kc("/users/" + s.userId("admin")))).json();
        assertFalse(admin.path("access").path("manage").asBoolean(), "and not above: " + admin);
    }

    /** A timed-out moderator holds only @everyone's permissions: Keycloak's API refuses them too, until it ends. */
    @Test
    void aTimedOutModeratorIsRefusedUntilTheTimeOutEnds() {
        String until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        ok(200, s.master.put(s.api() + "/users/" + s.userId("helper") + "/timeout", object("until", until)));
        try {
            assertEquals(403, rename("helper", "plain").status(), "timed out");
        } finally {
            ok(204, s.master.delete(s.api() + "/users/" + s.userId("helper") + "/timeout"));
        }
        assertEquals(204, rename("helper", "plain").status(), "after the time-out");
    }

    /** A role change shows at once: helper promoted above mod may now update mod, and mod no longer helper. */
    @Test
    void aPromotionMovesTheLineAtOnce() {
        String adminRole = s.roleId("Admin");
        expect(204, s.master.put(s.api() + "/users/" + s.userId("helper") + "/roles/" + adminRole, ""));
        try {
            assertEquals(204, rename("helper", "mod").status(), "helper (now 50) on mod (20)");
            assertEquals(403, rename("mod", "helper").status(), "mod (20) on helper (now 50)");
        } finally {
            expect(204, s.master.delete(s.api() + "/users/" + s.userId("helper") + "/roles/" + adminRole));
        }
        assertEquals(204, rename("mod", "helper").status(), "back below mod");
    }

    // --- switching off -------------------------------------------------------------------------------

    /** In a realm of its own: off removes exactly what on created, and Keycloak's API closes again. */
    @Test
    void switchingOffRemovesWhatItCreatedAndNothingElse() {
        Scenario own = Scenario.standard("useradmin-off");
        expect(201, own.master.post("/admin/realms/" + own.realm + "/roles", object("name", "kept")));
        JsonNode on = expect(200, own.master.put(own.api() + "/user-administration",
                object("enabled", true, "scopes", List.of("manage"), "permissions", List.of("manage_users", "view_logs")))).json();
        assertEquals(List.of("manage"), strings(on.get("scopes")));
        assertEquals(List.of("manage_users", "view_logs"), strings(on.get("permissions")));
        grantRealmRole(own, "mod", "rbac-user-administrator");
        assertEquals(204, renameIn(own, "mod", "helper").status(), "on: mod below-updates helper");

        JsonNode off = expect(200, own.master.put(own.api() + "/user-administration", object("enabled", false))).json();
        assertFalse(off.get("enabled").asBoolean(), off.toString());
        assertFalse(off.get("adminPermissionsEnabled").asBoolean(), "we turned admin permissions on, and nothing else uses them");
        assertNull(off.path("policyId").textValue(), "absent or null: " + off);
        assertNull(off.path("permissionId").textValue());
        assertNull(off.path("consoleRole").textValue(), "the console role it created is gone: " + off);
        assertEquals(404, own.master.get("/admin/realms/" + own.realm + "/roles/rbac-user-administrator").status());
        expect(200, own.master.get("/admin/realms/" + own.realm + "/roles/kept"));
        assertEquals(403, renameIn(own, "mod", "helper").status(), "off: Keycloak's API is closed to mod again");
        assertEquals(off, expect(200, own.master.put(own.api() + "/user-administration", object("enabled", false))).json(),
                "switching off twice changes nothing");
    }

    /** Admin permissions that were on before, or that other permissions use, stay on. */
    @Test
    void switchingOffLeavesAdminPermissionsOthersUse() {
        Scenario own = Scenario.empty("useradmin-keep");
        ok(204, own.master.put("/admin/realms/" + own.realm, object("adminPermissionsEnabled", true)));
        JsonNode on = expect(200, own.master.put(own.api() + "/user-administration", object("enabled", true))).json();
        assertNotNull(on.get("permissionId").textValue());
        JsonNode off = expect(200, own.master.put(own.api() + "/user-administration", object("enabled", false))).json();
        assertTrue(off.get("adminPermissionsEnabled").asBoolean(), "the realm had admin permissions before: " + off);
        assertFalse(off.get("enabled").asBoolean());
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Keycloak's own user update, by the actor's token: the full representation with a new first name. */
    private static AdminClient.Response rename(String actor, String target) {
        return renameIn(s, actor, target);
    }

    private static AdminClient.Response renameIn(Scenario scenario, String actor, String target) {
        String path = "/admin/realms/" + scenario.realm + "/users/" + scenario.userId(target);
        ObjectNode user = (ObjectNode) expect(200, scenario.master.get(path)).json();
        user.put("firstName", "Renamed by " + actor);
        return scenario.as(actor).put(path, user);
    }

    private static void grantRealmRole(String username, String role) {
        grantRealmRole(s, username, role);
    }

    private static void grantRealmRole(Scenario scenario, String username, String role) {
        String base = "/admin/realms/" + scenario.realm;
        JsonNode rep = expect(200, scenario.master.get(base + "/roles/" + role)).json();
        expect(204, scenario.master.post(base + "/users/" + scenario.userId(username) + "/role-mappings/realm", List.of(rep)));
    }

    private static String kc(String path) {
        return "/admin/realms/" + s.realm + path;
    }

    /** Keycloak's authorization API of the realm's admin-permissions client. */
    private static String authz(String path) {
        String clientId = expect(200, s.master.get(kc("/clients?clientId=admin-permissions"))).json().get(0).get("id").asText();
        return kc("/clients/" + clientId + "/authz/resource-server" + path);
    }
}
