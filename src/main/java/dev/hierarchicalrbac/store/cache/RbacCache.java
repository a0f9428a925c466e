package dev.hierarchicalrbac.store.cache;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.EffectivePermissions;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.Timeout;
import dev.hierarchicalrbac.domain.SortedNames;
import dev.hierarchicalrbac.domain.VisualRole;

import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The process-wide cache behind {@link CachedRbacStore}: per realm its catalogue, admin roles (with
 * their permissions) and visual roles; per user the ids of the admin roles and visual roles held.
 * Plain {@link ConcurrentHashMap}s with size bounds; no Keycloak types, so it is unit-tested alone.
 *
 * <h2>Why a cached value is never stale for long</h2>
 * Writers call {@link #invalidate} after their transaction has committed. A reader that misses
 * takes a <em>ticket</em> (the realm's state object and its revision counter) <em>before</em> it
 * reads the database in a transaction of its own, and its value is kept only if no invalidation of
 * the same key happened in between. So a reader that raced a writer either read the committed data
 * (its transaction began after the commit) or loses its put (the invalidation came after its ticket).
 * Values that were put before the invalidation are removed by it.
 *
 * <h2>Ladders</h2>
 * An organization's ladder (design §10) is cached like a realm, under {@link #ladderKey}: its data,
 * member counts and users' assignments in it have entries of their own, so a token for one
 * organization costs no SQL once warm either. A realm-wide invalidation (its catalogue or time-outs
 * changed) also drops the data of its organizations' ladders, which carry the same catalogue; a removed
 * realm takes its organizations with it.
 *
 * <h2>Cluster</h2>
 * {@link #invalidate(String, String)} and {@link #forgetRealm(String)} are the only ways in, for local
 * writes and for events from other nodes alike ({@code cluster.ClusterInvalidations}): an invalidation that
 * arrives from another node after its commit defeats a racing load here just as a local one does.
 */
public final class RbacCache {

    private final int maxRealms;
    private final int maxUsers;
    private final ConcurrentHashMap<String, RealmState> realms = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UserKey, UserData> users = new ConcurrentHashMap<>();

    /**
     * Between a realm id and an organization id in a ladder key: a control character, which neither id
     * holds, so no organization's key can be mistaken for a realm's or another organization's.
     */
    private static final char LADDER_SEPARATOR = '\u001F';

    /**
     * The key the cache and its invalidations use for a ladder: the realm's id for the realm's own
     * ladder, the realm's id and the organization's for an organization's. Cluster events carry it as
     * their realm id, so other nodes need nothing new to drop an organization's entries.
     */
    public static String ladderKey(String realmId, String organizationId) {
        return organizationId == null ? realmId : realmId + LADDER_SEPARATOR + organizationId;
    }

    public RbacCache(int maxRealms, int maxUsers) {
        if (maxRealms < 1 || maxUsers < 1) {
            throw new IllegalArgumentException("cache bounds must be positive: " + maxRealms + ", " + maxUsers);
        }
        this.maxRealms = maxRealms;
        this.maxUsers = maxUsers;
    }

    // --- reads --------------------------------------------------------------------------

    /**
     * The realm's data, from the cache or else from {@code loader}, which must read committed data
     * in a transaction that begins after this call. A loader may answer null (nothing to cache, e.g.
     * a realm that is not seeded yet): then this answers null.
     */
    public RealmData realm(String realmId, Supplier<RealmData> loader) {
        RealmState state = state(realmId);
        RealmData cached = state.data;
        if (cached != null) {
            return cached;
        }
        // One loader per realm at a time: after an edit, a burst of token requests reloads once.
        synchronized (state.loadLock) {
            cached = state.data;
            if (cached != null) {
                return cached;
            }
            long ticket = state.realmRevision();
            RealmData loaded = loader.get();
            if (loaded != null) {
                state.putData(ticket, loaded);
            }
            return loaded;
        }
    }

    /** A user's assignments, from the cache or else from {@code loader} (same contract as {@link #realm}). */
    public UserData user(String realmId, String userId, Supplier<UserData> loader) {
        UserKey key = new UserKey(realmId, userId);
        UserData cached = users.get(key);
        if (cached != null) {
            return cached;
        }
        RealmState state = state(realmId);
        long ticket = state.userRevision();
        UserData loaded = loader.get();
        if (loaded != null) {
            UserData kept = state.data == null ? loaded : state.data.sharingIds(loaded);
            state.putUser(ticket, () -> {
                if (users.size() >= maxUsers) {
                    evictSome(users, maxUsers);
                }
                users.put(key, kept);
            });
        }
        return loaded;
    }

    /** Which member counts of a realm: per admin role, or per visual role. */
    public enum Counts { ROLE_MEMBERS, VISUAL_ROLE_MEMBERS }

    /**
     * A realm's member counts (role id to number of holders), from the cache or else from
     * {@code loader} (same contract as {@link #realm}). Any assignment change in the realm, and any
     * change of its roles, drops them: they are for listing roles, which is read far more often
     * than people are assigned, and never for tokens.
     */
    public Map<String, Long> memberCounts(String realmId, Counts which, Supplier<Map<String, Long>> loader) {
        RealmState state = state(realmId);
        Map<String, Long> cached = state.counts(which);
        if (cached != null) {
            return cached;
        }
        long ticket = state.countsRevision();
        Map<String, Long> loaded = loader.get();
        if (loaded == null) {
            return null;
        }
        Map<String, Long> counts = Map.copyOf(loaded);
        state.putCounts(which, ticket, counts);
        return counts;
    }

    /** The cached realm data, or null; never loads. */
    public RealmData peekRealm(String realmId) {
        RealmState state = realms.get(realmId);
        return state == null ? null : state.data;
    }

    /** The cached user data, or null; never loads. */
    public UserData peekUser(String realmId, String userId) {
        return users.get(new UserKey(realmId, userId));
    }

    // --- invalidation ---------------------------------------------------------------------

    /**
     * Forgets a user's assignments ({@code userId} given), or the realm's catalogue, admin roles
     * and visual roles ({@code userId} null). A user's entry holds only ids, resolved against the
     * realm's data on every read, so a realm-wide change (a deleted role, say) needs no user entry
     * dropped. Safe to call at any time and from any thread, also for unknown realms and users.
     */
    public void invalidate(String realmId, String userId) {
        Objects.requireNonNull(realmId, "realmId");
        RealmState state = realms.get(realmId);
        if (userId == null) {
            if (state != null) {
                state.invalidateData();
            }
            String organizations = realmId + LADDER_SEPARATOR;
            realms.forEach((key, ladder) -> {
                if (key.startsWith(organizations)) {
                    ladder.invalidateData();
                }
            });
            return;
        }
        UserKey key = new UserKey(realmId, userId);
        if (state != null) {
            state.invalidateUser(() -> users.remove(key));
        } else {
            users.remove(key);
        }
    }

    /** Forgets everything about a realm (it was removed). */
    public void forgetRealm(String realmId) {
        forgetRealms(Set.of(realmId));
    }

    /** Drops everything, e.g. when the server shuts down. */
    public void clear() {
        forgetRealms(Set.copyOf(realms.keySet()));
        users.clear();
    }

    /** Forgets the given keys, and the organizations' ladders of the realms among them. */
    private void forgetRealms(Set<String> realmIds) {
        Set<String> keys = new java.util.HashSet<>(realmIds);
        for (String key : realms.keySet()) {
            if (realmIds.stream().anyMatch(realmId -> key.startsWith(realmId + LADDER_SEPARATOR))) {
                keys.add(key);
            }
        }
        for (String realmId : keys) {
            RealmState state = realms.get(realmId);
            if (state != null) {
                state.kill();
                realms.remove(realmId, state);
            }
        }
        users.keySet().removeIf(key -> keys.contains(key.realmId())
                || realmIds.stream().anyMatch(realmId -> key.realmId().startsWith(realmId + LADDER_SEPARATOR)));
    }

    int cachedUsers() {
        return users.size();
    }

    int cachedRealms() {
        return realms.size();
    }

    private RealmState state(String realmId) {
        RealmState state = realms.get(realmId);
        if (state != null) {
            return state;
        }
        if (realms.size() >= maxRealms) {
            // Make room: forget about a tenth of the realms, in no particular order (always safe).
            Set<String> victims = new java.util.HashSet<>();
            Iterator<String> keys = realms.keySet().iterator();
            while (victims.size() <= maxRealms / 10 && keys.hasNext()) {
                victims.add(keys.next());
            }
            forgetRealms(victims);
        }
        return realms.computeIfAbsent(realmId, id -> new RealmState());
    }

    /** Removes about a tenth of the entries, in no particular order: cheap, and always safe. */
    private static <K> void evictSome(ConcurrentHashMap<K, ?> map, int bound) {
        Iterator<K> keys = map.keySet().iterator();
        for (int i = 0; i <= bound / 10 && keys.hasNext(); i++) {
            keys.next();
            keys.remove();
        }
    }

    /**
     * Revision counters and the cached data of one realm. A killed state (realm removed or evicted)
     * accepts no more puts; readers that still hold it simply do not cache what they loaded.
     */
    private static final class RealmState {
        final Object loadLock = new Object();
        volatile RealmData data;
        private final java.util.EnumMap<Counts, Map<String, Long>> counts = new java.util.EnumMap<>(Counts.class);
        private long realmRevision;
        private long userRevision;
        /** Moves with both: counts change with assignments and with roles. */
        private long countsRevision;
        private boolean live = true;

        synchronized Map<String, Long> counts(Counts which) {
            return counts.get(which);
        }

        synchronized long countsRevision() {
            return countsRevision;
        }

        synchronized void putCounts(Counts which, long ticket, Map<String, Long> loaded) {
            if (live && ticket == countsRevision) {
                counts.put(which, loaded);
            }
        }

        synchronized long realmRevision() {
            return realmRevision;
        }

        synchronized long userRevision() {
            return userRevision;
        }

        synchronized void putData(long ticket, RealmData loaded) {
            if (live && ticket == realmRevision) {
                data = loaded;
            }
        }

        synchronized void putUser(long ticket, Runnable put) {
            if (live && ticket == userRevision) {
                put.run();
            }
        }

        synchronized void invalidateData() {
            realmRevision++;
            data = null;
            dropCounts();
        }

        synchronized void invalidateUser(Runnable remove) {
            userRevision++;
            remove.run();
            dropCounts();
        }

        synchronized void kill() {
            live = false;
            realmRevision++;
            userRevision++;
            data = null;
            dropCounts();
        }

        private void dropCounts() {
            countsRevision++;
            counts.clear();
        }
    }

    private record UserKey(String realmId, String userId) {
    }

    // --- cached values --------------------------------------------------------------------

    /** What a realm holds, immutable, with lookups by id and name. */
    public static final class RealmData {
        private final List<Permission> permissions;
        private final List<AdminRole> roles;
        private final List<VisualRole> visualRoles;
        private final Map<String, Permission> permissionsById;
        private final Map<String, Permission> permissionsByName;
        private final Map<String, AdminRole> rolesById;
        private final Map<String, VisualRole> visualRolesById;
        /** Index of each role in {@link #roles}, {@code @everyone} left out: the order of a user's roles. */
        private final Map<String, Integer> rolePlaces;
        private final Map<String, Integer> visualRolePlaces;
        private final AdminRole everyone;
        /** Every permission name of the realm in the order of a token's claim (Java's String order). */
        private final SortedNames permissionNames;
        /**
         * Each role's permissions as indexes into {@link #permissionNames}, by role id, so a
         * user's effective permissions are bits set in a bit set and read out in order, instead of a
         * sorted set of names built per token. Null if a role names a permission the catalogue does
         * not hold (never in committed data).
         */
        private final Map<String, int[]> permissionIndexes;
        private final Map<String, Timeout> timeouts;
        /** An organization's named owners (design §10); none for a realm's ladder. */
        private final Set<String> owners;

        /**
         * @param permissions the catalogue, sorted by name
         * @param roles every admin role, highest position first, {@code @everyone} last
         * @param visualRoles every visual role, highest display position first
         */
        public RealmData(List<Permission> permissions, List<AdminRole> roles, List<VisualRole> visualRoles) {
            this(permissions, roles, visualRoles, Map.of());
        }

        /** @param timeouts the time-outs of the realm's users that held when it was read, by user id */
        public RealmData(List<Permission> permissions, List<AdminRole> roles, List<VisualRole> visualRoles,
                         Map<String, Timeout> timeouts) {
            this(permissions, roles, visualRoles, timeouts, Set.of());
        }

        /** @param owners an organization's named owners (empty for a realm's own ladder) */
        public RealmData(List<Permission> permissions, List<AdminRole> roles, List<VisualRole> visualRoles,
                         Map<String, Timeout> timeouts, Set<String> owners) {
            this.timeouts = Map.copyOf(timeouts);
            this.owners = Set.copyOf(owners);
            this.permissions = List.copyOf(permissions);
            this.roles = List.copyOf(roles);
            this.visualRoles = List.copyOf(visualRoles);
            this.permissionsById = index(this.permissions, Permission::id);
            this.permissionsByName = index(this.permissions, Permission::name);
            this.rolesById = index(this.roles, AdminRole::id);
            this.visualRolesById = index(this.visualRoles, VisualRole::id);
            this.rolePlaces = places(this.roles.stream().filter(r -> !r.isEveryone()).map(AdminRole::id).toList());
            this.visualRolePlaces = places(this.visualRoles.stream().map(VisualRole::id).toList());
            this.everyone = this.roles.stream().filter(AdminRole::isEveryone)
                    .findFirst().orElse(null);
            this.permissionNames = SortedNames.ofSortedDistinct(this.permissions.stream().map(Permission::name).sorted()
                    .distinct().toArray(String[]::new));
            this.permissionIndexes = indexes(this.roles, this.permissionNames);
        }

        public List<Permission> permissions() {
            return permissions;
        }

        public Permission permission(String id) {
            return id == null ? null : permissionsById.get(id);
        }

        public Permission permissionByName(String name) {
            return name == null ? null : permissionsByName.get(name);
        }

        public List<AdminRole> roles() {
            return roles;
        }

        public AdminRole role(String id) {
            return id == null ? null : rolesById.get(id);
        }

        /** The realm's {@code @everyone}, or null if the realm is not seeded. */
        public AdminRole everyone() {
            return everyone;
        }

        /** An organization's named owners; empty for a realm's own ladder. */
        public Set<String> owners() {
            return owners;
        }

        public List<VisualRole> visualRoles() {
            return visualRoles;
        }

        public VisualRole visualRole(String id) {
            return id == null ? null : visualRolesById.get(id);
        }

        /**
         * The held roles among this realm's, highest first; ids of roles that are gone are ignored.
         * Looked up by id, so a token costs in proportion to what the user holds, not to the size of
         * the realm (a realm of 1,000 roles was a tenth of a token's CPU when this scanned them all).
         */
        public List<AdminRole> rolesOf(UserData user) {
            return held(user.roleIds(), rolesById, rolePlaces);
        }

        /** The worn visual roles among this realm's, in display order. */
        public List<VisualRole> visualRolesOf(UserData user) {
            return held(user.visualRoleIds(), visualRolesById, visualRolePlaces);
        }

        /**
         * {@code effectivePermissions(U)} of design §2, sorted: every permission of the realm for an
         * owner, else {@code @everyone}'s united with those of every role the user holds (ids of roles
         * that are gone are ignored). Equal to {@code EffectivePermissions.of} over the same data; it
         * is computed per token, so it sets bits of precomputed indexes rather than sorting names.
         */
        public SortedSet<String> effectivePermissions(UserData user, boolean owner) {
            return effectivePermissions(user, owner, false);
        }

        /** The same for a user who may be timed out: then only {@code @everyone}'s count (design §9). */
        public SortedSet<String> effectivePermissions(UserData user, boolean owner, boolean timedOut) {
            if (permissionIndexes == null) {
                return EffectivePermissions.of(owner, everyone, rolesOf(user), permissionNames, timedOut);
            }
            if (owner) {
                return permissionNames;
            }
            long[] union = new long[(permissionNames.size() + 63) >>> 6];
            if (everyone != null) {
                set(union, permissionIndexes.get(everyone.id()));
            }
            if (!timedOut) {
                for (String id : user.roleIds()) {
                    set(union, permissionIndexes.get(id));
                }
            }
            return permissionNames.select(union);
        }

        /** The user's time-out if it holds at {@code now}, else null. */
        public Timeout timeout(String userId, Instant now) {
            Timeout timeout = timeouts.get(userId);
            return timeout != null && timeout.holdsAt(now) ? timeout : null;
        }

        /** {@code highestPosition(U)}: the largest position among the user's roles, 0 without any. */
        public int highestPosition(UserData user) {
            int highest = AdminRole.EVERYONE_POSITION;
            for (String id : user.roleIds()) {
                AdminRole role = rolesById.get(id);
                if (role != null && !role.isEveryone() && role.position() > highest) {
                    highest = role.position();
                }
            }
            return highest;
        }

        private static void set(long[] bits, int[] indexes) {
            if (indexes != null) {
                for (int i : indexes) {
                    bits[i >>> 6] |= 1L << (i & 63);
                }
            }
        }

        private static Map<String, int[]> indexes(List<AdminRole> roles, SortedNames names) {
            Map<String, Integer> index = new java.util.HashMap<>();
            int i = 0;
            for (String name : names) {
                index.put(name, i++);
            }
            Map<String, int[]> byRole = new java.util.HashMap<>();
            for (AdminRole role : roles) {
                int[] indexes = new int[role.permissions().size()];
                int next = 0;
                for (String name : role.permissions()) {
                    Integer at = index.get(name);
                    if (at == null) {
                        return null;
                    }
                    indexes[next++] = at;
                }
                byRole.put(role.id(), indexes);
            }
            return Collections.unmodifiableMap(byRole);
        }

        /**
         * The same ids, as the {@code String} instances this realm's roles already hold: a user's
         * entry then costs its set and key only, not its own copy of every id (the benchmark: four
         * fifths of a cached user's 2.7 KB were those copies). Ids this realm does not know stay.
         */
        UserData sharingIds(UserData user) {
            return new UserData(shared(user.roleIds(), rolesById, AdminRole::id),
                    shared(user.visualRoleIds(), visualRolesById, VisualRole::id));
        }

        private static <T> Set<String> shared(Set<String> ids, Map<String, T> byId, Function<T, String> idOf) {
            Set<String> shared = new java.util.HashSet<>(ids.size() * 2);
            for (String id : ids) {
                T value = byId.get(id);
                shared.add(value == null ? id : idOf.apply(value));
            }
            return shared;
        }

        /** The values of {@code ids} that {@code places} knows, in the order of their places. */
        private static <T> List<T> held(Set<String> ids, Map<String, T> byId, Map<String, Integer> places) {
            if (ids.isEmpty()) {
                return List.of();
            }
            List<String> known = new java.util.ArrayList<>(ids.size());
            for (String id : ids) {
                if (places.containsKey(id)) {
                    known.add(id);
                }
            }
            known.sort(java.util.Comparator.comparingInt(places::get));
            List<T> held = new java.util.ArrayList<>(known.size());
            for (String id : known) {
                held.add(byId.get(id));
            }
            return Collections.unmodifiableList(held);
        }

        private static Map<String, Integer> places(List<String> ids) {
            Map<String, Integer> places = new java.util.HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                places.put(ids.get(i), i);
            }
            return Collections.unmodifiableMap(places);
        }

        private static <T> Map<String, T> index(List<T> values, Function<T, String> key) {
            Map<String, T> map = new LinkedHashMap<>();
            values.forEach(v -> map.put(key.apply(v), v));
            return Collections.unmodifiableMap(map);
        }
    }

    /** Ids of what one user holds. */
    public record UserData(Set<String> roleIds, Set<String> visualRoleIds) {
        public UserData {
            roleIds = Set.copyOf(roleIds);
            visualRoleIds = Set.copyOf(visualRoleIds);
        }
    }
}
