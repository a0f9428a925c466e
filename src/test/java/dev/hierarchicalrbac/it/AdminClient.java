package dev.hierarchicalrbac.it;

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
final class AdminClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String accessToken;

    private AdminClient(String baseUrl, String accessToken) {
        this.baseUrl = baseUrl;
        this.accessToken = accessToken;
    }

    /** Signs in with the resource-owner password grant and keeps the access token. */
    static AdminClient signIn(String baseUrl, String realm, String clientId, String username, String password) {
        Response token = tokenRequest(baseUrl, realm, Map.of(
                "grant_type", "password", "client_id", clientId, "username", username, "password", password));
        if (token.status() != 200) {
            throw new IllegalStateException("Sign-in of " + username + " to " + realm + " failed: " + token);
        }
        return new AdminClient(baseUrl, token.json().get("access_token").asText());
    }

    static Response tokenRequest(String baseUrl, String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request);
    }

    String accessToken() {
        return accessToken;
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body))).build());
    }

    Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))).build());
    }

    /** Sends a raw body with any content type, for tests of malformed input. */
    Response send(String method, String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    // --- Keycloak's own admin API, for setting the scene ---------------------------------

    void createRealm(String realm) {
        expect(201, post("/admin/realms", Map.of("realm", realm, "enabled", true)));
    }

    void deleteRealm(String realm) {
        expect(204, delete("/admin/realms/" + realm));
    }

    String realmId(String realm) {
        return expect(200, get("/admin/realms/" + realm)).json().get("id").asText();
    }

    /** Creates an enabled user with a password and a complete profile; returns its id. */
    String createUser(String realm, String username, String password) {
        ObjectNode user = JSON.createObjectNode()
                .put("username", username).put("enabled", true)
                .put("email", username + "@example.test").put("emailVerified", true)
                .put("firstName", username).put("lastName", "Test");
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        Response created = expect(201, post("/admin/realms/" + realm + "/users", user));
        String location = created.header("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    void deleteUser(String realm, String userId) {
        expect(204, delete("/admin/realms/" + realm + "/users/" + userId));
    }

    static Response expect(int status, Response response) {
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
    record Response(int status, String body, Map<String, List<String>> headers) {

        JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + (body == null ? "" : body.substring(0, Math.min(body.length(), 600)));
        }
    }
}
