package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Api;
import dev.hierarchicalrbac.it.support.Errors;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Errors.assertNames;
import static dev.hierarchicalrbac.it.support.Errors.invalidNaming;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A body means one thing or is refused: duplicate keys, trailing data after the JSON value, unknown
 * fields and an oversized import document all answer 4xx and change nothing. The caller is the master
 * admin (an owner), so authorisation is never the reason.
 *
 * <p>Positions: the standard cast holds 50, 20, 15, 10 and 5; refused requests ask for 3, 4, 7, 44
 * and 45, free in this realm.
 */
class StrictInputIT {

    static final String JSON = "application/json";

    static Scenario s;
    static String vip;

    @BeforeAll
    static void setUp() {
        s = Scenario.standard("strict-input");
        vip = ok(201, s.master.post(s.api() + "/visual-roles", object("name", "VIP", "position", 1))).json().get("id").asText();
    }

    private static AdminClient.Response raw(String method, String path, String body) {
        return s.master.send(method, s.api() + path, JSON, body);
    }

    // --- Duplicate keys ---------------------------------------------------------------------

    @Test
    void duplicateKeysInARoleBodyAreRefused() {
        String before = s.snapshot();
        String lowest = s.roleId("Lowest");
        invalidNaming("position", raw("POST", "/roles", "{\"name\":\"Dup\",\"position\":4,\"position\":7}"));
        invalidNaming("name", raw("POST", "/roles", "{\"name\":\"Dup\",\"name\":\"Other\",\"position\":4}"));
        invalidNaming("color", raw("PUT", "/roles/" + lowest, "{\"color\":\"#000000\",\"color\":\"#FFFFFF\"}"));
        invalidNaming("permissions", raw("PUT", "/roles/" + lowest, "{\"permissions\":[],\"permissions\":[\"view_logs\"]}"));
        assertEquals(before, s.snapshot(), "nothing changed");
    }

    @Test
    void duplicateKeysInAReorderOrAVisualRoleAreRefused() {
        String before = s.snapshot();
        String lowest = s.roleId("Lowest");
        invalidNaming("position", raw("PUT", "/roles/positions", "[{\"id\":\"" + lowest + "\",\"position\":3,\"position\":4}]"));
        invalidNaming("id", raw("PUT", "/roles/positions",
                "[{\"id\":\"" + lowest + "\",\"id\":\"" + s.roleId("Helper") + "\",\"position\":3}]"));
        invalidNaming("name", raw("POST", "/visual-roles", "{\"name\":\"Twin\",\"name\":\"Other twin\"}"));
        invalidNaming("color", raw("PUT", "/visual-roles/" + vip, "{\"color\":\"#000000\",\"color\":\"#FFFFFF\"}"));
        assertEquals(before, s.snapshot(), "nothing changed");
    }

    // --- Trailing data ----------------------------------------------------------------------

    @Test
    void trailingDataAfterTheBodyIsRefused() {
        String before = s.snapshot();
        Errors.error(400, Errors.INVALID, null, raw("POST", "/roles", "{\"name\":\"T\",\"position\":4} {\"x\":1}"));
        Errors.error(400, Errors.INVALID, null, raw("POST", "/roles", "{\"name\":\"T\",\"position\":4}]"));
        Errors.error(400, Errors.INVALID, null, raw("POST", "/roles", "{\"name\":\"T\",\"position\":4}}"));
        Errors.error(400, Errors.INVALID, null, raw("POST", "/roles", "{\"name\":\"T\",\"position\":4}x"));
        Errors.error(400, Errors.INVALID, null, raw("PUT", "/roles/positions", "[{\"id\":\"" + s.roleId("Lowest") + "\",\"position\":3}] []"));
        Errors.error(400, Errors.INVALID, null, raw("POST", "/import", "{\"roles\":[]} {\"roles\":[{\"name\":\"Sneak\",\"position\":44}]}"));
        assertEquals(before, s.snapshot(), "nothing changed");
    }

    @Test
    void trailingWhitespaceIsNotTrailingData() {
        var created = ok(201, raw("POST", "/roles", "{\"name\":\"Spaced\",\"position\":3}\r\n  \t\n"));
        ok(204, s.master.delete(s.api() + "/roles/" + created.json().get("id").asText()));
    }

    // --- Import documents ----------------------------------------------------------------------

    @Test
    void anImportWithADuplicateKeyIsRefusedWhole() {
        String before = s.snapshot();
        invalidNaming("roles", raw("POST", "/import",
                "{\"roles\":[{\"name\":\"First\",\"position\":44}],\"roles\":[{\"name\":\"Second\",\"position\":45}]}"));
        invalidNaming("assignments", raw("POST", "/import",
                "{\"assignments\":{\"plain\":{\"roles\":[\"Lowest\"]}},\"assignments\":{\"plain\":{\"roles\":[\"Helper\"]}}}"));
        invalidNaming("visualRoles", raw("POST", "/import",
                "{\"assignments\":{\"plain\":{\"visualRoles\":[\"VIP\"],\"visualRoles\":[]}}}"));
        assertEquals(before, s.snapshot(), "nothing changed");
    }

