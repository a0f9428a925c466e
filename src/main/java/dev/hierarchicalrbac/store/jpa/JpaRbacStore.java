package dev.hierarchicalrbac.store.jpa;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.BuiltInPermissions;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.Decision;
import dev.hierarchicalrbac.domain.Hierarchy;
import dev.hierarchicalrbac.domain.Positions;
import dev.hierarchicalrbac.domain.Timeout;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.RbacStore;
import dev.hierarchicalrbac.store.cache.RbacCache;
import dev.hierarchicalrbac.store.cache.RbacLoader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The JPA implementation of {@link RbacStore}: plain queries on the six RBAC tables. It is also the
 * cache's {@link RbacLoader}.
 */
final class JpaRbacStore implements RbacStore, RbacLoader {

    static final String EVERYONE_DESCRIPTION = "Every user of the realm holds this role implicitly.";
    static final String ORGANIZATION_EVERYONE_DESCRIPTION = "Every member of the organization holds this role implicitly.";

    private final EntityManager em;

    JpaRbacStore(EntityManager em) {
        this.em = em;
    }

    // --- permission catalogue -------------------------------------------------------------

    @Override
    public List<Permission> permissions(RealmModel realm) {
        return permissionEntities(realm.getId()).stream().map(JpaRbacStore::toPermission).toList();
    }

    @Override
    public Optional<Permission> permission(RealmModel realm, String id) {
        return findPermission(realm.getId(), id).map(JpaRbacStore::toPermission);
    }

    @Override
    public Optional<Permission> permissionByName(RealmModel realm, String name) {
        return permissionEntityByName(realm.getId(), name).map(JpaRbacStore::toPermission);
    }

    @Override
    public Permission createPermission(RealmModel realm, String name, String description) {
        if (permissionEntityByName(realm.getId(), name).isPresent()) {
            throw RbacException.conflict("name", "A permission named '" + name + "' already exists.");
        }
        PermissionEntity entity = new PermissionEntity(KeycloakModelUtils.generateId(), realm.getId(), name, description, false);
        persist(entity, "name", "A permission named '" + name + "' already exists.");
        return toPermission(entity);
    }

    @Override
    public Permission updatePermission(RealmModel realm, String id, String name, String description) {
        lockRoleWrites(realm.getId());
        PermissionEntity entity = findPermission(realm.getId(), id).orElseThrow(() -> RbacException.notFound("Permission", id));
        if (!entity.getName().equals(name)) {
            require(Hierarchy.canEverRename(toPermission(entity)));
            if (permissionEntityByName(realm.getId(), name).isPresent()) {
                throw RbacException.conflict("name", "A permission named '" + name + "' already exists.");
            }
            entity.setName(name);
        }
        entity.setDescription(description);
        flush("name", "A permission named '" + name + "' already exists.");
        return toPermission(entity);
    }

    @Override
    public void deletePermission(RealmModel realm, String id) {
        lockRoleWrites(realm.getId());
        PermissionEntity entity = findPermission(realm.getId(), id).orElseThrow(() -> RbacException.notFound("Permission", id));
        require(Hierarchy.canEverDelete(toPermission(entity)));
        em.createNamedQuery("rbacDeleteRolesOfPermission").setParameter("permissionId", id).executeUpdate();
        em.remove(entity);
        em.flush();
    }

    // --- admin roles ----------------------------------------------------------------------

    @Override
    public List<AdminRole> roles(RealmModel realm, String organizationId) {
        Map<String, Set<String>> permissionsByRole = rolePermissionNames(realm.getId());
        return roleEntities(realm.getId(), organizationId).stream()
                .map(e -> toRole(e, permissionsByRole.getOrDefault(e.getId(), Set.of())))
                .toList();
    }

    @Override
    public Optional<AdminRole> role(RealmModel realm, String organizationId, String id) {
        return findRole(realm.getId(), organizationId, id).map(this::toRole);
    }

    @Override
    public AdminRole everyone(RealmModel realm, String organizationId) {
        return everyoneEntity(realm.getId(), organizationId).map(this::toRole)
                .orElseThrow(() -> new IllegalStateException("Realm " + realm.getName()
                        + (organizationId == null ? "" : ", organization " + organizationId) + " has no @everyone role"));
    }

