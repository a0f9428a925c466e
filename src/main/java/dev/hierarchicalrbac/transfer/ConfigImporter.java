package dev.hierarchicalrbac.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.BuiltInPermissions;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.Positions;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.RbacStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a §6 document to a realm. The whole document is read and checked first, then turned into
 * a plan (the list of changes it makes, which is also the dry-run answer), then the plan is applied
 * in one go inside the caller's transaction: a failure anywhere leaves the realm as it was.
 * Importing the same document twice changes nothing the second time.
 */
public final class ConfigImporter {

    /** One change the import makes (or would make, on a dry run). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String action, String type, String name, String user) {
    }

    /** The answer of an import. */
    public record Result(boolean dryRun, boolean prune, List<Change> changes, List<String> unknownUsers) {
    }

    private final RbacStore store;
    private final RealmModel realm;
    private final KeycloakSession session;
    private final boolean prune;
    /** What the import reports, in order. */
    private final List<Change> changes = new ArrayList<>();
    /** What it does, in order; not one-to-one with the changes (one reorder applies every move). */
    private final List<Runnable> actions = new ArrayList<>();
    private final List<String> unknownUsers = new ArrayList<>();
    /** Role and visual role ids by lower-cased name, filled in as roles are created. */
    private final Map<String, String> roleIds = new HashMap<>();
    private final Map<String, String> visualRoleIds = new HashMap<>();

    private ConfigImporter(KeycloakSession session, RealmModel realm, boolean prune) {
        this.session = session;
        this.store = session.getProvider(RbacStore.class);
        this.realm = realm;
        this.prune = prune;
    }

    /**
     * @throws RbacException {@code invalid_input}: the document breaks a rule of design §2 (naming the
     *         place); {@code conflict}: it collides with what the realm keeps
     */
    public static Result run(KeycloakSession session, RealmModel realm, ConfigDocument document, boolean dryRun, boolean prune) {
        ConfigImporter importer = new ConfigImporter(session, realm, prune);
        ParsedDocument parsed = ParsedDocument.parse(document);
        importer.plan(parsed);
        if (!dryRun) {
            importer.actions.forEach(Runnable::run);
        }
        return new Result(dryRun, prune, List.copyOf(importer.changes), List.copyOf(importer.unknownUsers));
    }

    private void step(String action, String type, String name, String user, Runnable apply) {
        changes.add(new Change(action, type, name, user));
        actions.add(apply);
    }

    private void plan(ParsedDocument doc) {
        List<Permission> catalogue = store.permissions(realm);
        List<AdminRole> roles = store.roles(realm);
        List<VisualRole> visualRoles = store.visualRoles(realm);
        roles.forEach(r -> roleIds.put(Validation.nameKey(r.name()), r.id()));
        visualRoles.forEach(v -> visualRoleIds.put(Validation.nameKey(v.name()), v.id()));

        Set<String> knownPermissions = new TreeSet<>(doc.permissions.keySet());
        knownPermissions.addAll(BuiltInPermissions.ALL.keySet());
        if (!prune) {
            catalogue.forEach(p -> knownPermissions.add(p.name()));
        }
        doc.checkReferences(knownPermissions, roles, visualRoles, prune);

        planPermissions(doc, catalogue);
        planRoles(doc, roles);
        planVisualRoles(doc, visualRoles);
        planAssignments(doc, roles, visualRoles);
        planPermissionPruning(doc, catalogue);
    }

    private void planPermissions(ParsedDocument doc, List<Permission> catalogue) {
        Map<String, Permission> byName = new HashMap<>();
        catalogue.forEach(p -> byName.put(p.name(), p));
        doc.permissions.forEach((name, entry) -> {
            Permission current = byName.get(name);
            if (current == null) {
                step("create", "permission", name, null, () -> store.createPermission(realm, name, entry.description()));
            } else {
                // A built-in named without a description keeps its own.
                String description = !entry.hasDescription() && current.builtIn() ? current.description() : entry.description();
                if (!Objects.equals(description, current.description())) {
                    step("update", "permission", name, null,
                            () -> store.updatePermission(realm, current.id(), name, description));
                }
            }
        });
    }

    private void planPermissionPruning(ParsedDocument doc, List<Permission> catalogue) {
        if (!prune) {
            return;
        }
        for (Permission p : catalogue) {
            if (!p.builtIn() && !doc.permissions.containsKey(p.name())) {
                step("delete", "permission", p.name(), null, () -> store.deletePermission(realm, p.id()));
            }
        }
    }

