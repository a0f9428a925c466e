package dev.hierarchicalrbac.store.cache;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.RbacStore;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.hierarchicalrbac.store.TestRealms.realm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class CachedRbacStoreTest {

    /** Methods of {@link RbacStore} that only read; every other method must invalidate something. */
    static final Set<String> READS = Set.of("permissions", "permission", "permissionByName", "roles", "role", "everyone",
            "roleMemberCounts", "roleMembers", "visualRoles", "visualRole", "visualRoleMemberCounts", "visualRoleMembers",
            "rolesOf", "visualRolesOf", "effectivePermissions", "highestPosition", "roleAssignments", "visualRoleAssignments",
            "timeout", "organizationOwners", "close");

    final RealmModel realm = realm("R");
    final RbacCache cache = new RbacCache(10, 10);
    final FakeFreshReads fresh = new FakeFreshReads();
    final List<String> delegateCalls = new ArrayList<>();
    final List<Runnable> atTransactionEnd = new ArrayList<>();
    final List<Set<CacheInvalidation>> sentToOtherNodes = new ArrayList<>();

    /** A database stand-in: records calls, answers empty values. */
    RbacStore delegate() {
        return (RbacStore) Proxy.newProxyInstance(RbacStore.class.getClassLoader(), new Class<?>[]{RbacStore.class},
                (proxy, method, args) -> {
                    delegateCalls.add(method.getName());
                    return empty(method.getReturnType());
                });
    }

    CachedRbacStore session() {
        return new CachedRbacStore(delegate(), cache, fresh, atTransactionEnd::add, sentToOtherNodes::add);
    }

    /** Ends the transaction of every session so far. */
    void commit() {
        List<Runnable> actions = new ArrayList<>(atTransactionEnd);
        atTransactionEnd.clear();
        actions.forEach(Runnable::run);
    }

    static final class FakeFreshReads implements FreshReads {
        final AtomicInteger realmLoads = new AtomicInteger();
        final AtomicInteger userLoads = new AtomicInteger();
        Set<String> everyonePermissions = Set.of("view_logs");
        Set<String> heldRoleIds = Set.of("r1");
        boolean unavailable;

        @Override
        public RbacCache.RealmData realm(String realmId) {
            if (unavailable) {
                return null;
            }
            realmLoads.incrementAndGet();
            return new RbacCache.RealmData(List.of(),
                    List.of(new AdminRole("r1", "Admin", null, 10, null, null, Set.of("manage_users")),
                            AdminRole.everyone("e", everyonePermissions)),
                    List.of(new VisualRole("v1", "VIP", null, 1, null, null)));
        }

        @Override
        public RbacCache.UserData user(String realmId, String userId) {
            if (unavailable) {
                return null;
            }
            userLoads.incrementAndGet();
            return new RbacCache.UserData(heldRoleIds, Set.of("v1"));
        }

        final AtomicInteger countLoads = new AtomicInteger();
        long members = 1;

        @Override
        public Map<String, Long> memberCounts(String realmId, RbacCache.Counts which) {
            if (unavailable) {
                return null;
            }
            countLoads.incrementAndGet();
            return Map.of(which == RbacCache.Counts.ROLE_MEMBERS ? "r1" : "v1", members);
        }

        /** Organizations whose ladder is seeded; each has one role, "o1-" + its id, at position 5. */
        Set<String> seededOrganizations = Set.of("O1", "O2");
        final AtomicInteger organizationLoads = new AtomicInteger();

        @Override
        public RbacCache.RealmData organization(String realmId, String organizationId) {
            if (unavailable || !seededOrganizations.contains(organizationId)) {
                return null;
            }
            organizationLoads.incrementAndGet();
            return new RbacCache.RealmData(List.of(),
                    List.of(new AdminRole("o1-" + organizationId, "Guild admin", null, 5, null, null, Set.of("manage_roles")),
                            AdminRole.everyone("e-" + organizationId, Set.of())),
                    List.of(), Map.of(), Set.of("owner-of-" + organizationId));
        }

        @Override
        public RbacCache.UserData organizationUser(String realmId, String organizationId, String userId) {
            return unavailable ? null : new RbacCache.UserData(Set.of("o1-" + organizationId), Set.of());
        }

        @Override
        public Map<String, Long> organizationMemberCounts(String realmId, String organizationId) {
            return unavailable ? null : Map.of("o1-" + organizationId, 1L);
        }
    }

    @Test
    void warmReadsNeitherLoadNorTouchTheDatabase() {
        for (int i = 0; i < 3; i++) {
            CachedRbacStore store = session();
            assertEquals(Set.of("view_logs"), store.everyone(realm).permissions());
            assertEquals(List.of("Admin"), store.rolesOf(realm, "u").stream().map(AdminRole::name).toList());
            assertEquals(List.of("VIP"), store.visualRolesOf(realm, "u").stream().map(VisualRole::name).toList());
            assertTrue(store.role(realm, "r1").isPresent());
            assertTrue(store.role(realm, "nope").isEmpty());
        }
        assertEquals(1, fresh.realmLoads.get());
        assertEquals(1, fresh.userLoads.get());
        assertEquals(List.of(), delegateCalls);
    }

    @Test
    void aSessionThatWroteReadsThroughAndInvalidatesWhenItsTransactionEnds() {
        CachedRbacStore warm = session();
        warm.rolesOf(realm, "u");

        CachedRbacStore writer = session();
        writer.setRolePermissions(realm, "r1", Set.of());
        writer.roles(realm);
        writer.rolesOf(realm, "u");
        assertEquals(List.of("setRolePermissions", "roles", "rolesOf"), delegateCalls, "reads after a write go to the database");
        assertNotNull(cache.peekRealm("R"), "nothing is invalidated before the transaction ends");

        fresh.everyonePermissions = Set.of("manage_roles");
        commit();
        assertNull(cache.peekRealm("R"));
        assertNotNull(cache.peekUser("R", "u"), "a realm-wide change keeps the users' id sets");
        assertEquals(Set.of("manage_roles"), session().everyone(realm).permissions());
    }

    @Test
    void anAssignmentInvalidatesOnlyThatUser() {
        CachedRbacStore reader = session();
        reader.rolesOf(realm, "u");
        reader.rolesOf(realm, "w");

        session().unassignRole(realm, "u", "r1");
        fresh.heldRoleIds = Set.of();
        commit();

        assertNull(cache.peekUser("R", "u"));
        assertNotNull(cache.peekUser("R", "w"));
        assertNotNull(cache.peekRealm("R"));
        assertEquals(List.of(), session().rolesOf(realm, "u"));
    }

    @Test
    void removingAUserOrARealmForgetsThem() {
        session().rolesOf(realm, "u");
        session().removeUser(realm, "u");
        commit();
        assertNull(cache.peekUser("R", "u"));

        session().rolesOf(realm, "w");
        session().removeRealm("R");
        commit();
        assertNull(cache.peekRealm("R"));
        assertNull(cache.peekUser("R", "w"));
    }

    @Test
    void whatATransactionChangedGoesToTheOtherNodesOnceAfterItWasAppliedHere() {
        session().rolesOf(realm, "u");
        CachedRbacStore writer = session();
        writer.setRolePermissions(realm, "r1", Set.of());
        writer.assignRole(realm, "u", "r1");
        writer.unassignRole(realm, "u", "r1");
        assertEquals(List.of(), sentToOtherNodes, "nothing leaves the node before the transaction ends");

        commit();
        assertEquals(List.of(Set.of(CacheInvalidation.realm("R"), CacheInvalidation.user("R", "u"))), sentToOtherNodes);
        assertNull(cache.peekUser("R", "u"), "applied on this node first");
    }

    @Test
    void memberCountsAreCachedUntilAnAssignmentOrARoleChanges() {
        assertEquals(Map.of("r1", 1L), session().roleMemberCounts(realm));
        assertEquals(Map.of("v1", 1L), session().visualRoleMemberCounts(realm));
        assertEquals(Map.of("r1", 1L), session().roleMemberCounts(realm));
        assertEquals(2, fresh.countLoads.get());
        assertEquals(List.of(), delegateCalls);

        fresh.members = 2;
        session().assignRole(realm, "u", "r1");
        commit();
        assertEquals(Map.of("r1", 2L), session().roleMemberCounts(realm), "an assignment drops the counts");

        fresh.members = 0;
        session().deleteRole(realm, "r1");
        commit();
        assertEquals(Map.of("r1", 0L), session().roleMemberCounts(realm), "a role change drops them too");
        assertEquals(Map.of("v1", 0L), session().visualRoleMemberCounts(realm));
    }

    @Test
    void eachOrganizationsLadderIsCachedApartFromTheRealmsAndTheOthers() {
        for (int i = 0; i < 3; i++) {
            CachedRbacStore store = session();
            assertEquals(List.of("Admin"), store.rolesOf(realm, "u").stream().map(AdminRole::name).toList());
            assertEquals(List.of("o1-O1"), store.rolesOf(realm, "O1", "u").stream().map(AdminRole::id).toList());
            assertEquals(5, store.highestPosition(realm, "O1", "u"));
            assertEquals(10, store.highestPosition(realm, "u"));
            assertTrue(store.role(realm, "O1", "r1").isEmpty(), "a realm role is not found in an organization");
            assertTrue(store.role(realm, "o1-O1").isEmpty(), "an organization role is not found in the realm");
            assertTrue(store.role(realm, "O2", "o1-O1").isEmpty(), "nor in another organization");
            assertEquals(Set.of("owner-of-O1"), store.organizationOwners(realm, "O1"));
        }
        assertEquals(1, fresh.realmLoads.get());
        assertEquals(2, fresh.organizationLoads.get(), "one load per organization asked about");
        assertEquals(List.of(), delegateCalls);
    }

    @Test
    void anOrganizationsWriteDropsOnlyItsLadderButTheRealmsCatalogueDropsEveryLadder() {
        session().roles(realm);
        session().roles(realm, "O1");
        session().roles(realm, "O2");

        session().createRole(realm, "O1", new AdminRole(null, "Mod", null, 3, null, null, Set.of()));
        commit();
        assertNotNull(cache.peekRealm("R"));
        assertNull(cache.peekRealm(RbacCache.ladderKey("R", "O1")));
        assertNotNull(cache.peekRealm(RbacCache.ladderKey("R", "O2")));
        assertEquals(List.of(Set.of(CacheInvalidation.realm(RbacCache.ladderKey("R", "O1")))), sentToOtherNodes);

        session().createPermission(realm, "edit_recipes", null);
        commit();
        assertNull(cache.peekRealm("R"));
        assertNull(cache.peekRealm(RbacCache.ladderKey("R", "O2")), "organizations share the realm's catalogue");
    }

    @Test
    void removingAnOrganizationOrAMemberForgetsThemThere() {
        session().rolesOf(realm, "O1", "u");
        session().rolesOf(realm, "O2", "u");
        session().rolesOf(realm, "u");

        session().removeOrganizationMember(realm, "O1", "u");
        commit();
        assertNull(cache.peekUser(RbacCache.ladderKey("R", "O1"), "u"));
        assertNotNull(cache.peekUser(RbacCache.ladderKey("R", "O2"), "u"));
        assertNotNull(cache.peekUser("R", "u"));

        session().removeOrganization(realm, "O2");
        commit();
        assertNull(cache.peekRealm(RbacCache.ladderKey("R", "O2")));
        assertNull(cache.peekUser(RbacCache.ladderKey("R", "O2"), "u"));
        assertNotNull(cache.peekRealm("R"));

        session().rolesOf(realm, "O1", "w");
        session().removeRealm("R");
        commit();
        assertNull(cache.peekRealm(RbacCache.ladderKey("R", "O1")));
        assertNull(cache.peekUser(RbacCache.ladderKey("R", "O1"), "w"), "a removed realm takes its organizations along");
    }

    @Test
    void anOrganizationWhoseLadderExistsIsNotSeededAgain() {
        session().seedOrganization(realm, "O1");
        assertEquals(List.of(), delegateCalls);
        assertTrue(atTransactionEnd.isEmpty());
        session().seedOrganization(realm, "new");
        assertEquals(List.of("seedOrganization"), delegateCalls);
    }

    @Test
    void whenFreshReadsCannotRunTheSessionReadsItsOwnTransactionAndCachesNothing() {
        fresh.unavailable = true;
        CachedRbacStore store = session();
        store.roles(realm);
        store.rolesOf(realm, "u");
        assertEquals(List.of("roles", "rolesOf"), delegateCalls);
        assertNull(cache.peekRealm("R"));
    }

    /**
     * Guards the decorator against methods added to {@link RbacStore} later: every method that is
     * not a known read must record an invalidation, and no read may.
     */
    @Test
    void everyWriteInvalidatesAndNoReadDoes() throws Exception {
        for (Method method : RbacStore.class.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            atTransactionEnd.clear();
            CachedRbacStore store = session();
            try {
                method.invoke(store, arguments(method));
            } catch (InvocationTargetException e) {
                fail(method.getName() + " threw " + e.getCause());
            }
            boolean invalidates = !atTransactionEnd.isEmpty();
            if (READS.contains(method.getName())) {
                assertTrue(!invalidates, method.getName() + " is a read but invalidates");
            } else {
                assertTrue(invalidates, method.getName() + " is not a known read, yet records no invalidation"
                        + " (add it to READS if it only reads)");
            }
        }
    }

    private Object[] arguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i];
            if (type == RealmModel.class) {
                args[i] = realm;
            } else if (type == String.class) {
                args[i] = "x";
            } else if (type == int.class) {
                args[i] = 0;
            } else if (type == boolean.class) {
                args[i] = false;
            } else if (type == AdminRole.class) {
                args[i] = new AdminRole(null, "Role", null, 1, null, null, Set.of());
            } else if (type == VisualRole.class) {
                args[i] = new VisualRole(null, "Visual", null, 1, null, null);
            } else {
                args[i] = empty(type);
            }
        }
        return args;
    }

    private static Object empty(Class<?> type) {
        if (type == boolean.class) {
            return false;
        } else if (type == int.class || type == long.class) {
            return 0;
        } else if (type == Optional.class) {
            return Optional.empty();
        } else if (List.class.isAssignableFrom(type) || type == Collection.class) {
            return List.of();
        } else if (type == java.util.SortedSet.class) {
            return new java.util.TreeSet<>();
        } else if (Set.class.isAssignableFrom(type)) {
            return Set.of();
        } else if (Map.class.isAssignableFrom(type)) {
            return Map.of();
        }
        return null;
    }
}
