package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.ExampleApp;
import dev.hierarchicalrbac.it.support.ExampleApp.Kind;
import dev.hierarchicalrbac.it.support.KeycloakServer;
import dev.hierarchicalrbac.it.support.Tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The example applications of {@code examples/} (Flask, Node.js with express and jose, Spring Boot
 * resource server), each started as a process of its own against the demo realm of the real
 * Keycloak, called with real tokens of the demo users: they authorise from the {@code permissions}
 * claim alone, refuse a missing permission with 403 and a JSON reason, and anything but a valid
 * token of the realm with 401. A permission revoked through the REST API is refused with the next
 * token.
 *
 * <p>The examples do not depend on the database, so this runs in the H2 pass of {@code mvn verify}
 * only. The Node example's packages are installed ({@code npm ci}) and the Spring Boot jar is built
 * ({@code mvn -f examples/spring-boot/pom.xml package}) here when missing or older than their sources.
 */
class ExamplesIT {

    private static final String REALM = "demo";
    private static final String CLIENT = "demo-app";
    private static final List<String> USERS = List.of("owner", "alice", "bob", "carol");

    private static KeycloakServer server;
    private static Tokens demo;
    private static Path examples;
    private static Path logs;
    /** One running instance of each example, started on first use and stopped after the class. */
    private static final Map<Kind, ExampleApp> apps = new EnumMap<>(Kind.class);
    private static final Map<Kind, RuntimeException> failedToStart = new EnumMap<>(Kind.class);

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2, "the examples run in the H2 pass");
        server = KeycloakServer.shared();
        demo = new Tokens(server.baseUrl(), REALM);
        Path basedir = Path.of(System.getProperty("it.realm.file")).toAbsolutePath().getParent();
        examples = basedir.resolve("examples");
        logs = Path.of(System.getProperty("it.work.dir")).resolve("examples");
    }

    @AfterAll
    static void stopTheExamples() {
        synchronized (apps) {
            apps.values().forEach(ExampleApp::close);
            apps.clear();
        }
    }

    private static ExampleApp app(Kind kind) {
        synchronized (apps) {
            if (failedToStart.containsKey(kind)) {
                throw failedToStart.get(kind);
            }
            return apps.computeIfAbsent(kind, k -> {
                try {
                    return start(k, "permissions", "");
                } catch (Exception e) {
                    failedToStart.put(k, new IllegalStateException(k + " did not start: " + e.getMessage(), e));
                    throw failedToStart.get(k);
                }
            });
        }
    }

    /**
     * Configured as a person following the example's README would, except that the JWKS URL names
     * 127.0.0.1 where the issuer names localhost: the two settings are read separately.
     */
    private static ExampleApp start(Kind kind, String claim, String suffix) throws Exception {
        String jwks = server.baseUrl().replace("localhost", "127.0.0.1") + "/realms/" + REALM + "/protocol/openid-connect/certs";
        return ExampleApp.start(kind, examples, demo.issuer(), jwks, claim, logs, suffix);
    }

    private static String token(String username) {
        return demo.password(CLIENT, null, username, username).get("access_token").asText();
    }

    private static String recipe(String title) {
        return object("title", title).toString();
    }

    private static void missing(String permission, AdminClient.Response response) {
        assertEquals(403, response.status(), response::toString);
        JsonNode body = response.json();
        assertEquals("missing_permission", body.path("error").asText(), response::toString);
        assertEquals(permission, body.path("permission").asText(), response::toString);
        assertTrue(body.path("error_description").asText().contains(permission), response::toString);
    }

    private static void unauthorized(AdminClient.Response response) {
        assertEquals(401, response.status(), response::toString);
        assertTrue(response.header("WWW-Authenticate").orElse("").startsWith("Bearer"), response.headers()::toString);
        String error = response.json().path("error").asText();
        assertTrue(error.equals("unauthorized") || error.equals("invalid_token"), response::toString);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void eachDemoUserGetsWhatTheirPermissionsSay(Kind kind) {
        ExampleApp app = app(kind);
        for (String user : USERS) {
            String token = token(user);
            List<String> permissions = Tokens.strings(demo.verify(token), "permissions");
            boolean editor = permissions.contains("edit_recipes");
            boolean settings = permissions.contains("manage_settings");
            switch (user) {
                case "owner" -> assertTrue(editor && settings, "an owner holds every permission: " + permissions);
                case "alice" -> assertTrue(editor && !settings, "Moderator: " + permissions);
                case "bob", "carol" -> assertFalse(editor || settings, user + ": " + permissions);
                default -> throw new AssertionError(user);
            }

            // Any signed-in user reads; has_permission / hasPermission answer inside the handler.
            JsonNode list = ok(200, app.get("/recipes", token)).json();
            assertEquals(user, list.path("user").asText(), list::toString);
            assertEquals(editor, list.path("can_edit").asBoolean(), list::toString);
            assertTrue(list.path("recipes").isArray(), list::toString);

            AdminClient.Response posted = app.post("/recipes", token, recipe("Soup of " + user));
            if (editor) {
                JsonNode created = ok(201, posted).json();
                assertEquals("Soup of " + user, created.path("title").asText());
                assertEquals(user, created.path("author").asText());
                List<String> titles = new ArrayList<>();
                ok(200, app.get("/recipes", token)).json().path("recipes").forEach(r -> titles.add(r.path("title").asText()));
                assertTrue(titles.contains("Soup of " + user), titles::toString);
            } else {
                missing("edit_recipes", posted);
            }

            AdminClient.Response admin = app.get("/admin/settings", token);
            if (settings) {
                assertEquals(user, ok(200, admin).json().path("user").asText());
            } else {
                missing("manage_settings", admin);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void noTokenOrABadTokenIs401OnEveryRoute(Kind kind) {
        ExampleApp app = app(kind);
        String owner = token("owner");
        String[] parts = owner.split("\\.");

        // The payload of bob's token rewritten to hold everything the owner holds, signature kept.
        String bob = token("bob");
        String[] bobParts = bob.split("\\.");
        ObjectNode claims = (ObjectNode) readJson(bobParts[1]);
        claims.set("permissions", JSON.valueToTree(Tokens.strings(demo.verify(owner), "permissions")));
        String forgedPayload = String.join(".", bobParts[0], base64(claims.toString()), bobParts[2]);

        // A valid signature of the realm's key, but another issuer: Keycloak names the host it was asked on.
        Tokens otherHost = new Tokens(server.baseUrl().replace("localhost", "127.0.0.1"), REALM);
        String otherIssuer = otherHost.password(CLIENT, null, "owner", "owner").get("access_token").asText();
        assertNotEquals(demo.issuer(), readJson(otherIssuer.split("\\.")[1]).path("iss").asText(), "the token names another issuer");

        String masterRealm;
        try (AdminClient admin = server.admin()) {
            masterRealm = admin.accessToken();
        }

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("no Authorization header", null);
        refused.put("an empty bearer token", "Bearer ");
        refused.put("Basic credentials", "Basic " + base64("owner:owner"));
        refused.put("not a JWT", "Bearer not-a-jwt");
        refused.put("the owner's token with its signature altered",
                "Bearer " + parts[0] + "." + parts[1] + "." + flip(parts[2]));
        refused.put("bob's token with a payload that grants everything", "Bearer " + forgedPayload);
        refused.put("the owner's token without a signature", "Bearer " + parts[0] + "." + parts[1] + ".");
        refused.put("a token of another issuer", "Bearer " + otherIssuer);
        refused.put("a token of another realm", "Bearer " + masterRealm);

        for (Map.Entry<String, String> bad : refused.entrySet()) {
            for (String[] route : new String[][]{{"GET", "/recipes"}, {"POST", "/recipes"}, {"GET", "/admin/settings"}}) {
                AdminClient.Response response = app.call(route[0], route[1], bad.getValue(),
                        route[0].equals("POST") ? recipe("Forged") : null);
                try {
                    unauthorized(response);
                } catch (AssertionError e) {
                    throw new AssertionError(kind + " " + route[0] + " " + route[1] + " with " + bad.getKey() + ": " + e.getMessage(), e);
                }
            }
        }
        // The same routes with the real token, for contrast.
        ok(200, app.get("/recipes", owner));
        ok(200, app.get("/admin/settings", owner));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void theClaimIsTheOneConfigured(Kind kind) throws Exception {
        // PERMISSIONS_CLAIM names a claim the tokens do not have: the owner is signed in but holds nothing.
        try (ExampleApp elsewhere = start(kind, "rbac_permissions", "-other-claim")) {
            String owner = token("owner");
            JsonNode list = ok(200, elsewhere.get("/recipes", owner)).json();
            assertFalse(list.path("can_edit").asBoolean(), list::toString);
            missing("edit_recipes", elsewhere.post("/recipes", owner, recipe("Nothing")));
            missing("manage_settings", elsewhere.get("/admin/settings", owner));
        }
    }

    @Test
    void aPermissionRevokedThroughTheApiIsRefusedWithTheNextToken() {
        List<ExampleApp> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            all.add(app(kind));
        }
        String before = token("alice");
        for (ExampleApp app : all) {
            ok(201, app.post("/recipes", before, recipe("Before the revocation")));
        }

        try (AdminClient admin = server.admin()) {
            String api = "/admin/realms/" + REALM + "/rbac/roles";
            JsonNode moderator = null;
            for (JsonNode role : ok(200, admin.get(api)).json()) {
                if (role.path("name").asText().equals("Moderator")) {
                    moderator = role;
                }
            }
            assertNotNull(moderator, "the demo realm's Moderator");
            String id = moderator.get("id").asText();
            List<String> granted = strings(moderator.get("permissions"));
            assertTrue(granted.contains("edit_recipes"), granted::toString);
            List<String> revoked = new ArrayList<>(granted);
            revoked.remove("edit_recipes");

            try {
                ok(200, admin.put(api + "/" + id, object("permissions", revoked)));
                String after = token("alice");
                List<String> claim = Tokens.strings(demo.verify(after), "permissions");
                assertFalse(claim.contains("edit_recipes"), claim::toString);
                for (ExampleApp app : all) {
                    missing("edit_recipes", app.post("/recipes", after, recipe("After the revocation")));
                    assertFalse(ok(200, app.get("/recipes", after)).json().path("can_edit").asBoolean(), app::toString);
                    // A token already issued carries what it was issued with until it expires.
                    ok(201, app.post("/recipes", before, recipe("With the older token")));
                }
            } finally {
                // Other test classes use the demo realm as realm-export.json describes it.
                ok(200, admin.put(api + "/" + id, object("permissions", granted)));
            }
        }

        String restored = token("alice");
        assertTrue(Tokens.strings(demo.verify(restored), "permissions").contains("edit_recipes"));
        for (ExampleApp app : all) {
            ok(201, app.post("/recipes", restored, recipe("After the restoration")));
        }
    }

    private static JsonNode readJson(String base64url) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(base64url));
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + base64url, e);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The signature with its first character changed: still base64url, no longer the signature. */
    private static String flip(String signature) {
        char first = signature.charAt(0);
        return (first == 'A' ? 'B' : 'A') + signature.substring(1);
    }
}
