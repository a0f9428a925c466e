package dev.hierarchicalrbac.token;

import org.keycloak.utils.JsonUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a value at a claim path the way Keycloak's own mappers read claim names: dots nest
 * ({@code rbac.permissions} is {@code {"rbac": {"permissions": …}}}), and a backslash escapes a
 * dot that belongs to the name ({@code rbac\.permissions}).
 */
final class Claims {

    private Claims() {
    }

    /** The configured claim name, or the default when it is missing or blank. */
    static String name(Map<String, String> config, String key, String defaultName) {
        String configured = config == null ? null : config.get(key);
        return configured == null || configured.isBlank() ? defaultName : configured.trim();
    }

    /** Replaces whatever is at the path; intermediate objects are created, or reused when present. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> claims, String claimName, Object value) {
        if (claimName.indexOf('.') < 0 && claimName.indexOf('\\') < 0 && !claimName.isEmpty()) {
            claims.put(claimName, value); // a plain name, as the defaults are: nothing to split, every token
            return;
        }
        List<String> path = JsonUtils.splitClaimPath(claimName);
        if (path.isEmpty()) {
            return;
        }
        Map<String, Object> node = claims;
        for (String segment : path.subList(0, path.size() - 1)) {
            Object child = node.get(segment);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(segment, child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(path.get(path.size() - 1), value);
    }
}
