package dev.hierarchicalrbac.domain;

import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_ROLES;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.MANAGE_USERS;
import static dev.hierarchicalrbac.domain.BuiltInPermissions.VIEW_LOGS;
import static dev.hierarchicalrbac.domain.Fixtures.role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EffectivePermissionsTest {

    private final AdminRole everyone = AdminRole.everyone("e", Set.of("read_recipes"));
    private final List<String> catalogue = List.of(MANAGE_USERS, MANAGE_ROLES, VIEW_LOGS, "read_recipes", "edit_recipes");

    @Test
    void unionOfEveryoneAndHeldRolesSorted() {
        assertEquals(List.of("edit_recipes", MANAGE_USERS, "read_recipes", VIEW_LOGS),
                List.copyOf(EffectivePermissions.of(false, everyone,
                        List.of(role("Cook", 10, "edit_recipes"), role("Mod", 20, MANAGE_USERS, VIEW_LOGS)), catalogue)));
    }

    @Test
    void withoutRolesOnlyEveryone() {
        assertEquals(Set.of("read_recipes"), EffectivePermissions.of(false, everyone, List.of(), catalogue));
        assertEquals(Set.of(), EffectivePermissions.of(false, null, null, catalogue));
    }

    @Test
    void aTimedOutUserHoldsOnlyEveryonesAndAnOwnerEverything() {
        List<AdminRole> held = List.of(role("Mod", 20, MANAGE_USERS, VIEW_LOGS));
        assertEquals(Set.of("read_recipes"), EffectivePermissions.of(false, everyone, held, catalogue, true));
        assertEquals(Set.of(MANAGE_USERS, VIEW_LOGS, "read_recipes"), EffectivePermissions.of(false, everyone, held, catalogue, false));
        assertEquals(Set.copyOf(catalogue), EffectivePermissions.of(true, everyone, held, catalogue, true));
        assertEquals(20, EffectivePermissions.highestPosition(held), "a time-out keeps the position");
    }

    @Test
    void ownerGetsTheWholeCatalogue() {
        assertEquals(Set.copyOf(catalogue), EffectivePermissions.of(true, everyone, List.of(), catalogue));
    }

    @Test
    void resultIsUnmodifiable() {
        assertThrows(UnsupportedOperationException.class,
                () -> EffectivePermissions.of(false, everyone, List.of(), catalogue).add("x"));
    }

    @Test
    void highestPosition() {
        assertEquals(0, EffectivePermissions.highestPosition(List.of()));
        assertEquals(0, EffectivePermissions.highestPosition(null));
        assertEquals(30, EffectivePermissions.highestPosition(List.of(role("A", 10), role("B", 30), role("C", 20))));
    }

    @Test
    void everyoneNeverCountsAboveZero() {
        AdminRole corrupted = new AdminRole("e", AdminRole.EVERYONE_NAME, null, 99, null, null, Set.of());
        assertEquals(0, EffectivePermissions.highestPosition(List.of(everyone, corrupted)));
        assertEquals(5, EffectivePermissions.highestPosition(List.of(corrupted, role("A", 5))));
    }

    @Test
    void actorOfComputesBoth() {
        Actor actor = actor("u", false, List.of(role("Mod", 20, MANAGE_USERS)), everyone, catalogue);
        assertEquals(20, actor.highestPosition());
        assertEquals(Set.of(MANAGE_USERS, "read_recipes"), actor.permissions());
        assertTrue(actor.has(MANAGE_USERS));
        assertFalse(actor.has(VIEW_LOGS));
    }

    @Test
    void ownerHasEverything() {
        Actor owner = actor("u", true, List.of(), everyone, catalogue);
        assertEquals(Set.copyOf(catalogue), owner.permissions());
        assertEquals(0, owner.highestPosition());
        assertTrue(owner.has("not_even_in_the_catalogue"));
    }

    @Test
    void targetUserOf() {
        assertEquals(new TargetUser("t", false, 20), TargetUser.of("t", false, List.of(role("A", 20), everyone)));
    }

    @Test
    void rolePermissionsAreACopy() {
        Set<String> permissions = new java.util.HashSet<>(Set.of(VIEW_LOGS));
        AdminRole role = new AdminRole("r", "R", null, 1, null, null, permissions);
        permissions.add(MANAGE_USERS);
        assertEquals(Set.of(VIEW_LOGS), role.permissions());
        assertThrows(UnsupportedOperationException.class, () -> role.permissions().add("x"));
        assertEquals(Set.of(), new AdminRole("r", "R", null, 1, null, null, null).permissions());
    }

    /** The caller of design §3 from plain values: h and P by the definitions of design §2. */
    static Actor actor(String userId, boolean owner, java.util.Collection<AdminRole> heldRoles, AdminRole everyone,
                       java.util.Collection<String> allRealmPermissions) {
        return new Actor(userId, owner, EffectivePermissions.highestPosition(heldRoles),
                EffectivePermissions.of(owner, everyone, heldRoles, allRealmPermissions));
    }
}
