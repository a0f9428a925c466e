package dev.hierarchicalrbac.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.hierarchicalrbac.domain.Fixtures.assertAllowed;
import static dev.hierarchicalrbac.domain.Fixtures.assertRefused;
import static dev.hierarchicalrbac.domain.Fixtures.role;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Design §10: every row of §3 inside an organization, with the organization's owners and a member's
 * highest position there; and across ladders, where a role of one never counts in another.
 *
 * <p>The realm's ladder has Master at 100; organization Acme has Admin 50, Mod 20, Helper 10; organization
 * Globex has Boss 80. Carol holds Master in the realm and nothing in Acme; Alice holds Acme's Admin;
 * Bob holds Acme's Mod; Olga is a member named owner of Acme (and a plain member of Globex).
 */
class OrganizationLadderTest {

    static final List<String> CATALOGUE = List.of("edit_recipes", "manage_permissions", "manage_roles", "manage_users", "view_logs");

    static final AdminRole MASTER = role("Master", 100, "manage_permissions", "manage_roles", "manage_users", "view_logs");
    static final AdminRole ACME_EVERYONE = AdminRole.everyone("acme-everyone", Set.of("view_logs"));
    static final AdminRole ACME_ADMIN = role("AcmeAdmin", 50, "manage_permissions", "manage_roles", "manage_users", "edit_recipes");
    static final AdminRole ACME_MOD = role("AcmeMod", 20, "manage_roles");
    static final AdminRole ACME_HELPER = role("AcmeHelper", 10);
    static final AdminRole GLOBEX_EVERYONE = AdminRole.everyone("globex-everyone", Set.of());
    static final AdminRole GLOBEX_BOSS = role("GlobexBoss", 80, "manage_roles", "manage_users");

    static final Set<String> ACME_OWNERS = Set.of("olga");
    static final Set<String> GLOBEX_OWNERS = Set.of();

    /** Who holds what in which ladder ("realm", "acme", "globex"). */
    static final Map<String, Map<String, List<AdminRole>>> HELD = Map.of(
            "carol", Map.of("realm", List.of(MASTER)),
            "alice", Map.of("acme", List.of(ACME_ADMIN)),
            "bob", Map.of("acme", List.of(ACME_MOD)),
            "gina", Map.of("globex", List.of(GLOBEX_BOSS)),
            "olga", Map.of());

    static List<AdminRole> held(String user, String ladder) {
        return HELD.getOrDefault(user, Map.of()).getOrDefault(ladder, List.of());
    }

    static Actor inAcme(String user) {
        return OrganizationLadder.actor(user, false, ACME_OWNERS, true, ACME_EVERYONE, held(user, "acme"), CATALOGUE, false);
    }

    static Actor inGlobex(String user) {
        return OrganizationLadder.actor(user, false, GLOBEX_OWNERS, true, GLOBEX_EVERYONE, held(user, "globex"), CATALOGUE, false);
    }

    /** The realm's ladder as the realm's own endpoints see it. */
    static Actor inRealm(String user) {
        List<AdminRole> roles = held(user, "realm");
        return new Actor(user, false, EffectivePermissions.highestPosition(roles),
                EffectivePermissions.of(false, AdminRole.everyone("realm-everyone", Set.of()), roles, CATALOGUE));
    }

    static TargetUser acmeTarget(String user) {
        return OrganizationLadder.target(user, false, ACME_OWNERS, true, held(user, "acme"));
    }

    // ---- who is an owner inside an organization ----------------------------------------------

    @Test
    void realmOwnersOwnEveryOrganizationNamedOwnersOnlyTheirs() {
        assertTrue(OrganizationLadder.isOwner("root", true, Set.of()));
        assertTrue(OrganizationLadder.isOwner("olga", false, ACME_OWNERS));
        assertFalse(OrganizationLadder.isOwner("olga", false, GLOBEX_OWNERS));
        assertFalse(OrganizationLadder.isOwner("alice", false, ACME_OWNERS));
    }

