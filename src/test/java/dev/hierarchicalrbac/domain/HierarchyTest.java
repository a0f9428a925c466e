package dev.hierarchicalrbac.domain;

import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_PERMISSIONS;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_ROLES;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_USERS;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.VIEW_LOGS;
import static dev.hierarchicalrbac.domain.Fixtures.EVERYONE;
import static dev.hierarchicalrbac.domain.Fixtures.OTHER;
import static dev.hierarchicalrbac.domain.Fixtures.SELF;
import static dev.hierarchicalrbac.domain.Fixtures.assertAllowed;
import static dev.hierarchicalrbac.domain.Fixtures.assertRefused;
import static dev.hierarchicalrbac.domain.Fixtures.member;
import static dev.hierarchicalrbac.domain.Fixtures.owner;
import static dev.hierarchicalrbac.domain.Fixtures.ownerUser;
import static dev.hierarchicalrbac.domain.Fixtures.role;
import static dev.hierarchicalrbac.domain.Fixtures.self;
import static dev.hierarchicalrbac.domain.Fixtures.user;
import static dev.hierarchicalrbac.domain.Refusal.BUILT_IN;
import static dev.hierarchicalrbac.domain.Refusal.EVERYONE_PROTECTED;
import static dev.hierarchicalrbac.domain.Refusal.HIERARCHY;
import static dev.hierarchicalrbac.domain.Refusal.MISSING_PERMISSION;
import static dev.hierarchicalrbac.domain.Refusal.OWNER_ONLY;
import static dev.hierarchicalrbac.domain.Refusal.OWNER_PROTECTION;
import static dev.hierarchicalrbac.domain.Refusal.PERMISSION_NOT_HELD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One nested class per row of the table in design section 3. */
class HierarchyTest {

    @Nested
    class ReadCatalogue {

        @Test
        void anyUserEvenWithoutRolesOrPermissions() {
            assertAllowed(Hierarchy.canReadCatalogue(member(0)));
        }

        @Test
        void owner() {
            assertAllowed(Hierarchy.canReadCatalogue(Fixtures.owner()));
        }
    }

    @Nested
    class ReadUser {

        @Test
        void ownAssignmentsNeedNothing() {
            assertAllowed(Hierarchy.canReadUser(member(0), SELF, false));
        }

        @ParameterizedTest
        @ValueSource(strings = {MANAGE_ROLES, MANAGE_USERS})
        void anotherUserWithManageRolesOrManageUsers(String permission) {
            assertAllowed(Hierarchy.canReadUser(member(0, permission), OTHER, false));
        }

        @Test
        void anotherUserWithKeycloakViewUsers() {
            assertAllowed(Hierarchy.canReadUser(member(0), OTHER, true));
        }

        @Test
        void anotherUserWithoutAnyOfThemIsRefused() {
            assertRefused(MISSING_PERMISSION, "Missing permission 'manage_roles' or 'manage_users'.",
                    Hierarchy.canReadUser(member(99, MANAGE_PERMISSIONS, VIEW_LOGS), OTHER, false));
        }

        @Test
        void ownerBypass() {
            assertAllowed(Hierarchy.canReadUser(owner(), OTHER, false));
        }
    }

    @Nested
    class ReadMembers {

        @ParameterizedTest
        @ValueSource(strings = {MANAGE_ROLES, MANAGE_USERS})
        void withManageRolesOrManageUsers(String permission) {
            assertAllowed(Hierarchy.canReadMembers(member(0, permission), false));
        }

        @Test
        void withKeycloakViewUsers() {
            assertAllowed(Hierarchy.canReadMembers(member(0), true));
        }

        @Test
        void withoutAnyOfThemIsRefusedWhateverThePosition() {
            assertRefused(MISSING_PERMISSION, "Missing permission 'manage_roles' or 'manage_users'.",
                    Hierarchy.canReadMembers(member(99, MANAGE_PERMISSIONS), false));
        }

        @Test
        void ownerBypass() {
            assertAllowed(Hierarchy.canReadMembers(owner(), false));
        }
    }

    @Nested
    class CreateRole {