    private void planRoles(ParsedDocument doc, List<AdminRole> roles) {
        Map<String, AdminRole> existing = new HashMap<>();
        roles.forEach(r -> existing.put(Validation.nameKey(r.name()), r));

        // Final positions must be unique: what the document names, plus what it leaves alone.
        Map<String, Integer> finalPositions = new LinkedHashMap<>();
        doc.roles.values().forEach(r -> finalPositions.put(r.name(), r.position()));
        for (AdminRole role : roles) {
            boolean named = doc.roles.containsKey(Validation.nameKey(role.name()));
            if (!named && !(prune && !role.isEveryone())) {
                finalPositions.put(role.name(), role.position());
            }
        }
        Positions.firstClash(finalPositions).ifPresent(clash -> {
            throw RbacException.conflict("roles", clash.sentence() + " A role the document does not name keeps its"
                    + " position (import with prune=true to remove it, or name it with another position).");
        });

        if (prune) {
            for (AdminRole role : roles) {
                if (!role.isEveryone() && !doc.roles.containsKey(Validation.nameKey(role.name()))) {
                    step("delete", "role", role.name(), null, () -> store.deleteRole(realm, role.id()));
                }
            }
        }
        Map<String, Integer> moves = new LinkedHashMap<>();
        List<Runnable> permissionUpdates = new ArrayList<>();
        List<Change> permissionChanges = new ArrayList<>();
        for (ParsedDocument.Role wanted : doc.roles.values()) {
            AdminRole current = existing.get(Validation.nameKey(wanted.name()));
            if (current == null) {
                continue;
            }
            if (!Objects.equals(current.name(), wanted.name()) || !Objects.equals(current.description(), wanted.description())
                    || !Objects.equals(current.color(), wanted.color()) || !Objects.equals(current.icon(), wanted.icon())) {
                step("update", "role", wanted.name(), null, () -> store.updateRole(realm, current.id(), wanted.name(),
                        wanted.description(), wanted.color(), wanted.icon()));
            }
            if (current.position() != wanted.position()) {
                moves.put(current.id(), wanted.position());
            }
            if (!current.permissions().equals(wanted.permissions())) {
                permissionChanges.add(new Change("permissions", "role", wanted.name(), null));
                permissionUpdates.add(() -> store.setRolePermissions(realm, current.id(), wanted.permissions()));
            }
        }
        if (!moves.isEmpty()) {
            for (String id : moves.keySet()) {
                AdminRole moved = roles.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
                changes.add(new Change("move", "role", moved.name(), null));
            }
            // One atomic reorder applies every move, so swaps and cycles need no free position.
            actions.add(() -> store.moveRoles(realm, moves));
        }
        for (ParsedDocument.Role wanted : doc.roles.values()) {
            if (!existing.containsKey(Validation.nameKey(wanted.name()))) {
                step("create", "role", wanted.name(), null, () -> {
                    AdminRole created = store.createRole(realm, new AdminRole(null, wanted.name(), wanted.description(),
                            wanted.position(), wanted.color(), wanted.icon(), wanted.permissions()));
                    roleIds.put(Validation.nameKey(created.name()), created.id());
                });
            }
        }
        changes.addAll(permissionChanges);
        actions.addAll(permissionUpdates);
    }

    private void planVisualRoles(ParsedDocument doc, List<VisualRole> visualRoles) {
        Map<String, VisualRole> existing = new HashMap<>();
        visualRoles.forEach(v -> existing.put(Validation.nameKey(v.name()), v));
        if (prune) {
            for (VisualRole v : visualRoles) {
                if (!doc.visualRoles.containsKey(Validation.nameKey(v.name()))) {
                    step("delete", "visualRole", v.name(), null, () -> store.deleteVisualRole(realm, v.id()));
                }
            }
        }
        for (VisualRole wanted : doc.visualRoles.values()) {
            VisualRole current = existing.get(Validation.nameKey(wanted.name()));
            if (current == null) {
                step("create", "visualRole", wanted.name(), null, () -> {
                    VisualRole created = store.createVisualRole(realm, wanted);
                    visualRoleIds.put(Validation.nameKey(created.name()), created.id());
                });
            } else if (!new VisualRole(current.id(), wanted.name(), wanted.description(), wanted.position(), wanted.color(),
                    wanted.icon()).equals(current)) {
                step("update", "visualRole", wanted.name(), null, () -> store.updateVisualRole(realm, current.id(), wanted));
            }
        }
    }