    @Test
    void anOrganizationOwnerHoldsTheWholeCatalogueThereAndBypassesItsHierarchy() {
        Actor olga = inAcme("olga");
        assertTrue(olga.owner());
        assertEquals(Set.copyOf(CATALOGUE), olga.permissions());
        assertAllowed(Hierarchy.canCreateRole(olga, 1000, Set.of("manage_roles")));
        assertAllowed(Hierarchy.canDeleteRole(olga, ACME_ADMIN));
        assertAllowed(Hierarchy.canAssignRole(olga, ACME_ADMIN, acmeTarget("bob")));
        assertAllowed(OrganizationLadder.canManageOwners(olga));
    }

    @Test
    void anOrganizationOwnerIsNobodyInAnotherOrganizationNorInTheRealm() {
        Actor olgaInGlobex = inGlobex("olga");
        assertFalse(olgaInGlobex.owner());
        assertEquals(0, olgaInGlobex.highestPosition());
        assertRefused(Refusal.MISSING_PERMISSION, Hierarchy.canCreateRole(olgaInGlobex, 1, Set.of()));
        assertRefused(Refusal.OWNER_ONLY, OrganizationLadder.canManageOwners(olgaInGlobex));
        assertFalse(inRealm("olga").owner());
        assertRefused(Refusal.MISSING_PERMISSION, Hierarchy.canCreateRole(inRealm("olga"), 1, Set.of()));
    }

    @Test
    void aRealmOwnerOwnsEveryOrganizationWithoutBeingAMember() {
        Actor root = OrganizationLadder.actor("root", true, Set.of(), false, ACME_EVERYONE, List.of(), CATALOGUE, false);
        assertTrue(root.owner());
        assertEquals(Set.copyOf(CATALOGUE), root.permissions());
        assertAllowed(OrganizationLadder.canManageOwners(root));
        assertAllowed(Hierarchy.canAssignRole(root, ACME_ADMIN, acmeTarget("olga")));
    }

    // ---- §3 inside an organization, for a member who is not an owner -------------------------

    @Test
    void aMembersPositionAndPermissionsComeFromThatOrganizationsLadder() {
        Actor alice = inAcme("alice");
        assertEquals(50, alice.highestPosition());
        assertEquals(Set.of("edit_recipes", "manage_permissions", "manage_roles", "manage_users", "view_logs"), alice.permissions());
        Actor bob = inAcme("bob");
        assertEquals(20, bob.highestPosition());
        assertEquals(Set.of("manage_roles", "view_logs"), bob.permissions(), "Acme's @everyone counts for its members");
    }

    @Test
    void createOnlyStrictlyBelowAndWithHeldPermissions() {
        Actor alice = inAcme("alice");
        assertAllowed(Hierarchy.canCreateRole(alice, 49, Set.of()));
        assertRefused(Refusal.HIERARCHY, Hierarchy.canCreateRole(alice, 50, Set.of()));
        assertRefused(Refusal.HIERARCHY, Hierarchy.canCreateRole(alice, 51, Set.of()));
        assertAllowed(Hierarchy.canCreateRole(alice, 5, Set.of("edit_recipes")));
        Actor bob = inAcme("bob");
        assertRefused(Refusal.MISSING_PERMISSION, Hierarchy.canCreateRole(bob, 5, Set.of("view_logs")));
    }

    @Test
    void editMoveAndDeleteOnlyRolesBelow() {
        Actor bob = inAcme("bob");
        assertAllowed(Hierarchy.canEditRole(bob, ACME_HELPER, true));
        assertRefused(Refusal.HIERARCHY, Hierarchy.canEditRole(bob, ACME_MOD, false));
        assertRefused(Refusal.HIERARCHY, Hierarchy.canEditRole(bob, ACME_ADMIN, false));
        assertAllowed(Hierarchy.canMove(bob, ACME_HELPER, 15));
        assertRefused(Refusal.HIERARCHY, Hierarchy.canMove(bob, ACME_HELPER, 20));
        assertRefused(Refusal.HIERARCHY, Hierarchy.canReorder(bob, Map.of(ACME_HELPER, 11, ACME_MOD, 10)));
        assertAllowed(Hierarchy.canDeleteRole(bob, ACME_HELPER));
        assertRefused(Refusal.HIERARCHY, Hierarchy.canDeleteRole(bob, ACME_ADMIN));
    }

