package dev.hierarchicalrbac.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assertions on the error body of design §4, {@code {"error", "error_description", "field"}}, for
 * the tests of strict input, Unicode names and decision privacy.
 */
public final class Errors {

    public static final String INVALID = "invalid_input";
    public static final String CONFLICT = "conflict";

    private Errors() {
    }

    /** The status, the error code, a sentence for a person, and (when {@code field} is not null) the field. */
    public static JsonNode error(int status, String error, String field, AdminClient.Response response) {
        assertEquals(status, response.status(), response::toString);
        JsonNode body = response.json();
        assertEquals(error, body.path("error").asText(), response::toString);
        assertTrue(body.path("error_description").asText().length() > 5, response::toString);
        if (field != null) {
            assertEquals(field, body.path("field").asText(), response::toString);
        }
        return body;
    }

    /** A 400 {@code invalid_input} naming {@code field}. */
    public static JsonNode invalid(String field, AdminClient.Response response) {
        return error(400, INVALID, field, response);
    }

    /** A 409 {@code conflict} naming {@code field}. */
    public static JsonNode conflict(String field, AdminClient.Response response) {
        return error(409, CONFLICT, field, response);
    }

    /** A 400 {@code invalid_input} whose field or description names {@code word}. */
    public static JsonNode invalidNaming(String word, AdminClient.Response response) {
        JsonNode body = error(400, INVALID, null, response);
        assertNames(body, response, word);
        return body;
    }

    /** The field or the description of the error mentions every one of {@code words}. */
    public static void assertNames(JsonNode body, AdminClient.Response response, String... words) {
        String field = body.path("field").asText("");
        String description = body.path("error_description").asText("");
        for (String word : words) {
            assertTrue(field.contains(word) || description.contains(word),
                    () -> "the error should name " + Arrays.toString(words) + ": " + response);
        }
    }

    /** One of the statuses, with our JSON error body. */
    public static JsonNode oneOf(AdminClient.Response response, int... statuses) {
        assertTrue(Arrays.stream(statuses).anyMatch(s -> s == response.status()),
                () -> "expected one of " + Arrays.toString(statuses) + ": " + response);
        JsonNode body = response.json();
        assertTrue(!body.path("error").asText().isEmpty(), response::toString);
        assertTrue(body.path("error_description").asText().length() > 5, response::toString);
        return body;
    }
}
