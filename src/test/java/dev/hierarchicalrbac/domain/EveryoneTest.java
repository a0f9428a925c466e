package dev.hierarchicalrbac.domain;

import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_PERMISSIONS;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_ROLES;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.VIEW_LOGS;
import static dev.hierarchicalrbac.domain.Fixtures.EVERYONE;
import static dev.hierarchicalrbac.domain.Fixtures.assertAllowed;
import static dev.hierarchicalrbac.domain.Fixtures.assertRefused;
import static dev.hierarchicalrbac.domain.Fixtures.member;
import static dev.hierarchicalrbac.domain.Fixtures.owner;
import static dev.hierarchicalrbac.domain.Fixtures.self;
import static dev.hierarchicalrbac.domain.Fixtures.user;
import static dev.hierarchicalrbac.domain.Refusal.EVERYONE_PROTECTED;
import static dev.hierarchicalrbac.domain.Refusal.HIERARCHY;
import static dev.hierarchicalrbac.domain.Refusal.PERMISSION_NOT_HELD;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code @everyone}: never deleted, renamed, moved or assigned — not even by owners; permissions editable. */
class EveryoneTest {

    /** Callers from the weakest to the strongest: the structural rules must not care. */
    static Stream<Actor> everyCaller() {
        return Stream.of(member(0), member(50, MANAGE_ROLES, MANAGE_PERMISSIONS),
                member(Integer.MAX_VALUE, BuiltInPermissions.ALL.keySet().toArray(String[]::new)), owner());
    }

    @ParameterizedTest
    @MethodSource("everyCaller")
    void cannotBeDeleted(Actor caller) {
        assertRefused(EVERYONE_PROTECTED, "The @everyone role cannot be deleted.", Hierarchy.canDeleteRole(caller, EVERYONE));
    }

    @ParameterizedTest
    @MethodSource("everyCaller")
    void cannotBeRenamed(Actor caller) {
        assertRefused(EVERYONE_PROTECTED, "The @everyone role cannot be renamed.",
                Hierarchy.canEditRole(caller, EVERYONE, true));
    }

    @ParameterizedTest
    @MethodSource("everyCaller")
    void cannotBeMovedAloneOrInAReorder(Actor caller) {
        assertRefused(EVERYONE_PROTECTED, Hierarchy.canMove(caller, EVERYONE, 1));
        assertRefused(EVERYONE_PROTECTED, Hierarchy.canMove(caller, EVERYONE, 0));
        assertRefused(EVERYONE_PROTECTED, Hierarchy.canReorder(caller, Map.of(EVERYONE, 3)));
    }

    @ParameterizedTest
    @MethodSource("everyCaller")
    void cannotBeAssignedOrUnassigned(Actor caller) {
        assertRefused(EVERYONE_PROTECTED, Hierarchy.canAssignRole(caller, EVERYONE, user(0)));
        assertRefused(EVERYONE_PROTECTED, Hierarchy.canAssignRole(caller, EVERYONE, self(0)));
        assertRefused(EVERYONE_PROTECTED, Hierarchy.canAssignRole(caller, EVERYONE, Fixtures.ownerUser()));
    }

    @Test
    void descriptionColourAndIconAreEditedUnderTheNormalRule() {
        assertAllowed(Hierarchy.canEditRole(member(1, MANAGE_ROLES), EVERYONE, false));
        assertAllowed(Hierarchy.canEditRole(owner(), EVERYONE, false));
        assertRefused(HIERARCHY, "Role '@everyone' at position 0 is not below your highest position 0.",
                Hierarchy.canEditRole(member(0, MANAGE_ROLES), EVERYONE, false));
    }

    @Test
    void permissionsEditableByARoleAboveZero() {
        assertAllowed(Hierarchy.canChangePermissions(member(1, MANAGE_PERMISSIONS, VIEW_LOGS), EVERYONE,
                Set.of(VIEW_LOGS), Set.of()));
    }

    @Test
    void permissionsNotEditableWithoutARoleBecauseZeroIsNotBelowZero() {
        assertRefused(HIERARCHY, Hierarchy.canChangePermissions(member(0, MANAGE_PERMISSIONS, VIEW_LOGS), EVERYONE,
                Set.of(VIEW_LOGS), Set.of()));
    }

    @Test
    void addingAPermissionNotHeldToEveryoneIsRefused() {
        assertRefused(PERMISSION_NOT_HELD, Hierarchy.canChangePermissions(member(50, MANAGE_PERMISSIONS), EVERYONE,
                Set.of(VIEW_LOGS), Set.of()));
    }

    @Test
    void ownerMayEditItsPermissions() {
        assertAllowed(Hierarchy.canChangePermissions(owner(), EVERYONE, Set.of(VIEW_LOGS), Set.of()));
    }

    @Test
    void recognisedByPositionOrName() {
        assertTrue(EVERYONE.isEveryone());
        assertTrue(new AdminRole("x", "renamed by hand", null, 0, null, null, null).isEveryone());
        assertTrue(new AdminRole("x", "@everyone", null, 7, null, null, null).isEveryone());
        assertFalse(new AdminRole("x", "@Everyone", null, 7, null, null, null).isEveryone());
        assertFalse(Fixtures.role("Mod", 1).isEveryone());
    }
}
