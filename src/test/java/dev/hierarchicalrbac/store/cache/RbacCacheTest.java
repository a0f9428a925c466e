package dev.hierarchicalrbac.store.cache;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.EffectivePermissions;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.VisualRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RbacCacheTest {

    static RbacCache.RealmData realmData(String... everyonePermissions) {
        return new RbacCache.RealmData(
                List.of(new Permission("p1", "manage_users", null, true)),
                List.of(new AdminRole("r1", "Admin", null, 10, null, null, Set.of("manage_users")),
                        AdminRole.everyone("e", Set.of(everyonePermissions))),
                List.of(new VisualRole("v1", "VIP", null, 1, "#ffd700", "fa-solid fa-star")));
    }

    static RbacCache.UserData userData(String... roleIds) {
        return new RbacCache.UserData(Set.of(roleIds), Set.of());
    }

    /** Counts loads; each answers the value the supplier gives at that moment. */
    static final class CountingLoader<T> implements Supplier<T> {
        final AtomicInteger calls = new AtomicInteger();
        final Supplier<T> value;

        CountingLoader(Supplier<T> value) {
            this.value = value;
        }

        @Override
        public T get() {
            calls.incrementAndGet();
            return value.get();
        }
    }

    @Test
    void aTimedOutUserHoldsOnlyEveryonesUntilTheTimeoutEndsAsTheDomainSays() {
        java.time.Instant now = java.time.Instant.parse("2026-12-02T12:00:00Z");
        dev.hierarchicalrbac.domain.Timeout timeout = new dev.hierarchicalrbac.domain.Timeout(now.plusSeconds(60), "spam");
        RbacCache.RealmData data = new RbacCache.RealmData(
                List.of(new Permission("p1", "manage_users", null, true), new Permission("p2", "view_logs", null, true)),
                List.of(new AdminRole("r1", "Admin", null, 10, null, null, Set.of("manage_users")),
                        AdminRole.everyone("e", Set.of("view_logs"))),
                List.of(), java.util.Map.of("u1", timeout));
        RbacCache.UserData user = userData("r1");
        assertSame(timeout, data.timeout("u1", now));
        assertNull(data.timeout("u1", now.plusSeconds(60)), "it ends at until, by itself");
        assertNull(data.timeout("u2", now));
        assertEquals(Set.of("view_logs"), data.effectivePermissions(user, false, true));
        assertEquals(Set.of("manage_users", "view_logs"), data.effectivePermissions(user, false, false));
        assertEquals(Set.of("manage_users", "view_logs"), data.effectivePermissions(user, true, true), "an owner holds everything");
        for (boolean timedOut : new boolean[] {true, false}) {
            assertEquals(dev.hierarchicalrbac.domain.EffectivePermissions.of(false, data.roles().get(1), data.rolesOf(user),
                    List.of("manage_users", "view_logs"), timedOut), data.effectivePermissions(user, false, timedOut));
        }
    }

    @Test
    void aCachedUserSharesTheRealmsIdStringsInsteadOfHoldingCopies() {
        RbacCache cache = new RbacCache(10, 10);
        AdminRole role = new AdminRole("role-1", "Admin", null, 10, null, null, Set.of());
        cache.realm("R", () -> new RbacCache.RealmData(List.of(), List.of(role, AdminRole.everyone("e", Set.of())), List.of()));
        String copy = new String("role-1");
        cache.user("R", "u", () -> new RbacCache.UserData(Set.of(copy, "gone"), Set.of()));
        RbacCache.UserData kept = cache.peekUser("R", "u");
        assertEquals(Set.of("role-1", "gone"), kept.roleIds());
        assertSame(role.id(), kept.roleIds().stream().filter("role-1"::equals).findFirst().orElseThrow());
    }

    @Test
    void memberCountsLoadedBeforeAnInvalidationAreNotKept() {
        RbacCache cache = new RbacCache(10, 10);
        Map<String, Long> raced = cache.memberCounts("R", RbacCache.Counts.ROLE_MEMBERS, () -> {
            cache.invalidate("R", "someone");
            return Map.of("r", 1L);
        });
        assertEquals(Map.of("r", 1L), raced);
        AtomicInteger loads = new AtomicInteger();
        cache.memberCounts("R", RbacCache.Counts.ROLE_MEMBERS, () -> Map.of("r", (long) loads.incrementAndGet()));
        assertEquals(Map.of("r", 1L), cache.memberCounts("R", RbacCache.Counts.ROLE_MEMBERS, () -> Map.of("r", 9L)));
        assertEquals(1, loads.get());
        cache.forgetRealm("R");
        assertEquals(Map.of("r", 9L), cache.memberCounts("R", RbacCache.Counts.ROLE_MEMBERS, () -> Map.of("r", 9L)));
        assertNull(cache.memberCounts("R", RbacCache.Counts.VISUAL_ROLE_MEMBERS, () -> null));
    }

    @Test
    void aUsersRolesComeHighestFirstAndVisualRolesInDisplayOrderWhateverTheIdOrder() {
        RbacCache.RealmData data = new RbacCache.RealmData(List.of(),
                List.of(new AdminRole("z", "Top", null, 30, null, null, Set.of()),
                        new AdminRole("a", "Middle", null, 20, null, null, Set.of()),
                        new AdminRole("m", "Low", null, 10, null, null, Set.of()),
                        AdminRole.everyone("e", Set.of())),
                List.of(new VisualRole("v2", "VIP", null, 5, null, null),
                        new VisualRole("v9", "Friend", null, 5, null, null),
                        new VisualRole("v1", "Guest", null, 1, null, null)));
        RbacCache.UserData user = new RbacCache.UserData(Set.of("m", "z", "gone", "e"), Set.of("v1", "v2", "v9", "gone"));
        assertEquals(List.of("Top", "Low"), data.rolesOf(user).stream().map(AdminRole::name).toList(),
                "@everyone is implicit and ids of roles that are gone are skipped");
        assertEquals(List.of("VIP", "Friend", "Guest"), data.visualRolesOf(user).stream().map(VisualRole::name).toList());
        assertEquals(List.of(), data.rolesOf(new RbacCache.UserData(Set.of(), Set.of())));
    }

    @Test
    void aWarmRealmAndUserAreServedWithoutLoading() {
        RbacCache cache = new RbacCache(10, 10);
        CountingLoader<RbacCache.RealmData> realm = new CountingLoader<>(() -> realmData("view_logs"));
        CountingLoader<RbacCache.UserData> user = new CountingLoader<>(() -> userData("r1"));

        RbacCache.RealmData first = cache.realm("R", realm);
        assertSame(first, cache.realm("R", realm));
        cache.user("R", "u", user);
        cache.user("R", "u", user);

        assertEquals(1, realm.calls.get());
        assertEquals(1, user.calls.get());
    }

    @Test
    void invalidatingTheRealmReloadsItButKeepsUserEntries() {
        RbacCache cache = new RbacCache(10, 10);
        cache.realm("R", () -> realmData("view_logs"));
        cache.user("R", "u", () -> userData("r1"));

        cache.invalidate("R", null);

        assertNull(cache.peekRealm("R"));
        assertEquals(userData("r1"), cache.peekUser("R", "u"));
        assertEquals(Set.of("manage_users"), cache.realm("R", () -> realmData("manage_users")).everyone().permissions());
    }

    @Test
    void invalidatingAUserForgetsOnlyThatUser() {
        RbacCache cache = new RbacCache(10, 10);
        cache.realm("R", () -> realmData());
        cache.user("R", "u", () -> userData("r1"));
        cache.user("R", "w", () -> userData("r1"));
        cache.user("S", "u", () -> userData("r1"));

        cache.invalidate("R", "u");

        assertNull(cache.peekUser("R", "u"));
        assertEquals(userData("r1"), cache.peekUser("R", "w"));
        assertEquals(userData("r1"), cache.peekUser("S", "u"));
        assertEquals(userData(), cache.user("R", "u", () -> userData()));
    }

    @Test
    void aLoadThatRacedAnInvalidationIsNotKept() {
        RbacCache cache = new RbacCache(10, 10);
        // The writer commits and invalidates while the reader is loading the old data.
        RbacCache.UserData stale = cache.user("R", "u", () -> {
            cache.invalidate("R", "u");
            return userData("r1");
        });
        assertEquals(userData("r1"), stale, "the reader still gets what it read");
        assertNull(cache.peekUser("R", "u"), "but it is not cached");

        RbacCache.RealmData staleRealm = cache.realm("R", () -> {
            cache.invalidate("R", null);
            return realmData("old");
        });
        assertEquals(Set.of("old"), staleRealm.everyone().permissions());
        assertNull(cache.peekRealm("R"));
    }

    @Test
    void aRemovedRealmTakesItsUsersAlongAndRejectsLoadsStartedBefore() {
        RbacCache cache = new RbacCache(10, 10);
        cache.realm("R", () -> realmData());
        cache.user("R", "u", () -> userData("r1"));
        cache.user("S", "u", () -> userData("r1"));

        cache.user("R", "w", () -> {
            cache.forgetRealm("R");
            return userData("r1");
        });

        assertNull(cache.peekRealm("R"));
        assertNull(cache.peekUser("R", "u"));
        assertNull(cache.peekUser("R", "w"));
        assertEquals(userData("r1"), cache.peekUser("S", "u"));
    }

    @Test
    void aLoaderAnsweringNullCachesNothing() {
        RbacCache cache = new RbacCache(10, 10);
        assertNull(cache.realm("R", () -> null));
        assertNull(cache.user("R", "u", () -> null));
        assertNull(cache.peekRealm("R"));
        assertNull(cache.peekUser("R", "u"));
    }

    @Test
    void theUserBoundHolds() {
        RbacCache cache = new RbacCache(10, 50);
        for (int i = 0; i < 500; i++) {
            cache.user("R", "u" + i, () -> userData("r1"));
        }
        assertTrue(cache.cachedUsers() <= 50, "cached users: " + cache.cachedUsers());
    }

    @Test
    void theRealmBoundHolds() {
        RbacCache cache = new RbacCache(5, 50);
        for (int i = 0; i < 100; i++) {
            cache.realm("R" + i, () -> realmData());
        }
        assertTrue(cache.cachedRealms() <= 5, "cached realms: " + cache.cachedRealms());
    }

    @Test
    void invalidatingAnUnknownRealmOrUserIsHarmless() {
        RbacCache cache = new RbacCache(10, 10);
        cache.invalidate("nowhere", null);
        cache.invalidate("nowhere", "nobody");
        cache.forgetRealm("nowhere");
        assertThrows(NullPointerException.class, () -> cache.invalidate(null, null));
    }

    @Test
    void concurrentColdReadersOfARealmLoadItOnce() throws Exception {
        RbacCache cache = new RbacCache(10, 10);
        CountDownLatch inLoader = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountingLoader<RbacCache.RealmData> loader = new CountingLoader<>(() -> {
            inLoader.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return realmData();
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RbacCache.RealmData>> results = new java.util.ArrayList<>();
            results.add(pool.submit(() -> cache.realm("R", loader)));
            assertTrue(inLoader.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 7; i++) {
                results.add(pool.submit(() -> cache.realm("R", loader)));
            }
            release.countDown();
            for (Future<RbacCache.RealmData> result : results) {
                result.get(5, TimeUnit.SECONDS);
            }
            assertEquals(1, loader.calls.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Writers keep changing a user's roles and invalidating after each "commit", readers keep
     * loading; once the writers stop, what the cache holds is the last committed value.
     */
    @Test
    void underConcurrentWritesTheCacheEndsWithTheCommittedValue() throws Exception {
        RbacCache cache = new RbacCache(10, 10);
        AtomicInteger committed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new java.util.ArrayList<>();
            for (int w = 0; w < 2; w++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        committed.incrementAndGet();
                        cache.invalidate("R", "u");
                    }
                }));
            }
            for (int r = 0; r < 4; r++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        cache.user("R", "u", () -> userData("v" + committed.get()));
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        RbacCache.UserData finalValue = cache.user("R", "u", () -> userData("v" + committed.get()));
        assertEquals(userData("v" + committed.get()), finalValue);
    }

    // --- what a token reads: effective permissions and highest position ----------------------

    /**
     * The per-token fast path (bits over the catalogue) against the definition of design §2
     * ({@link EffectivePermissions}) on random realms: names whose order differs between Java and
     * database collations, roles with none to all permissions, users with none to all roles, ids of
     * roles that are gone, owners.
     */
    @Test
    void effectivePermissionsAndHighestPositionAgreeWithTheDefinitionOnRandomRealms() {
        java.util.Random random = new java.util.Random(7);
        List<String> alphabet = List.of("a", "b", "a_b", "a.b", "a-b", "a:b", "ab", "b_", "manage_users", "view_logs",
                "z", "a0", "a9", "b.c.d", "c");
        for (int round = 0; round < 500; round++) {
            List<String> names = new java.util.ArrayList<>(alphabet.subList(0, 1 + random.nextInt(alphabet.size())));
            for (int i = random.nextInt(80); i > 0; i--) {
                names.add("perm." + random.nextInt(200));
            }
            names = List.copyOf(new java.util.LinkedHashSet<>(names));
            List<String> shuffled = new java.util.ArrayList<>(names);
            java.util.Collections.shuffle(shuffled, random); // the catalogue in the database's order, not Java's
            List<Permission> catalogue = shuffled.stream().map(n -> new Permission("id-" + n, n, null, false)).toList();
            List<AdminRole> roles = new java.util.ArrayList<>();
            int roleCount = random.nextInt(12);
            for (int r = roleCount; r >= 1; r--) {
                roles.add(new AdminRole("r" + r, "Role " + r, null, r * 3, null, null, pick(names, random)));
            }
            AdminRole everyone = AdminRole.everyone("e", pick(names, random));
            roles.add(everyone);
            RbacCache.RealmData data = new RbacCache.RealmData(catalogue, roles, List.of());

            Set<String> ids = new java.util.HashSet<>();
            for (AdminRole role : roles) {
                if (!role.isEveryone() && random.nextBoolean()) {
                    ids.add(role.id());
                }
            }
            if (random.nextInt(4) == 0) {
                ids.add("deleted-role");
            }
            RbacCache.UserData user = new RbacCache.UserData(ids, Set.of());
            List<AdminRole> held = data.rolesOf(user);
            for (boolean owner : new boolean[] {false, true}) {
                java.util.SortedSet<String> fast = data.effectivePermissions(user, owner);
                assertEquals(List.copyOf(EffectivePermissions.of(owner, everyone, held, names)), List.copyOf(fast),
                        "round " + round + ", owner " + owner + ", roles " + ids);
                for (String name : alphabet) {
                    assertEquals(EffectivePermissions.of(owner, everyone, held, names).contains(name), fast.contains(name), name);
                }
            }
            assertEquals(EffectivePermissions.highestPosition(held), data.highestPosition(user), "round " + round);
        }
    }

    @Test
    void aRoleNamingAPermissionOutsideTheCatalogueStillGetsTheDefinitionsAnswer() {
        AdminRole odd = new AdminRole("r1", "Odd", null, 4, null, null, Set.of("not_in_catalogue", "b"));
        AdminRole everyone = AdminRole.everyone("e", Set.of("a"));
        RbacCache.RealmData data = new RbacCache.RealmData(
                List.of(new Permission("pa", "a", null, true), new Permission("pb", "b", null, false)),
                List.of(odd, everyone), List.of());
        RbacCache.UserData user = new RbacCache.UserData(Set.of("r1"), Set.of());
        assertEquals(List.of("a", "b", "not_in_catalogue"), List.copyOf(data.effectivePermissions(user, false)));
        assertEquals(List.of("a", "b", "not_in_catalogue"), List.copyOf(data.effectivePermissions(user, true)));
        assertEquals(4, data.highestPosition(user));
    }

    @Test
    void aUserWithoutRolesHasEveryonesPermissionsAndPositionZero() {
        RbacCache.RealmData data = realmData("manage_users");
        assertEquals(List.of("manage_users"), List.copyOf(data.effectivePermissions(userData(), false)));
        assertEquals(0, data.highestPosition(userData()));
        assertEquals(List.of(), List.copyOf(realmData().effectivePermissions(userData(), false)));
    }

    private static Set<String> pick(List<String> names, java.util.Random random) {
        Set<String> picked = new java.util.HashSet<>();
        int mode = random.nextInt(4);
        for (String name : names) {
            if (mode == 3 || (mode > 0 && random.nextInt(mode + 1) == 0)) {
                picked.add(name);
            }
        }
        return picked;
    }
}
