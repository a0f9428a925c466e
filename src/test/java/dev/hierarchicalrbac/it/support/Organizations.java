package dev.hierarchicalrbac.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.hierarchicalrbac.it.support.AdminClient.expect;

/** Keycloak's own Organizations admin API, for setting the scene (design §10). */
public final class Organizations {

    private Organizations() {
    }

    /** Switches the realm's Organizations on (the feature is on in 26.7; each realm opts in). */
    public static void enable(AdminClient admin, String realm) {
        expect(204, admin.put("/admin/realms/" + realm, Map.of("organizationsEnabled", true)));
    }

    /** Creates an organization with a domain of its own; returns its id. */
    public static String create(AdminClient admin, String realm, String alias) {
        String domain = alias + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        AdminClient.Response created = expect(201, admin.post("/admin/realms/" + realm + "/organizations",
                Map.of("name", alias, "alias", alias, "domains", List.of(Map.of("name", domain)))));
        String location = created.header("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public static void addMember(AdminClient admin, String realm, String organizationId, String userId) {
        expect(201, admin.send("POST", "/admin/realms/" + realm + "/organizations/" + organizationId + "/members",
                "application/json", "\"" + userId + "\""));
    }

    public static void removeMember(AdminClient admin, String realm, String organizationId, String userId) {
        expect(204, admin.delete("/admin/realms/" + realm + "/organizations/" + organizationId + "/members/" + userId));
    }

    /**
     * Offers Keycloak's {@code organization} client scope to a client as an optional scope, unless
     * the client has it already (clients of new realms get it), so a token request may ask for
     * {@code organization}, {@code organization:<alias>} or {@code organization:*}.
     */
    public static void offerScope(AdminClient admin, String realm, String clientUuid) {
        String scopeId = null;
        for (JsonNode scope : expect(200, admin.get("/admin/realms/" + realm + "/client-scopes")).json()) {
            if ("organization".equals(scope.get("name").asText())) {
                scopeId = scope.get("id").asText();
            }
        }
        if (scopeId == null) {
            throw new AssertionError("realm " + realm + " has no organization client scope");
        }
        String client = "/admin/realms/" + realm + "/clients/" + clientUuid;
        for (String kind : List.of("/default-client-scopes", "/optional-client-scopes")) {
            for (JsonNode scope : expect(200, admin.get(client + kind)).json()) {
                if (scopeId.equals(scope.get("id").asText())) {
                    return;
                }
            }
        }
        expect(204, admin.put(client + "/optional-client-scopes/" + scopeId, ""));
    }

    public static void delete(AdminClient admin, String realm, String organizationId) {
        expect(204, admin.delete("/admin/realms/" + realm + "/organizations/" + organizationId));
    }
}
