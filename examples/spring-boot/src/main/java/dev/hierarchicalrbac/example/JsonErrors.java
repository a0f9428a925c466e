package dev.hierarchicalrbac.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ExpressionAuthorizationDecision;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 401 and 403 as JSON: {@code {"error":"unauthorized"|"invalid_token", "error_description":…}} and
 * {@code {"error":"missing_permission", "error_description":…, "permission":"edit_recipes"}}.
 */
@Component
class JsonErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Pattern HAS_AUTHORITY = Pattern.compile("hasAuthority\\('([^']+)'\\)");

    /** Spring's own entry point sets the status and the {@code WWW-Authenticate} header of RFC 6750. */
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ObjectMapper json;

    JsonErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        bearer.commence(request, response, e);
        if (e instanceof OAuth2AuthenticationException) {
            write(response, 401, "invalid_token", "the token is not valid: " + e.getMessage(), null);
        } else {
            write(response, 401, "unauthorized", "a bearer token is required", null);
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        String permission = permissionOf(e);
        write(response, 403, "missing_permission",
                permission == null ? "access denied" : "this needs the permission " + permission, permission);
    }

    /** The permission a refusal names: {@code hasAuthority('x')} of a {@code @PreAuthorize}, or a request rule's authority. */
    static String permissionOf(AccessDeniedException e) {
        if (e instanceof AuthorizationDeniedException denied) {
            AuthorizationResult result = denied.getAuthorizationResult();
            if (result instanceof ExpressionAuthorizationDecision expression) {
                Matcher m = HAS_AUTHORITY.matcher(expression.getExpression().getExpressionString());
                if (m.find()) {
                    return m.group(1);
                }
            } else if (result instanceof AuthorityAuthorizationDecision authority && !authority.getAuthorities().isEmpty()) {
                return authority.getAuthorities().iterator().next().getAuthority();
            }
        }
        return null;
    }

    private void write(HttpServletResponse response, int status, String error, String description, String permission)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        if (permission != null) {
            body.put("permission", permission);
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
