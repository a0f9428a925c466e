package dev.hierarchicalrbac.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A small HTTP client with a bearer token obtained by a real password grant: the tests call
 * Keycloak exactly as an administrator's or an application's client would.
 */
public final class AdminClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> credentials;
    private volatile String accessToken;

    private AdminClient(String baseUrl, Map<String, String> credentials, String accessToken) {
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.accessToken = accessToken;
    }

    /** Signs in with the resource-owner password grant and keeps the access token. */
    public static AdminClient signIn(String baseUrl, String realm, String clientId, String username, String password) {
        Map<String, String> credentials = Map.of("realm", realm, "grant_type", "password", "client_id", clientId,
                "username", username, "password", password);
        return new AdminClient(baseUrl, credentials, freshToken(baseUrl, credentials));
    }

    private static String freshToken(String baseUrl, Map<String, String> credentials) {
        Map<String, String> form = new java.util.HashMap<>(credentials);
        String realm = form.remove("realm");
        Response token = tokenRequest(baseUrl, realm, form);
        if (token.status() != 200) {
            throw new IllegalStateException("Sign-in of " + form.get("username") + " to " + realm + " failed: " + token);
        }
        return token.json().get("access_token").asText();
    }

    public static Response tokenRequest(String baseUrl, String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request);
    }

    public String accessToken() {
        return accessToken;
    }

    public Response get(String path) {
        return call("GET", path, null, null);
    }

    public Response delete(String path) {
        return call("DELETE", path, null, null);
    }

    public Response post(String path, Object body) {
        return call("POST", path, "application/json", toJson(body));
    }

    public Response put(String path, Object body) {
        return call("PUT", path, "application/json", toJson(body));
    }

    /** Sends a raw body with any content type, for tests of malformed input. */
    public Response send(String method, String path, String contentType, String body) {
        return call(method, path, contentType, body);
    }

    /** Tokens are short-lived (60 s in master): sign in again once on a 401 and retry. */
    private Response call(String method, String path, String contentType, String body) {
        Response response = send(build(method, path, contentType, body));
        if (response.status() == 401 && credentials != null) {
            accessToken = freshToken(baseUrl, credentials);
            response = send(build(method, path, contentType, body));
        }
        return response;
    }

    private HttpRequest build(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** A client that uses a token as given, never signing in again (e.g. another realm's token). */
    public static AdminClient withToken(String baseUrl, String accessToken) {
        return new AdminClient(baseUrl, null, accessToken);
    }

    // --- Keycloak's own admin API, for setting the scene ---------------------------------

    public void createRealm(String realm) {
        expect(201, post("/admin/realms", Map.of("realm", realm, "enabled", true)));
    }

    /** Makes the jar's admin console theme the one of the realm's console ({@code /admin/{realm}/console/}). */
    public void selectAdminTheme(String realm) {
        expect(204, put("/admin/realms/" + realm, Map.of("adminTheme", KeycloakServer.ADMIN_THEME)));
    }

    public void deleteRealm(String realm) {
        expect(204, delete("/admin/realms/" + realm));
    }

    public String realmId(String realm) {
        return expect(200, get("/admin/realms/" + realm)).json().get("id").asText();
    }

    /** Creates an enabled user with a password and a complete profile; returns its id. */
    public String createUser(String realm, String username, String password) {
        ObjectNode user = JSON.createObjectNode()
                .put("username", username).put("enabled", true)
                .put("email", username + "@example.test").put("emailVerified", true)
                .put("firstName", username).put("lastName", "Test");
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        Response created = expect(201, post("/admin/realms/" + realm + "/users", user));
        String location = created.header("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public void deleteUser(String realm, String userId) {
        expect(204, delete("/admin/realms/" + realm + "/users/" + userId));
    }

    public static Response expect(int status, Response response) {
        if (response.status() != status) {
            throw new AssertionError("Expected HTTP " + status + " but got " + response);
        }
        return response;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json");
    }

    private static String toJson(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
    }

    /** Status, body and headers of one HTTP answer. */
    public record Response(int status, String body, Map<String, List<String>> headers) {

        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + (body == null ? "" : body.substring(0, Math.min(body.length(), 600)));
        }
    }
}
