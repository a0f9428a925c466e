package dev.hierarchicalrbac.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.BuiltInPermissions;
import dev.hierarchicalrbac.domain.OrganizationLadder;
import dev.hierarchicalrbac.domain.Permission;
import dev.hierarchicalrbac.domain.Positions;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.domain.VisualRole;
import dev.hierarchicalrbac.store.RbacStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

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
    public record Change(String action, String type, String name, String user, String organization) {
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
    /** Visual role ids by name key, filled in as visual roles are created. */
    private final Map<String, String> visualRoleIds = new HashMap<>();
    /** The realm's own ladder. */
    private final Ladder realmLadder = new Ladder(null, null);

    /**
     * One ladder the import works on: the realm's ({@code organizationId} null) or an organization's,
     * with its role ids by name key, filled in as roles are created.
     */
    private static final class Ladder {
        final String organizationId;
        /** The organization's alias, which names it in the document and in the changes. */
        final String alias;
        final Map<String, String> roleIds = new HashMap<>();

        Ladder(String organizationId, String alias) {
            this.organizationId = organizationId;
            this.alias = alias;
        }
    }

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
        step(action, type, name, user, realmLadder, apply);
    }

    private void step(String action, String type, String name, String user, Ladder ladder, Runnable apply) {
        changes.add(new Change(action, type, name, user, ladder.alias));
        actions.add(apply);
    }

    private void plan(ParsedDocument doc) {
        List<Permission> catalogue = store.permissions(realm);
        List<AdminRole> roles = store.roles(realm);
        List<VisualRole> visualRoles = store.visualRoles(realm);
        roles.forEach(r -> realmLadder.roleIds.put(Validation.nameKey(r.name()), r.id()));
        visualRoles.forEach(v -> visualRoleIds.put(Validation.nameKey(v.name()), v.id()));

        Set<String> knownPermissions = new TreeSet<>(doc.permissions.keySet());
        knownPermissions.addAll(BuiltInPermissions.ALL.keySet());
        if (!prune) {
            catalogue.forEach(p -> knownPermissions.add(p.name()));
        }
        doc.checkReferences(knownPermissions, roles, visualRoles, prune);

        planPermissions(doc, catalogue);
        planRoles(realmLadder, doc.roles, roles, "roles");
        planVisualRoles(doc, visualRoles);
        planAssignments(doc, roles, visualRoles);
        planOrganizations(doc, knownPermissions);
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

    /** The roles of one ladder: {@code named} by name key, {@code roles} what the ladder holds, {@code place} the document's list. */
    private void planRoles(Ladder ladder, Map<String, ParsedDocument.Role> named, List<AdminRole> roles, String place) {
        String org = ladder.organizationId;
        Map<String, AdminRole> existing = new HashMap<>();
        roles.forEach(r -> existing.put(Validation.nameKey(r.name()), r));

        // Final positions must be unique: what the document names, plus what it leaves alone.
        Map<String, Integer> finalPositions = new LinkedHashMap<>();
        named.values().forEach(r -> finalPositions.put(r.name(), r.position()));
        for (AdminRole role : roles) {
            boolean isNamed = named.containsKey(Validation.nameKey(role.name()));
            if (!isNamed && !(prune && !role.isEveryone())) {
                finalPositions.put(role.name(), role.position());
            }
        }
        Positions.firstClash(finalPositions).ifPresent(clash -> {
            throw RbacException.conflict(place, clash.sentence() + " A role the document does not name keeps its"
                    + " position (import with prune=true to remove it, or name it with another position).");
        });

        if (prune) {
            for (AdminRole role : roles) {
                if (!role.isEveryone() && !named.containsKey(Validation.nameKey(role.name()))) {
                    step("delete", "role", role.name(), null, ladder, () -> store.deleteRole(realm, org, role.id()));
                }
            }
        }
        Map<String, Integer> moves = new LinkedHashMap<>();
        List<Runnable> permissionUpdates = new ArrayList<>();
        List<Change> permissionChanges = new ArrayList<>();
        for (ParsedDocument.Role wanted : named.values()) {
            AdminRole current = existing.get(Validation.nameKey(wanted.name()));
            if (current == null) {
                continue;
            }
            if (!Objects.equals(current.name(), wanted.name()) || !Objects.equals(current.description(), wanted.description())
                    || !Objects.equals(current.color(), wanted.color()) || !Objects.equals(current.icon(), wanted.icon())) {
                step("update", "role", wanted.name(), null, ladder, () -> store.updateRole(realm, org, current.id(), wanted.name(),
                        wanted.description(), wanted.color(), wanted.icon()));
            }
            if (current.position() != wanted.position()) {
                moves.put(current.id(), wanted.position());
            }
            if (!current.permissions().equals(wanted.permissions())) {
                permissionChanges.add(new Change("permissions", "role", wanted.name(), null, ladder.alias));
                permissionUpdates.add(() -> store.setRolePermissions(realm, org, current.id(), wanted.permissions()));
            }
        }
        if (!moves.isEmpty()) {
            for (String id : moves.keySet()) {
                AdminRole moved = roles.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
                changes.add(new Change("move", "role", moved.name(), null, ladder.alias));
            }
            // One atomic reorder applies every move, so swaps and cycles need no free position.
            actions.add(() -> store.moveRoles(realm, org, moves));
        }
        for (ParsedDocument.Role wanted : named.values()) {
            if (!existing.containsKey(Validation.nameKey(wanted.name()))) {
                step("create", "role", wanted.name(), null, ladder, () -> {
                    AdminRole created = store.createRole(realm, org, new AdminRole(null, wanted.name(), wanted.description(),
                            wanted.position(), wanted.color(), wanted.icon(), wanted.permissions()));
                    ladder.roleIds.put(Validation.nameKey(created.name()), created.id());
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
                            () -> store.assignRole(realm, user.getId(), realmLadder.roleIds.get(Validation.nameKey(role))));
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
            if (name != null && !wantedRoles.contains(Validation.nameKey(name)) && roleSurvives(realmLadder, name)) {
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

    /**
     * The organizations part (design §10). Left out, it leaves every organization alone; given, each
     * organization it names, by alias, gets that ladder, and with prune the organizations of the
     * realm it does not name lose their roles and named owners (their {@code @everyone} stays). The
     * organizations it names have their ladder ({@code @everyone}) created here, on a dry run too,
     * as any request reaching them does.
     */
    private void planOrganizations(ParsedDocument doc, Set<String> knownPermissions) {
        if (doc.organizations == null) {
            return;
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        boolean enabled = organizations != null && realm.isOrganizationsEnabled();
        if (!enabled) {
            if (!doc.organizations.isEmpty()) {
                throw RbacException.invalid("organizations", "Organizations are switched off in realm '" + realm.getName()
                        + "', so the document's organizations cannot be imported: switch them on (Realm settings, Organizations)"
                        + " or leave organizations out of the document.");
            }
            return;
        }
        // Keycloak's organization provider answers for the session's realm: make that the realm imported into.
        RealmModel contextRealm = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            Set<String> named = new HashSet<>();
            doc.organizations.forEach((alias, part) -> {
                OrganizationModel organization = organizations.getByAlias(alias);
                if (organization == null) {
                    throw RbacException.invalid("organizations." + alias, "organizations." + alias
                            + ": realm '" + realm.getName() + "' has no organization with the alias '" + alias + "'.");
                }
                named.add(organization.getId());
                planOrganization(organizations, organization, part, knownPermissions);
            });
            if (prune) {
                for (OrganizationModel organization : organizations.getAllStream().toList()) {
                    if (!named.contains(organization.getId()) && !store.roles(realm, organization.getId()).isEmpty()) {
                        planOrganization(organizations, organization, new ParsedDocument.Organization(organization.getAlias(),
                                Map.of(), List.of(), Map.of()), knownPermissions);
                    }
                }
            }
        } finally {
            session.getContext().setRealm(contextRealm);
        }
    }

    private void planOrganization(OrganizationProvider organizations, OrganizationModel organization,
                                  ParsedDocument.Organization part, Set<String> knownPermissions) {
        String org = organization.getId();
        Ladder ladder = new Ladder(org, organization.getAlias());
        String at = "organizations." + part.alias();
        store.seedOrganization(realm, org);
        List<AdminRole> roles = store.roles(realm, org);
        roles.forEach(r -> ladder.roleIds.put(Validation.nameKey(r.name()), r.id()));
        ParsedDocument.checkReferences(part, knownPermissions, roles, prune);
        planRoles(ladder, part.roles(), roles, at + ".roles");

        Map<String, String> roleNameById = new HashMap<>();
        roles.forEach(r -> roleNameById.put(r.id(), r.name()));
        Map<String, Set<String>> heldRoles = store.roleAssignments(realm, org);
        Set<String> namedUserIds = new HashSet<>();
        part.assignments().forEach((username, wanted) -> {
            UserModel user = member(organizations, organization, username, at + ".assignments." + username);
            if (user == null) {
                return;
            }
            namedUserIds.add(user.getId());
            Set<String> heldKeys = keys(heldRoles.getOrDefault(user.getId(), Set.of()), roleNameById);
            for (String role : wanted) {
                if (!heldKeys.contains(Validation.nameKey(role))) {
                    step("assign", "role", role, username, ladder,
                            () -> store.assignRole(realm, org, user.getId(), ladder.roleIds.get(Validation.nameKey(role))));
                }
            }
            if (prune) {
                planOrganizationUnassignments(ladder, user.getId(), username, heldRoles, roleNameById, keysOf(wanted));
            }
        });
        if (prune) {
            Set<String> others = new TreeSet<>(heldRoles.keySet());
            others.removeAll(namedUserIds);
            for (String userId : others) {
                UserModel user = session.users().getUserById(realm, userId);
                planOrganizationUnassignments(ladder, userId, user != null ? user.getUsername() : userId, heldRoles,
                        roleNameById, Set.of());
            }
        }

        Set<String> owners = store.organizationOwners(realm, org);
        Set<String> namedOwners = new HashSet<>();
        int index = 0;
        for (String username : part.owners()) {
            UserModel user = member(organizations, organization, username, at + ".owners[" + index++ + "]");
            if (user == null) {
                continue;
            }
            namedOwners.add(user.getId());
            if (!owners.contains(user.getId())) {
                step("assign", "owner", username, null, ladder, () -> store.addOrganizationOwner(realm, org, user.getId()));
            }
        }
        if (prune) {
            for (String userId : new TreeSet<>(owners)) {
                if (!namedOwners.contains(userId)) {
                    UserModel user = session.users().getUserById(realm, userId);
                    step("unassign", "owner", user != null ? user.getUsername() : userId, null, ladder,
                            () -> store.removeOrganizationOwner(realm, org, userId));
                }
            }
        }
    }

    /**
     * The user a username names in an organization's part: null (and reported in {@code unknownUsers})
     * if the realm has no such user; a user who is not a member is refused, naming user and organization.
     */
    private UserModel member(OrganizationProvider organizations, OrganizationModel organization, String username, String at) {
        UserModel user = session.users().getUserByUsername(realm, username);
        if (user == null) {
            if (!unknownUsers.contains(username)) {
                unknownUsers.add(username);
            }
            return null;
        }
        try {
            OrganizationLadder.requireMember(organizations.isMember(organization, user), username, organization.getAlias());
        } catch (RbacException notMember) {
            throw notMember.at(at);
        }
        return user;
    }

    private void planOrganizationUnassignments(Ladder ladder, String userId, String label, Map<String, Set<String>> heldRoles,
                                               Map<String, String> roleNameById, Set<String> wantedRoles) {
        for (String roleId : new TreeSet<>(heldRoles.getOrDefault(userId, Set.of()))) {
            String name = roleNameById.get(roleId);
            if (name != null && !wantedRoles.contains(Validation.nameKey(name)) && roleSurvives(ladder, name)) {
                step("unassign", "role", name, label, ladder, () -> store.unassignRole(realm, ladder.organizationId, userId, roleId));
            }
        }
    }

    private boolean roleSurvives(Ladder ladder, String name) {
        return changes.stream().noneMatch(c -> c.action().equals("delete") && c.type().equals("role") && c.name().equals(name)
                && Objects.equals(c.organization(), ladder.alias));
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