        @ParameterizedTest(name = "h={0}, p={1} -> allowed={2}")
        @CsvSource({
                "50, 49, true",
                "50,  1, true",
                "50, 50, false",
                "50, 51, false",
                " 1,  1, false",
                " 0,  1, false",
        })
        void positionMustBeStrictlyBelowH(int h, int p, boolean allowed) {
            Decision decision = Hierarchy.canCreateRole(member(h, MANAGE_ROLES), p, Set.of());
            if (allowed) {
                assertAllowed(decision);
            } else {
                assertRefused(HIERARCHY, decision);
            }
        }

        @Test
        void equalPositionReason() {
            assertRefused(HIERARCHY, "Position 50 is not below your highest position 50.",
                    Hierarchy.canCreateRole(member(50, MANAGE_ROLES), 50, Set.of()));
        }

        @Test
        void nullInitialPermissionsMeansNone() {
            assertAllowed(Hierarchy.canCreateRole(member(50, MANAGE_ROLES), 10, null));
        }

        @Test
        void missingManageRoles() {
            assertRefused(MISSING_PERMISSION, "Missing permission 'manage_roles'.",
                    Hierarchy.canCreateRole(member(50, MANAGE_USERS, MANAGE_PERMISSIONS), 10, Set.of()));
        }

        @Test
        void withInitialPermissionsAllHeld() {
            assertAllowed(Hierarchy.canCreateRole(member(50, MANAGE_ROLES, MANAGE_PERMISSIONS, VIEW_LOGS), 10,
                    Set.of(VIEW_LOGS, MANAGE_ROLES)));
        }

        @Test
        void withInitialPermissionsNeedsManagePermissions() {
            assertRefused(MISSING_PERMISSION, "Missing permission 'manage_permissions'.",
                    Hierarchy.canCreateRole(member(50, MANAGE_ROLES, VIEW_LOGS), 10, Set.of(VIEW_LOGS)));
        }

        @Test
        void withInitialPermissionNotHeld() {
            assertRefused(PERMISSION_NOT_HELD, "You do not hold permission 'view_logs'.",
                    Hierarchy.canCreateRole(member(50, MANAGE_ROLES, MANAGE_PERMISSIONS), 10, Set.of(VIEW_LOGS)));
        }

        @Test
        void hierarchyIsCheckedBeforePermissionNotHeld() {
            assertRefused(HIERARCHY,
                    Hierarchy.canCreateRole(member(50, MANAGE_ROLES, MANAGE_PERMISSIONS), 60, Set.of(VIEW_LOGS)));
        }

        @Test
        void ownerBypassesPositionAndHeldPermissions() {
            assertAllowed(Hierarchy.canCreateRole(owner(), 1000, Set.of(VIEW_LOGS, "custom")));
        }
    }

    @Nested
    class EditRole {

        @ParameterizedTest(name = "renaming={0}")
        @ValueSource(booleans = {false, true})
        void roleBelow(boolean renaming) {
            assertAllowed(Hierarchy.canEditRole(member(50, MANAGE_ROLES), role("Mod", 49), renaming));
        }

        @ParameterizedTest(name = "role at {0} vs h=50")
        @ValueSource(ints = {50, 51, 1000})
        void roleAtOrAboveIsRefused(int position) {
            assertRefused(HIERARCHY, Hierarchy.canEditRole(member(50, MANAGE_ROLES), role("R", position), false));
        }

        @Test
        void equalPositionReason() {
            assertRefused(HIERARCHY, "Role 'Admin' at position 50 is not below your highest position 50.",
                    Hierarchy.canEditRole(member(50, MANAGE_ROLES), role("Admin", 50), false));
        }

        @Test
        void missingManageRoles() {
            assertRefused(MISSING_PERMISSION, "Missing permission 'manage_roles'.",
                    Hierarchy.canEditRole(member(50, MANAGE_PERMISSIONS), role("Mod", 10), false));
        }

        @ParameterizedTest(name = "renaming={0}")
        @ValueSource(booleans = {false, true})
        void ownerBypass(boolean renaming) {
            assertAllowed(Hierarchy.canEditRole(owner(), role("Top", 1000), renaming));
        }