    @Override
    public AdminRole createRole(RealmModel realm, String organizationId, AdminRole values) {
        lockRoleWrites(realm.getId());
        String nameKey = Validation.nameKey(values.name());
        List<AdminRoleEntity> existing = roleEntities(realm.getId(), organizationId);
        requireFreeRoleName(existing, nameKey, null, values.name());
        Map<String, Integer> finalPositions = new HashMap<>();
        existing.forEach(role -> finalPositions.put(role.getName(), role.getPosition()));
        finalPositions.put(values.name(), values.position());
        Positions.requireUnique(finalPositions);
        Map<String, String> permissionIds = permissionIdsByName(realm.getId(), values.permissions());

        AdminRoleEntity entity = new AdminRoleEntity(KeycloakModelUtils.generateId(), realm.getId(), organizationId);
        entity.setName(values.name(), nameKey);
        entity.setDescription(values.description());
        entity.setPosition(values.position());
        entity.setColor(values.color());
        entity.setIcon(values.icon());
        persist(entity, "name", "A role named '" + values.name() + "' or at position " + values.position() + " already exists.");
        for (String permissionId : permissionIds.values()) {
            em.persist(new RolePermissionEntity(realm.getId(), entity.getId(), permissionId));
        }
        em.flush();
        return toRole(entity, new TreeSet<>(permissionIds.keySet()));
    }

    @Override
    public AdminRole updateRole(RealmModel realm, String organizationId, String id, String name, String description,
                                String color, String icon) {
        lockRoleWrites(realm.getId());
        AdminRoleEntity entity = findRole(realm.getId(), organizationId, id).orElseThrow(() -> RbacException.notFound("Role", id));
        String nameKey = Validation.nameKey(name);
        // Judged, and the stored key rewritten, only when the name changes: a role kept under its own
        // name keeps working even if an older release let a lookalike of it in.
        if (!name.equals(entity.getName())) {
            if (!Validation.nameKey(entity.getName()).equals(nameKey)) {
                requireFreeRoleName(roleEntities(realm.getId(), organizationId), nameKey, id, name);
            }
            entity.setName(name, nameKey);
        }
        entity.setDescription(description);
        entity.setColor(color);
        entity.setIcon(icon);
        flush("name", "A role named '" + name + "' already exists.");
        return toRole(entity);
    }

    @Override
    public AdminRole setRolePermissions(RealmModel realm, String organizationId, String id, Set<String> permissionNames) {
        lockRoleWrites(realm.getId());
        AdminRoleEntity entity = findRole(realm.getId(), organizationId, id).orElseThrow(() -> RbacException.notFound("Role", id));
        Map<String, String> wanted = permissionIdsByName(realm.getId(), permissionNames);
        Set<String> current = new HashSet<>(em.createNamedQuery("rbacPermissionIdsOfRole", String.class)
                .setParameter("roleId", id).getResultList());
        for (String permissionId : current) {
            if (!wanted.containsValue(permissionId)) {
                em.createNamedQuery("rbacDeleteRolePermission")
                        .setParameter("roleId", id).setParameter("permissionId", permissionId).executeUpdate();
            }
        }
        for (String permissionId : wanted.values()) {
            if (!current.contains(permissionId)) {
                em.persist(new RolePermissionEntity(realm.getId(), id, permissionId));
            }
        }
        em.flush();
        return toRole(entity, new TreeSet<>(wanted.keySet()));
    }

    @Override
    public void moveRoles(RealmModel realm, String organizationId, Map<String, Integer> newPositionById) {
        lockRoleWrites(realm.getId());
        Map<String, AdminRoleEntity> moved = new LinkedHashMap<>();
        for (String id : newPositionById.keySet()) {
            moved.put(id, findRole(realm.getId(), organizationId, id).orElseThrow(() -> RbacException.notFound("Role", id)));
        }
        Map<String, Integer> finalPositions = new HashMap<>();
        for (AdminRoleEntity role : roleEntities(realm.getId(), organizationId)) {
            finalPositions.put(role.getName(), newPositionById.getOrDefault(role.getId(), role.getPosition()));
        }
        Positions.requireUnique(finalPositions);
        // Unique constraints are checked per statement on PostgreSQL and MariaDB, so a swap goes
        // through temporary negative positions that no real role ever holds.
        int temporary = -1;
        for (AdminRoleEntity role : moved.values()) {
            role.setPosition(temporary--);
        }
        flush("position", "Positions changed concurrently; try again.");
        for (Map.Entry<String, AdminRoleEntity> entry : moved.entrySet()) {
            entry.getValue().setPosition(newPositionById.get(entry.getKey()));
        }
        flush("position", "Positions changed concurrently; try again.");
    }

