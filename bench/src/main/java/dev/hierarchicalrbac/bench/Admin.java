package dev.hierarchicalrbac.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Keycloak's admin REST API (and the extension's, under {@code /admin/realms/{realm}/rbac}) as the
 * master realm's bootstrap admin, an owner of every realm, or as a realm's service account. The
 * token is renewed after 40 s (the master realm's live 60 s), outside any timed request.
 */
final class Admin {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String tokenForm;
    private final String tokenRealm;
    private String token;
    private long tokenAt;

    /** As the master realm's bootstrap admin. */
    Admin(String base) {
        this(base, "master", "grant_type=password&client_id=admin-cli&username=admin&password=admin");
    }

    /** As the service account of a confidential client of {@code realm}. */
    Admin(String base, String realm, String clientId, String secret) {
        this(base, realm, "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret));
    }

    private Admin(String base, String tokenRealm, String tokenForm) {
        this.base = base;
        this.tokenRealm = tokenRealm;
        this.tokenForm = tokenForm;
    }

    String base() {
        return base;
    }

    /** A valid admin token (renewed when older than 40 s). */
    synchronized String token() {
        if (token == null || System.nanoTime() - tokenAt > 40_000_000_000L) {
            JsonNode body = send(HttpRequest.newBuilder(URI.create(base + "/realms/" + tokenRealm + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(tokenForm)), 200);
            token = body.get("access_token").asText();
            tokenAt = System.nanoTime();
        }
        return token;
    }

    JsonNode get(String path) {
        return send(authed(path).GET(), 200);
    }

    JsonNode post(String path, Object body, int expected) {
        return send(authed(path).header("Content-Type", "application/json").POST(json(body)), expected);
    }

    JsonNode put(String path, Object body, int expected) {
        return send(authed(path).header("Content-Type", "application/json").PUT(json(body)), expected);
    }

    JsonNode delete(String path, Object body, int expected) {
        HttpRequest.Builder b = authed(path);
        return send(body == null ? b.DELETE() : b.header("Content-Type", "application/json").method("DELETE", json(body)), expected);
    }

    /** One timed request: answers the latency in nanoseconds; the token is fetched before the clock starts. */
    long timed(String method, String path, Object body, int expected) {
        HttpRequest.Builder b = authed(path);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : json(body);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpRequest request = b.method(method, publisher).build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = exchange(request);
        long took = System.nanoTime() - start;
        check(request, response, expected);
        return took;
    }

    /** A client-credentials token of a client of {@code realm}, parsed; with the client's scope parameter ({@link Seeder#scopeOf}). */
    JsonNode clientToken(String realm, String clientId, String secret) {
        String scope = Seeder.scopeOf(clientId);
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + (scope == null ? "" : "&scope=" + enc(scope));
        return send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), 200);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder authed(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token()).header("Accept", "application/json");
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(body instanceof String s
                    ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder builder, int expected) {
        HttpRequest request = builder.timeout(Duration.ofMinutes(5)).build();
        HttpResponse<byte[]> response = exchange(request);
        check(request, response, expected);
        try {
            return response.body().length == 0 ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(HttpRequest request, HttpResponse<byte[]> response, int expected) {
        if (response.statusCode() != expected) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + " (expected " + expected + "): " + text.substring(0, Math.min(600, text.length())));
        }
    }
}
