package dev.hierarchicalrbac.token;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OIDC protocol mapper of design §5, "RBAC effective permissions": writes the user's effective
 * permissions as a sorted JSON array of strings (claim {@code permissions} unless configured), and
 * optionally their admin role names, highest position and visual roles, and the permissions of the
 * token's active organization (design §10: merged into the claim or separate). Keycloak's standard
 * switches decide which tokens carry it: access token, ID token, userinfo, introspection,
 * lightweight access token. Service-account users are users like any other. See docs/tokens.md.
 */
public final class EffectivePermissionsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String ID = "rbac-effective-permissions-mapper";

    public static final String DEFAULT_CLAIM = "permissions";

    /** Add the names of the user's admin roles, highest position first. */
    public static final String ADMIN_ROLES = "rbac.admin.roles";
    public static final String ADMIN_ROLES_CLAIM = "rbac.admin.roles.claim.name";
    public static final String DEFAULT_ADMIN_ROLES_CLAIM = "admin_roles";

    /** Add the highest position among the user's admin roles (0 without any). */
    public static final String HIGHEST_POSITION = "rbac.highest.position";
    public static final String HIGHEST_POSITION_CLAIM = "rbac.highest.position.claim.name";
    public static final String DEFAULT_HIGHEST_POSITION_CLAIM = "highest_position";

    /** Add the user's visual roles as objects {@code {"name", "color", "icon"}}. */
    public static final String VISUAL_ROLES = "rbac.visual.roles";
    public static final String VISUAL_ROLES_CLAIM = "rbac.visual.roles.claim.name";
    public static final String DEFAULT_VISUAL_ROLES_CLAIM = "visual_roles";

    /**
     * The token's active organization (design §10; Keycloak's {@code organization} scope):
     * {@value #ORGANIZATION_OFF}, {@value #ORGANIZATION_MERGED} into the permissions claim, or in a
     * {@value #ORGANIZATION_SEPARATE} claim of its own.
     */
    public static final String ORGANIZATION = "rbac.organization";
    public static final String ORGANIZATION_OFF = "off";
    public static final String ORGANIZATION_MERGED = "merged";
    public static final String ORGANIZATION_SEPARATE = "separate";
    public static final String ORGANIZATION_CLAIM = "rbac.organization.claim.name";
    public static final String DEFAULT_ORGANIZATION_CLAIM = "organization_permissions";

    /** Not among Keycloak's messages, so its admin API shows the exception's own message. */
    private static final String INVALID_ORGANIZATION_MODE = "rbacInvalidOrganizationMode";

    private static final List<String> ORGANIZATION_MODES = List.of(ORGANIZATION_OFF, ORGANIZATION_MERGED, ORGANIZATION_SEPARATE);

    private static final List<ProviderConfigProperty> CONFIG = config();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "RBAC effective permissions";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "The user's effective permissions of the realm's role hierarchy (@everyone and every admin role they "
                + "hold; owners get all), as a sorted array of names. Optionally also their admin roles, highest "
                + "position and visual roles, and the permissions of the token's active organization.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        UserModel user = userSession == null ? null : userSession.getUser();
        if (user == null) {
            return;
        }
        RealmModel realm = userSession.getRealm();
        UserAccess access = UserAccess.of(session, realm, user, clientSessionCtx);
        Map<String, String> config = mappingModel.getConfig();
        Map<String, Object> claims = token.getOtherClaims();

        String organizationMode = organizationMode(config);
        Claims.put(claims, Claims.name(config, OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, DEFAULT_CLAIM),
                ORGANIZATION_MERGED.equals(organizationMode) ? access.permissionsWithOrganization() : access.permissions());
        if (ORGANIZATION_SEPARATE.equals(organizationMode)) {
            Map<String, Object> organizations = access.organizationClaims();
            if (!organizations.isEmpty()) {
                Claims.put(claims, Claims.name(config, ORGANIZATION_CLAIM, DEFAULT_ORGANIZATION_CLAIM), organizations);
            }
        }
        if (enabled(config, ADMIN_ROLES)) {
            Claims.put(claims, Claims.name(config, ADMIN_ROLES_CLAIM, DEFAULT_ADMIN_ROLES_CLAIM), access.adminRoles());
        }
        if (enabled(config, HIGHEST_POSITION)) {
            Claims.put(claims, Claims.name(config, HIGHEST_POSITION_CLAIM, DEFAULT_HIGHEST_POSITION_CLAIM),
                    access.highestPosition());
        }
        if (enabled(config, VISUAL_ROLES)) {
            Claims.put(claims, Claims.name(config, VISUAL_ROLES_CLAIM, DEFAULT_VISUAL_ROLES_CLAIM),
                    access.visualRoleClaims());
        }
    }

    /** An unknown value reads as off: a token is never refused for its mapper's configuration. */
    private static String organizationMode(Map<String, String> config) {
        String mode = config == null ? null : config.get(ORGANIZATION);
        return mode != null && ORGANIZATION_MODES.contains(mode.trim()) ? mode.trim() : ORGANIZATION_OFF;
    }

    /**
     * Keycloak's admin API answers 400 with this message when a mapper is saved with an unknown mode.
     * It runs the message through {@code MessageFormat} under a message key (required: a null key is
     * a 500 in 26.7), so the message carries no quotes or braces and does not echo the value.
     */
    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
                               ProtocolMapperModel mapperModel) throws ProtocolMapperConfigException {
        String mode = mapperModel.getConfig() == null ? null : mapperModel.getConfig().get(ORGANIZATION);
        if (mode != null && !mode.isBlank() && !ORGANIZATION_MODES.contains(mode.trim())) {
            throw new ProtocolMapperConfigException("Invalid " + ORGANIZATION + " (Active organization): expected one of "
                    + String.join(", ", ORGANIZATION_MODES) + ".", INVALID_ORGANIZATION_MODE);
        }
    }

    private static boolean enabled(Map<String, String> config, String key) {
        return config != null && Boolean.parseBoolean(config.get(key));
    }

    private static List<ProviderConfigProperty> config() {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(properties);
        properties.stream().filter(p -> OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME.equals(p.getName()))
                .forEach(p -> p.setDefaultValue(DEFAULT_CLAIM));
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, EffectivePermissionsMapper.class);
        properties.add(option(ADMIN_ROLES, ProviderConfigProperty.BOOLEAN_TYPE, "false", "Add admin roles",
                "Also add the names of the user's admin roles, highest position first."));
        properties.add(option(ADMIN_ROLES_CLAIM, ProviderConfigProperty.STRING_TYPE, DEFAULT_ADMIN_ROLES_CLAIM,
                "Admin roles claim name", "Claim that holds the admin role names (dots nest)."));
        properties.add(option(HIGHEST_POSITION, ProviderConfigProperty.BOOLEAN_TYPE, "false", "Add highest position",
                "Also add the highest position among the user's admin roles (0 without any)."));
        properties.add(option(HIGHEST_POSITION_CLAIM, ProviderConfigProperty.STRING_TYPE, DEFAULT_HIGHEST_POSITION_CLAIM,
                "Highest position claim name", "Claim that holds the highest position (dots nest)."));
        properties.add(option(VISUAL_ROLES, ProviderConfigProperty.BOOLEAN_TYPE, "false", "Add visual roles",
                "Also add the user's visual roles as objects with name, color and icon, in display order."));
        properties.add(option(VISUAL_ROLES_CLAIM, ProviderConfigProperty.STRING_TYPE, DEFAULT_VISUAL_ROLES_CLAIM,
                "Visual roles claim name", "Claim that holds the visual roles (dots nest)."));
        ProviderConfigProperty organization = option(ORGANIZATION, ProviderConfigProperty.LIST_TYPE, ORGANIZATION_OFF,
                "Active organization", "When the token is issued for an organization (Keycloak's 'organization' scope: "
                        + "organization:<alias>, organization:* or the one organization of the user), also write the "
                        + "user's permissions of that organization's ladder (its @everyone and the roles they hold there). "
                        + "off: not at all. merged: into the permissions claim, only when exactly one organization is "
                        + "active. separate: in a claim of its own, an object by organization alias: "
                        + "{\"acme\": {\"id\": ..., \"permissions\": [...]}}, one entry per active organization.");
        organization.setOptions(ORGANIZATION_MODES);
        properties.add(organization);
        properties.add(option(ORGANIZATION_CLAIM, ProviderConfigProperty.STRING_TYPE, DEFAULT_ORGANIZATION_CLAIM,
                "Organization permissions claim name", "Claim of the 'separate' mode (dots nest)."));
        return List.copyOf(properties);
    }

    private static ProviderConfigProperty option(String name, String type, String defaultValue, String label, String help) {
        ProviderConfigProperty property = new ProviderConfigProperty();
        property.setName(name);
        property.setType(type);
        property.setDefaultValue(defaultValue);
        property.setLabel(label);
        property.setHelpText(help);
        return property;
    }
}
