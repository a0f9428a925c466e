package dev.hierarchicalrbac.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hierarchicalrbac.domain.AdminRole;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.domain.ValidationException;
import dev.hierarchicalrbac.domain.VisualRole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A §6 document read strictly: every field is validated by the rules of design §2 and an error
 * names its place ({@code roles[2].color}), unknown keys are refused rather than silently ignored.
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

    static ParsedDocument parse(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new ValidationException("document", "The document must be a JSON object.");
        }
        allowOnly(document, "document", Set.of("permissions", "roles", "visualRoles", "assignments"));
        ParsedDocument doc = new ParsedDocument();
        int i = 0;
        for (JsonNode entry : array(document, "permissions")) {
            String at = "permissions[" + i++ + "]";
            requireObject(entry, at);
            allowOnly(entry, at, Set.of("name", "description"));
            String name = at(at + ".name", () -> Validation.permissionName(text(entry, "name", at)));
            String description = at(at + ".description", () -> Validation.description(text(entry, "description", at)));
            if (doc.permissions.put(name, new PermissionEntry(description, entry.has("description"))) != null) {
                throw new ValidationException(at + ".name", "Permission '" + name + "' is listed twice.");
            }
        }
        i = 0;
        Map<Integer, String> positions = new HashMap<>();
        for (JsonNode entry : array(document, "roles")) {
            String at = "roles[" + i++ + "]";
            requireObject(entry, at);
            allowOnly(entry, at, Set.of("name", "description", "position", "color", "icon", "permissions"));
            String raw = text(entry, "name", at);
            boolean everyone = raw != null && raw.trim().equalsIgnoreCase(AdminRole.EVERYONE_NAME);
            String name = everyone ? AdminRole.EVERYONE_NAME : at(at + ".name", () -> Validation.newRoleName(raw));
            Integer rawPosition = integer(entry, "position", at);
            int position;
            if (everyone) {
                if (rawPosition != null && rawPosition != AdminRole.EVERYONE_POSITION) {
                    throw new ValidationException(at + ".position", "@everyone always sits at position 0.");
                }
                position = AdminRole.EVERYONE_POSITION;
            } else {
                position = at(at + ".position", () -> Validation.position(rawPosition));
            }
            Role role = new Role(name,
                    at(at + ".description", () -> Validation.description(text(entry, "description", at))),
                    position,
                    at(at + ".color", () -> Validation.color(text(entry, "color", at))),
                    at(at + ".icon", () -> Validation.icon(text(entry, "icon", at))),
                    strings(entry, "permissions", at));
            if (doc.roles.put(Validation.nameKey(name), role) != null) {
                throw new ValidationException(at + ".name", "Role '" + name + "' is listed twice (names ignore case).");
            }
            String other = positions.put(position, name);
            if (other != null) {
                throw new ValidationException(at + ".position", "Position " + position + " is given to both '" + other
                        + "' and '" + name + "'.");
            }
        }
        i = 0;
        for (JsonNode entry : array(document, "visualRoles")) {
            String at = "visualRoles[" + i++ + "]";
            requireObject(entry, at);
            allowOnly(entry, at, Set.of("name", "description", "position", "color", "icon"));
            String name = at(at + ".name", () -> Validation.roleName(text(entry, "name", at)));
            Integer position = integer(entry, "position", at);
            if (position != null && position < 0) {
                throw new ValidationException(at + ".position", "A visual role's position is 0 or more.");
            }
            VisualRole visual = new VisualRole(null, name,
                    at(at + ".description", () -> Validation.description(text(entry, "description", at))),
                    position == null ? 0 : position,
                    at(at + ".color", () -> Validation.color(text(entry, "color", at))),
                    at(at + ".icon", () -> Validation.icon(text(entry, "icon", at))));
            if (doc.visualRoles.put(Validation.nameKey(name), visual) != null) {
                throw new ValidationException(at + ".name", "Visual role '" + name + "' is listed twice (names ignore case).");
            }
        }
        JsonNode assignments = document.get("assignments");
        if (assignments != null && !assignments.isNull()) {
            if (!assignments.isObject()) {
                throw new ValidationException("assignments", "assignments must be an object of username → {roles, visualRoles}.");
            }
            Iterator<Map.Entry<String, JsonNode>> users = assignments.fields();
            while (users.hasNext()) {
                Map.Entry<String, JsonNode> user = users.next();
                String at = "assignments." + user.getKey();
                requireObject(user.getValue(), at);
                allowOnly(user.getValue(), at, Set.of("roles", "visualRoles"));
                doc.assignments.put(user.getKey(), new Assignment(
                        new ArrayList<>(strings(user.getValue(), "roles", at)),
                        new ArrayList<>(strings(user.getValue(), "visualRoles", at))));
            }
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
                    throw new ValidationException(at, at + ": role '" + role.name() + "' names unknown permission '" + p + "'.");
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
                if (Validation.nameKey(role).equals(Validation.nameKey(AdminRole.EVERYONE_NAME))) {
                    throw new ValidationException("assignments." + username, "@everyone is held implicitly and cannot be assigned.");
                }
                if (!roleKeys.contains(Validation.nameKey(role))) {
                    throw new ValidationException("assignments." + username, "Unknown role '" + role + "'.");
                }
            }
            for (String visual : a.visualRoles()) {
                if (!visualKeys.contains(Validation.nameKey(visual))) {
                    throw new ValidationException("assignments." + username, "Unknown visual role '" + visual + "'.");
                }
            }
        });
    }

    /** Re-labels a validation error with the place in the document. */
    private static <T> T at(String place, java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (ValidationException e) {
            throw new ValidationException(place, place + ": " + e.getMessage());
        }
    }

    private static Iterable<JsonNode> array(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ValidationException(field, field + " must be an array.");
        }
        return node;
    }

    private static void requireObject(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new ValidationException(at, at + " must be an object.");
        }
    }

    private static void allowOnly(JsonNode node, String at, Set<String> allowed) {
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw new ValidationException(at + "." + key, "Unknown field '" + key + "' in " + at + ".");
            }
        });
    }

    private static String text(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ValidationException(at + "." + field, at + "." + field + " must be a string.");
        }
        return node.asText();
    }

    private static Integer integer(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new ValidationException(at + "." + field, at + "." + field + " must be a whole number.");
        }
        return node.intValue();
    }

    private static Set<String> strings(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        Set<String> values = new TreeSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new ValidationException(at + "." + field, at + "." + field + " must be an array of strings.");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new ValidationException(at + "." + field, at + "." + field + " must be an array of strings.");
            }
            values.add(item.asText());
        }
        return values;
    }
}
