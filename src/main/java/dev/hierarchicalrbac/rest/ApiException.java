package dev.hierarchicalrbac.rest;

import dev.hierarchicalrbac.domain.Decision;
import jakarta.ws.rs.core.Response;

/**
 * A refusal or an input error, answered as {@code {"error": code, "error_description": sentence}}
 * with the status of design §4.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    ApiException(int status, String code, String description, String field) {
        super(description);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static ApiException badRequest(String field, String description) {
        return new ApiException(400, "invalid_input", description, field);
    }

    static ApiException notFound(String description) {
        return new ApiException(404, "not_found", description, null);
    }

    static ApiException conflict(String field, String description) {
        return new ApiException(409, "conflict", description, field);
    }

    static ApiException forbidden(String code, String description) {
        return new ApiException(403, code, description, null);
    }

    /** A refused decision: structural refusals (@everyone, built-ins) are conflicts, the rest 403. */
    static ApiException refused(Decision decision) {
        int status = decision.refusal().structural() ? 409 : 403;
        return new ApiException(status, decision.refusal().code(), decision.reason(), null);
    }

    int status() {
        return status;
    }

    Response toResponse() {
        return ErrorBody.response(status, code, getMessage(), field);
    }
}
