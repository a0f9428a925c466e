package dev.hierarchicalrbac.example;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /recipes} for any signed-in user, {@code POST /recipes} with {@code edit_recipes},
 * {@code GET /admin/settings} with {@code manage_settings}.
 */
@RestController
class RecipeController {

    private final List<Map<String, Object>> recipes = new ArrayList<>(List.of(recipe(1, "Pancakes", "demo")));

    @GetMapping("/recipes")
    Map<String, Object> list(JwtAuthenticationToken auth) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", username(auth));
        body.put("can_edit", hasPermission(auth, "edit_recipes"));
        synchronized (recipes) {
            body.put("recipes", List.copyOf(recipes));
        }
        return body;
    }

    @PreAuthorize("hasAuthority('edit_recipes')")
    @PostMapping("/recipes")
    ResponseEntity<Map<String, Object>> add(@RequestBody(required = false) Map<String, Object> body, JwtAuthenticationToken auth) {
        Object title = body == null ? null : body.get("title");
        if (!(title instanceof String t) || t.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_input",
                    "error_description", "title is required", "field", "title"));
        }
        synchronized (recipes) {
            Map<String, Object> recipe = recipe(recipes.size() + 1, t.strip(), username(auth));
            recipes.add(recipe);
            return ResponseEntity.status(HttpStatus.CREATED).body(recipe);
        }
    }

    @PreAuthorize("hasAuthority('manage_settings')")
    @GetMapping("/admin/settings")
    Map<String, Object> settings(JwtAuthenticationToken auth) {
        return Map.of("user", username(auth), "settings", Map.of("recipes_public", true, "max_recipes", 500));
    }

    /** The application-side check, for a decision inside a handler rather than on it. */
    static boolean hasPermission(JwtAuthenticationToken auth, String permission) {
        return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(permission));
    }

    private static String username(JwtAuthenticationToken auth) {
        String username = auth.getToken().getClaimAsString("preferred_username");
        return username != null ? username : auth.getToken().getSubject();
    }

    private static Map<String, Object> recipe(int id, String title, String author) {
        Map<String, Object> recipe = new LinkedHashMap<>();
        recipe.put("id", id);
        recipe.put("title", title);
        recipe.put("author", author);
        return recipe;
    }
}