        @Test
        void canManageRoleIsEditingWithoutRenaming() {
            assertAllowed(Hierarchy.canManageRole(member(50, MANAGE_ROLES), role("Mod", 10)));
            assertRefused(HIERARCHY, Hierarchy.canManageRole(member(50, MANAGE_ROLES), role("Admin", 50)));
            assertRefused(MISSING_PERMISSION, Hierarchy.canManageRole(member(50), role("Mod", 10)));
            assertAllowed(Hierarchy.canManageRole(owner(), role("Top", 1000)));
        }
    }

    @Nested
    class MoveRole {

        @Test
        void oldAndNewBelow() {
            assertAllowed(Hierarchy.canMove(member(50, MANAGE_ROLES), role("Mod", 10), 49));
        }

        @ParameterizedTest(name = "old={0}, new={1}, h=50")
        @CsvSource({
                "50, 10",   // old equal
                "60, 10",   // old above: cannot pull a superior down
                "10, 50",   // new equal
                "10, 60",   // new above: cannot raise a role to or above yourself
        })
        void oldOrNewAtOrAboveIsRefused(int oldPosition, int newPosition) {
            assertRefused(HIERARCHY, Hierarchy.canMove(member(50, MANAGE_ROLES), role("R", oldPosition), newPosition));
        }

        @Test
        void newPositionReason() {
            assertRefused(HIERARCHY, "Role 'Mod' cannot move to position 50: it is not below your highest position 50.",
                    Hierarchy.canMove(member(50, MANAGE_ROLES), role("Mod", 10), 50));
        }

        @Test
        void missingManageRoles() {
            assertRefused(MISSING_PERMISSION, Hierarchy.canMove(member(50, MANAGE_PERMISSIONS), role("Mod", 10), 20));
        }

        @Test
        void ownerBypass() {
            assertAllowed(Hierarchy.canMove(owner(), role("Top", 1000), 2000));
        }
    }

    @Nested
    class ReorderRoles {

        private Map<AdminRole, Integer> moves(Object... roleThenPosition) {
            Map<AdminRole, Integer> moves = new LinkedHashMap<>();
            for (int i = 0; i < roleThenPosition.length; i += 2) {
                moves.put((AdminRole) roleThenPosition[i], (Integer) roleThenPosition[i + 1]);
            }
            return moves;
        }

        @Test
        void everyMoveBelow() {
            assertAllowed(Hierarchy.canReorder(member(50, MANAGE_ROLES),
                    moves(role("A", 10), 20, role("B", 20), 10)));
        }

        @Test
        void oneMoveToEqualPositionRefusesTheWholeRequest() {
            assertRefused(HIERARCHY, "Role 'B' cannot move to position 50: it is not below your highest position 50.",
                    Hierarchy.canReorder(member(50, MANAGE_ROLES), moves(role("A", 10), 20, role("B", 20), 50)));
        }

        @Test
        void oneRoleAtEqualPositionRefusesTheWholeRequest() {
            assertRefused(HIERARCHY, "Role 'B' at position 50 is not below your highest position 50.",
                    Hierarchy.canReorder(member(50, MANAGE_ROLES), moves(role("A", 10), 20, role("B", 50), 10)));
        }

        @Test
        void firstRefusalInOrderWins() {
            Decision decision = Hierarchy.canReorder(member(50, MANAGE_ROLES),
                    moves(role("A", 60), 10, role("B", 10), 70));
            assertRefused(HIERARCHY, "Role 'A' at position 60 is not below your highest position 50.", decision);
        }

        @Test
        void missingManageRoles() {
            assertRefused(MISSING_PERMISSION, Hierarchy.canReorder(member(50), moves(role("A", 10), 20)));
        }

        @Test
        void emptyRequestStillNeedsManageRoles() {
            assertRefused(MISSING_PERMISSION, Hierarchy.canReorder(member(50), Map.of()));
            assertAllowed(Hierarchy.canReorder(member(50, MANAGE_ROLES), Map.of()));
        }

        @Test
        void ownerBypass() {
            assertAllowed(Hierarchy.canReorder(owner(), moves(role("A", 1000), 2000, role("B", 2000), 1000)));
        }