    @Test
    void permissionsChangeOnlyWithManagePermissionsAndOnlyHeldOnes() {
        Actor alice = inAcme("alice");
        assertAllowed(Hierarchy.canChangePermissions(alice, ACME_MOD, Set.of("edit_recipes"), Set.of("manage_roles")));
        Actor bob = inAcme("bob");
        assertRefused(Refusal.MISSING_PERMISSION, Hierarchy.canChangePermissions(bob, ACME_HELPER, Set.of("view_logs"), Set.of()));
        Actor aliceWithoutRecipes = OrganizationLadder.actor("alice", false, ACME_OWNERS, true, ACME_EVERYONE,
                List.of(role("AcmeAdmin", 50, "manage_permissions", "manage_roles")), CATALOGUE, false);
        assertRefused(Refusal.PERMISSION_NOT_HELD,
                Hierarchy.canChangePermissions(aliceWithoutRecipes, ACME_HELPER, Set.of("edit_recipes"), Set.of()));
    }

    @Test
    void assignOnlyRolesBelowToNonOwners() {
        Actor alice = inAcme("alice");
        assertAllowed(Hierarchy.canAssignRole(alice, ACME_MOD, acmeTarget("bob")));
        assertRefused(Refusal.HIERARCHY, Hierarchy.canAssignRole(alice, ACME_ADMIN, acmeTarget("bob")));
        assertRefused(Refusal.OWNER_PROTECTION, Hierarchy.canAssignRole(alice, ACME_HELPER, acmeTarget("olga")));
        assertRefused(Refusal.EVERYONE_PROTECTED, Hierarchy.canAssignRole(inAcme("olga"), ACME_EVERYONE, acmeTarget("bob")));
        Actor bob = inAcme("bob");
        assertAllowed(Hierarchy.canAssignRole(bob, ACME_HELPER, acmeTarget("carol")));
        assertRefused(Refusal.HIERARCHY, Hierarchy.canAssignRole(bob, ACME_MOD, acmeTarget("carol")));
    }

    @Test
    void readingOthersNeedsManageRolesOrManageUsersThere() {
        assertAllowed(Hierarchy.canReadUser(inAcme("bob"), "alice", false));
        assertAllowed(Hierarchy.canReadUser(inAcme("carol"), "carol", false));
        assertRefused(Refusal.MISSING_PERMISSION, Hierarchy.canReadUser(inAcme("carol"), "alice", false));
    }

    @Test
    void managingAUserThereComparesTheirPositionsThere() {
        assertAllowed(Hierarchy.canManageUser(inAcme("alice"), acmeTarget("bob")));
        assertRefused(Refusal.HIERARCHY, Hierarchy.canManageUser(inAcme("alice"), acmeTarget("alice")));
        assertRefused(Refusal.OWNER_PROTECTION, Hierarchy.canManageUser(inAcme("alice"), acmeTarget("olga")));
    }

    @Test
    void onlyOwnersNameOwners() {
        assertRefused(Refusal.OWNER_ONLY, OrganizationLadder.canManageOwners(inAcme("alice")));
        assertAllowed(OrganizationLadder.canManageOwners(inAcme("olga")));
    }

    // ---- across ladders -----------------------------------------------------------------------

    @Test
    void aRealmRoleNeverCountsInsideAnOrganization() {
        Actor carol = inAcme("carol");
        assertEquals(0, carol.highestPosition(), "Master at 100 is the realm's");
        assertEquals(Set.of("view_logs"), carol.permissions(), "only Acme's @everyone");
        assertRefused(Refusal.MISSING_PERMISSION, Hierarchy.canCreateRole(carol, 1, Set.of()));
        assertEquals(0, acmeTarget("carol").highestPosition());
        assertAllowed(Hierarchy.canAssignRole(inAcme("bob"), ACME_HELPER, acmeTarget("carol")));
    }

    @Test
    void anOrganizationRoleNeverCountsInTheRealm() {
        Actor alice = inRealm("alice");
        assertEquals(0, alice.highestPosition());
        assertEquals(Set.of(), alice.permissions());
        assertRefused(Refusal.MISSING_PERMISSION, Hierarchy.canCreateRole(alice, 1, Set.of()));
        assertAllowed(Hierarchy.canAssignRole(inRealm("carol"), role("Helper", 5), TargetUser.of("alice", false, held("alice", "realm"))));
    }

