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

    /** By name, in document order. */
    final Map<String, PermissionEntry> permissions = new LinkedHashMap<>();
    /** By lower-cased name, in document order; {@code @everyone} included when named. */
    final Map<String, Role> roles = new LinkedHashMap<>();
    final Map<String, VisualRole> visualRoles = new LinkedHashMap<>();
    final Map<String, Assignment> assignments = new LinkedHashMap<>();

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
        i = 0;
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (ConfigDocument.RoleEntry entry : list(document.roles())) {
            String at = "roles[" + i++ + "]";
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
            if (doc.roles.put(Validation.nameKey(name), role) != null) {
                throw RbacException.invalid(at + ".name", "Role '" + name + "' is listed twice (names ignore case and lookalike letters).");
            }
            positions.put(name, position);
            String place = at + ".position";
            Positions.firstClash(positions).ifPresent(clash -> {
                throw RbacException.invalid(place, place + ": " + clash.sentence());
            });
        }
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
                String other = usernames.put(username.toLowerCase(Locale.ROOT), username);
                if (other != null) {
                    throw RbacException.invalid(at, "Users '" + other + "' and '" + username
                            + "' are one user (usernames ignore case); name them once.");
                }
                doc.assignments.put(username, new Assignment(
                        new ArrayList<>(names(entry.roles(), at + ".roles")),
                        new ArrayList<>(names(entry.visualRoles(), at + ".visualRoles"))));
            });
        }
        return doc;
    }

    /**
     * Every name the document refers to must exist: permissions in the document, the built-ins or
     * (without prune) the realm; roles and visual roles in the document or (without prune) the realm.
     */
    void checkReferences(Set<String> knownPermissions, List<AdminRole> realmRoles, List<VisualRole> realmVisualRoles,
                         boolean prune) {
        int index = 0;
        for (Role role : roles.values()) {
            String at = "roles[" + index++ + "].permissions";
            for (String p : role.permissions()) {
                if (!knownPermissions.contains(p)) {
                    throw RbacException.invalid(at, at + ": role '" + role.name() + "' names unknown permission '" + p + "'.");
                }
            }
        }
        Set<String> roleKeys = new TreeSet<>(roles.keySet());
        Set<String> visualKeys = new TreeSet<>(visualRoles.keySet());
        if (!prune) {
            realmRoles.forEach(r -> roleKeys.add(Validation.nameKey(r.name())));
            realmVisualRoles.forEach(v -> visualKeys.add(Validation.nameKey(v.name())));
        }
        assignments.forEach((username, a) -> {
            for (String role : a.roles()) {
                if (Validation.isEveryoneName(role)) {
                    throw RbacException.invalid("assignments." + username, "@everyone is held implicitly and cannot be assigned.");
                }
                if (!roleKeys.contains(Validation.nameKey(role))) {
                    throw RbacException.invalid("assignments." + username, "Unknown role '" + role + "'.");
                }
            }
            for (String visual : a.visualRoles()) {
                if (!visualKeys.contains(Validation.nameKey(visual))) {
                    throw RbacException.invalid("assignments." + username, "Unknown visual role '" + visual + "'.");
                }
            }
        });
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