        @Test
        void everyoneInTheRequestIsRefusedEvenForOwner() {
            assertRefused(EVERYONE_PROTECTED, Hierarchy.canReorder(owner(), moves(role("A", 10), 20, EVERYONE, 5)));
        }

        @Test
        void everyoneIsReportedBeforeHierarchyOfEarlierMoves() {
            assertRefused(EVERYONE_PROTECTED,
                    Hierarchy.canReorder(member(50, MANAGE_ROLES), moves(role("A", 60), 10, EVERYONE, 5)));
        }
    }

    @Nested
    class ChangePermissions {

        @Test
        void addAndRemoveHeldPermissionsOnRoleBelow() {
            assertAllowed(Hierarchy.canChangePermissions(member(50, MANAGE_PERMISSIONS, VIEW_LOGS, MANAGE_USERS),
                    role("Mod", 10, MANAGE_USERS), Set.of(VIEW_LOGS), Set.of(MANAGE_USERS)));
        }

        @Test
        void nullSetsMeanNothingChanged() {
            assertAllowed(Hierarchy.canChangePermissions(member(50, MANAGE_PERMISSIONS), role("Mod", 10), null, null));
        }

        @Test
        void missingManagePermissionsEvenWithManageRoles() {
            assertRefused(MISSING_PERMISSION, "Missing permission 'manage_permissions'.",
                    Hierarchy.canChangePermissions(member(50, MANAGE_ROLES, VIEW_LOGS), role("Mod", 10),
                            Set.of(VIEW_LOGS), Set.of()));
        }

        @ParameterizedTest(name = "role at {0} vs h=50")
        @ValueSource(ints = {50, 51})
        void roleAtOrAboveIsRefused(int position) {
            assertRefused(HIERARCHY, Hierarchy.canChangePermissions(member(50, MANAGE_PERMISSIONS, VIEW_LOGS),
                    role("R", position), Set.of(VIEW_LOGS), Set.of()));
        }

        @Test
        void addingAPermissionNotHeld() {
            assertRefused(PERMISSION_NOT_HELD, "You do not hold permission 'view_logs'.",
                    Hierarchy.canChangePermissions(member(50, MANAGE_PERMISSIONS), role("Mod", 10),
                            Set.of(VIEW_LOGS), Set.of()));
        }

        @Test
        void removingAPermissionNotHeld() {
            assertRefused(PERMISSION_NOT_HELD, "You do not hold permission 'view_logs'.",
                    Hierarchy.canChangePermissions(member(50, MANAGE_PERMISSIONS), role("Mod", 10, VIEW_LOGS),
                            Set.of(), Set.of(VIEW_LOGS)));
        }

        @Test
        void reasonNamesEveryPermissionNotHeldSorted() {
            assertRefused(PERMISSION_NOT_HELD, "You do not hold permissions 'manage_users', 'view_logs'.",
                    Hierarchy.canChangePermissions(member(50, MANAGE_PERMISSIONS), role("Mod", 10),
                            Set.of(VIEW_LOGS), Set.of(MANAGE_USERS)));
        }

        @Test
        void ownerBypass() {
            assertAllowed(Hierarchy.canChangePermissions(owner(), role("Top", 1000), Set.of("anything"), Set.of(VIEW_LOGS)));
        }
    }

    @Nested
    class RulesAboutTheThingItself {

        @Test
        void everyoneIsNeverDeletedNorAssignedAndOtherRolesAre() {
            assertEquals(EVERYONE_PROTECTED, Hierarchy.canEverDelete(EVERYONE).refusal());
            assertEquals(EVERYONE_PROTECTED, Hierarchy.canEverAssign(EVERYONE).refusal());
            assertAllowed(Hierarchy.canEverDelete(role("Low", 5)));
            assertAllowed(Hierarchy.canEverAssign(role("Low", 5)));
        }

