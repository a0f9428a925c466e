package dev.hierarchicalrbac.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions and small builders shared by the API tests. */
public final class Api {

    private Api() {
    }

    public static AdminClient.Response ok(int status, AdminClient.Response response) {
        assertEquals(status, response.status(), response::toString);
        return response;
    }

    /** A refusal: the status, the error code, and a JSON body with a sentence for a person. */
    public static void refused(int status, String error, AdminClient.Response response) {
        assertEquals(status, response.status(), response::toString);
        JsonNode body = response.json();
        assertEquals(error, body.path("error").asText(), response::toString);
        assertTrue(body.path("error_description").asText().length() > 5, response::toString);
    }

    public static ObjectNode object(Object... keysAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node;
    }

    public static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    public static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }
}