    private void planAssignments(ParsedDocument doc, List<AdminRole> roles, List<VisualRole> visualRoles) {
        Map<String, String> roleNameById = new HashMap<>();
        roles.forEach(r -> roleNameById.put(r.id(), r.name()));
        Map<String, String> visualNameById = new HashMap<>();
        visualRoles.forEach(v -> visualNameById.put(v.id(), v.name()));
        Map<String, Set<String>> heldRoles = store.roleAssignments(realm);
        Map<String, Set<String>> heldVisual = store.visualRoleAssignments(realm);
        Set<String> namedUserIds = new HashSet<>();

        doc.assignments.forEach((username, wanted) -> {
            UserModel user = session.users().getUserByUsername(realm, username);
            if (user == null) {
                unknownUsers.add(username);
                return;
            }
            namedUserIds.add(user.getId());
            Set<String> heldRoleKeys = keys(heldRoles.getOrDefault(user.getId(), Set.of()), roleNameById);
            Set<String> heldVisualKeys = keys(heldVisual.getOrDefault(user.getId(), Set.of()), visualNameById);
            for (String role : wanted.roles()) {
                if (!heldRoleKeys.contains(Validation.nameKey(role))) {
                    step("assign", "role", role, username,
                            () -> store.assignRole(realm, user.getId(), roleIds.get(Validation.nameKey(role))));
                }
            }
            for (String visual : wanted.visualRoles()) {
                if (!heldVisualKeys.contains(Validation.nameKey(visual))) {
                    step("assign", "visualRole", visual, username,
                            () -> store.assignVisualRole(realm, user.getId(), visualRoleIds.get(Validation.nameKey(visual))));
                }
            }
            if (prune) {
                Set<String> wantedRoles = keysOf(wanted.roles());
                Set<String> wantedVisual = keysOf(wanted.visualRoles());
                planUnassignments(user, username, heldRoles, heldVisual, roleNameById, visualNameById, wantedRoles, wantedVisual);
            }
        });
        if (prune) {
            // Users the document does not name keep no assignment.
            Set<String> others = new TreeSet<>(heldRoles.keySet());
            others.addAll(heldVisual.keySet());
            others.removeAll(namedUserIds);
            for (String userId : others) {
                UserModel user = session.users().getUserById(realm, userId);
                String label = user != null ? user.getUsername() : userId;
                planUnassignments(user, label, heldRoles, heldVisual, roleNameById, visualNameById, Set.of(), Set.of());
            }
        }
    }

    private void planUnassignments(UserModel user, String label, Map<String, Set<String>> heldRoles,
                                   Map<String, Set<String>> heldVisual, Map<String, String> roleNameById,
                                   Map<String, String> visualNameById, Set<String> wantedRoles, Set<String> wantedVisual) {
        String userId = user != null ? user.getId() : label;
        for (String roleId : new TreeSet<>(heldRoles.getOrDefault(userId, Set.of()))) {
            String name = roleNameById.get(roleId);
            // A role the import deletes takes its assignments with it.
            if (name != null && !wantedRoles.contains(Validation.nameKey(name)) && roleSurvives(name)) {
                step("unassign", "role", name, label, () -> store.unassignRole(realm, userId, roleId));
            }
        }
        for (String visualId : new TreeSet<>(heldVisual.getOrDefault(userId, Set.of()))) {
            String name = visualNameById.get(visualId);
            if (name != null && !wantedVisual.contains(Validation.nameKey(name)) && visualSurvives(name)) {
                step("unassign", "visualRole", name, label, () -> store.unassignVisualRole(realm, userId, visualId));
            }
        }
    }

    private boolean roleSurvives(String name) {
        return changes.stream().noneMatch(c -> c.action().equals("delete") && c.type().equals("role") && c.name().equals(name));
    }

    private boolean visualSurvives(String name) {
        return changes.stream().noneMatch(c -> c.action().equals("delete") && c.type().equals("visualRole") && c.name().equals(name));
    }

    private static Set<String> keys(Set<String> ids, Map<String, String> nameById) {
        Set<String> keys = new HashSet<>();
        ids.forEach(id -> {
            String name = nameById.get(id);
            if (name != null) {
                keys.add(Validation.nameKey(name));
            }
        });
        return keys;
    }

    private static Set<String> keysOf(List<String> names) {
        Set<String> keys = new LinkedHashSet<>();
        names.forEach(n -> keys.add(Validation.nameKey(n)));
        return keys;
    }
}