        @Test
        void builtInsAreNeverDeletedNorRenamedAndCustomOnesAre() {
            Permission builtIn = new Permission("p", VIEW_LOGS, null, true);
            Permission custom = new Permission("c", "edit_recipes", null, false);
            assertRefused(BUILT_IN, "Permission 'view_logs' is built in and cannot be deleted.", Hierarchy.canEverDelete(builtIn));
            assertRefused(BUILT_IN, "Permission 'view_logs' is built in and cannot be renamed.", Hierarchy.canEverRename(builtIn));
            assertAllowed(Hierarchy.canEverDelete(custom));
            assertAllowed(Hierarchy.canEverRename(custom));
        }
    }

    @Nested
    class DeleteRole {

        @Test
        void roleBelow() {
            assertAllowed(Hierarchy.canDeleteRole(member(50, MANAGE_ROLES), role("Mod", 49)));
        }

        @ParameterizedTest(name = "role at {0} vs h=50")
        @ValueSource(ints = {50, 51})
        void roleAtOrAboveIsRefused(int position) {
            assertRefused(HIERARCHY, Hierarchy.canDeleteRole(member(50, MANAGE_ROLES), role("R", position)));
        }

        @Test
        void missingManageRoles() {
            assertRefused(MISSING_PERMISSION, Hierarchy.canDeleteRole(member(50, MANAGE_PERMISSIONS), role("Mod", 10)));
        }

        @Test
        void ownerBypass() {
            assertAllowed(Hierarchy.canDeleteRole(owner(), role("Top", 1000)));
        }
    }

    @Nested
    class AssignRole {

        @Test
        void roleBelowToAnotherUser() {
            assertAllowed(Hierarchy.canAssignRole(member(50, MANAGE_ROLES), role("Mod", 10), user(0)));
        }

        @Test
        void theTableDoesNotLimitTheTargetsPosition() {
            // Section 3 asks only R.position < h and U not an owner for admin-role assignment.
            assertAllowed(Hierarchy.canAssignRole(member(50, MANAGE_ROLES), role("Mod", 10), user(90)));
        }

        @Test
        void roleBelowToYourself() {
            assertAllowed(Hierarchy.canAssignRole(member(50, MANAGE_ROLES), role("Mod", 10), self(50)));
        }

        @ParameterizedTest(name = "role at {0} vs h=50")
        @ValueSource(ints = {50, 51})
        void roleAtOrAboveIsRefused(int position) {
            assertRefused(HIERARCHY, Hierarchy.canAssignRole(member(50, MANAGE_ROLES), role("R", position), user(0)));
        }

        @Test
        void missingManageRoles() {
            assertRefused(MISSING_PERMISSION, Hierarchy.canAssignRole(member(50, MANAGE_USERS), role("Mod", 10), user(0)));
        }

        @Test
        void targetOwnerIsProtected() {
            assertRefused(OWNER_PROTECTION, "Only an owner may change an owner's assignments.",
                    Hierarchy.canAssignRole(member(50, MANAGE_ROLES), role("Mod", 10), ownerUser()));
        }

        @Test
        void ownerProtectionComesBeforeMissingPermission() {
            assertRefused(OWNER_PROTECTION, Hierarchy.canAssignRole(member(0), role("Mod", 10), ownerUser()));
        }

        @Test
        void ownerBypassIncludingOnAnotherOwner() {
            assertAllowed(Hierarchy.canAssignRole(owner(), role("Top", 1000), user(0)));
            assertAllowed(Hierarchy.canAssignRole(owner(), role("Top", 1000), ownerUser()));
        }
    }

    @Nested
    class ReplaceRoles {

        @Test
        void needsManageRolesWhateverThePosition() {
            assertAllowed(Hierarchy.canReplaceRoles(member(1, MANAGE_ROLES), user(0)));
            assertRefused(MISSING_PERMISSION, "Missing permission 'manage_roles'.",
                    Hierarchy.canReplaceRoles(member(99, MANAGE_USERS), user(0)));
        }

        @Test
        void anOwnersSetIsProtectedEvenWhenNothingWouldChange() {
            assertRefused(OWNER_PROTECTION, "Only an owner may change an owner's assignments.",
                    Hierarchy.canReplaceRoles(member(99, MANAGE_ROLES), ownerUser()));
        }

        @Test
        void ownerBypass() {
            assertAllowed(Hierarchy.canReplaceRoles(owner(), ownerUser()));
        }

