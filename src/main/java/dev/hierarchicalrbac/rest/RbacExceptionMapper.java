package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.RbacException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.common.util.Resteasy;
import org.keycloak.models.KeycloakSession;

/**
 * Answers every {@link RbacException} as {@code {"error", "error_description", "field"}} with its
 * status, and rolls the request's transaction back, so a refused or failed request changes nothing.
 * Keycloak registers the JAX-RS providers of a provider jar at build time; only the extension throws
 * this exception, so no other endpoint is affected.
 */
@Provider
public final class RbacExceptionMapper implements ExceptionMapper<RbacException> {

    @Override
    public Response toResponse(RbacException e) {
        KeycloakSession session = Resteasy.getContextData(KeycloakSession.class);
        if (session != null) {
            session.getTransactionManager().setRollbackOnly();
        }
        return ErrorBody.response(e.code().status(), e.code().code(), e.getMessage(), e.field());
    }
}
