package dev.hierarchicalrbac.domain;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code PUT /user-administration} switches on (design §9): the scopes of Keycloak's Users
 * permission that the hierarchy decides, and the catalogue permissions a delegated admin must hold
 * besides {@code manage_users}. Both kept sorted, so that equal settings compare equal.
 */
public record UserAdministrationSettings(Set<String> scopes, Set<String> permissions) {

    /** The scopes of Keycloak's "Users" resource type that a per-user policy can decide. */
    public static final Set<String> SCOPES = Set.of("manage", "view", "impersonate", "map-roles",
            "manage-group-membership", "reset-password");

    /** Design §9: everything but {@code view}, which {@code view-users} of the console role gives. */
    public static final Set<String> DEFAULT_SCOPES = Set.of("manage", "impersonate", "map-roles",
            "manage-group-membership", "reset-password");

    public UserAdministrationSettings {
        scopes = new TreeSet<>(scopes);
        permissions = new TreeSet<>(permissions);
    }

    /**
     * From a request: {@code null} means the default, an empty scope list or a scope Keycloak does not
     * have is 400 naming {@code scopes}, a permission not in the catalogue 400 naming {@code permissions}.
     */
    public static UserAdministrationSettings of(List<String> scopes, List<String> permissions, Collection<String> catalogue) {
        Set<String> chosenScopes = scopes == null ? DEFAULT_SCOPES : new TreeSet<>(scopes);
        if (chosenScopes.isEmpty()) {
            throw RbacException.invalid("scopes", "Name at least one scope of " + new TreeSet<>(SCOPES) + ", or leave 'scopes' out for "
                    + new TreeSet<>(DEFAULT_SCOPES) + ".");
        }
        Set<String> unknownScopes = new TreeSet<>(chosenScopes);
        unknownScopes.removeAll(SCOPES);
        if (!unknownScopes.isEmpty()) {
            throw RbacException.invalid("scopes", "Unknown scope(s) " + unknownScopes + "; the Users scopes are " + new TreeSet<>(SCOPES) + ".");
        }
        Set<String> chosenPermissions = permissions == null ? Set.of(BuiltInPermissions.MANAGE_USERS) : new TreeSet<>(permissions);
        Set<String> unknownPermissions = new TreeSet<>(chosenPermissions);
        unknownPermissions.removeAll(catalogue);
        if (!unknownPermissions.isEmpty()) {
            throw RbacException.invalid("permissions", "Unknown permission(s) " + unknownPermissions
                    + "; name permissions of the realm's catalogue.");
        }
        return new UserAdministrationSettings(chosenScopes, chosenPermissions);
    }
}
