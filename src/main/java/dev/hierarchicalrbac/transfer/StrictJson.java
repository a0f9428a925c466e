package dev.hierarchicalrbac.transfer;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.hierarchicalrbac.domain.ErrorCode;
import dev.hierarchicalrbac.domain.RbacException;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The one reader of request bodies and configuration documents: JSON into typed representations,
 * strictly. A key given twice, data after the body, an unknown field, a value of the wrong type
 * ({@code "3"} or {@code 1.5} for a whole number, a number for a string) are refused with
 * {@code invalid_input} naming the place ({@code position}, {@code roles[2].color}), never guessed at.
 */
public final class StrictJson {

    /** Far above any real role or request; keeps a hostile body from costing memory. */
    public static final int MAX_CHARS = 1 << 20;
    /**
     * A realm's whole configuration, assignments included, may be large; still bounded, at the same
     * 10 MiB that Keycloak's HTTP server ({@code quarkus.http.limits.max-body-size}) allows by default.
     */
    public static final int MAX_DOCUMENT_CHARS = 10 << 20;

    private static final ObjectMapper MAPPER = strictMapper();

    private StrictJson() {
    }

    /**
     * A JSON object of a request, with the names of the fields it gave (a {@code PUT} keeps the fields
     * it leaves out: see {@link #merged}).
     */
    public record Body<T>(T value, Set<String> present) {

        /**
         * How a {@code PUT} keeps what it leaves out: the value given for {@code field}, checked by
         * {@code rule}, or {@code current} unchecked when the body left the field out (an explicit
         * {@code null} is given, and clears what the rule lets be cleared).
         */
        public <G, V> V merged(String field, G given, Function<G, V> rule, V current) {
            return present.contains(field) ? rule.apply(given) : current;
        }
    }

    /** A request body that must be a JSON object of {@code type}. */
    public static <T> Body<T> object(String contentType, String body, Class<T> type) {
        JsonNode tree = tree(contentType, body, MAX_CHARS);
        if (!tree.isObject()) {
            throw RbacException.invalid(null, "The body must be a JSON object.");
        }
        Set<String> present = new LinkedHashSet<>();
        tree.fieldNames().forEachRemaining(present::add);
        return new Body<>(convert(tree, MAPPER.constructType(type)), Collections.unmodifiableSet(present));
    }

    /** A request body that must be a JSON array of {@code type}. */
    public static <T> List<T> array(String contentType, String body, TypeReference<List<T>> type) {
        JsonNode tree = tree(contentType, body, MAX_CHARS);
        if (!tree.isArray()) {
            throw RbacException.invalid(null, "The body must be a JSON array.");
        }
        return convert(tree, MAPPER.constructType(type));
    }

    /** A whole configuration document sent in a request. */
    public static ConfigDocument document(String contentType, String body) {
        JsonNode tree = tree(contentType, body, MAX_DOCUMENT_CHARS);
        return document(tree);
    }

    /** A whole configuration document from text (the realm attribute). */
    public static ConfigDocument document(String text) {
        return document(parse(text));
    }

    private static ConfigDocument document(JsonNode tree) {
        if (!tree.isObject()) {
            throw RbacException.invalid("document", "The document must be a JSON object.");
        }
        return convert(tree, MAPPER.constructType(ConfigDocument.class));
    }

    private static JsonNode tree(String contentType, String body, int maxChars) {
        if (!isJson(contentType)) {
            throw new RbacException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null, "The body must be sent as application/json.");
        }
        if (body == null || body.isBlank()) {
            throw RbacException.invalid(null, "The body is empty.");
        }
        if (body.length() > maxChars) {
            throw new RbacException(ErrorCode.TOO_LARGE, null, "The body is larger than " + maxChars + " characters.");
        }
        return parse(body);
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isMissingNode()) {
                throw RbacException.invalid(null, "The body is empty.");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw refusal(e);
        }
    }

    private static <T> T convert(JsonNode tree, JavaType type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw e instanceof JsonProcessingException json ? refusal(json)
                    : RbacException.invalid(null, "The body does not have the expected shape: " + e.getMessage());
        }
    }

    /** {@code application/json}, with parameters such as a charset, or any {@code +json} type. */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** Jackson's complaint as a 400 naming the place, in a sentence for a person. */
    static RbacException refusal(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonParseException parse && original.startsWith("Duplicate field")
                && parse.getProcessor() != null) {
            String place = place(parse.getProcessor().getParsingContext());
            return RbacException.invalid(place, place + " is given more than once.");
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String place = place(unknown.getPath());
            return RbacException.invalid(place, "Unknown field '" + unknown.getPropertyName() + "'"
                    + (place.contains(".") || place.contains("[") ? " at " + place : "") + ".");
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (original.startsWith("Trailing token")) {
                return RbacException.invalid(null, "The body has data after its end.");
            }
            String place = place(mismatch.getPath());
            if (place.isEmpty()) {
                return RbacException.invalid(null, "The body does not have the expected shape.");
            }
            return RbacException.invalid(place, place + " " + expected(mismatch.getTargetType()) + ".");
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String place = place(mapping.getPath());
            return RbacException.invalid(place, place + ": " + original);
        }
        return RbacException.invalid(null, "The body is not valid JSON: " + original);
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        }
        if (target == Integer.class || target == int.class) {
            return "must be a whole number";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "must be an array";
        }
        return "must be an object";
    }

    /** {@code roles[2].color} from Jackson's path of references. */
    private static String place(List<JsonMappingException.Reference> path) {
        StringBuilder place = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!place.isEmpty()) {
                    place.append('.');
                }
                place.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                place.append('[').append(reference.getIndex()).append(']');
            }
        }
        return place.toString();
    }

    /** The same from the parser's context, for a key given twice (the context names that key). */
    private static String place(JsonStreamContext context) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push((c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
            }
        }
        return String.join("", parts);
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // A string is a string, a number a number: no "3" for 3, no 3 for "3", no 1 for true.
        fail(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        fail(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Float, CoercionInputShape.Boolean);
        fail(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.EmptyString,
                CoercionInputShape.Integer, CoercionInputShape.Float);
        return mapper;
    }

    private static void fail(JsonMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
