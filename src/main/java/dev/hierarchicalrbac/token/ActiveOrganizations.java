package dev.hierarchicalrbac.token;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.protocol.mappers.oidc.OrganizationScope;
import org.keycloak.protocol.oidc.TokenManager;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

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
        Stream<OrganizationModel> organizations = namesOne(organizationScope)
                ? named(session, user, scope)
                : organizationScope.resolveOrganizations(user, scope, session);
        return organizations
                .filter(OrganizationModel::isEnabled)
                .map(o -> new Active(o.getId(), o.getAlias()))
                .distinct()
                .sorted(Comparator.comparing(Active::alias))
                .toList();
    }

    /** {@code organization:<alias>} (the enum constant is SPECIFIC in 26.7, SINGLE in later sources). */
    private static boolean namesOne(OrganizationScope scope) {
        return scope != null && scope != OrganizationScope.ALL && scope != OrganizationScope.ANY;
    }

    /**
     * {@code organization:<alias>}: the first such value among the user's own organizations. Keycloak's
     * resolver looks the alias up with {@code getByAlias}, which 26.7's organization cache
     * does not cache (one statement per token, already spent by Keycloak's own membership mapper);
     * {@code getByMember} is cached and already answers "is a member". Keycloak grants the scope only
     * for an organization the user is a member of, so the two agree on every token it issues.
     */
    private static Stream<OrganizationModel> named(KeycloakSession session, UserModel user, String scope) {
        List<String> aliases = TokenManager.parseScopeParameter(scope)
                .filter(item -> namesOne(OrganizationScope.valueOfScope(session, item)))
                .map(item -> item.substring(item.lastIndexOf(':') + 1))
                .toList();
        if (aliases.isEmpty()) {
            return Stream.empty();
        }
        List<OrganizationModel> own = session.getProvider(OrganizationProvider.class).getByMember(user).toList();
        return aliases.stream()
                .flatMap(alias -> own.stream().filter(o -> alias.equals(o.getAlias())))
                .limit(1);
    }
}