        @Test
        void everyRoleAddedOrRemovedIsJudgedAndTheFirstRefusalWins() {
            AdminRole low = role("Low", 5);
            AdminRole high = role("High", 30);
            assertAllowed(Hierarchy.canReplaceRoles(member(10, MANAGE_ROLES), user(0), List.of(low)));
            assertEquals(HIERARCHY, Hierarchy.canReplaceRoles(member(10, MANAGE_ROLES), user(0), List.of(low, high)).refusal());
            assertEquals(OWNER_PROTECTION,
                    Hierarchy.canReplaceRoles(member(99, MANAGE_ROLES), ownerUser(), List.of(low)).refusal(),
                    "the request as such is judged first");
            assertEquals(EVERYONE_PROTECTED,
                    Hierarchy.canReplaceRoles(owner(), user(0), List.of(EVERYONE)).refusal());
            assertAllowed(Hierarchy.canReplaceRoles(member(1, MANAGE_ROLES), user(0), List.of()));
        }
    }

    @Nested
    class VisualRoles {

        @Test
        void manageWithManageRoles() {
            assertAllowed(Hierarchy.canManageVisualRoles(member(0, MANAGE_ROLES)));
        }

        @Test
        void manageWithoutManageRoles() {
            assertRefused(MISSING_PERMISSION, "Missing permission 'manage_roles'.",
                    Hierarchy.canManageVisualRoles(member(99, MANAGE_USERS, MANAGE_PERMISSIONS)));
        }

        @Test
        void manageOwnerBypass() {
            assertAllowed(Hierarchy.canManageVisualRoles(owner()));
        }

        @Test
        void assignToYourselfNeedsNoPosition() {
            assertAllowed(Hierarchy.canAssignVisualRole(member(0, MANAGE_USERS), self(0)));
        }

        @Test
        void assignToUserBelow() {
            assertAllowed(Hierarchy.canAssignVisualRole(member(50, MANAGE_USERS), user(49)));
        }

        @ParameterizedTest(name = "target at {0} vs h=50")
        @ValueSource(ints = {50, 51})
        void assignToUserAtOrAboveIsRefused(int targetPosition) {
            assertRefused(HIERARCHY, Hierarchy.canAssignVisualRole(member(50, MANAGE_USERS), user(targetPosition)));
        }

        @Test
        void usersWithoutRolesAreNotBelowEachOther() {
            assertRefused(HIERARCHY, "The user's highest position 0 is not below your highest position 0.",
                    Hierarchy.canAssignVisualRole(member(0, MANAGE_USERS), user(0)));
        }

        @Test
        void assignWithoutManageUsers() {
            assertRefused(MISSING_PERMISSION, "Missing permission 'manage_users'.",
                    Hierarchy.canAssignVisualRole(member(50, MANAGE_ROLES), user(0)));
            assertRefused(MISSING_PERMISSION, Hierarchy.canAssignVisualRole(member(50, MANAGE_ROLES), self(50)));
        }

        @Test
        void assignToOwnerIsProtected() {
            assertRefused(OWNER_PROTECTION, "Only an owner may change an owner's assignments.",
                    Hierarchy.canAssignVisualRole(member(50, MANAGE_USERS), ownerUser()));
        }

        @Test
        void assignOwnerBypassIncludingOnAnotherOwner() {
            assertAllowed(Hierarchy.canAssignVisualRole(owner(), user(1000)));
            assertAllowed(Hierarchy.canAssignVisualRole(owner(), ownerUser()));
        }
    }

    @Nested
    class ManageUser {

        @Test
        void userBelow() {
            assertAllowed(Hierarchy.canManageUser(member(50, MANAGE_USERS), user(49)));
        }

        @ParameterizedTest(name = "target at {0} vs h=50")
        @ValueSource(ints = {50, 51})
        void userAtOrAboveIsRefused(int targetPosition) {
            assertRefused(HIERARCHY, "The user's highest position " + targetPosition + " is not below your highest position 50.",
                    Hierarchy.canManageUser(member(50, MANAGE_USERS), user(targetPosition)));
        }

