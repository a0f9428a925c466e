package dev.hierarchicalrbac.token;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.protocol.mappers.oidc.OrganizationScope;

import java.util.Comparator;
import java.util.List;

/**
 * The organizations a token is issued for (design §10), as Keycloak itself tells them: the
 * {@code organization} client scope of the request, read by Keycloak's {@link OrganizationScope}
 * exactly as its own "Organization Membership" mapper reads it. {@code organization:<alias>} is that
 * organization, {@code organization:*} every organization of the user, and a plain
 * {@code organization} the user's only one or the one they picked at login (the client session's
 * note). Keycloak answers only organizations the user is a member of; a disabled one is left out
 * here, as it grants nothing.
 */
final class ActiveOrganizations {

    /** One active organization: the claim names it by alias and carries its id. */
    record Active(String id, String alias) {
    }

    private ActiveOrganizations() {
    }

    /** Sorted by alias; empty without the {@code organization} scope or with Organizations off for the realm. */
    static List<Active> of(KeycloakSession session, RealmModel realm, UserModel user, ClientSessionContext token) {
        if (token == null || !realm.isOrganizationsEnabled() || session.getProvider(OrganizationProvider.class) == null) {
            return List.of();
        }
        String scope = token.getScopeString(false);
        OrganizationScope organizationScope = OrganizationScope.valueOfScope(session, scope);
        if (organizationScope == null) {
            return List.of();
        }
        return organizationScope.resolveOrganizations(user, scope, session)
                .filter(OrganizationModel::isEnabled)
                .map(o -> new Active(o.getId(), o.getAlias()))
                .distinct()
                .sorted(Comparator.comparing(Active::alias))
                .toList();
    }
}
