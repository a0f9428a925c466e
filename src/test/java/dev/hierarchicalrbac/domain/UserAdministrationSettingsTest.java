package dev.hierarchicalrbac.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UserAdministrationSettingsTest {

    private static final Set<String> CATALOGUE = Set.of("manage_users", "manage_roles", "edit_recipes");

    @Test
    void leftOutMeansTheDefaults() {
        UserAdministrationSettings settings = UserAdministrationSettings.of(null, null, CATALOGUE);
        assertEquals(Set.of("manage", "impersonate", "map-roles", "manage-group-membership", "reset-password"), settings.scopes());
        assertEquals(Set.of("manage_users"), settings.permissions());
    }

    @Test
    void chosenScopesAndPermissionsAreKeptSortedWithoutDuplicates() {
        UserAdministrationSettings settings = UserAdministrationSettings.of(List.of("view", "manage", "view"),
                List.of("edit_recipes", "manage_users"), CATALOGUE);
        assertEquals(List.of("manage", "view"), List.copyOf(settings.scopes()));
        assertEquals(List.of("edit_recipes", "manage_users"), List.copyOf(settings.permissions()));
    }

    @Test
    void noPermissionsBeyondTheRuleIsAllowed() {
        assertEquals(Set.of(), UserAdministrationSettings.of(null, List.of(), CATALOGUE).permissions());
    }

    @Test
    void anUnknownScopeIsNamed() {
        RbacException e = assertThrows(RbacException.class,
                () -> UserAdministrationSettings.of(List.of("manage", "delete"), null, CATALOGUE));
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertEquals("scopes", e.field());
        assertEquals("Unknown scope(s) [delete]; the Users scopes are [impersonate, manage, manage-group-membership, map-roles, reset-password, view].",
                e.getMessage());
    }

    @Test
    void noScopeAtAllIsRefused() {
        RbacException e = assertThrows(RbacException.class, () -> UserAdministrationSettings.of(List.of(), null, CATALOGUE));
        assertEquals("scopes", e.field());
    }

    @Test
    void aPermissionOutsideTheCatalogueIsNamed() {
        RbacException e = assertThrows(RbacException.class,
                () -> UserAdministrationSettings.of(null, List.of("manage_users", "ban_people"), CATALOGUE));
        assertEquals(ErrorCode.INVALID_INPUT, e.code());
        assertEquals("permissions", e.field());
        assertEquals("Unknown permission(s) [ban_people]; name permissions of the realm's catalogue.", e.getMessage());
    }
}