        @Test
        void notYourself() {
            assertRefused(HIERARCHY, "You cannot manage yourself: your highest position 50 is not below itself.",
                    Hierarchy.canManageUser(member(50, MANAGE_USERS), self(50)));
        }

        @Test
        void missingManageUsers() {
            assertRefused(MISSING_PERMISSION, Hierarchy.canManageUser(member(50, MANAGE_ROLES), user(0)));
        }

        @Test
        void ownerIsProtected() {
            assertRefused(OWNER_PROTECTION, "Only an owner may manage an owner.",
                    Hierarchy.canManageUser(member(50, MANAGE_USERS), ownerUser()));
        }

        @Test
        void ownerBypassIncludingOnAnotherOwnerButNotThemself() {
            assertAllowed(Hierarchy.canManageUser(owner(), user(1000)));
            assertAllowed(Hierarchy.canManageUser(owner(), ownerUser()));
            assertRefused(HIERARCHY, Hierarchy.canManageUser(owner(), new TargetUser(SELF, true, 0)));
        }
    }

    @Nested
    class UserAdministration {

        @Test
        void belowWithEveryRequiredPermission() {
            assertAllowed(Hierarchy.canAdministerUser(member(50, MANAGE_USERS, "reset_passwords"), user(49),
                    Set.of(MANAGE_USERS, "reset_passwords")));
        }

        @Test
        void aRequiredPermissionMissingIsNamed() {
            assertRefused(MISSING_PERMISSION, "Missing permission 'reset_passwords'.",
                    Hierarchy.canAdministerUser(member(50, MANAGE_USERS), user(0), Set.of(MANAGE_USERS, "reset_passwords")));
        }

        @Test
        void everyMissingPermissionIsNamed() {
            assertRefused(MISSING_PERMISSION, "Missing permissions 'a_perm', 'b_perm'.",
                    Hierarchy.canAdministerUser(member(50, MANAGE_USERS), user(0), Set.of("b_perm", MANAGE_USERS, "a_perm")));
        }

        @Test
        void manageUsersIsAlwaysRequired() {
            assertRefused(MISSING_PERMISSION, Hierarchy.canAdministerUser(member(50, "reset_passwords"), user(0),
                    Set.of("reset_passwords")));
        }

        @ParameterizedTest(name = "target at {0} vs h=50")
        @ValueSource(ints = {50, 51, 1000})
        void theHierarchyComesFirst(int targetPosition) {
            assertRefused(HIERARCHY, Hierarchy.canAdministerUser(member(50, MANAGE_USERS), user(targetPosition), Set.of(MANAGE_USERS)));
        }

        @Test
        void ownersAreProtectedAndNobodyAdministersThemself() {
            assertRefused(OWNER_PROTECTION, Hierarchy.canAdministerUser(member(50, MANAGE_USERS), ownerUser(), Set.of()));
            assertRefused(HIERARCHY, Hierarchy.canAdministerUser(member(50, MANAGE_USERS), self(50), Set.of()));
            assertRefused(HIERARCHY, Hierarchy.canAdministerUser(owner(), new TargetUser(SELF, true, 0), Set.of()));
        }

        @Test
        void ownersAdministerAnyoneElseWhateverIsRequired() {
            assertAllowed(Hierarchy.canAdministerUser(owner(), ownerUser(), Set.of("not_in_any_catalogue")));
            assertAllowed(Hierarchy.canAdministerUser(owner(), user(1000), Set.of(MANAGE_USERS)));
        }

        @Test
        void onlyOwnersSwitchItOnOrOff() {
            assertAllowed(Hierarchy.canConfigureUserAdministration(owner()));
            assertRefused(OWNER_ONLY, "Only a realm owner may switch user administration on or off.",
                    Hierarchy.canConfigureUserAdministration(member(1000, MANAGE_USERS, MANAGE_ROLES, MANAGE_PERMISSIONS)));
        }
    }

    @Nested
    class PermissionCatalogue {

        private final Permission custom = new Permission("p1", "edit_recipes", "Edit recipes", false);

