package dev.hierarchicalrbac.transfer;

import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.Positions;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.domain.VisualRole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A §6 document, read strictly by {@link StrictJson} (unknown keys, keys given twice and wrong types
 * refused there), then every value checked by the rules of design §2, an error naming its place
 * ({@code roles[2].color}).
 */
final class ParsedDocument {

    record PermissionEntry(String description, boolean hasDescription) {
    }

    record Role(String name, String description, int position, String color, String icon, Set<String> permissions) {
    }

    record Assignment(List<String> roles, List<String> visualRoles) {
    }

    /** One organization's part: its roles by name key, its owners' and members' usernames, in document order. */
    record Organization(String alias, Map<String, Role> roles, List<String> owners, Map<String, List<String>> assignments) {
    }

    /** By name, in document order. */
    final Map<String, PermissionEntry> permissions = new LinkedHashMap<>();
    /** By lower-cased name, in document order; {@code @everyone} included when named. */
    final Map<String, Role> roles = new LinkedHashMap<>();
    final Map<String, VisualRole> visualRoles = new LinkedHashMap<>();
    final Map<String, Assignment> assignments = new LinkedHashMap<>();
    /**
     * By alias, in document order; null when the document leaves {@code organizations} out, which
     * leaves every organization alone (an empty object names none).
     */
    Map<String, Organization> organizations;

    private ParsedDocument() {
    }

    /** Checks every value of a document read by {@link StrictJson} by the rules of design §2. */
    static ParsedDocument parse(ConfigDocument document) {
        ParsedDocument doc = new ParsedDocument();
        int i = 0;
        for (ConfigDocument.PermissionEntry entry : list(document.permissions())) {
            String at = "permissions[" + i++ + "]";
            requireObject(entry, at);
            String name = at(at + ".name", () -> Validation.permissionName(entry.name()));
            String description = at(at + ".description", () -> Validation.description(entry.description()));
            if (doc.permissions.put(name, new PermissionEntry(description, description != null)) != null) {
                throw RbacException.invalid(at + ".name", "Permission '" + name + "' is listed twice.");
            }
        }
        doc.roles.putAll(roles(document.roles(), "roles"));
        i = 0;
        for (ConfigDocument.VisualRoleEntry entry : list(document.visualRoles())) {
            String at = "visualRoles[" + i++ + "]";
            requireObject(entry, at);
            String name = at(at + ".name", () -> Validation.roleName(entry.name()));
            VisualRole visual = new VisualRole(null, name,
                    at(at + ".description", () -> Validation.description(entry.description())),
                    at(at + ".position", () -> Validation.visualPosition(entry.position())),
                    at(at + ".color", () -> Validation.color(entry.color())),
                    at(at + ".icon", () -> Validation.icon(entry.icon())));
            if (doc.visualRoles.put(Validation.nameKey(name), visual) != null) {
                throw RbacException.invalid(at + ".name", "Visual role '" + name + "' is listed twice (names ignore case and lookalike letters).");
            }
        }
        // Keycloak finds users by username ignoring case: two keys that differ only in case are one
        // user, and a prune would flip that user's assignments on every run.
        Map<String, String> usernames = new HashMap<>();
        if (document.assignments() != null) {
            document.assignments().forEach((username, entry) -> {
                String at = "assignments." + username;
                requireObject(entry, at);
                requireOneUser(usernames, username, at);
                doc.assignments.put(username, new Assignment(
                        new ArrayList<>(names(entry.roles(), at + ".roles")),
                        new ArrayList<>(names(entry.visualRoles(), at + ".visualRoles"))));
            });
        }
        if (document.organizations() != null) {
            doc.organizations = new LinkedHashMap<>();
            document.organizations().forEach((alias, entry) -> {
                String at = "organizations." + alias;
                requireObject(entry, at);
                doc.organizations.put(alias, organization(alias, entry, at));
            });
        }
        return doc;
    }

    /** An organization's roles, owners and assignments, by the same rules as the realm's part. */
    private static Organization organization(String alias, ConfigDocument.OrganizationEntry entry, String at) {
        Map<String, Role> roles = roles(entry.roles(), at + ".roles");
        List<String> owners = new ArrayList<>();
        Map<String, String> ownerNames = new HashMap<>();
        int i = 0;
        for (String owner : list(entry.owners())) {
            String place = at + ".owners[" + i++ + "]";
            if (owner == null) {
                throw RbacException.invalid(place, place + " must be a username.");
            }
            requireOneUser(ownerNames, owner, place);
            owners.add(owner);
        }
        Map<String, List<String>> assignments = new LinkedHashMap<>();
        Map<String, String> usernames = new HashMap<>();
        if (entry.assignments() != null) {
            entry.assignments().forEach((username, held) -> {
                String place = at + ".assignments." + username;
                requireObject(held, place);
                requireOneUser(usernames, username, place);
                assignments.put(username, new ArrayList<>(names(held.roles(), place + ".roles")));
            });
        }
        return new Organization(alias, roles, owners, assignments);
    }

