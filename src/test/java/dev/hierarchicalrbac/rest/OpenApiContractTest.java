package dev.hierarchicalrbac.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hierarchicalrbac.domain.Refusal;
import dev.hierarchicalrbac.domain.Validation;
import dev.hierarchicalrbac.domain.ErrorCode;
import dev.hierarchicalrbac.domain.RbacException;
import dev.hierarchicalrbac.transfer.StrictJson;
import dev.hierarchicalrbac.rest.OpenApiDocument.Operation;
import dev.hierarchicalrbac.transfer.ConfigDocument;
import dev.hierarchicalrbac.transfer.ConfigImporter;
import dev.hierarchicalrbac.transfer.ConfigJson;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps {@code docs/openapi.yaml} true to the code without a server: the (method, path) pairs it
 * documents are exactly those the JAX-RS resources expose, found by reflection from
 * {@link RbacResource} through its sub-resource locators; parameters, bodies, representations,
 * error codes and field rules agree with the code.
 */
class OpenApiContractTest {

    static OpenApiDocument doc;
    static Map<String, Endpoint> exposed;

    @BeforeAll
    static void load() {
        doc = OpenApiDocument.load();
        exposed = endpoints(RbacResource.class);
    }

    // --- what the code exposes ---------------------------------------------------------------

    /** One resource method reached from the root: its HTTP method, full path and parameters. */
    record Endpoint(String method, String path, Method javaMethod, Set<String> pathParams, Set<String> queryParams,
                    boolean takesBody) {
        String key() {
            return method + " " + path;
        }
    }

    /**
     * Every (method, path) reachable from {@code root}: a method with an HTTP-method annotation is a
     * resource method; a method with {@code @Path} and none is a sub-resource locator, whose return
     * type is walked under its path. A class-level {@code @Path} is ignored, as JAX-RS ignores it on
     * sub-resources (the root itself is mounted by Keycloak at {@code /admin/realms/{realm}/rbac}).
     */
    static Map<String, Endpoint> endpoints(Class<?> root) {
        Map<String, Endpoint> found = new TreeMap<>();
        walk(root, "", Set.of(), Set.of(), found, new ArrayDeque<>());
        return found;
    }

