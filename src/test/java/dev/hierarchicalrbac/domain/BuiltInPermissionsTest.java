package dev.hierarchicalrbac.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInPermissionsTest {

    @Test
    void allInDesignOrder() {
        assertEquals(List.of("manage_users", "manage_roles", "manage_permissions", "manage_settings", "view_logs",
                "manage_invites", "manage_servers", "manage_plugins"), List.copyOf(BuiltInPermissions.ALL.keySet()));
    }

    @Test
    void descriptionsFromTheDesign() {
        assertEquals("Create, edit and delete users", BuiltInPermissions.ALL.get(BuiltInPermissions.MANAGE_USERS));
        assertEquals("Assign permissions to roles", BuiltInPermissions.ALL.get(BuiltInPermissions.MANAGE_PERMISSIONS));
        assertEquals("Plugins", BuiltInPermissions.ALL.get(BuiltInPermissions.MANAGE_PLUGINS));
    }

    @Test
    void everyNameIsAValidPermissionName() {
        BuiltInPermissions.ALL.keySet().forEach(name -> assertEquals(name, Validation.permissionName(name)));
        BuiltInPermissions.ALL.values().forEach(description -> assertEquals(description, Validation.description(description)));
    }

    @Test
    void isBuiltIn() {
        assertTrue(BuiltInPermissions.isBuiltIn("view_logs"));
        assertFalse(BuiltInPermissions.isBuiltIn("VIEW_LOGS"));
        assertFalse(BuiltInPermissions.isBuiltIn("edit_recipes"));
        assertFalse(BuiltInPermissions.isBuiltIn(null));
    }

    @Test
    void unmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> BuiltInPermissions.ALL.put("x", "y"));
    }
}
