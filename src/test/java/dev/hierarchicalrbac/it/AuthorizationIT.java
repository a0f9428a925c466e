package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Scenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static dev.hierarchicalrbac.it.support.Api.names;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.refused;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of the table in design §3, allowed and refused, with real users' tokens against the
 * real server, asserting the status and the effect. The cast is {@link Scenario#standard}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationIT {

    static Scenario s;

    @BeforeAll
    static void setUp() {
        s = Scenario.standard("authz");
    }

    @Nested
    class ReadingTheCatalogueAndOwnData {

        @Test
        void anyUserOfTheRealmReadsCatalogueRolesVisualRolesAndOwnData() {
            AdminClient plain = s.as("plain");
            assertTrue(names(ok(200, plain.get(s.api() + "/permissions")).json()).containsAll(Scenario.BUILT_INS));
            // Other tests add roles to this realm: check the order of the standard cast.
            List<String> standard = List.of("Admin", "Moderator", "Curator", "Helper", "Lowest", "@everyone");
            List<String> roles = names(ok(200, plain.get(s.api() + "/roles")).json());
            assertEquals(standard, roles.stream().filter(standard::contains).toList());
            assertEquals("@everyone", roles.get(roles.size() - 1));
            ok(200, plain.get(s.api() + "/visual-roles"));
            ok(200, plain.get(s.api() + "/users/" + s.userId("plain") + "/roles"));
            ok(200, plain.get(s.api() + "/users/" + s.userId("plain") + "/permissions"));
            assertEquals("plain", ok(200, plain.get(s.api() + "/me")).json().get("username").asText());
        }

        @Test
        void noTokenIsRefusedWith401() {
            AdminClient anonymous = AdminClient.withToken(s.server.baseUrl(), "not-a-token");
            assertEquals(401, anonymous.get(s.api() + "/roles").status());
        }
    }

    @Nested
    class ReadingAnotherUser {

        @Test
        void manageRolesManageUsersAndKeycloakViewUsersMayRead() {
            String target = s.userId("plain");
            for (String reader : List.of("mod", "helper", "curator", "viewer", "owner")) {
                ok(200, s.as(reader).get(s.api() + "/users/" + target + "/roles"));
                ok(200, s.as(reader).get(s.api() + "/users/" + target + "/permissions"));
            }
        }

        @Test
        void aUserWithoutThemIsRefused() {
            refused(403, "missing_permission", s.as("plain").get(s.api() + "/users/" + s.userId("mod") + "/roles"));
            refused(403, "missing_permission", s.as("plain").get(s.api() + "/users/" + s.userId("mod") + "/permissions"));
            refused(403, "missing_permission", s.as("plain").get(s.api() + "/roles/" + s.roleId("Helper") + "/users"));
        }

        @Test
        void effectivePermissionsOfAnotherUserAreTheUnionWithEveryone() {
            var access = ok(200, s.as("mod").get(s.api() + "/users/" + s.userId("helper") + "/permissions")).json();
            assertEquals(List.of("manage_users"), strings(access.get("permissions")));
            assertEquals(10, access.get("highestPosition").asInt());
            assertFalse(access.get("owner").asBoolean());
            var owner = ok(200, s.as("mod").get(s.api() + "/users/" + s.userId("owner") + "/permissions")).json();
            assertTrue(owner.get("owner").asBoolean());
            assertEquals(names(ok(200, s.master.get(s.api() + "/permissions")).json()), strings(owner.get("permissions")),
                    "an owner holds every permission of the realm");
        }
    }

    @Nested
    class CreatingAdminRoles {

        @Test
        void belowOwnPositionWithManageRoles() {
            var created = ok(201, s.as("mod").post(s.api() + "/roles", object("name", "Mod-made", "position", 19)));
            assertTrue(created.header("Location").orElseThrow().endsWith("/rbac/roles/" + created.json().get("id").asText()));
            ok(204, s.master.delete(s.api() + "/roles/" + created.json().get("id").asText()));
        }

        @Test
        void atOrAboveOwnPositionIsRefused() {
            refused(403, "hierarchy", s.as("mod").post(s.api() + "/roles", object("name", "Equal", "position", 20)));
            refused(403, "hierarchy", s.as("mod").post(s.api() + "/roles", object("name", "Above", "position", 21)));
        }

        @Test
        void withoutManageRolesIsRefused() {
            refused(403, "missing_permission", s.as("helper").post(s.api() + "/roles", object("name", "Nope", "position", 2)));
        }

        @Test
        void startingWithPermissionsNeedsManagePermissionsAndHoldingThem() {
            var created = ok(201, s.as("mod").post(s.api() + "/roles",
                    object("name", "Logs", "position", 18, "permissions", List.of("view_logs"))));
            assertEquals(List.of("view_logs"), strings(created.json().get("permissions")));
            ok(204, s.master.delete(s.api() + "/roles/" + created.json().get("id").asText()));
            refused(403, "permission_not_held", s.as("mod").post(s.api() + "/roles",
                    object("name", "Settings", "position", 18, "permissions", List.of("manage_settings"))));
            refused(403, "missing_permission", s.as("curator").post(s.api() + "/roles",
                    object("name", "Curated", "position", 12, "permissions", List.of("manage_roles"))));
            ok(201, s.as("curator").post(s.api() + "/roles", object("name", "Curated", "position", 12)));
        }

        @Test
        void ownersBypassTheHierarchy() {
            var created = ok(201, s.as("owner").post(s.api() + "/roles",
                    object("name", "Top", "position", 1000, "permissions", List.of("manage_plugins"))));
            ok(204, s.as("owner").delete(s.api() + "/roles/" + created.json().get("id").asText()));
        }
    }

    @Nested
    class EditingAdminRoles {

        @Test
        void aRoleBelowIsEditable() {
            String id = s.role("Editable", 3);
            var edited = ok(200, s.as("mod").put(s.api() + "/roles/" + id,
                    object("description", "edited", "color", "#123abc", "icon", "fa-solid fa-star")));
            assertEquals("edited", edited.json().get("description").asText());
            assertEquals("#123ABC", edited.json().get("color").asText());
            assertEquals(3, edited.json().get("position").asInt(), "a field left out keeps its value");
        }

        @Test
        void ownRoleOrHigherIsRefusedAndUnchanged() {
            refused(403, "hierarchy", s.as("mod").put(s.api() + "/roles/" + s.roleId("Moderator"), object("description", "mine")));
            refused(403, "hierarchy", s.as("mod").put(s.api() + "/roles/" + s.roleId("Admin"), object("name", "Lesser")));
            var admin = ok(200, s.master.get(s.api() + "/roles/" + s.roleId("Admin"))).json();
            assertEquals("Admin", admin.get("name").asText());
        }

        @Test
        void withoutManageRolesIsRefused() {
            refused(403, "missing_permission", s.as("helper").put(s.api() + "/roles/" + s.roleId("Lowest"), object("color", "#000000")));
        }
    }

    @Nested
    class MovingRoles {

        @Test
        void bothPositionsBelowMayMove() {
            String id = s.role("Mover", 4);
            var moved = ok(200, s.as("mod").put(s.api() + "/roles/" + id, object("position", 6)));
            assertEquals(6, moved.json().get("position").asInt());
            ok(200, s.as("mod").put(s.api() + "/roles/positions", List.of(object("id", id, "position", 16))));
            assertEquals(16, ok(200, s.master.get(s.api() + "/roles/" + id)).json().get("position").asInt());
        }

        @Test
        void movingToOrAboveOwnPositionOrMovingAHigherRoleIsRefused() {
            String id = s.role("Climber", 8);
            refused(403, "hierarchy", s.as("mod").put(s.api() + "/roles/" + id, object("position", 25)));
            refused(403, "hierarchy", s.as("mod").put(s.api() + "/roles/" + id, object("position", 20)));
            refused(403, "hierarchy", s.as("mod").put(s.api() + "/roles/" + s.roleId("Admin"), object("position", 9)));
            assertEquals(8, ok(200, s.master.get(s.api() + "/roles/" + id)).json().get("position").asInt());
        }

        @Test
        void aReorderWithOneRefusedMoveAppliesNothing() {
            String a = s.role("Reorder-A", 2);
            refused(403, "hierarchy", s.as("mod").put(s.api() + "/roles/positions",
                    List.of(object("id", a, "position", 1), object("id", s.roleId("Admin"), "position", 60))));
            assertEquals(2, ok(200, s.master.get(s.api() + "/roles/" + a)).json().get("position").asInt());
            assertEquals(50, ok(200, s.master.get(s.api() + "/roles/" + s.roleId("Admin"))).json().get("position").asInt());
        }

        @Test
        void withoutManageRolesIsRefused() {
            refused(403, "missing_permission", s.as("helper").put(s.api() + "/roles/" + s.roleId("Lowest"), object("position", 6)));
        }
    }

    @Nested
    class ChangingPermissions {

        @Test
        void heldPermissionsOnALowerRole() {
            String id = s.role("Granted", 9);
            var changed = ok(200, s.as("mod").put(s.api() + "/roles/" + id, object("permissions", List.of("view_logs", "manage_users"))));
            assertEquals(List.of("manage_users", "view_logs"), strings(changed.json().get("permissions")));
            var revoked = ok(200, s.as("mod").put(s.api() + "/roles/" + id, object("permissions", List.of("manage_users"))));
            assertEquals(List.of("manage_users"), strings(revoked.json().get("permissions")));
        }

        @Test
        void aPermissionNotHeldIsRefusedEvenToRevoke() {
            String id = s.role("Has-settings", 14, "manage_settings");
            refused(403, "permission_not_held", s.as("mod").put(s.api() + "/roles/" + id, object("permissions", List.of())));
            refused(403, "permission_not_held", s.as("mod").put(s.api() + "/roles/" + s.roleId("Lowest"),
                    object("permissions", List.of("manage_settings"))));
            assertEquals(List.of("manage_settings"), strings(ok(200, s.master.get(s.api() + "/roles/" + id)).json().get("permissions")));
        }

        @Test
        void needsManagePermissionsAndALowerRole() {
            refused(403, "missing_permission", s.as("curator").put(s.api() + "/roles/" + s.roleId("Lowest"),
                    object("permissions", List.of("manage_roles"))));
            refused(403, "hierarchy", s.as("mod").put(s.api() + "/roles/" + s.roleId("Moderator"),
                    object("permissions", List.of("manage_roles"))));
        }
    }

    @Nested
    class DeletingRoles {

        @Test
        void aLowerRoleWithManageRoles() {
            String id = s.role("Doomed", 11);
            ok(204, s.as("curator").delete(s.api() + "/roles/" + id));
            refused(404, "not_found", s.master.get(s.api() + "/roles/" + id));
        }

        @Test
        void higherOrEqualOrWithoutManageRolesIsRefused() {
            refused(403, "hierarchy", s.as("curator").delete(s.api() + "/roles/" + s.roleId("Curator")));
            refused(403, "hierarchy", s.as("mod").delete(s.api() + "/roles/" + s.roleId("Admin")));
            refused(403, "missing_permission", s.as("helper").delete(s.api() + "/roles/" + s.roleId("Lowest")));
            ok(200, s.master.get(s.api() + "/roles/" + s.roleId("Admin")));
        }
    }

    @Nested
    class AssigningAdminRoles {

        @Test
        void aLowerRoleToANonOwner() {
            String target = s.user("assignee");
            String role = s.role("Assignable", 17);
            ok(204, s.as("mod").put(s.api() + "/users/" + target + "/roles/" + role, ""));
            ok(204, s.as("mod").put(s.api() + "/users/" + target + "/roles/" + role, ""));
            assertEquals(List.of("Assignable"), names(ok(200, s.master.get(s.api() + "/users/" + target + "/roles")).json()));
            var members = ok(200, s.master.get(s.api() + "/roles/" + role + "/users")).json();
            assertEquals(1, members.size(), "assigning twice is idempotent");
            assertEquals("assignee", members.get(0).get("username").asText());
            ok(204, s.as("mod").delete(s.api() + "/users/" + target + "/roles/" + role));
            assertEquals(List.of(), names(ok(200, s.master.get(s.api() + "/users/" + target + "/roles")).json()));
        }

        @Test
        void ownOrHigherRoleOrAnOwnerOrWithoutManageRolesIsRefused() {
            String plain = s.userId("plain");
            refused(403, "hierarchy", s.as("mod").put(s.api() + "/users/" + plain + "/roles/" + s.roleId("Moderator"), ""));
            refused(403, "owner_protection", s.as("mod").put(s.api() + "/users/" + s.userId("owner") + "/roles/" + s.roleId("Lowest"), ""));
            refused(403, "missing_permission", s.as("helper").put(s.api() + "/users/" + plain + "/roles/" + s.roleId("Lowest"), ""));
            refused(403, "hierarchy", s.as("curator").delete(s.api() + "/users/" + s.userId("mod") + "/roles/" + s.roleId("Moderator")));
            assertEquals(List.of(), names(ok(200, s.master.get(s.api() + "/users/" + plain + "/roles")).json()));
        }

        @Test
        void replacingTheSetJudgesEveryChange() {
            String target = s.user("replaced");
            ok(200, s.as("mod").put(s.api() + "/users/" + target + "/roles", List.of(s.roleId("Lowest"), s.roleId("Helper"))));
            assertEquals(List.of("Helper", "Lowest"), names(ok(200, s.master.get(s.api() + "/users/" + target + "/roles")).json()));
            refused(403, "hierarchy", s.as("mod").put(s.api() + "/users/" + target + "/roles", List.of(s.roleId("Admin"))));
            assertEquals(List.of("Helper", "Lowest"), names(ok(200, s.master.get(s.api() + "/users/" + target + "/roles")).json()));
        }

        @Test
        void ownersMayChangeOwnersAssignments() {
            ok(204, s.master.put(s.api() + "/users/" + s.userId("owner") + "/roles/" + s.roleId("Lowest"), ""));
            ok(204, s.as("owner").delete(s.api() + "/users/" + s.userId("owner") + "/roles/" + s.roleId("Lowest")));
        }
    }

    @Nested
    class VisualRoles {

        @Test
        void manageRolesCreatesEditsDeletes() {
            var created = ok(201, s.as("curator").post(s.api() + "/visual-roles",
                    object("name", "Friend-" + System.nanoTime() % 1000, "color", "#00ff00", "icon", "fa-solid fa-heart")));
            String id = created.json().get("id").asText();
            ok(200, s.as("curator").put(s.api() + "/visual-roles/" + id, object("description", "close friends")));
            ok(204, s.as("curator").delete(s.api() + "/visual-roles/" + id));
        }

        @Test
        void withoutManageRolesIsRefused() {
            refused(403, "missing_permission", s.as("helper").post(s.api() + "/visual-roles", object("name", "VIP")));
        }

        @Test
        void assigningNeedsManageUsersAndATargetBelowOrSelf() {
            String vip = ok(201, s.master.post(s.api() + "/visual-roles", object("name", "VIP-assign"))).json().get("id").asText();
            ok(204, s.as("helper").put(s.api() + "/users/" + s.userId("plain") + "/visual-roles/" + vip, ""));
            ok(204, s.as("helper").put(s.api() + "/users/" + s.userId("helper") + "/visual-roles/" + vip, ""));
            refused(403, "hierarchy", s.as("helper").put(s.api() + "/users/" + s.userId("mod") + "/visual-roles/" + vip, ""));
            refused(403, "hierarchy", s.as("mod").put(s.api() + "/users/" + s.userId("mod2") + "/visual-roles/" + vip, ""));
            refused(403, "owner_protection", s.as("admin").put(s.api() + "/users/" + s.userId("owner") + "/visual-roles/" + vip, ""));
            refused(403, "missing_permission", s.as("curator").put(s.api() + "/users/" + s.userId("plain") + "/visual-roles/" + vip, ""));
            assertEquals(List.of("VIP-assign"), names(ok(200, s.master.get(s.api() + "/users/" + s.userId("plain") + "/visual-roles")).json()));
            assertEquals(List.of(), names(ok(200, s.master.get(s.api() + "/users/" + s.userId("mod") + "/visual-roles")).json()));
            ok(204, s.as("helper").delete(s.api() + "/users/" + s.userId("plain") + "/visual-roles/" + vip));
            ok(204, s.as("helper").delete(s.api() + "/users/" + s.userId("helper") + "/visual-roles/" + vip));
        }
    }

    @Nested
    class PermissionCatalogue {

        @Test
        void managePermissionsCreatesAndDescribes() {
            var created = ok(201, s.as("mod").post(s.api() + "/permissions", object("name", "edit_recipes", "description", "Recipes")));
            String id = created.json().get("id").asText();
            assertFalse(created.json().get("builtIn").asBoolean());
            ok(200, s.as("mod").put(s.api() + "/permissions/" + id, object("description", "Edit every recipe")));
            ok(200, s.as("mod").put(s.api() + "/permissions/" + s.permissionId("view_logs"), object("description", "Logs and audit trails")));
            refused(403, "missing_permission", s.as("helper").post(s.api() + "/permissions", object("name", "nope")));
            refused(403, "missing_permission", s.as("curator").put(s.api() + "/permissions/" + id, object("description", "x")));
        }

        @Test
        void deletingNeedsThePermissionHeldAndNeverABuiltIn() {
            String held = ok(201, s.master.post(s.api() + "/permissions", object("name", "held.perm"))).json().get("id").asText();
            String notHeld = ok(201, s.master.post(s.api() + "/permissions", object("name", "not.held"))).json().get("id").asText();
            String holder = s.role("Holder", 13, "held.perm");
            ok(200, s.master.put(s.api() + "/roles/" + s.roleId("Moderator"),
                    object("permissions", List.of("manage_roles", "manage_users", "manage_permissions", "view_logs", "held.perm"))));
            refused(403, "permission_not_held", s.as("mod").delete(s.api() + "/permissions/" + notHeld));
            ok(204, s.as("mod").delete(s.api() + "/permissions/" + held));
            assertEquals(List.of(), strings(ok(200, s.master.get(s.api() + "/roles/" + holder)).json().get("permissions")),
                    "a deleted permission leaves every role");
            refused(409, "built_in", s.as("owner").delete(s.api() + "/permissions/" + s.permissionId("manage_users")));
            refused(409, "built_in", s.as("owner").put(s.api() + "/permissions/" + s.permissionId("manage_users"), object("name", "renamed")));
        }
    }

    @Nested
    class DecisionsForApplications {

        @Test
        void canManageRoleAndUser() {
            var yes = ok(200, s.as("mod").get(s.api() + "/users/" + s.userId("mod") + "/can-manage/roles/" + s.roleId("Helper"))).json();
            assertTrue(yes.get("allowed").asBoolean());
            var no = ok(200, s.as("mod").get(s.api() + "/users/" + s.userId("mod") + "/can-manage/roles/" + s.roleId("Moderator"))).json();
            assertFalse(no.get("allowed").asBoolean());
            assertEquals("hierarchy", no.get("refusal").asText());
            assertTrue(ok(200, s.as("mod").get(s.api() + "/users/" + s.userId("mod") + "/can-manage/users/" + s.userId("helper"))).json().get("allowed").asBoolean());
            assertFalse(ok(200, s.as("mod").get(s.api() + "/users/" + s.userId("mod") + "/can-manage/users/" + s.userId("mod2"))).json().get("allowed").asBoolean());
            assertFalse(ok(200, s.as("mod").get(s.api() + "/users/" + s.userId("admin") + "/can-manage/users/" + s.userId("owner"))).json().get("allowed").asBoolean());
            refused(403, "missing_permission", s.as("plain").get(s.api() + "/users/" + s.userId("mod") + "/can-manage/roles/" + s.roleId("Helper")));
        }
    }
}