        @Test
        void createAndEditDescriptionWithManagePermissions() {
            assertAllowed(Hierarchy.canCreatePermission(member(0, MANAGE_PERMISSIONS)));
            assertAllowed(Hierarchy.canEditPermissionDescription(member(0, MANAGE_PERMISSIONS)));
        }

        @Test
        void createAndEditDescriptionWithoutManagePermissions() {
            assertRefused(MISSING_PERMISSION, "Missing permission 'manage_permissions'.",
                    Hierarchy.canCreatePermission(member(99, MANAGE_ROLES, MANAGE_USERS)));
            assertRefused(MISSING_PERMISSION, Hierarchy.canEditPermissionDescription(member(99, MANAGE_ROLES)));
        }

        @Test
        void createAndEditDescriptionOwnerBypass() {
            assertAllowed(Hierarchy.canCreatePermission(owner()));
            assertAllowed(Hierarchy.canEditPermissionDescription(owner()));
        }

        @Test
        void deleteCustomPermissionHeld() {
            assertAllowed(Hierarchy.canDeletePermission(member(0, MANAGE_PERMISSIONS, "edit_recipes"), custom));
        }

        @Test
        void deleteCustomPermissionNotHeld() {
            assertRefused(PERMISSION_NOT_HELD, "You do not hold permission 'edit_recipes'.",
                    Hierarchy.canDeletePermission(member(99, MANAGE_PERMISSIONS), custom));
        }

        @Test
        void deleteWithoutManagePermissions() {
            assertRefused(MISSING_PERMISSION, Hierarchy.canDeletePermission(member(99, "edit_recipes"), custom));
        }

        @Test
        void deleteOwnerBypass() {
            assertAllowed(Hierarchy.canDeletePermission(owner(), custom));
        }

        @ParameterizedTest
        @ValueSource(strings = {"manage_users", "manage_roles", "manage_permissions", "manage_settings",
                "view_logs", "manage_invites", "manage_servers", "manage_plugins"})
        void builtInCannotBeDeletedOrRenamedEvenByOwner(String name) {
            Permission builtIn = new Permission("b", name, null, true);
            assertRefused(BUILT_IN, "Permission '" + name + "' is built in and cannot be deleted.",
                    Hierarchy.canDeletePermission(owner(), builtIn));
            assertRefused(BUILT_IN, Hierarchy.canDeletePermission(member(99, MANAGE_PERMISSIONS, name), builtIn));
            assertRefused(BUILT_IN, "Permission '" + name + "' is built in and cannot be renamed.",
                    Hierarchy.canRenamePermission(owner(), builtIn));
        }

        @Test
        void aBuiltInNameIsProtectedEvenIfTheFlagWasLost() {
            assertRefused(BUILT_IN, Hierarchy.canDeletePermission(owner(), new Permission("b", VIEW_LOGS, null, false)));
        }

        @Test
        void renameCustomFollowsTheDeleteRule() {
            assertAllowed(Hierarchy.canRenamePermission(member(0, MANAGE_PERMISSIONS, "edit_recipes"), custom));
            assertRefused(PERMISSION_NOT_HELD, Hierarchy.canRenamePermission(member(0, MANAGE_PERMISSIONS), custom));
            assertRefused(MISSING_PERMISSION, Hierarchy.canRenamePermission(member(0, "edit_recipes"), custom));
            assertAllowed(Hierarchy.canRenamePermission(owner(), custom));
        }
    }

    @Nested
    class ExportImport {

        @Test
        void owner() {
            assertAllowed(Hierarchy.canExportOrImport(Fixtures.owner()));
        }

        @Test
        void anyoneElseEvenWithEveryPermission() {
            Actor almighty = new Actor(SELF, false, Integer.MAX_VALUE, BuiltInPermissions.ALL.keySet());
            assertRefused(OWNER_ONLY, "Only a realm owner may export or import the configuration.",
                    Hierarchy.canExportOrImport(almighty));
        }
    }

    @Nested
    class OwnerBypassReason {

        @Test
        void saysWhy() {
            assertEquals("Realm owners bypass the role hierarchy.",
                    Hierarchy.canDeleteRole(owner(), role("Top", 1000)).reason());
        }
    }
}
