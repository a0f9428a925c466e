package dev.hierarchicalrbac.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application's view of a realm's OIDC endpoints: token grants, userinfo, introspection, and
 * signature checks of issued JWTs against the realm's JWKS with a real JWT library (Nimbus).
 */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String realm;
    private JWKSet jwks;

    public Tokens(String baseUrl, String realm) {
        this.baseUrl = baseUrl;
        this.realm = realm;
    }

    public String issuer() {
        return baseUrl + "/realms/" + realm;
    }

    /** Resource-owner password grant with {@code scope=openid}, so an ID token comes along. */
    public JsonNode password(String clientId, String secret, String username, String password) {
        return password(clientId, secret, username, password, "openid");
    }

    /** The same with a scope parameter of the caller's ({@code openid organization:acme}). */
    public JsonNode password(String clientId, String secret, String username, String password, String scope) {
        Map<String, String> form = client(clientId, secret);
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("password", password);
        form.put("scope", scope);
        return grant(form);
    }

    public JsonNode clientCredentials(String clientId, String secret) {
        Map<String, String> form = client(clientId, secret);
        form.put("grant_type", "client_credentials");
        return grant(form);
    }

    public JsonNode refresh(String clientId, String secret, String refreshToken) {
        Map<String, String> form = client(clientId, secret);
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return grant(form);
    }

    public JsonNode userinfo(String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
        return json(200, request);
    }

    public JsonNode introspect(String clientId, String secret, String token) {
        Map<String, String> form = client(clientId, secret);
        form.put("token", token);
        return json(200, post(issuer() + "/protocol/openid-connect/token/introspect", form));
    }

    /** Checks the signature against the realm's JWKS, the issuer and the expiry; returns the claims. */
    public JWTClaimsSet verify(String jwt) {
        try {
            SignedJWT signed = SignedJWT.parse(jwt);
            String kid = signed.getHeader().getKeyID();
            JWK key = jwks == null ? null : jwks.getKeyByKeyId(kid);
            if (key == null) {
                jwks = JWKSet.parse(fetch(issuer() + "/protocol/openid-connect/certs"));
                key = jwks.getKeyByKeyId(kid);
            }
            assertNotNull(key, "no key " + kid + " in the realm's JWKS");
            JWSVerifier verifier = new RSASSAVerifier(key.toRSAKey());
            assertTrue(signed.verify(verifier), "signature of a token issued by " + issuer());
            JWTClaimsSet claims = signed.getJWTClaimsSet();
            assertEquals(issuer(), claims.getIssuer());
            assertTrue(claims.getExpirationTime().after(new Date()), "token not expired");
            return claims;
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            throw new AssertionError("not a valid JWT: " + jwt, e);
        }
    }

    /** A verified token of a grant response ({@code access_token}, {@code id_token}). */
    public JWTClaimsSet verified(JsonNode grant, String field) {
        JsonNode token = grant.get(field);
        assertNotNull(token, field + " in " + grant);
        return verify(token.asText());
    }

    public static List<String> strings(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringListClaim(name);
        } catch (java.text.ParseException e) {
            throw new AssertionError(name + " is not a list of strings: " + claims.getClaim(name), e);
        }
    }

    private JsonNode grant(Map<String, String> form) {
        return json(200, post(issuer() + "/protocol/openid-connect/token", form));
    }

    private static Map<String, String> client(String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        if (secret != null) {
            form.put("client_secret", secret);
        }
        return form;
    }

    private static HttpRequest post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String fetch(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build()).body();
    }

    private static JsonNode json(int status, HttpRequest request) {
        HttpResponse<String> response = send(request);
        assertEquals(status, response.statusCode(), request.uri() + " answered " + response.body());
        try {
            return AdminClient.JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