    /** Admin roles of one ladder by name key, {@code @everyone} included when named; {@code at} is the list's place. */
    private static Map<String, Role> roles(List<ConfigDocument.RoleEntry> entries, String list) {
        Map<String, Role> roles = new LinkedHashMap<>();
        int i = 0;
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (ConfigDocument.RoleEntry entry : list(entries)) {
            String at = list + "[" + i++ + "]";
            requireObject(entry, at);
            boolean everyone = entry.name() != null && Validation.isEveryoneName(entry.name());
            String name = everyone ? AdminRole.EVERYONE_NAME : at(at + ".name", () -> Validation.newRoleName(entry.name()));
            int position;
            if (everyone) {
                if (entry.position() != null && entry.position() != AdminRole.EVERYONE_POSITION) {
                    throw RbacException.invalid(at + ".position", "@everyone always sits at position 0.");
                }
                position = AdminRole.EVERYONE_POSITION;
            } else {
                position = at(at + ".position", () -> Validation.position(entry.position()));
            }
            Role role = new Role(name,
                    at(at + ".description", () -> Validation.description(entry.description())),
                    position,
                    at(at + ".color", () -> Validation.color(entry.color())),
                    at(at + ".icon", () -> Validation.icon(entry.icon())),
                    names(entry.permissions(), at + ".permissions"));
            if (roles.put(Validation.nameKey(name), role) != null) {
                throw RbacException.invalid(at + ".name", "Role '" + name + "' is listed twice (names ignore case and lookalike letters).");
            }
            positions.put(name, position);
            String place = at + ".position";
            Positions.firstClash(positions).ifPresent(clash -> {
                throw RbacException.invalid(place, place + ": " + clash.sentence());
            });
        }
        return roles;
    }

    /** Usernames ignore case in Keycloak: one user named twice in one list is refused at its second place. */
    private static void requireOneUser(Map<String, String> seen, String username, String at) {
        String other = seen.put(username.toLowerCase(Locale.ROOT), username);
        if (other != null) {
            throw RbacException.invalid(at, "Users '" + other + "' and '" + username
                    + "' are one user (usernames ignore case); name them once.");
        }
    }

    /**
     * Every name the document refers to must exist: permissions in the document, the built-ins or
     * (without prune) the realm; roles and visual roles in the document or (without prune) the realm.
     */
    void checkReferences(Set<String> knownPermissions, List<AdminRole> realmRoles, List<VisualRole> realmVisualRoles,
                         boolean prune) {
        checkPermissions(roles, "roles", knownPermissions);
        Set<String> roleKeys = roleKeys(roles, realmRoles, prune);
        Set<String> visualKeys = new TreeSet<>(visualRoles.keySet());
        if (!prune) {
            realmVisualRoles.forEach(v -> visualKeys.add(Validation.nameKey(v.name())));
        }
        assignments.forEach((username, a) -> {
            checkRoles(a.roles(), roleKeys, "assignments." + username);
            for (String visual : a.visualRoles()) {
                if (!visualKeys.contains(Validation.nameKey(visual))) {
                    throw RbacException.invalid("assignments." + username, "Unknown visual role '" + visual + "'.");
                }
            }
        });
    }

    /** The same for one organization's part: its roles, and the roles its assignments name in its ladder. */
    static void checkReferences(Organization organization, Set<String> knownPermissions, List<AdminRole> ladderRoles,
                                boolean prune) {
        String at = "organizations." + organization.alias();
        checkPermissions(organization.roles(), at + ".roles", knownPermissions);
        Set<String> roleKeys = roleKeys(organization.roles(), ladderRoles, prune);
        organization.assignments().forEach((username, held) -> checkRoles(held, roleKeys, at + ".assignments." + username));
    }

    private static void checkPermissions(Map<String, Role> roles, String list, Set<String> knownPermissions) {
        int index = 0;
        for (Role role : roles.values()) {
            String at = list + "[" + index++ + "].permissions";
            for (String p : role.permissions()) {
                if (!knownPermissions.contains(p)) {
                    throw RbacException.invalid(at, at + ": role '" + role.name() + "' names unknown permission '" + p + "'.");
                }
            }
        }
    }

    /** The roles an assignment may name: the document's, and (without prune) those the ladder keeps. */
    private static Set<String> roleKeys(Map<String, Role> named, List<AdminRole> existing, boolean prune) {
        Set<String> keys = new TreeSet<>(named.keySet());
        if (!prune) {
            existing.forEach(r -> keys.add(Validation.nameKey(r.name())));
        }
        return keys;
    }

    private static void checkRoles(List<String> held, Set<String> roleKeys, String at) {
        for (String role : held) {
            if (Validation.isEveryoneName(role)) {
                throw RbacException.invalid(at, "@everyone is held implicitly and cannot be assigned.");
            }
            if (!roleKeys.contains(Validation.nameKey(role))) {
                throw RbacException.invalid(at, "Unknown role '" + role + "'.");
            }
        }
    }

    /** Re-labels a validation error with the place in the document. */
    private static <T> T at(String place, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (RbacException e) {
            throw e.at(place);
        }
    }

    private static <T> List<T> list(List<T> entries) {
        return entries == null ? List.of() : entries;
    }

    private static void requireObject(Object entry, String at) {
        if (entry == null) {
            throw RbacException.invalid(at, at + " must be an object.");
        }
    }

    /** A list of names, sorted; null stands for none, a null name is refused. */
    private static Set<String> names(List<String> names, String at) {
        if (names == null) {
            return new TreeSet<>();
        }
        if (names.contains(null)) {
            throw RbacException.invalid(at, at + " must be an array of strings.");
        }
        return new TreeSet<>(names);
    }
}
