package dev.hierarchicalrbac.domain;

import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_PERMISSIONS;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_ROLES;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_USERS;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.VIEW_LOGS;
import static dev.hierarchicalrbac.domain.Fixtures.EVERYONE;
import static dev.hierarchicalrbac.domain.Fixtures.assertRefused;
import static dev.hierarchicalrbac.domain.Fixtures.member;
import static dev.hierarchicalrbac.domain.Fixtures.ownerUser;
import static dev.hierarchicalrbac.domain.Fixtures.role;
import static dev.hierarchicalrbac.domain.Fixtures.self;
import static dev.hierarchicalrbac.domain.Refusal.HIERARCHY;
import static dev.hierarchicalrbac.domain.Refusal.OWNER_PROTECTION;
import static dev.hierarchicalrbac.domain.Refusal.PERMISSION_NOT_HELD;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A moderator (position 50, every management permission, but not view_logs) trying to climb. */
class EscalationTest {

    private final Actor moderator = member(50, MANAGE_USERS, MANAGE_ROLES, MANAGE_PERMISSIONS);

    @Test
    void assignYourselfTheRoleYouAlreadyStandOn() {
        assertRefused(HIERARCHY, Hierarchy.canAssignRole(moderator, role("Moderator", 50), self(50)));
    }

    @Test
    void assignYourselfAHigherRole() {
        assertRefused(HIERARCHY, Hierarchy.canAssignRole(moderator, role("Admin", 90), self(50)));
    }

    @Test
    void raiseALowerRoleToYourLevelOrAbove() {
        assertRefused(HIERARCHY, Hierarchy.canMove(moderator, role("Helper", 10), 50));
        assertRefused(HIERARCHY, Hierarchy.canMove(moderator, role("Helper", 10), 95));
    }

    @Test
    void raiseALowerRoleThroughABulkReorder() {
        Map<AdminRole, Integer> moves = new LinkedHashMap<>();
        moves.put(role("Helper", 10), 20);
        moves.put(role("Trusted", 20), 51);
        assertRefused(HIERARCHY, Hierarchy.canReorder(moderator, moves));
    }

    @Test
    void createARoleAboveYourself() {
        assertRefused(HIERARCHY, Hierarchy.canCreateRole(moderator, 51, Set.of()));
    }

    @Test
    void createARoleCarryingAPermissionYouDoNotHold() {
        assertRefused(PERMISSION_NOT_HELD, Hierarchy.canCreateRole(moderator, 10, Set.of(VIEW_LOGS)));
    }

    @Test
    void grantAPermissionYouDoNotHoldToALowerRole() {
        assertRefused(PERMISSION_NOT_HELD,
                Hierarchy.canChangePermissions(moderator, role("Helper", 10), Set.of(VIEW_LOGS), Set.of()));
    }

    @Test
    void addAPermissionYouDoNotHoldToEveryone() {
        assertRefused(PERMISSION_NOT_HELD,
                Hierarchy.canChangePermissions(moderator, EVERYONE, Set.of(VIEW_LOGS), Set.of()));
    }

    @Test
    void addPermissionsToYourOwnRole() {
        assertRefused(HIERARCHY,
                Hierarchy.canChangePermissions(moderator, role("Moderator", 50), Set.of(MANAGE_USERS), Set.of()));
    }

    @Test
    void stripPermissionsFromASuperior() {
        assertRefused(HIERARCHY,
                Hierarchy.canChangePermissions(moderator, role("Admin", 90), Set.of(), Set.of(MANAGE_USERS)));
    }

    @Test
    void deleteASuperiorRole() {
        assertRefused(HIERARCHY, Hierarchy.canDeleteRole(moderator, role("Admin", 90)));
    }

    @Test
    void actOnAnOwner() {
        assertRefused(OWNER_PROTECTION, Hierarchy.canAssignRole(moderator, role("Helper", 10), ownerUser()));
        assertRefused(OWNER_PROTECTION, Hierarchy.canAssignVisualRole(moderator, ownerUser()));
        assertRefused(OWNER_PROTECTION, Hierarchy.canManageUser(moderator, ownerUser()));
    }

    @Test
    void deleteAPermissionYouDoNotHold() {
        assertRefused(PERMISSION_NOT_HELD,
                Hierarchy.canDeletePermission(moderator, new Permission("p", "secret_stuff", null, false)));
    }
}
