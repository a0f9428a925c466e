package dev.hierarchicalrbac.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * {@code docs/openapi.yaml}, read for the tests that keep it true: its operations, and a small
 * validator for the subset of OpenAPI 3.0 schemas the document uses ({@code $ref}, {@code allOf},
 * {@code oneOf}, {@code not}, {@code nullable}, types, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code enum}, {@code pattern}, lengths and bounds). Shared by {@code OpenApiContractTest} and
 * {@code OpenApiIT}.
 */
public final class OpenApiDocument {

    public static final String LOCATION = "docs/openapi.yaml";
    private static final List<String> HTTP_METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** Reads the document from the project directory (Maven runs tests there; {@code basedir} if set). */
    public static OpenApiDocument load() {
        String basedir = System.getProperty("basedir");
        Path file = basedir == null ? Path.of(LOCATION) : Path.of(basedir).resolve(LOCATION);
        if (!Files.exists(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " not found; run the tests from the project directory");
        }
        try {
            return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** One documented operation: {@code method} in upper case, {@code path} relative to the server URL. */
    public record Operation(String method, String path, JsonNode node, JsonNode pathItem) {

        public String key() {
            return method + " " + path;
        }

        /** The documented statuses, as the keys of {@code responses} ("200", "404", "4XX", "default"). */
        public Set<String> statuses() {
            Set<String> statuses = new TreeSet<>();
            node.path("responses").fieldNames().forEachRemaining(statuses::add);
            return statuses;
        }

        /** Whether the document lists this status (exactly, through a range such as {@code 4XX}, or as {@code default}). */
        public boolean documents(int status) {
            Set<String> statuses = statuses();
            return statuses.contains(Integer.toString(status))
                    || statuses.contains((status / 100) + "XX")
                    || statuses.contains("default");
        }

        public boolean hasRequestBody() {
            return node.has("requestBody");
        }
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : HTTP_METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), operation, path.getValue()));
                }
            }
        }
        return operations;
    }

    /** The parameters of an operation, path-level ones included, {@code $ref}s resolved. */
    public List<JsonNode> parameters(Operation operation) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode source : List.of(operation.pathItem().path("parameters"), operation.node().path("parameters"))) {
            for (JsonNode parameter : source) {
                JsonNode resolved = deref(parameter);
                byKey.put(resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
            }
        }
        return List.copyOf(byKey.values());
    }

    public Set<String> parameterNames(Operation operation, String in) {
        Set<String> names = new TreeSet<>();
        for (JsonNode parameter : parameters(operation)) {
            if (in.equals(parameter.path("in").asText())) {
                names.add(parameter.path("name").asText());
            }
        }
        return names;
    }

    /** The response object documented for a status (resolved), if any. */
    public Optional<JsonNode> response(Operation operation, int status) {
        JsonNode responses = operation.node().path("responses");
        for (String key : List.of(Integer.toString(status), (status / 100) + "XX", "default")) {
            if (responses.has(key)) {
                return Optional.of(deref(responses.get(key)));
            }
        }
        return Optional.empty();
    }

    /** The JSON schema of a response or request body object, if it documents {@code application/json}. */
    public Optional<JsonNode> jsonSchema(JsonNode responseOrBody) {
        JsonNode schema = deref(responseOrBody).path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? Optional.empty() : Optional.of(schema);
    }

    public Optional<JsonNode> requestSchema(Operation operation) {
        return operation.hasRequestBody() ? jsonSchema(operation.node().get("requestBody")) : Optional.empty();
    }

    /** A named schema of {@code components.schemas}. */
    public JsonNode schema(String name) {
        JsonNode schema = root.path("components").path("schemas").get(name);
        if (schema == null) {
            throw new IllegalArgumentException("No schema " + name);
        }
        return schema;
    }

    /** Follows {@code $ref}s (local ones only) until a node without one. */
    public JsonNode deref(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("$ref cycle at " + node);
            }
            current = resolve(current.get("$ref").asText());
        }
        return current;
    }

    /** Resolves a local reference such as {@code #/components/schemas/RoleRep}; null when it names nothing. */
    public JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    /** Every {@code $ref} value in the document, with the JSON pointer of the node holding it. */
    public Map<String, String> refs() {
        Map<String, String> refs = new LinkedHashMap<>();
        collectRefs(root, "", refs);
        return refs;
    }

    private static void collectRefs(JsonNode node, String pointer, Map<String, String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String child = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.put(child, field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), child, refs);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), pointer + "/" + i, refs);
            }
        }
    }

    // --- validation ----------------------------------------------------------------------------

    /**
     * The ways {@code value} breaks {@code schema}; empty when it conforms. With {@code strict},
     * an object property the schema does not list is a problem too (so an answer cannot carry an
     * undocumented field).
     */
    public List<String> validate(JsonNode value, JsonNode schema, boolean strict) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", strict, problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode rawSchema, String where, boolean strict, List<String> problems) {
        JsonNode schema = deref(rawSchema);
        if (schema == null) {
            problems.add(where + ": unresolvable schema " + rawSchema);
            return;
        }
        if (value == null || value.isNull()) {
            if (schema.path("nullable").asBoolean(false)) {
                return;
            }
            if (schema.has("type") || schema.has("properties")) {
                problems.add(where + ": null, but the schema is not nullable");
            }
            for (JsonNode part : schema.path("allOf")) {
                check(value, part, where, strict, problems);
            }
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            check(value, part, where, strict, problems);
        }
        if (schema.has("oneOf")) {
            checkOneOf(value, schema.get("oneOf"), where, strict, problems);
        }
        if (schema.has("not") && validate(value, schema.get("not"), false).isEmpty()) {
            problems.add(where + ": " + value + " matches what the schema excludes (" + schema.get("not") + ")");
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value) || (allowed.isTextual() && value.isTextual() && allowed.asText().equals(value.asText()));
            }
            if (!listed) {
                problems.add(where + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> checkObject(value, schema, where, strict, problems);
            case "array" -> checkArray(value, schema, where, strict, problems);
            case "string" -> checkString(value, schema, where, problems);
            case "integer" -> checkNumber(value, schema, where, true, problems);
            case "number" -> checkNumber(value, schema, where, false, problems);
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": expected a boolean, got " + value);
                }
            }
            case "" -> {
                // no type: only the keywords above apply (e.g. a bare "not: {pattern}")
                if (value.isTextual()) {
                    checkString(value, schema, where, problems);
                }
            }
            default -> problems.add(where + ": unknown type " + type);
        }
    }

    /** Exactly one alternative must accept the value (so alternatives must not overlap). */
    private void checkOneOf(JsonNode value, JsonNode alternatives, String where, boolean strict, List<String> problems) {
        int matches = 0;
        List<String> whyNot = new ArrayList<>();
        for (JsonNode alternative : alternatives) {
            List<String> refused = new ArrayList<>();
            check(value, alternative, where, strict, refused);
            if (refused.isEmpty()) {
                matches++;
            } else {
                whyNot.add(alternative.path("$ref").asText("alternative") + ": " + refused);
            }
        }
        if (matches == 0) {
            problems.add(where + ": matches none of the oneOf alternatives: " + whyNot);
        } else if (matches > 1) {
            problems.add(where + ": matches " + matches + " oneOf alternatives, not exactly one");
        }
    }

    /**
     * {@code additionalProperties}: a schema checks every property not listed, {@code false} refuses
     * them always; without either, only {@code strict} refuses them.
     */
    private void checkObject(JsonNode value, JsonNode schema, String where, boolean strict, List<String> problems) {
        if (!value.isObject()) {
            problems.add(where + ": expected an object, got " + value);
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(where + ": required property '" + required.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        value.fields().forEachRemaining(field -> {
            JsonNode propertySchema = properties.get(field.getKey());
            if (propertySchema != null) {
                check(field.getValue(), propertySchema, where + "." + field.getKey(), strict, problems);
            } else if (additional.isObject()) {
                check(field.getValue(), additional, where + "." + field.getKey(), strict, problems);
            } else if (additional.isBoolean() && !additional.asBoolean()) {
                problems.add(where + ": property '" + field.getKey() + "' is not allowed");
            } else if (strict && !schema.has("allOf") && !additional.isBoolean()) {
                problems.add(where + ": property '" + field.getKey() + "' is not documented");
            }
        });
    }

    private void checkArray(JsonNode value, JsonNode schema, String where, boolean strict, List<String> problems) {
        if (!value.isArray()) {
            problems.add(where + ": expected an array, got " + value);
            return;
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            problems.add(where + ": fewer than " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            problems.add(where + ": more than " + schema.get("maxItems") + " items");
        }
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), where + "[" + i + "]", strict, problems);
            }
        }
    }

    private static void checkString(JsonNode value, JsonNode schema, String where, List<String> problems) {
        if (!value.isTextual()) {
            problems.add(where + ": expected a string, got " + value);
            return;
        }
        String text = value.asText();
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            problems.add(where + ": shorter than " + schema.get("minLength") + ": " + value);
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            problems.add(where + ": longer than " + schema.get("maxLength") + ": " + abbreviate(text));
        }
        if (schema.has("pattern") && !pattern(schema.get("pattern").asText()).matcher(text).find()) {
            problems.add(where + ": " + value + " does not match " + schema.get("pattern").asText());
        }
    }

    private static void checkNumber(JsonNode value, JsonNode schema, String where, boolean integer, List<String> problems) {
        if (!value.isNumber() || (integer && !value.isIntegralNumber())) {
            problems.add(where + ": expected " + (integer ? "an integer" : "a number") + ", got " + value);
            return;
        }
        if (integer && "int32".equals(schema.path("format").asText()) && !value.canConvertToInt()) {
            problems.add(where + ": " + value + " does not fit int32");
        }
        if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            problems.add(where + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
            problems.add(where + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
    }

    /**
     * A schema {@code pattern} as Java sees it. The document's patterns are ECMA-262 regular
     * expressions, searched (not matched whole). Two differences are bridged: ECMA's {@code $} is the
     * end of the input (Java's {@code $} also matches before a final line break, so it becomes
     * {@code \z}), and Unicode character classes bring Java's {@code \s} close to ECMA's.
     */
    public static Pattern pattern(String regex) {
        StringBuilder java = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                java.append(c).append(regex.charAt(++i));
            } else if (c == '[' && !inClass) {
                inClass = true;
                java.append(c);
            } else if (c == ']' && inClass) {
                inClass = false;
                java.append(c);
            } else if (c == '$' && !inClass) {
                java.append("\\z");
            } else {
                java.append(c);
            }
        }
        return Pattern.compile(java.toString(), Pattern.UNICODE_CHARACTER_CLASS);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Names used in a path template, in order: {@code /users/{userId}/roles/{roleId}} → userId, roleId. */
    public static Set<String> templateNames(String path) {
        Set<String> names = new LinkedHashSet<>();
        java.util.regex.Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