    @Test
    void anImportNamingOneUserTwiceInDifferentCaseIsRefusedWhole() {
        String before = s.snapshot();
        AdminClient.Response response = raw("POST", "/import",
                "{\"assignments\":{\"plain\":{\"roles\":[\"Lowest\"]},\"PLAIN\":{\"roles\":[\"Helper\"],\"visualRoles\":[\"VIP\"]}}}");
        JsonNode body = Errors.error(400, Errors.INVALID, null, response);
        assertTrue(body.path("field").asText().startsWith("assignments"), response::toString);
        assertNames(body, response, "PLAIN");
        assertEquals(before, s.snapshot(), "nothing changed");
        assertEquals(List.of(), Api.names(ok(200, s.master.get(s.api() + "/users/" + s.userId("plain") + "/roles")).json()));
    }

    // --- Unknown fields ---------------------------------------------------------------------------

    @Test
    void anUnknownFieldInARoleBodyIsRefused() {
        String before = s.snapshot();
        invalidNaming("colour", raw("POST", "/roles", "{\"name\":\"U\",\"position\":4,\"colour\":\"#000000\"}"));
        invalidNaming("colour", raw("PUT", "/roles/" + s.roleId("Lowest"), "{\"colour\":\"#000000\"}"));
        invalidNaming("colour", raw("POST", "/visual-roles", "{\"name\":\"U\",\"colour\":\"#000000\"}"));
        invalidNaming("colour", raw("PUT", "/visual-roles/" + vip, "{\"colour\":\"#000000\"}"));
        assertEquals(before, s.snapshot(), "nothing changed");
    }

    @Test
    void anUnknownFieldInAPermissionBodyIsRefused() {
        String before = s.snapshot();
        invalidNaming("descripton", raw("POST", "/permissions", "{\"name\":\"typo.perm\",\"descripton\":\"Typo\"}"));
        invalidNaming("descripton", raw("PUT", "/permissions/" + s.permissionId("view_logs"), "{\"descripton\":\"Typo\"}"));
        assertEquals(before, s.snapshot(), "nothing changed");
    }

    /** Design §4: PUT takes the representation GET returns, every field of it, read-only ones included. */
    @Test
    void theRepresentationThatGetReturnsIsAcceptedBackByPut() {
        String before = s.snapshot();
        for (String role : List.of("Lowest", "Admin", "@everyone")) {
            String id = s.roleId(role);
            JsonNode got = ok(200, s.master.get(s.api() + "/roles/" + id)).json();
            JsonNode put = ok(200, s.master.send("PUT", s.api() + "/roles/" + id, JSON, got.toString())).json();
            assertEquals(got, put, role);
        }
        JsonNode visual = ok(200, s.master.get(s.api() + "/visual-roles/" + vip)).json();
        assertEquals(visual, ok(200, s.master.send("PUT", s.api() + "/visual-roles/" + vip, JSON, visual.toString())).json());
        String permission = s.permissionId("view_logs");
        JsonNode perm = ok(200, s.master.get(s.api() + "/permissions/" + permission)).json();
        assertEquals(perm, ok(200, s.master.send("PUT", s.api() + "/permissions/" + permission, JSON, perm.toString())).json());
        assertEquals(before, s.snapshot(), "sending back what GET gave changes nothing");
    }

    // --- Size ----------------------------------------------------------------------------------------------

    /** 11 MiB of JSON: over the 10 MiB of both the extension's import limit and Keycloak's HTTP server. */
    @Test
    void anImportOver10MibIsRefusedWith413() {
        String before = s.snapshot();
        ObjectNode document = object();
        document.putArray("permissions").addObject().put("name", "big.perm").put("description", "y".repeat(11 << 20));
        String body = document.toString();
        assertTrue(body.length() > 11 << 20);

        AdminClient.Response response = postLarge("/import", body);
        assertEquals(413, response.status(), response::toString);
        if (response.body() != null && !response.body().isBlank()) {
            assertEquals("too_large", response.json().path("error").asText(), response::toString);
        }
        assertEquals(before, s.snapshot(), "nothing changed");
    }

    /**
     * Sends the body through {@link AdminClient}; if the server closes the connection while the body
     * is still being written, tries once more over HTTP/1.1 with {@code Expect: 100-continue}, where a
     * server refuses before the body is sent. Fails with a clear message if neither gets an answer.
     */
    private static AdminClient.Response postLarge(String path, String body) {
        try {
            return s.master.send("POST", s.api() + path, JSON, body);
        } catch (UncheckedIOException first) {
            s.snapshot(); // a fresh token, should the master token have run out
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(s.server.baseUrl() + s.api() + path))
                    .timeout(Duration.ofSeconds(60))
                    .expectContinue(true)
                    .header("Authorization", "Bearer " + s.master.accessToken())
                    .header("Accept", "application/json")
                    .header("Content-Type", JSON)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return new AdminClient.Response(response.statusCode(), response.body(), response.headers().map());
            } catch (IOException second) {
                return fail("The server answered no HTTP status to an 11 MiB import: the connection failed (" + first.getCause()
                        + "), and again with Expect: 100-continue (" + second + "). Expected HTTP 413.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("Interrupted while sending an 11 MiB import");
            }
        }
    }
}
