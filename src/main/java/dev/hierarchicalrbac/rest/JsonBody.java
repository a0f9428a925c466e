package dev.hierarchicalrbac.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.util.JsonSerialization;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads request bodies by hand rather than through data binding, so that every malformed body,
 * wrong type or wrong content type gets a 4xx naming the field instead of a framework error.
 */
final class JsonBody {

    /** Far above any real configuration of roles; keeps a hostile body from costing memory. */
    static final int MAX_CHARS = 1 << 20;

    private JsonBody() {
    }

    static ObjectNode object(String contentType, String body) {
        return object(contentType, body, MAX_CHARS);
    }

    /** A whole configuration document may be larger than one entity. */
    static ObjectNode object(String contentType, String body, int maxChars) {
        JsonNode node = parse(contentType, body, maxChars);
        if (!node.isObject()) {
            throw ApiException.badRequest(null, "The body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    static ArrayNode array(String contentType, String body) {
        JsonNode node = parse(contentType, body, MAX_CHARS);
        if (!node.isArray()) {
            throw ApiException.badRequest(null, "The body must be a JSON array.");
        }
        return (ArrayNode) node;
    }

    private static JsonNode parse(String contentType, String body, int maxChars) {
        if (!isJson(contentType)) {
            throw new ApiException(415, "unsupported_media_type", "The body must be sent as application/json.", null);
        }
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest(null, "The body is empty.");
        }
        if (body.length() > maxChars) {
            throw new ApiException(413, "too_large", "The body is larger than " + maxChars + " characters.", null);
        }
        try {
            return JsonSerialization.mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code application/json}, with parameters such as a charset, or any {@code +json} type. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    static boolean has(ObjectNode object, String field) {
        return object.has(field);
    }

    /** A string field, or null when it is absent or JSON null. */
    static String text(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(field, field + " must be a string.");
        }
        return node.asText();
    }

    /** An integer field, or null when absent or JSON null; 1.5, "1" and 2^40 are refused. */
    static Integer integer(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiException.badRequest(field, field + " must be a whole number.");
        }
        return node.intValue();
    }

    /** An array of strings, or null when absent. */
    static Set<String> strings(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return strings(node, field);
    }

    static Set<String> strings(JsonNode node, String field) {
        if (!node.isArray()) {
            throw ApiException.badRequest(field, field + " must be an array of strings.");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field, field + " must be an array of strings.");
            }
            values.add(item.asText());
        }
        return values;
    }
}