    @Override
    public void deleteRole(RealmModel realm, String organizationId, String id) {
        lockRoleWrites(realm.getId());
        AdminRoleEntity entity = findRole(realm.getId(), organizationId, id).orElseThrow(() -> RbacException.notFound("Role", id));
        require(Hierarchy.canEverDelete(toRole(entity, Set.of())));
        em.createNamedQuery("rbacDeletePermissionsOfRole").setParameter("roleId", id).executeUpdate();
        em.createNamedQuery("rbacDeleteUsersOfAdminRole").setParameter("roleId", id).executeUpdate();
        em.remove(entity);
        em.flush();
    }

    @Override
    public Map<String, Long> roleMemberCounts(RealmModel realm, String organizationId) {
        return roleMemberCounts(realm.getId(), organizationId);
    }

    @Override
    public List<String> roleMembers(RealmModel realm, String organizationId, String roleId, int first, int max) {
        findRole(realm.getId(), organizationId, roleId).orElseThrow(() -> RbacException.notFound("Role", roleId));
        return em.createNamedQuery("rbacMembersOfRole", String.class).setParameter("roleId", roleId)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    // --- visual roles ---------------------------------------------------------------------

    @Override
    public List<VisualRole> visualRoles(RealmModel realm) {
        return visualRoleEntities(realm.getId()).stream().map(JpaRbacStore::toVisualRole).toList();
    }

    @Override
    public Optional<VisualRole> visualRole(RealmModel realm, String id) {
        return findVisualRole(realm.getId(), id).map(JpaRbacStore::toVisualRole);
    }

    @Override
    public VisualRole createVisualRole(RealmModel realm, VisualRole values) {
        String nameKey = Validation.nameKey(values.name());
        requireFreeVisualRoleName(realm.getId(), nameKey, null, values.name());
        VisualRoleEntity entity = new VisualRoleEntity(KeycloakModelUtils.generateId(), realm.getId());
        copy(values, nameKey, entity);
        persist(entity, "name", "A visual role named '" + values.name() + "' already exists.");
        return toVisualRole(entity);
    }

    @Override
    public VisualRole updateVisualRole(RealmModel realm, String id, VisualRole values) {
        VisualRoleEntity entity = findVisualRole(realm.getId(), id).orElseThrow(() -> RbacException.notFound("Visual role", id));
        String nameKey = Validation.nameKey(values.name());
        if (!values.name().equals(entity.getName()) && !Validation.nameKey(entity.getName()).equals(nameKey)) {
            requireFreeVisualRoleName(realm.getId(), nameKey, id, values.name());
        }
        copy(values, nameKey, entity);
        flush("name", "A visual role named '" + values.name() + "' already exists.");
        return toVisualRole(entity);
    }

    @Override
    public void deleteVisualRole(RealmModel realm, String id) {
        VisualRoleEntity entity = findVisualRole(realm.getId(), id).orElseThrow(() -> RbacException.notFound("Visual role", id));
        em.createNamedQuery("rbacDeleteUsersOfVisualRole").setParameter("visualRoleId", id).executeUpdate();
        em.remove(entity);
        em.flush();
    }

    @Override
    public Map<String, Long> visualRoleMemberCounts(RealmModel realm) {
        return counts(em.createNamedQuery("rbacVisualMemberCountsOfRealm", Object[].class), realm.getId());
    }

    @Override
    public List<String> visualRoleMembers(RealmModel realm, String visualRoleId, int first, int max) {
        findVisualRole(realm.getId(), visualRoleId).orElseThrow(() -> RbacException.notFound("Visual role", visualRoleId));
        return em.createNamedQuery("rbacMembersOfVisualRole", String.class).setParameter("visualRoleId", visualRoleId)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    // --- assignments ----------------------------------------------------------------------

    @Override
    public List<AdminRole> rolesOf(RealmModel realm, String organizationId, String userId) {
        Set<String> held = new HashSet<>(roleIdsOf(realm.getId(), organizationId, userId));
        if (held.isEmpty()) {
            return List.of();
        }
        return roles(realm, organizationId).stream().filter(r -> held.contains(r.id())).toList();
    }

    @Override
    public boolean assignRole(RealmModel realm, String organizationId, String userId, String roleId) {
        AdminRoleEntity role = findRole(realm.getId(), organizationId, roleId).orElseThrow(() -> RbacException.notFound("Role", roleId));
        require(Hierarchy.canEverAssign(toRole(role, Set.of())));
        if (em.find(UserAdminRoleEntity.class, new UserAdminRoleEntity.Key(userId, roleId)) != null) {
            return false;
        }
        em.persist(new UserAdminRoleEntity(realm.getId(), organizationId, userId, roleId));
        flush("roleId", "The role was assigned, or deleted, concurrently by another request; try again.");
        return true;
    }

    @Override
    public boolean unassignRole(RealmModel realm, String organizationId, String userId, String roleId) {
        findRole(realm.getId(), organizationId, roleId).orElseThrow(() -> RbacException.notFound("Role", roleId));
        return em.createNamedQuery("rbacDeleteUserAdminRole")
                .setParameter("userId", userId).setParameter("roleId", roleId).executeUpdate() > 0;
    }

    @Override
    public List<VisualRole> visualRolesOf(RealmModel realm, String userId) {
        Set<String> held = new HashSet<>(em.createNamedQuery("rbacVisualRoleIdsOfUser", String.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).getResultList());
        if (held.isEmpty()) {
            return List.of();
        }
        return visualRoles(realm).stream().filter(v -> held.contains(v.id())).toList();
    }

    @Override
    public boolean assignVisualRole(RealmModel realm, String userId, String visualRoleId) {
        findVisualRole(realm.getId(), visualRoleId).orElseThrow(() -> RbacException.notFound("Visual role", visualRoleId));
        if (em.find(UserVisualRoleEntity.class, new UserVisualRoleEntity.Key(userId, visualRoleId)) != null) {
            return false;
        }
        em.persist(new UserVisualRoleEntity(realm.getId(), userId, visualRoleId));
        flush("visualRoleId", "The visual role was assigned, or deleted, concurrently by another request; try again.");
        return true;
    }

    @Override
    public boolean unassignVisualRole(RealmModel realm, String userId, String visualRoleId) {
        findVisualRole(realm.getId(), visualRoleId).orElseThrow(() -> RbacException.notFound("Visual role", visualRoleId));
        return em.createNamedQuery("rbacDeleteUserVisualRole")
                .setParameter("userId", userId).setParameter("visualRoleId", visualRoleId).executeUpdate() > 0;
    }

    // --- time-outs ------------------------------------------------------------------------

    @Override
    public Optional<Timeout> timeout(RealmModel realm, String userId) {
        return timeoutEntity(realm.getId(), userId).map(JpaRbacStore::toTimeout)
                .filter(t -> t.holdsAt(RbacStore.now()));
    }

    @Override
    public void setTimeout(RealmModel realm, String userId, Timeout timeout) {
        Optional<UserTimeoutEntity> current = timeoutEntity(realm.getId(), userId);
        if (current.isPresent()) {
            current.get().setUntil(timeout.until().toEpochMilli());
            current.get().setReason(timeout.reason());
            flush("until", "The user was timed out concurrently by another request; try again.");
        } else {
            persist(new UserTimeoutEntity(realm.getId(), userId, timeout.until().toEpochMilli(), timeout.reason()),
                    "until", "The user was timed out concurrently by another request; try again.");
        }
    }

    @Override
    public boolean clearTimeout(RealmModel realm, String userId) {
        return em.createNamedQuery("rbacDeleteTimeoutOfUser").setParameter("realmId", realm.getId())
                .setParameter("userId", userId).executeUpdate() > 0;
    }

    private Optional<UserTimeoutEntity> timeoutEntity(String realmId, String userId) {
        return em.createNamedQuery("rbacTimeoutOfUser", UserTimeoutEntity.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultStream().findFirst();
    }

    private static Timeout toTimeout(UserTimeoutEntity e) {
        return new Timeout(Instant.ofEpochMilli(e.getUntil()), e.getReason());
    }

    @Override
    public Map<String, Set<String>> roleAssignments(RealmModel realm, String organizationId) {
        return pairs(em.createNamedQuery("rbacAdminRoleAssignmentsOfLadder", Object[].class)
                .setParameter("organizationId", AdminRoleEntity.ladder(organizationId)), realm.getId());
    }

    @Override
    public Map<String, Set<String>> visualRoleAssignments(RealmModel realm) {
        return pairs(em.createNamedQuery("rbacVisualRoleAssignmentsOfRealm", Object[].class), realm.getId());
    }

    private static Map<String, Set<String>> pairs(TypedQuery<Object[]> query, String realmId) {
        Map<String, Set<String>> byUser = new HashMap<>();
        for (Object[] row : query.setParameter("realmId", realmId).getResultList()) {
            byUser.computeIfAbsent((String) row[0], k -> new HashSet<>()).add((String) row[1]);
        }
        return byUser;
    }

    // --- lifecycle ------------------------------------------------------------------------

    @Override
    public void seedRealm(RealmModel realm) {
        String realmId = realm.getId();
        Set<String> present = permissionEntities(realmId).stream().map(PermissionEntity::getName).collect(Collectors.toSet());
        BuiltInPermissions.ALL.forEach((name, description) -> {
            if (!present.contains(name)) {
                em.persist(new PermissionEntity(KeycloakModelUtils.generateId(), realmId, name, description, true));
            }
        });
        if (everyoneEntity(realmId, null).isEmpty()) {
            em.persist(newEveryone(realmId, null, EVERYONE_DESCRIPTION));
        }
        em.flush();
    }

    /** Under the realm's role-write lock, so two first requests to one organization do not both insert it. */
    @Override
    public void seedOrganization(RealmModel realm, String organizationId) {
        if (everyoneEntity(realm.getId(), organizationId).isPresent()) {
            return;
        }
        lockRoleWrites(realm.getId());
        if (everyoneEntity(realm.getId(), organizationId).isEmpty()) {
            persist(newEveryone(realm.getId(), organizationId, ORGANIZATION_EVERYONE_DESCRIPTION),
                    "organization", "The organization's ladder was created concurrently; try again.");
        }
    }

    private static AdminRoleEntity newEveryone(String realmId, String organizationId, String description) {
        AdminRoleEntity everyone = new AdminRoleEntity(KeycloakModelUtils.generateId(), realmId, organizationId);
        everyone.setName(AdminRole.EVERYONE_NAME, Validation.nameKey(AdminRole.EVERYONE_NAME));
        everyone.setDescription(description);
        everyone.setPosition(AdminRole.EVERYONE_POSITION);
        return everyone;
    }

    /** Children first, so the order is right whether or not the database cascades. */
    @Override
    public void removeOrganization(RealmModel realm, String organizationId) {
        for (String query : List.of("rbacDeleteOwnersOfOrganization", "rbacDeleteAdminRolesOfOrganization",
                "rbacDeleteRolePermissionsOfOrganization", "rbacDeleteRolesOfOrganization")) {
            em.createNamedQuery(query).setParameter("realmId", realm.getId())
                    .setParameter("organizationId", organizationId).executeUpdate();
        }
    }

    @Override
    public void removeOrganizationMember(RealmModel realm, String organizationId, String userId) {
        for (String query : List.of("rbacDeleteAdminRolesOfOrganizationMember", "rbacDeleteOrganizationOwner")) {
            em.createNamedQuery(query).setParameter("realmId", realm.getId())
                    .setParameter("organizationId", organizationId).setParameter("userId", userId).executeUpdate();
        }
    }

    // --- organization owners --------------------------------------------------------------

    @Override
    public Set<String> organizationOwners(RealmModel realm, String organizationId) {
        return Set.copyOf(organizationOwners(realm.getId(), organizationId));
    }

    @Override
    public boolean addOrganizationOwner(RealmModel realm, String organizationId, String userId) {
        if (em.find(OrganizationOwnerEntity.class, new OrganizationOwnerEntity.Key(realm.getId(), organizationId, userId)) != null) {
            return false;
        }
        persist(new OrganizationOwnerEntity(realm.getId(), organizationId, userId),
                "userId", "The owner was named concurrently by another request; try again.");
        return true;
    }

    @Override
    public boolean removeOrganizationOwner(RealmModel realm, String organizationId, String userId) {
        return em.createNamedQuery("rbacDeleteOrganizationOwner").setParameter("realmId", realm.getId())
                .setParameter("organizationId", organizationId).setParameter("userId", userId).executeUpdate() > 0;
    }

    private List<String> organizationOwners(String realmId, String organizationId) {
        return em.createNamedQuery("rbacOwnersOfOrganization", String.class).setParameter("realmId", realmId)
                .setParameter("organizationId", organizationId).getResultList();
    }

    @Override
    public void removeUser(RealmModel realm, String userId) {
        em.createNamedQuery("rbacDeleteAdminRolesOfUser").setParameter("realmId", realm.getId()).setParameter("userId", userId).executeUpdate();
        em.createNamedQuery("rbacDeleteVisualRolesOfUser").setParameter("realmId", realm.getId()).setParameter("userId", userId).executeUpdate();
        em.createNamedQuery("rbacDeleteTimeoutOfUser").setParameter("realmId", realm.getId()).setParameter("userId", userId).executeUpdate();
        em.createNamedQuery("rbacDeleteOrganizationOwnershipsOfUser").setParameter("realmId", realm.getId()).setParameter("userId", userId).executeUpdate();
    }

    @Override
    public void removeRealm(String realmId) {
        // Children first, so the order is right whether or not the database cascades.
        for (String query : List.of("rbacDeleteOrganizationOwnersOfRealm", "rbacDeleteTimeoutsOfRealm", "rbacDeleteUserAdminRolesOfRealm", "rbacDeleteUserVisualRolesOfRealm",
                "rbacDeleteRolePermissionsOfRealm", "rbacDeleteRolesOfRealm", "rbacDeleteVisualRolesOfRealm",
                "rbacDeletePermissionsOfRealm")) {
            em.createNamedQuery(query).setParameter("realmId", realmId).executeUpdate();
        }
    }

    @Override
    public void close() {
    }

    // --- loads for the cache (CachedRbacStore), each a constant number of statements -------

    /**
     * The realm's catalogue, roles, visual roles and the time-outs that hold now, in five statements;
     * null if it has no {@code @everyone} yet. Time-outs are rare and realm-wide data: keeping them
     * here keeps a cold user at two statements, and setting one invalidates the realm like a role edit.
     */
    @Override
    public RbacCache.RealmData loadRealmData(String realmId) {
        return loadLadderData(realmId, null);
    }

    /**
     * An organization's ladder: the realm's catalogue and time-outs with the organization's roles and
     * named owners, in five statements; null if its {@code @everyone} is not seeded yet.
     */
    @Override
    public RbacCache.RealmData loadOrganizationData(String realmId, String organizationId) {
        return loadLadderData(realmId, organizationId);
    }

    private RbacCache.RealmData loadLadderData(String realmId, String organizationId) {
        List<Permission> catalogue = permissionEntities(realmId).stream().map(JpaRbacStore::toPermission).toList();
        Map<String, Set<String>> permissionsByRole = rolePermissionNames(realmId);
        List<AdminRole> roles = roleEntities(realmId, organizationId).stream()
                .map(e -> toRole(e, permissionsByRole.getOrDefault(e.getId(), Set.of())))
                .toList();
        if (roles.stream().noneMatch(AdminRole::isEveryone)) {
            return null;
        }
        // Visual roles are the realm's alone; an organization's ladder carries its named owners instead.
        List<VisualRole> visual = organizationId != null ? List.of()
                : visualRoleEntities(realmId).stream().map(JpaRbacStore::toVisualRole).toList();
        Set<String> owners = organizationId == null ? Set.of() : Set.copyOf(organizationOwners(realmId, organizationId));
        Map<String, Timeout> timeouts = new HashMap<>();
        em.createNamedQuery("rbacTimeoutsOfRealm", UserTimeoutEntity.class).setParameter("realmId", realmId)
                .setParameter("now", RbacStore.now().toEpochMilli()).getResultList()
                .forEach(t -> timeouts.put(t.getUserId(), toTimeout(t)));
        return new RbacCache.RealmData(catalogue, roles, visual, timeouts, owners);
    }

    /** The realm's member counts of one kind, in one statement. */
    @Override
    public Map<String, Long> loadMemberCounts(String realmId, RbacCache.Counts which) {
        return which == RbacCache.Counts.ROLE_MEMBERS ? roleMemberCounts(realmId, null)
                : counts(em.createNamedQuery("rbacVisualMemberCountsOfRealm", Object[].class), realmId);
    }

    @Override
    public Map<String, Long> loadOrganizationMemberCounts(String realmId, String organizationId) {
        return roleMemberCounts(realmId, organizationId);
    }

    /** The ids of a user's admin roles and visual roles, in two statements. */
    @Override
    public RbacCache.UserData loadUserData(String realmId, String userId) {
        List<String> roleIds = roleIdsOf(realmId, null, userId);
        List<String> visualRoleIds = em.createNamedQuery("rbacVisualRoleIdsOfUser", String.class)
                .setParameter("realmId", realmId).setParameter("userId", userId).getResultList();
        return new RbacCache.UserData(new HashSet<>(roleIds), new HashSet<>(visualRoleIds));
    }

    /** The ids of a user's admin roles in an organization's ladder, in one statement. */
    @Override
    public RbacCache.UserData loadOrganizationUserData(String realmId, String organizationId, String userId) {
        return new RbacCache.UserData(new HashSet<>(roleIdsOf(realmId, organizationId, userId)), Set.of());
    }

    private List<String> roleIdsOf(String realmId, String organizationId, String userId) {
        return em.createNamedQuery("rbacRoleIdsOfUser", String.class).setParameter("realmId", realmId)
                .setParameter("organizationId", AdminRoleEntity.ladder(organizationId))
                .setParameter("userId", userId).getResultList();
    }

    private Map<String, Long> roleMemberCounts(String realmId, String organizationId) {
        return counts(em.createNamedQuery("rbacMemberCountsOfLadder", Object[].class)
                .setParameter("organizationId", AdminRoleEntity.ladder(organizationId)), realmId);
    }

    // --- helpers --------------------------------------------------------------------------

    private List<PermissionEntity> permissionEntities(String realmId) {
        return em.createNamedQuery("rbacPermissionsOfRealm", PermissionEntity.class)
                .setParameter("realmId", realmId).getResultList();
    }

    private Optional<PermissionEntity> findPermission(String realmId, String id) {
        PermissionEntity entity = id == null ? null : em.find(PermissionEntity.class, id);
        return Optional.ofNullable(entity).filter(e -> e.getRealmId().equals(realmId));
    }

    private Optional<PermissionEntity> permissionEntityByName(String realmId, String name) {
        return em.createNamedQuery("rbacPermissionByName", PermissionEntity.class)
                .setParameter("realmId", realmId).setParameter("name", name)
                .getResultStream().findFirst();
    }

    /** Resolves permission names to ids; an unknown name is a conflict with the catalogue. */
    private Map<String, String> permissionIdsByName(String realmId, Set<String> names) {
        Map<String, String> byName = new LinkedHashMap<>();
        if (names == null || names.isEmpty()) {
            return byName;
        }
        Map<String, String> catalogue = permissionEntities(realmId).stream()
                .collect(Collectors.toMap(PermissionEntity::getName, PermissionEntity::getId));
        for (String name : new TreeSet<>(names)) {
            String id = catalogue.get(name);
            if (id == null) {
                throw RbacException.notFound("Permission", name);
            }
            byName.put(name, id);
        }
        return byName;
    }

    private List<AdminRoleEntity> roleEntities(String realmId, String organizationId) {
        return em.createNamedQuery("rbacRolesOfLadder", AdminRoleEntity.class).setParameter("realmId", realmId)
                .setParameter("organizationId", AdminRoleEntity.ladder(organizationId)).getResultList();
    }

    /** A role of this realm and ladder: an id of another realm or ladder is not found here. */
    private Optional<AdminRoleEntity> findRole(String realmId, String organizationId, String id) {
        AdminRoleEntity entity = id == null ? null : em.find(AdminRoleEntity.class, id);
        return Optional.ofNullable(entity).filter(e -> e.getRealmId().equals(realmId)
                && e.getOrganizationId().equals(AdminRoleEntity.ladder(organizationId)));
    }

    private Optional<AdminRoleEntity> everyoneEntity(String realmId, String organizationId) {
        return em.createNamedQuery("rbacRoleByPosition", AdminRoleEntity.class).setParameter("realmId", realmId)
                .setParameter("organizationId", AdminRoleEntity.ladder(organizationId))
                .setParameter("position", AdminRole.EVERYONE_POSITION)
                .getResultStream().findFirst();
    }

    /**
     * Serialises the writes to one realm's admin roles and permission catalogue on its
     * {@code @everyone} row, on every node of a cluster: concurrent creates and reorders see each
     * other's positions, and two replacements of one role's permissions do not both insert the same
     * row. Organizations' ladders take the same lock: one lock per realm keeps the order trivial, and
     * an organization's ladder shares the realm's catalogue. Taking this lock first, always, keeps the lock order the same everywhere (no deadlocks).
     * Admin edits are rare; token issuance only reads and never waits for it.
     */
    private void lockRoleWrites(String realmId) {
        everyoneEntity(realmId, null).ifPresent(e -> em.lock(e, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Names are compared by {@link Validation#nameKey} of what is stored, not by the stored key column,
     * so rows written before the key learnt about lookalikes are judged by today's rule too.
     */
    private static void requireFreeRoleName(List<AdminRoleEntity> roles, String nameKey, String exceptId, String name) {
        if (roles.stream().anyMatch(e -> !e.getId().equals(exceptId) && Validation.nameKey(e.getName()).equals(nameKey))) {
            throw RbacException.conflict("name", "A role named '" + name + "' already exists (names ignore case and lookalike letters).");
        }
    }

    private Map<String, Set<String>> rolePermissionNames(String realmId) {
        Map<String, Set<String>> byRole = new HashMap<>();
        for (Object[] row : em.createNamedQuery("rbacRolePermissionNamesOfRealm", Object[].class)
                .setParameter("realmId", realmId).getResultList()) {
            byRole.computeIfAbsent((String) row[0], k -> new TreeSet<>()).add((String) row[1]);
        }
        return byRole;
    }

    private List<VisualRoleEntity> visualRoleEntities(String realmId) {
        return em.createNamedQuery("rbacVisualRolesOfRealm", VisualRoleEntity.class)
                .setParameter("realmId", realmId).getResultList();
    }

    private Optional<VisualRoleEntity> findVisualRole(String realmId, String id) {
        VisualRoleEntity entity = id == null ? null : em.find(VisualRoleEntity.class, id);
        return Optional.ofNullable(entity).filter(e -> e.getRealmId().equals(realmId));
    }

    private void requireFreeVisualRoleName(String realmId, String nameKey, String exceptId, String name) {
        if (visualRoleEntities(realmId).stream()
                .anyMatch(e -> !e.getId().equals(exceptId) && Validation.nameKey(e.getName()).equals(nameKey))) {
            throw RbacException.conflict("name", "A visual role named '" + name
                    + "' already exists (names ignore case and lookalike letters).");
        }
    }

    private static void copy(VisualRole values, String nameKey, VisualRoleEntity entity) {
        if (!values.name().equals(entity.getName())) {
            entity.setName(values.name(), nameKey);
        }
        entity.setDescription(values.description());
        entity.setPosition(values.position());
        entity.setColor(values.color());
        entity.setIcon(values.icon());
    }

    private static Map<String, Long> counts(TypedQuery<Object[]> query, String realmId) {
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : query.setParameter("realmId", realmId).getResultList()) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /**
     * The domain's rules about a thing itself ({@code @everyone}, built-ins), asked here too for the
     * callers that reach the store without a request (import, lifecycle); the refusal is the domain's.
     */
    private static void require(Decision decision) {
        if (!decision.allowed()) {
            throw RbacException.refused(decision);
        }
    }

    /** The database's unique constraints are the last line behind the checks above. */
    private void persist(Object entity, String field, String conflict) {
        em.persist(entity);
        flush(field, conflict);
    }

    /**
     * Flushes, turning a unique-constraint violation into a conflict the caller can name. Keycloak
     * hands out its entity manager behind a proxy that converts Hibernate's exceptions into
     * {@link ModelDuplicateException} (a constraint violation) before they reach us; a bare
     * {@link PersistenceException} is what an unproxied entity manager throws.
     */
    private void flush(String field, String conflict) {
        try {
            em.flush();
        } catch (ModelDuplicateException | PersistenceException e) {
            throw RbacException.conflict(field, conflict);
        }
    }

    private AdminRole toRole(AdminRoleEntity entity) {
        Set<String> names = new TreeSet<>();
        Set<String> ids = new HashSet<>(em.createNamedQuery("rbacPermissionIdsOfRole", String.class)
                .setParameter("roleId", entity.getId()).getResultList());
        if (!ids.isEmpty()) {
            for (PermissionEntity permission : permissionEntities(entity.getRealmId())) {
                if (ids.contains(permission.getId())) {
                    names.add(permission.getName());
                }
            }
        }
        return toRole(entity, names);
    }

    private static AdminRole toRole(AdminRoleEntity e, Set<String> permissions) {
        return new AdminRole(e.getId(), e.getName(), e.getDescription(), e.getPosition(), e.getColor(), e.getIcon(),
                Collections.unmodifiableSortedSet(new TreeSet<>(permissions)));
    }

    private static Permission toPermission(PermissionEntity e) {
        return new Permission(e.getId(), e.getName(), e.getDescription(), e.isBuiltIn());
    }

    private static VisualRole toVisualRole(VisualRoleEntity e) {
        return new VisualRole(e.getId(), e.getName(), e.getDescription(), e.getPosition(), e.getColor(), e.getIcon());
    }
}