    private static void walk(Class<?> type, String prefix, Set<String> pathParams, Set<String> queryParams,
                             Map<String, Endpoint> found, Deque<Class<?>> stack) {
        if (stack.contains(type)) {
            fail("Sub-resource locators loop through " + type.getName() + ": " + stack);
        }
        stack.push(type);
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class || method.isBridge() || method.isSynthetic()) {
                continue;
            }
            Path path = method.getAnnotation(Path.class);
            String http = httpMethod(method);
            if (http == null && path == null) {
                continue;
            }
            String full = join(prefix, path == null ? "" : path.value());
            Set<String> ownPath = new TreeSet<>(pathParams);
            Set<String> ownQuery = new TreeSet<>(queryParams);
            boolean body = false;
            for (Parameter parameter : method.getParameters()) {
                PathParam pp = parameter.getAnnotation(PathParam.class);
                QueryParam qp = parameter.getAnnotation(QueryParam.class);
                if (pp != null) {
                    ownPath.add(pp.value());
                }
                if (qp != null) {
                    ownQuery.add(qp.value());
                }
                body |= parameter.getAnnotations().length == 0;
            }
            if (http != null) {
                Endpoint endpoint = new Endpoint(http, full, method, ownPath, ownQuery, body);
                Endpoint twice = found.put(endpoint.key(), endpoint);
                if (twice != null) {
                    fail(endpoint.key() + " is exposed twice: " + twice.javaMethod() + " and " + method);
                }
            } else {
                Class<?> sub = method.getReturnType();
                if (sub == Object.class || sub.isInterface() || sub.isPrimitive()) {
                    fail("Sub-resource locator " + method + " must declare its concrete resource class for this test to follow it");
                }
                walk(sub, full, ownPath, ownQuery, found, stack);
            }
        }
        stack.pop();
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** Joins path segments as JAX-RS does, with {@code {name: regex}} templates reduced to {@code {name}}. */
    static String join(String prefix, String segment) {
        String joined = ("/" + prefix + "/" + stripRegexes(segment)).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    static String stripRegexes(String template) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean inRegex = false;
        for (char c : template.toCharArray()) {
            if (c == '{') {
                depth++;
                if (depth == 1) {
                    out.append(c);
                    inRegex = false;
                    continue;
                }
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    out.append(c);
                    continue;
                }
            } else if (c == ':' && depth == 1) {
                inRegex = true;
                continue;
            }
            if (depth == 0 || (!inRegex && depth == 1 && !Character.isWhitespace(c))) {
                out.append(c);
            }
        }
        return out.toString();
    }

    // --- the operations ----------------------------------------------------------------------

    @Test
    void theReflectionSeesTheApiOfTheDesign() {
        // A guard on the walk itself: if it found nothing below the locators, the equality below would say little.
        assertTrue(exposed.containsKey("GET /roles"), exposed.keySet()::toString);
        assertTrue(exposed.containsKey("PUT /users/{userId}/roles/{roleId}"), exposed.keySet()::toString);
        assertTrue(exposed.containsKey("GET /me"), exposed.keySet()::toString);
        assertEquals("/users/{userId}", join("", stripRegexes("users/{ userId : [^/]+ }")));
    }

    /** The walk on a small made-up tree: locators are followed, regexes dropped, params collected. */
    @Test
    void theWalkFollowsLocatorsAndReadsParameters() {
        Map<String, Endpoint> found = endpoints(FakeRoot.class);
        assertEquals(Set.of("GET /things", "POST /things", "GET /things/{n}", "DELETE /users/{u}/things/{n}", "GET /ping"),
                found.keySet());
        assertEquals(Set.of("u", "n"), found.get("DELETE /users/{u}/things/{n}").pathParams());
        assertEquals(Set.of("q"), found.get("GET /things").queryParams());
        assertTrue(found.get("POST /things").takesBody());
        assertTrue(!found.get("GET /things").takesBody());
    }

    @jakarta.ws.rs.Path("ignored-on-the-root")
    public static final class FakeRoot {
        @jakarta.ws.rs.Path("things")
        public FakeThings things() {
            return new FakeThings();
        }

        @jakarta.ws.rs.Path("/users/{u}/")
        public FakeUserThings user(@PathParam("u") String u) {
            return new FakeUserThings();
        }

        @jakarta.ws.rs.GET
        @jakarta.ws.rs.Path("ping")
        public String ping() {
            return "pong";
        }

        public String notAResourceMethod() {
            return "";
        }
    }

    @jakarta.ws.rs.Path("ignored-on-sub-resources")
    public static final class FakeThings {
        @jakarta.ws.rs.GET
        public String list(@QueryParam("q") String q) {
            return "";
        }

        @jakarta.ws.rs.POST
        public String create(@jakarta.ws.rs.HeaderParam("Content-Type") String type, String body) {
            return "";
        }

        @jakarta.ws.rs.GET
        @jakarta.ws.rs.Path("{n: [0-9]{1,3}}")
        public String get(@PathParam("n") String n) {
            return "";
        }
    }

    public static final class FakeUserThings {
        @jakarta.ws.rs.DELETE
        @jakarta.ws.rs.Path("things/{n}")
        public String delete(@PathParam("n") String n) {
            return "";
        }
    }

    @Test
    void theDocumentedOperationsAreExactlyTheExposedOnes() {
        Set<String> documented = doc.operations().stream().map(Operation::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> undocumented = new TreeSet<>(exposed.keySet());
        undocumented.removeAll(documented);
        Set<String> vanished = new TreeSet<>(documented);
        vanished.removeAll(exposed.keySet());
        assertTrue(undocumented.isEmpty() && vanished.isEmpty(),
                "docs/openapi.yaml and the JAX-RS resources disagree.\n  exposed but not documented: " + undocumented
                        + "\n  documented but not exposed: " + vanished);
        assertEquals(exposed.keySet(), documented);
    }

    @Test
    void everyOperationDocumentsA4xxResponseASuccessAndNothingElseOdd() {
        for (Operation op : doc.operations()) {
            Set<String> statuses = op.statuses();
            assertTrue(statuses.stream().anyMatch(s -> s.startsWith("4")), op.key() + " documents no 4xx response: " + statuses);
            assertTrue(statuses.stream().anyMatch(s -> s.startsWith("2")), op.key() + " documents no 2xx response: " + statuses);
            assertTrue(statuses.contains("401"), op.key() + " must document Keycloak's 401");
            for (String status : statuses) {
                assertTrue(status.matches("[1-5][0-9][0-9]|[1-5]XX|default"), op.key() + ": odd status " + status);
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        Map<String, String> refs = doc.refs();
        assertTrue(refs.size() > 50, "suspiciously few $refs: " + refs.size());
        List<String> broken = new ArrayList<>();
        refs.forEach((where, ref) -> {
            if (doc.resolve(ref) == null) {
                broken.add(where + " -> " + ref);
            }
        });
        assertTrue(broken.isEmpty(), "Unresolvable $refs: " + broken);
    }

    @Test
    void everyNamedSchemaIsUsed() {
        Set<String> used = new HashSet<>(doc.refs().values());
        List<String> unused = new ArrayList<>();
        doc.root().path("components").fields().forEachRemaining(kind -> {
            if (!kind.getKey().equals("securitySchemes")) {
                kind.getValue().fieldNames().forEachRemaining(name -> {
                    String ref = "#/components/" + kind.getKey() + "/" + name;
                    if (!used.contains(ref)) {
                        unused.add(ref);
                    }
                });
            }
        });
        assertTrue(unused.isEmpty(), "Components nothing refers to: " + unused);
    }

    @Test
    void operationsHaveUniqueIdsAndNameTheRuleThatAuthorisesThem() {
        Set<String> ids = new HashSet<>();
        for (Operation op : doc.operations()) {
            String id = op.node().path("operationId").asText();
            assertTrue(!id.isBlank() && ids.add(id), op.key() + ": missing or duplicate operationId " + id);
            assertTrue(!op.node().path("summary").asText().isBlank(), op.key() + " has no summary");
            assertTrue(op.node().path("description").asText().contains("§3"),
                    op.key() + ": the description must name the rule of design §3 that authorises it");
        }
    }

    @Test
    void pathParametersMatchTheTemplatesAndTheCode() {
        for (Operation op : doc.operations()) {
            Set<String> template = new TreeSet<>(OpenApiDocument.templateNames(op.path()));
            assertEquals(template, doc.parameterNames(op, "path"), op.key() + ": documented path parameters");
            for (JsonNode parameter : doc.parameters(op)) {
                if ("path".equals(parameter.path("in").asText())) {
                    assertTrue(parameter.path("required").asBoolean(false), op.key() + ": path parameter must be required");
                }
            }
            Endpoint endpoint = exposed.get(op.key());
            if (endpoint != null) {
                assertTrue(template.containsAll(endpoint.pathParams()),
                        op.key() + ": the code reads path parameters " + endpoint.pathParams() + " not in the template");
            }
        }
    }

    @Test
    void queryParametersMatchTheCode() {
        for (Operation op : doc.operations()) {
            Endpoint endpoint = exposed.get(op.key());
            if (endpoint != null) {
                assertEquals(endpoint.queryParams(), doc.parameterNames(op, "query"), op.key() + ": query parameters");
            }
        }
        JsonNode first = doc.deref(doc.root().at("/components/parameters/First")).path("schema");
        JsonNode max = doc.deref(doc.root().at("/components/parameters/Max")).path("schema");
        assertEquals(0, first.path("minimum").asInt(-1));
        assertEquals(0, first.path("default").asInt(-1));
        assertEquals(1, max.path("minimum").asInt());
        assertEquals(Paging.LIMIT, max.path("maximum").asInt());
        assertEquals(Paging.DEFAULT_MAX, max.path("default").asInt());
    }

    @Test
    void anOperationDocumentsARequestBodyExactlyWhenItReadsOne() {
        for (Operation op : doc.operations()) {
            Endpoint endpoint = exposed.get(op.key());
            if (endpoint == null) {
                continue;
            }
            assertEquals(endpoint.takesBody(), op.hasRequestBody(), op.key() + ": request body");
            if (op.hasRequestBody()) {
                assertTrue(doc.requestSchema(op).isPresent(), op.key() + ": the body must be documented as application/json");
                assertTrue(op.documents(415) && op.documents(413) && op.documents(400),
                        op.key() + " reads a JSON body, so it must document 400, 413 and 415");
            }
        }
    }

    /** POSTs that do something rather than create something: they answer 200 or 204, never 201. */
    static final Set<String> ACTIONS = Set.of("POST /import", "POST /users/{userId}/disable", "POST /users/{userId}/enable",
            "POST /users/{userId}/logout");

    @Test
    void createsAnswer201WithALocationAndAJsonBody() {
        for (Operation op : doc.operations()) {
            if (ACTIONS.contains(op.key())) {
                assertTrue((op.statuses().contains("200") || op.statuses().contains("204")) && !op.statuses().contains("201"),
                        op.key() + " is an action: 200 or 204, not 201");
                continue;
            }
            if (op.method().equals("POST")) {
                assertTrue(op.statuses().contains("201"), op.key() + " must answer 201");
            }
            if (op.statuses().contains("201")) {
                JsonNode created = doc.response(op, 201).orElseThrow();
                assertTrue(created.path("headers").has("Location"), op.key() + ": 201 without a Location header");
                assertNotNull(doc.deref(created.path("headers").get("Location")), op.key());
                assertTrue(doc.jsonSchema(created).isPresent(), op.key() + ": 201 without a body");
            }
        }
    }

    @Test
    void theServerAndTheSecurityAreKeycloaks() {
        JsonNode root = doc.root();
        assertEquals("3.0.3", root.path("openapi").asText());
        assertEquals("{baseUrl}/admin/realms/{realm}/rbac", root.path("servers").path(0).path("url").asText());
        assertTrue(root.path("servers").path(0).path("variables").has("baseUrl"));
        assertTrue(root.path("servers").path(0).path("variables").has("realm"));
        JsonNode bearer = root.at("/components/securitySchemes/bearer");
        assertEquals("http", bearer.path("type").asText());
        assertEquals("bearer", bearer.path("scheme").asText());
        assertTrue(root.path("security").path(0).has("bearer"), "bearer auth must apply to every operation");
        for (Operation op : doc.operations()) {
            assertTrue(!op.node().has("security"), op.key() + " must not override the bearer requirement");
        }
    }

    // --- representations and errors ----------------------------------------------------------

    @Test
    void responseSchemasListExactlyTheFieldsOfTheRepresentations() {
        Map<String, Map<String, Class<?>>> fields = new LinkedHashMap<>();
        for (Class<?> record : Representations.class.getDeclaredClasses()) {
            if (record.isRecord() && !record.getSimpleName().endsWith("Input")) {
                fields.put(record.getSimpleName(), components(record));
            }
        }
        fields.put("Error", components(ErrorBody.class));
        assertTrue(fields.keySet().containsAll(List.of("PermissionRep", "RoleRep", "VisualRoleRep", "UserRep", "AccessRep",
                "MeRep", "DecisionRep", "Error")), fields.keySet()::toString);
        fields.forEach(OpenApiContractTest::assertSchemaListsExactly);
    }

    /**
     * Request bodies are read into the input records, strictly: the schema of each lists exactly the
     * record's fields plus the read-only fields it accepts and ignores, and refuses any other.
     */
    @Test
    void requestSchemasListExactlyTheFieldsTheInputsAccept() {
        Map<String, Class<?>> inputs = new LinkedHashMap<>();
        inputs.put("RoleUpdate", Representations.RoleInput.class);
        inputs.put("VisualRoleUpdate", Representations.VisualRoleInput.class);
        inputs.put("PermissionUpdate", Representations.PermissionInput.class);
        inputs.put("ReorderItem", Representations.MoveInput.class);
        inputs.put("UserAdministrationInput", dev.hierarchicalrbac.fgap.UserAdministration.Switch.class);
        inputs.forEach((schemaName, record) -> {
            Set<String> accepted = new TreeSet<>(components(record).keySet());
            com.fasterxml.jackson.annotation.JsonIgnoreProperties ignored =
                    record.getAnnotation(com.fasterxml.jackson.annotation.JsonIgnoreProperties.class);
            if (ignored != null) {
                accepted.addAll(List.of(ignored.value()));
            }
            JsonNode schema = doc.schema(schemaName);
            assertEquals(accepted, fieldNames(schema.path("properties")), "properties of request schema " + schemaName);
            assertEquals("false", schema.path("additionalProperties").asText(), schemaName + " must refuse unknown fields");
        });
        for (String create : List.of("RoleCreate", "VisualRoleCreate", "PermissionCreate")) {
            assertEquals("false", doc.schema(create).path("additionalProperties").asText(), create + " must refuse unknown fields");
        }
    }

    /** The configuration document and the import's answer are written from records of the transfer package. */
    @Test
    void configurationSchemasListExactlyTheFieldsOfTheDocumentModel() {
        Map<String, Class<?>> records = new LinkedHashMap<>();
        records.put("ConfigDocument", ConfigDocument.class);
        records.put("ConfigPermission", ConfigDocument.PermissionEntry.class);
        records.put("ConfigRole", ConfigDocument.RoleEntry.class);
        records.put("ConfigVisualRole", ConfigDocument.VisualRoleEntry.class);
        records.put("ConfigAssignment", ConfigDocument.UserEntry.class);
        records.put("ConfigOrganization", ConfigDocument.OrganizationEntry.class);
        records.put("ConfigOrganizationAssignment", ConfigDocument.OrganizationUserEntry.class);
        records.put("ImportResult", ConfigImporter.Result.class);
        records.put("ImportChange", ConfigImporter.Change.class);
        records.forEach((name, record) -> assertSchemaListsExactly(name, components(record)));
        // The document's parts are closed: the import refuses unknown keys, and an export has none.
        for (String name : List.of("ConfigDocument", "ConfigPermission", "ConfigRole", "ConfigVisualRole", "ConfigAssignment",
                "ConfigOrganization", "ConfigOrganizationAssignment", "RealmAttributeExport")) {
            JsonNode additional = doc.schema(name).path("additionalProperties");
            assertTrue(additional.isBoolean() && !additional.asBoolean(), name + " must say additionalProperties: false");
        }
        JsonNode attribute = doc.schema("RealmAttributeExport");
        assertEquals(Set.of(ConfigJson.REALM_ATTRIBUTE), fieldNames(attribute.path("properties")));
        assertEquals("[\"" + ConfigJson.REALM_ATTRIBUTE + "\"]", attribute.path("required").toString());
        assertEquals("#/components/schemas/ConfigAssignment",
                doc.schema("ConfigDocument").at("/properties/assignments/additionalProperties/$ref").asText());
        assertEquals("#/components/schemas/ConfigOrganization",
                doc.schema("ConfigDocument").at("/properties/organizations/additionalProperties/$ref").asText());
        assertEquals("#/components/schemas/ConfigRole", doc.schema("ConfigOrganization").at("/properties/roles/items/$ref").asText(),
                "an organization's roles are shaped like the realm's");
        JsonNode example = doc.schema("ConfigDocument").path("example");
        assertTrue(example.isObject(), "ConfigDocument has an example");
        assertEquals(List.of(), doc.validate(example, doc.schema("ConfigDocument"), true), "the example conforms");
    }

    /** The actions and types of ImportChange are the literals ConfigImporter reports. */
    @Test
    void importChangesAreTheOnesTheImporterReports() throws java.io.IOException {
        String file = "src/main/java/dev/hierarchicalrbac/transfer/ConfigImporter.java";
        String basedir = System.getProperty("basedir");
        String source = java.nio.file.Files.readString(basedir == null ? java.nio.file.Path.of(file)
                : java.nio.file.Path.of(basedir).resolve(file));
        java.util.regex.Matcher m = Pattern.compile("(?:step|new Change)\\(\"([a-zA-Z]+)\", \"([a-zA-Z]+)\"").matcher(source);
        Set<String> actions = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        while (m.find()) {
            actions.add(m.group(1));
            types.add(m.group(2));
        }
        assertTrue(actions.size() >= 5, "found too few changes in ConfigImporter.java: " + actions);
        assertEquals(actions, enumOf(doc.schema("ImportChange").at("/properties/action")), "ImportChange.action");
        assertEquals(types, enumOf(doc.schema("ImportChange").at("/properties/type")), "ImportChange.type");
    }

    @Test
    void theImportStatesItsOwnLimitAndTheFlagsAreBooleans() {
        Operation importing = doc.operations().stream().filter(op -> op.key().equals("POST /import")).findFirst().orElseThrow();
        String limit = String.format(Locale.ROOT, "%,d", StrictJson.MAX_DOCUMENT_CHARS);
        assertTrue(doc.response(importing, 413).orElseThrow().path("description").asText().contains(limit),
                "the import's 413 must state the limit " + limit);
        assertTrue(doc.root().at("/info/description").asText().contains(limit), "info.description must state " + limit);
        for (JsonNode parameter : doc.parameters(importing)) {
            JsonNode schema = doc.deref(parameter.path("schema"));
            assertEquals("boolean", schema.path("type").asText(), parameter.path("name").asText());
            assertEquals(false, schema.path("default").asBoolean(true), parameter.path("name").asText());
        }
        assertEquals("ConfigDocument", doc.requestSchema(importing).orElseThrow().path("$ref").asText().replaceAll(".*/", ""));
    }

    /** The validator's own keywords for the configuration: oneOf, additionalProperties. */
    @Test
    void theValidatorKnowsOneOfAndAdditionalProperties() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        Operation export = doc.operations().stream().filter(op -> op.key().equals("GET /export")).findFirst().orElseThrow();
        JsonNode schema = doc.jsonSchema(doc.response(export, 200).orElseThrow()).orElseThrow();
        var document = json.objectNode();
        document.putArray("roles").addObject().put("name", "@everyone").put("position", 0).putArray("permissions").add("view_logs");
        document.putObject("assignments").putObject("alice").putArray("roles").add("Moderator");
        var attribute = json.objectNode().put(ConfigJson.REALM_ATTRIBUTE, document.toString());
        for (boolean strict : List.of(true, false)) {
            assertEquals(List.of(), doc.validate(document, schema, strict));
            assertEquals(List.of(), doc.validate(attribute, schema, strict));
            assertEquals(List.of(), doc.validate(json.objectNode(), schema, strict), "an empty document is a document");
            var both = attribute.deepCopy().set("roles", json.arrayNode());
            assertTrue(!doc.validate(both, schema, strict).isEmpty(), "neither: " + both);
            var unknownKey = document.deepCopy().put("rbac", 1);
            assertTrue(!doc.validate(unknownKey, doc.schema("ConfigDocument"), strict).isEmpty(), "unknown key");
            var badAssignment = document.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) badAssignment.at("/assignments/alice")).putArray("roles").add(7);
            assertTrue(doc.validate(badAssignment, schema, strict).toString().contains("assignments.alice.roles[0]"),
                    "additionalProperties is checked: " + doc.validate(badAssignment, schema, strict));
        }
    }

    private static void assertSchemaListsExactly(String name, Map<String, Class<?>> components) {
        JsonNode schema = doc.schema(name);
        Set<String> documented = fieldNames(schema.path("properties"));
        assertEquals(new TreeSet<>(components.keySet()), documented, "properties of schema " + name);
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        assertTrue(components.keySet().containsAll(required), name + " requires a property the record lacks: " + required);
        components.forEach((property, type) -> {
            if (type.isPrimitive()) {
                assertTrue(required.contains(property), name + "." + property + " is a " + type + ", never absent: mark it required");
            }
        });
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** JSON property names of a record, as Jackson writes them. */
    private static Map<String, Class<?>> components(Class<?> record) {
        Map<String, Class<?>> components = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            JsonProperty renamed = component.getAnnotation(JsonProperty.class);
            if (renamed == null) {
                renamed = component.getAccessor().getAnnotation(JsonProperty.class);
            }
            components.put(renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value(), component.getType());
        }
        return components;
    }

    @Test
    void errorCodesAreTheOnesTheCodeAnswers() {
        Set<String> refusals = Arrays.stream(Refusal.values()).map(Refusal::code).collect(Collectors.toCollection(TreeSet::new));
        // Every code the extension can answer is a constant of ErrorCode.
        Set<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(codes, enumOf(doc.schema("Error").at("/properties/error")), "Error.error");
        assertEquals(refusals, enumOf(doc.schema("DecisionRep").at("/properties/refusal")), "DecisionRep.refusal");
        String description = doc.root().at("/info/description").asText();
        for (String code : codes) {
            assertTrue(description.contains(code), "info.description does not explain error code " + code);
        }
        String limit = String.format(Locale.ROOT, "%,d", StrictJson.MAX_CHARS);
        assertTrue(doc.root().at("/components/responses/TooLarge/description").asText().contains(limit),
                "TooLarge must state the limit " + limit);
    }

    private static Set<String> enumOf(JsonNode schema) {
        Set<String> values = new TreeSet<>();
        schema.path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    // --- field rules (Validation.java) -------------------------------------------------------

    @Test
    void lengthsAndThePermissionPatternAreTheValidationConstants() throws ReflectiveOperationException {
        assertEquals(Validation.MAX_NAME_LENGTH, doc.schema("RoleName").path("maxLength").asInt());
        assertEquals(Validation.MAX_NAME_LENGTH, doc.schema("PermissionName").path("maxLength").asInt());
        assertEquals(Validation.MAX_DESCRIPTION_LENGTH, doc.schema("Description").path("maxLength").asInt());
        assertEquals(Validation.MAX_ICON_LENGTH, doc.schema("Icon").path("maxLength").asInt());
        assertEquals(Validation.MAX_ICON_TOKENS, Integer.parseInt(
                doc.schema("Icon").path("pattern").asText().replaceAll(".*\\{0,(\\d+)}.*", "$1")) + 1);
        assertEquals(1, doc.schema("AdminRolePosition").path("minimum").asInt());
        assertEquals(0, doc.schema("VisualRolePosition").path("minimum").asInt(-1));
        Field field = Validation.class.getDeclaredField("PERMISSION_NAME");
        field.setAccessible(true);
        assertTrue(Modifier.isStatic(field.getModifiers()));
        assertEquals(((Pattern) field.get(null)).pattern(), doc.schema("PermissionName").path("pattern").asText());
    }

    /**
     * A client that follows the document is never refused for the shape of a field: whatever a
     * documented field rule accepts, Validation accepts too (the document may be stricter). Two
     * known gaps cannot be written as JSON Schema and are stated in the descriptions instead:
     * lengths count UTF-16 units, a role name's key must fit in 64 as well, and invisible or
     * text-direction characters are refused.
     */
    @Test
    void documentedFieldRulesNeverAcceptWhatTheServerRefuses() {
        String x64 = "x".repeat(64);
        assertNeverLooser("PermissionName", Validation::permissionName,
                List.of("a", "edit_recipes", "a.b:c-d_1", "m" + "x".repeat(63)),
                Arrays.asList(null, "", "A", "1abc", "_a", "ab cd", "manage users", "é", "a\n", "a/b", "m" + "x".repeat(64),
                        " a", "a "));
        assertNeverLooser("RoleName", Validation::roleName,
                List.of("Admin", "a", "@everyone", "Café crème", x64, " Admin ", "Two  spaces"),
                Arrays.asList(null, "", " ", "   ", "\t", "\n", "x".repeat(65), " " + x64, x64 + " ", "a\tb", "a\u0000",
                        "\u0000a", "a\u007Fb", "a\u0085b", "\u00A0", "\u2003", "a\nb"));
        assertNeverLooser("NewAdminRoleName", Validation::newRoleName,
                List.of("Admin", "@everyone2", "everyone", "@ everyone"),
                Arrays.asList(null, "@everyone", "@Everyone", " @EVERYONE ", "\u2003@everyone", "@everyone\u00A0", ""));
        assertNeverLooser("Description", Validation::description,
                Arrays.asList(null, "", "hello", "line\nbreak\ttab\r", "d".repeat(255)),
                List.of("d".repeat(256), "\u0007bell", "a\bb", "a\u000Bb", "a\fb", "a\u007F", "a\u0085", "\u0000", "\u001B[31m"));
        assertNeverLooser("Color", Validation::color,
                Arrays.asList(null, "", "#E67E22", "#e67e22", "#000000"),
                List.of("red", "#fff", "#GGGGGG", "E67E22", "#E67E22 ", " ", "#E67E2", "#E67E222", "#E67E22\n"));
        assertNeverLooser("Icon", Validation::icon,
                Arrays.asList(null, "", "fa-solid fa-crown", "fa-a fa-b fa-c fa-d", "fa-x", "fa-0-9"),
                List.of("fa-a fa-b fa-c fa-d fa-e", "fas fa-x", "<script>alert(1)</script>", "fa-x\" onmouseover=\"alert(1)",
                        "FA-A", "fa-", "fa-a\u00A0fa-b", " fa-a", "fa-a  fa-b", "fa-" + "a".repeat(300), "fa-a\tfa-b", " "));
        assertTrue(doc.schema("RoleName").path("description").asText().contains("name key must fit in 64"));
        assertTrue(doc.schema("RoleName").path("description").asText().contains("invisible or text-direction"));
        assertTrue(doc.root().at("/info/description").asText().contains("UTF-16"));
    }

    @Test
    void documentedPositionsNeverAcceptWhatTheServerRefuses() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        JsonNode schema = doc.schema("AdminRolePosition");
        for (Integer position : Arrays.asList(null, Integer.MIN_VALUE, -1, 0, 1, 2, 50, Integer.MAX_VALUE)) {
            boolean documented = doc.validate(position == null ? json.nullNode() : json.numberNode(position), schema, false).isEmpty();
            boolean server = accepts(() -> Validation.position(position));
            assertTrue(!documented || server, "position " + position + ": documented as valid, refused by Validation");
            assertEquals(position != null && position >= 1, documented, "position " + position);
        }
        assertTrue(!doc.validate(json.numberNode(1.5), schema, false).isEmpty(), "1.5 is not a position");
        assertTrue(!doc.validate(json.numberNode(1L << 40), schema, false).isEmpty(), "2^40 is not an int32");
        assertTrue(!doc.validate(json.textNode("3"), schema, false).isEmpty(), "\"3\" is not a position");
    }

    private static void assertNeverLooser(String schemaName, Consumer<String> server, List<String> valid, List<String> samples) {
        JsonNode schema = doc.schema(schemaName);
        List<String> problems = new ArrayList<>();
        for (String value : valid) {
            List<String> refused = doc.validate(node(value), schema, false);
            if (!refused.isEmpty()) {
                problems.add(schemaName + " refuses the valid " + show(value) + ": " + refused);
            }
            if (!accepts(() -> server.accept(value))) {
                problems.add("Validation refuses " + show(value) + ", listed as valid for " + schemaName);
            }
        }
        for (String value : samples) {
            if (doc.validate(node(value), schema, false).isEmpty() && !accepts(() -> server.accept(value))) {
                problems.add(schemaName + " accepts " + show(value) + " but Validation refuses it");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static boolean accepts(Runnable validation) {
        try {
            validation.run();
            return true;
        } catch (RbacException e) {
            return false;
        }
    }

    private static JsonNode node(String value) {
        return value == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(value);
    }

    private static String show(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : (value.length() > 40 ? value.substring(0, 37) + "..." : value).toCharArray()) {
            out.append(c < 0x20 || (c >= 0x7F && c <= 0xA0) || Character.isSpaceChar(c) && c != ' '
                    ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
