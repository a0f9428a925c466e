package dev.hierarchicalrbac.token;

import org.junit.jupiter.api.Test;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectivePermissionsMapperTest {

    final EffectivePermissionsMapper mapper = new EffectivePermissionsMapper();

    static ProtocolMapperModel model(Map<String, String> config) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setName("rbac");
        model.setProtocol("openid-connect");
        model.setProtocolMapper(EffectivePermissionsMapper.ID);
        model.setConfig(new HashMap<>(config));
        return model;
    }

    @Test
    void itOffersKeycloaksSwitchesAndItsOwnOptions() {
        List<String> names = mapper.getConfigProperties().stream().map(ProviderConfigProperty::getName).toList();
        assertTrue(names.containsAll(List.of("claim.name", "access.token.claim", "id.token.claim", "userinfo.token.claim",
                "introspection.token.claim", "lightweight.claim",
                EffectivePermissionsMapper.ADMIN_ROLES, EffectivePermissionsMapper.ADMIN_ROLES_CLAIM,
                EffectivePermissionsMapper.HIGHEST_POSITION, EffectivePermissionsMapper.HIGHEST_POSITION_CLAIM,
                EffectivePermissionsMapper.VISUAL_ROLES, EffectivePermissionsMapper.VISUAL_ROLES_CLAIM)), names.toString());
        assertEquals("permissions", mapper.getConfigProperties().stream()
                .filter(p -> p.getName().equals("claim.name")).findFirst().orElseThrow().getDefaultValue());
        assertEquals("rbac-effective-permissions-mapper", mapper.getId());
        assertEquals("openid-connect", mapper.getProtocol());
    }

    @Test
    void byDefaultOnlyThePermissionsClaimIsWritten() {
        TokenFakes fakes = new TokenFakes();
        IDToken token = new IDToken();
        mapper.transformIDToken(token, model(Map.of("id.token.claim", "true")), fakes.session, fakes.userSession, null);
        assertEquals(Map.of("permissions", List.of("manage_invites", "manage_users", "view_logs")), token.getOtherClaims());
    }

    @Test
    void theOptionsAddRolesPositionAndVisualRolesUnderTheirClaimNames() {
        TokenFakes fakes = new TokenFakes();
        AccessToken token = new AccessToken();
        Map<String, String> config = new HashMap<>(Map.of("access.token.claim", "true", "claim.name", "rbac.permissions",
                EffectivePermissionsMapper.ADMIN_ROLES, "true", EffectivePermissionsMapper.HIGHEST_POSITION, "true",
                EffectivePermissionsMapper.VISUAL_ROLES, "true"));
        config.put(EffectivePermissionsMapper.HIGHEST_POSITION_CLAIM, "rbac.highest");
        mapper.transformAccessToken(token, model(config), fakes.session, fakes.userSession, null);

        Map<String, Object> claims = token.getOtherClaims();
        assertEquals(Map.of("permissions", List.of("manage_invites", "manage_users", "view_logs"), "highest", 20), claims.get("rbac"));
        assertEquals(List.of("Admin", "Helper"), claims.get("admin_roles"));
        List<?> visual = (List<?>) claims.get("visual_roles");
        assertEquals(2, visual.size());
        assertEquals("VIP", ((Map<?, ?>) visual.get(0)).get("name"));
    }

    @Test
    void aSwitchedOffTokenIsLeftAlone() {
        TokenFakes fakes = new TokenFakes();
        IDToken token = new IDToken();
        mapper.transformIDToken(token, model(Map.of("id.token.claim", "false")), fakes.session, fakes.userSession, null);
        assertTrue(token.getOtherClaims().isEmpty());
        assertTrue(fakes.storeCalls.isEmpty(), "nothing computed for a token that does not carry the claim: " + fakes.storeCalls);
    }

    @Test
    void anAccessTokenAndAnIdTokenOfOneRequestComputeOnce() {
        TokenFakes fakes = new TokenFakes();
        mapper.transformAccessToken(new AccessToken(), model(Map.of("access.token.claim", "true")), fakes.session, fakes.userSession, null);
        mapper.transformIDToken(new IDToken(), model(Map.of("id.token.claim", "true")), fakes.session, fakes.userSession, null);
        assertEquals(List.of("effectivePermissions"), fakes.storeCalls);
    }

    @Test
    void theActiveOrganizationOptionIsAListDefaultingToOffWithItsClaimName() {
        ProviderConfigProperty option = mapper.getConfigProperties().stream()
                .filter(p -> p.getName().equals(EffectivePermissionsMapper.ORGANIZATION)).findFirst().orElseThrow();
        assertEquals(ProviderConfigProperty.LIST_TYPE, option.getType());
        assertEquals(List.of("off", "merged", "separate"), option.getOptions());
        assertEquals("off", option.getDefaultValue());
        assertTrue(option.getHelpText().contains("organization:<alias>"), option.getHelpText());
        assertEquals("organization_permissions", mapper.getConfigProperties().stream()
                .filter(p -> p.getName().equals(EffectivePermissionsMapper.ORGANIZATION_CLAIM)).findFirst().orElseThrow()
                .getDefaultValue());
    }

    @Test
    void anUnknownOrganizationModeIsRefusedWhenSavedNamingTheOption() throws Exception {
        for (String mode : List.of("off", "merged", "separate", " merged ", "")) {
            mapper.validateConfig(null, null, null, model(Map.of(EffectivePermissionsMapper.ORGANIZATION, mode)));
        }
        mapper.validateConfig(null, null, null, model(Map.of()));
        ProtocolMapperConfigException refused = assertThrows(ProtocolMapperConfigException.class,
                () -> mapper.validateConfig(null, null, null, model(Map.of(EffectivePermissionsMapper.ORGANIZATION, "both"))));
        assertTrue(refused.getMessage().contains("rbac.organization"), refused.getMessage());
        assertTrue(refused.getMessageKey() != null, "Keycloak's admin API looks the key up; a null one is a 500");
        assertFalse(refused.getMessage().matches(".*['{}].*"), "Keycloak formats it with MessageFormat: " + refused.getMessage());
    }

    @Test
    void withoutAnActiveOrganizationEveryModeWritesTheRealmsPermissionsAlone() {
        for (String mode : List.of("merged", "separate", "nonsense")) {
            TokenFakes fakes = new TokenFakes();
            AccessToken token = new AccessToken();
            mapper.transformAccessToken(token, model(Map.of("access.token.claim", "true", EffectivePermissionsMapper.ORGANIZATION, mode)),
                    fakes.session, fakes.userSession, null);
            assertEquals(Map.of("permissions", List.of("manage_invites", "manage_users", "view_logs")), token.getOtherClaims(), mode);
        }
    }
}