    @Test
    void anOrganizationRoleNeverCountsInAnotherOrganization() {
        Actor gina = inAcme("gina");
        assertEquals(0, gina.highestPosition(), "Globex's Boss at 80 is Globex's");
        assertRefused(Refusal.MISSING_PERMISSION, Hierarchy.canAssignRole(gina, ACME_HELPER, acmeTarget("bob")));
        Actor alice = inGlobex("alice");
        assertEquals(0, alice.highestPosition());
        assertEquals(Set.of(), alice.permissions());
    }

    // ---- membership ---------------------------------------------------------------------------

    @Test
    void aNonMemberHoldsNothingThereNotEvenItsEveryone() {
        Actor stale = OrganizationLadder.actor("alice", false, ACME_OWNERS, false, ACME_EVERYONE, List.of(ACME_ADMIN), CATALOGUE, false);
        assertEquals(0, stale.highestPosition());
        assertEquals(Set.of(), stale.permissions());
        assertEquals(0, OrganizationLadder.target("alice", false, ACME_OWNERS, false, List.of(ACME_ADMIN)).highestPosition());
    }

    @Test
    void organizationRolesAreForMembersOnlyAndTheRefusalNamesTheUser() {
        OrganizationLadder.requireMember(true, "bob", "acme");
        RbacException e = assertThrows(RbacException.class, () -> OrganizationLadder.requireMember(false, "zed", "acme"));
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertEquals("userId", e.field());
        assertTrue(e.getMessage().contains("'zed'"), e.getMessage());
        assertTrue(e.getMessage().contains("'acme'"), e.getMessage());
    }

    @Test
    void aTimedOutMemberHoldsOnlyTheOrganizationsEveryoneButKeepsTheirPosition() {
        Actor alice = OrganizationLadder.actor("alice", false, ACME_OWNERS, true, ACME_EVERYONE, held("alice", "acme"), CATALOGUE, true);
        assertEquals(Set.of("view_logs"), alice.permissions());
        assertEquals(50, alice.highestPosition());
        Actor olga = OrganizationLadder.actor("olga", false, ACME_OWNERS, true, ACME_EVERYONE, List.of(), CATALOGUE, true);
        assertEquals(Set.copyOf(CATALOGUE), olga.permissions(), "an owner holds everything");
    }

    @Test
    void aMergedTokenAddsTheOneActiveOrganizationsPermissionsSortedOnce() {
        List<String> realm = List.of("view_logs", "manage_users");
        assertEquals(List.of("edit_recipes", "manage_roles", "manage_users", "view_logs"),
                OrganizationLadder.mergedPermissions(realm, List.of(Set.of("manage_roles", "view_logs", "edit_recipes"))));
        assertEquals(List.of("manage_users", "view_logs"), OrganizationLadder.mergedPermissions(realm, List.of(Set.of())),
                "an organization granting nothing adds nothing");
    }

    @Test
    void aMergedTokenTakesNothingFromNoneOrSeveralActiveOrganizations() {
        List<String> realm = List.of("view_logs");
        assertEquals(List.of("view_logs"), OrganizationLadder.mergedPermissions(realm, List.of()));
        assertEquals(List.of("view_logs"), OrganizationLadder.mergedPermissions(realm,
                List.of(Set.of("manage_roles"), Set.of("manage_users"))), "organization:* merges none");
    }

    @Test
    void anOrganizationIsOfferedToItsMembersAndOwnersAndToWhoeverReadsTheWholeRealm() {
        assertTrue(OrganizationLadder.isShownTo(true, false, false), "a realm owner or realm-wide reader sees every organization");
        assertTrue(OrganizationLadder.isShownTo(false, false, true), "a member sees their organization");
        assertTrue(OrganizationLadder.isShownTo(false, true, false), "an owner sees the organization they own");
        assertFalse(OrganizationLadder.isShownTo(false, false, false), "anyone else does not");
    }
}
