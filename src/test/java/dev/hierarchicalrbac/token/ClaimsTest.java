package dev.hierarchicalrbac.token;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClaimsTest {

    @Test
    void aPlainNameIsATopLevelClaim() {
        Map<String, Object> claims = new HashMap<>();
        Claims.put(claims, "permissions", List.of("a"));
        assertEquals(Map.of("permissions", List.of("a")), claims);
    }

    @Test
    void dotsNestAndExistingObjectsAreReused() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("rbac", new HashMap<>(Map.of("other", 1)));
        Claims.put(claims, "rbac.permissions", List.of("a"));
        Claims.put(claims, "rbac.meta.position", 3);
        assertEquals(Map.of("rbac", Map.of("other", 1, "permissions", List.of("a"), "meta", Map.of("position", 3))), claims);
    }

    @Test
    void anEscapedDotBelongsToTheName() {
        Map<String, Object> claims = new HashMap<>();
        Claims.put(claims, "rbac\\.permissions", List.of("a"));
        assertEquals(Map.of("rbac.permissions", List.of("a")), claims);
    }

    @Test
    void aMissingOrBlankNameFallsBackToTheDefault() {
        assertEquals("permissions", Claims.name(Map.of(), "claim.name", "permissions"));
        assertEquals("permissions", Claims.name(Map.of("claim.name", "  "), "claim.name", "permissions"));
        assertEquals("perms", Claims.name(Map.of("claim.name", " perms "), "claim.name", "permissions"));
        assertEquals("permissions", Claims.name(null, "claim.name", "permissions"));
    }
}
