package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Organizations;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hierarchicalrbac.rest.OpenApiDocument;
import dev.hierarchicalrbac.rest.OpenApiDocument.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code docs/openapi.yaml} against the running server: every documented operation is called as an
 * owner with real ids (throwaway objects for changes) and must succeed with a status the document
 * lists and a body that conforms to the documented schema (required properties present, no
 * undocumented ones). The same operations are then probed with a bad token, as a plain user, with
 * unknown ids, with a wrong content type, a malformed body, a well-formed body that breaks a
 * documented rule, and query parameters out of their documented range: each answer must be a status
 * the document lists for that operation, with an error body of the documented shape. Every value of
 * a documented enum of a query parameter is called as an owner too ({@code /export?as=realm-attribute}).
 * {@code POST /import} is always a dry run here, and must change nothing.
 *
 * <p>An operation under {@code /organizations/{orgId}} is driven as its realm counterpart (the same
 * path without that prefix) on one organization's ladder: its roles, its members (every fresh user
 * is made a member), its owners.
 */
class OpenApiIT {

    static final String TEXT = "text/plain";
    static final String JSON_TYPE = "application/json";

    static Scenario s;
    static OpenApiDocument doc;
    static String heldVisualRole;
    static String viewLogs;
    static int counter;
    static int nextPosition = 100;
    /** The organization whose ladder the organization paths work on. */
    static String orgId;
    static final String ORG_PREFIX = "/organizations/{orgId}";
    /** Role ids of the organization's ladder by name. */
    static final Map<String, String> orgRoleIds = new LinkedHashMap<>();

    /** What one call sends. */
    record Call(String method, String path, String contentType, String body) {
        Call withPath(String newPath) {
            return new Call(method, newPath, contentType, body);
        }

        Call withBody(String newType, String newBody) {
            return new Call(method, path, newType, newBody);
        }
    }

    /** A body the documented request schema refuses, and the {@code field} the server must name. */
    record Broken(JsonNode body, String field) {
    }

    @BeforeAll
    static void setUp() {
        // -Dtest='OpenApi*' also picks this class for the unit-test run, where no server is booted.
        assumeTrue(System.getProperty("it.work.dir") != null, "an integration test: run it through failsafe (mvn verify)");
        doc = OpenApiDocument.load();
        s = Scenario.standard("openapi");
        viewLogs = s.permissionId("view_logs");
        // Optional fields filled in somewhere, so the response schemas are checked on them too.
        expect(200, s.master.put(s.api() + "/roles/" + s.roleId("Lowest"),
                object("description", "The lowest role", "color", "#a1b2c3", "icon", "fa-solid fa-feather")));
        heldVisualRole = expect(201, s.master.post(s.api() + "/visual-roles",
                object("name", "Shiny", "description", "Sparkles", "color", "#FFD700", "icon", "fa-solid fa-star", "position", 2)))
                .json().get("id").asText();
        expect(204, s.master.put(s.api() + "/users/" + s.userId("mod") + "/visual-roles/" + heldVisualRole, ""));
        // ... and left out somewhere: a custom permission without description, a bare visual role.
        expect(201, s.master.post(s.api() + "/permissions", object("name", "openapi.bare")));
        expect(201, s.master.post(s.api() + "/visual-roles", object("name", "Bare")));

        // An organization with a ladder like the realm's: Moderator (mod, mod2) and Lowest, members, an owner.
        Organizations.enable(s.master, s.realm);
        orgId = Organizations.create(s.master, s.realm, "openapi-org");
        for (String user : List.of("mod", "mod2", "helper", "plain", "curator")) {
            Organizations.addMember(s.master, s.realm, orgId, s.userId(user));
        }
        String org = s.api() + "/organizations/" + orgId;
        orgRoleIds.put("Moderator", expect(201, s.master.post(org + "/roles", object("name", "Moderator", "position", 20,
                "permissions", List.of("manage_roles", "manage_users")))).json().get("id").asText());
        orgRoleIds.put("Lowest", expect(201, s.master.post(org + "/roles", object("name", "Lowest", "position", 5,
                "description", "The organization's lowest", "color", "#0a0b0c", "icon", "fa-solid fa-seedling"))).json().get("id").asText());
        for (String user : List.of("mod", "mod2")) {
            expect(204, s.master.put(org + "/users/" + s.userId(user) + "/roles/" + orgRoleIds.get("Moderator"), ""));
        }
        expect(204, s.master.put(org + "/owners/" + s.userId("curator"), ""));
    }

    /** Whether the operation works on the organization's ladder. */
    private static boolean inOrganization(Operation op) {
        return op.path().startsWith(ORG_PREFIX + "/");
    }

    /** The operation's key on the realm's ladder: {@code PUT /organizations/{orgId}/roles/{id}} is {@code PUT /roles/{id}}. */
    private static String ladderKey(Operation op) {
        return inOrganization(op) ? op.method() + " " + op.path().substring(ORG_PREFIX.length()) : op.key();
    }

    /** The ladder's path under {@code /rbac}: the realm's, or the organization's. */
    private static String ladder(Operation op) {
        return inOrganization(op) ? "/organizations/" + orgId : "";
    }

    private static String roleId(Operation op, String name) {
        return inOrganization(op) ? orgRoleIds.get(name) : s.roleId(name);
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Integer>> seen = new TreeMap<>();
        AdminClient badToken = AdminClient.withToken(s.server.baseUrl(), "not-a-token");
        AdminClient plain = s.as("plain");
        List<Operation> operations = doc.operations();
        assertTrue(!operations.isEmpty(), "no operation documented");

        for (Operation op : operations) {
            Map<String, Integer> statuses = new LinkedHashMap<>();
            seen.put(op.key(), statuses);

            // The owner, real ids (throwaway ones for changes), valid input: a documented success with a conforming body.
            Call call = prepare(op, true, problems);
            String before = changesNothing(op) ? s.snapshot() : null;
            AdminClient.Response answer = send(s.master, call);
            statuses.put("owner", answer.status());
            if (answer.status() / 100 != 2) {
                problems.add(op.key() + " as an owner with valid input: " + answer + " (sent " + call + ")");
            }
            conforms(op, "owner", call, answer, problems);
            if (before != null && !before.equals(s.snapshot())) {
                problems.add(op.key() + " (owner): " + call + " changed the realm's configuration");
            }
            if (op.key().equals("POST /import") && answer.status() == 200) {
                dryRunAnswer(answer.json(), problems);
            }

            // The same operation with a token Keycloak rejects.
            answer = send(badToken, prepare(op, false, problems));
            statuses.put("bad token", answer.status());
            conforms(op, "bad token", null, answer, problems);

            // A plain user of the realm: no role, no permission.
            answer = send(plain, prepare(op, false, problems));
            statuses.put("plain user", answer.status());
            conforms(op, "plain user", null, answer, problems);

            // Every id unknown.
            if (!OpenApiDocument.templateNames(op.path()).isEmpty()) {
                Call unknown = prepare(op, false, problems).withPath(fill(op.path(), name -> "no-such-id"));
                answer = send(s.master, unknown);
                statuses.put("unknown ids", answer.status());
                conforms(op, "unknown ids", unknown, answer, problems);
            }

            // Bodies that are not acceptable JSON.
            if (op.hasRequestBody()) {
                Call valid = prepare(op, false, problems);
                answer = send(s.master, valid.withBody(TEXT, valid.body()));
                statuses.put("text/plain", answer.status());
                conforms(op, "text/plain body", valid, answer, problems);
                answer = send(s.master, valid.withBody(JSON_TYPE, "{\"unfinished\":"));
                statuses.put("malformed", answer.status());
                conforms(op, "malformed body", valid, answer, problems);

                // Well-formed JSON that breaks a documented rule: the document refuses it, and so must the server.
                Broken broken = brokenBody(op, existingIds(op));
                if (doc.requestSchema(op).map(schema -> doc.validate(broken.body(), schema, false).isEmpty()).orElse(true)) {
                    problems.add(op.key() + ": the documented request schema accepts the test's broken body " + broken.body());
                }
                before = changesNothing(op) ? s.snapshot() : null;
                answer = send(s.master, valid.withBody(JSON_TYPE, broken.body().toString()));
                statuses.put("broken", answer.status());
                conforms(op, "broken body", valid, answer, problems);
                if (answer.status() != 400 || !"invalid_input".equals(property(answer, "error"))
                        || !broken.field().equals(property(answer, "field"))) {
                    problems.add(op.key() + " (broken body " + broken.body() + "): expected 400 invalid_input naming "
                            + broken.field() + ", got " + answer);
                }
                if (before != null && !before.equals(s.snapshot())) {
                    problems.add(op.key() + " (broken body): a refused request changed the realm's configuration");
                }
            }

            // Query parameters out of their documented range.
            for (JsonNode parameter : doc.parameters(op)) {
                if (!"query".equals(parameter.path("in").asText())) {
                    continue;
                }
                String name = parameter.path("name").asText();
                JsonNode schema = doc.deref(parameter.path("schema"));
                String type = schema.path("type").asText();
                List<String> outside = new ArrayList<>();
                if (type.equals("integer") || type.equals("number") || type.equals("boolean")) {
                    outside.add("abc");
                }
                if (schema.has("minimum")) {
                    outside.add(Long.toString(schema.get("minimum").asLong() - 1));
                }
                if (schema.has("maximum")) {
                    outside.add(Long.toString(schema.get("maximum").asLong() + 1));
                }
                if (schema.has("enum")) {
                    outside.add("not-one-of-them");
                }
                for (String value : outside) {
                    Call paged = prepare(op, false, problems);
                    answer = send(s.master, paged.withPath(withQuery(paged.path(), name, value)));
                    statuses.put(name + "=" + value, answer.status());
                    conforms(op, name + "=" + value, paged, answer, problems);
                    if (answer.status() != 400 || !name.equals(property(answer, "field"))) {
                        problems.add(op.key() + " (" + name + "=" + value + "): expected 400 naming " + name + ", got " + answer);
                    }
                }
                // Every documented value works, for an owner.
                for (JsonNode allowed : schema.path("enum")) {
                    Call valid = prepare(op, true, problems);
                    answer = send(s.master, valid.withPath(withQuery(valid.path(), name, allowed.asText())));
                    statuses.put(name + "=" + allowed.asText(), answer.status());
                    if (answer.status() / 100 != 2) {
                        problems.add(op.key() + " as an owner with " + name + "=" + allowed.asText() + ": " + answer);
                    }
                    conforms(op, name + "=" + allowed.asText(), valid, answer, problems);
                }
            }
        }

        StringBuilder table = new StringBuilder("Statuses seen per documented operation (" + operations.size() + " operations, "
                + (System.nanoTime() - start) / 1_000_000 + " ms):\n");
        seen.forEach((key, statuses) -> table.append("  ").append(key).append("  ").append(statuses).append('\n'));
        System.out.println(table);
        assertTrue(problems.isEmpty(), problems.size() + " disagreement(s) between docs/openapi.yaml and the server:\n  "
                + String.join("\n  ", problems));
    }

    /** {@code ?as=realm-attribute} holds the very document {@code GET /export} answers, as one string. */
    @Test
    void theRealmAttributeHoldsTheExportedDocument() throws Exception {
        AdminClient.Response plain = expect(200, s.master.get(s.api() + "/export"));
        AdminClient.Response attribute = expect(200, s.master.get(s.api() + "/export?as=realm-attribute"));
        String compact = attribute.json().path("rbac.config").asText();
        JsonNode inner = JSON.readTree(compact);
        assertEquals(plain.json(), inner, "the attribute's string is the exported document");
        assertTrue(!compact.contains("\n"), "the attribute holds the compact form");
        List<String> problems = doc.validate(inner, doc.schema("ConfigDocument"), true);
        assertTrue(problems.isEmpty(), "the attribute's document breaks ConfigDocument: " + problems);
        assertEquals(plain.body(), expect(200, s.master.get(s.api() + "/export")).body(), "two exports are byte-identical");
    }

    // --- checking an answer against the document -----------------------------------------------

    /** A text property of a JSON answer; empty when absent or when the answer is not JSON. */
    private static String property(AdminClient.Response answer, String name) {
        try {
            return JSON.readTree(answer.body() == null ? "" : answer.body()).path(name).asText("");
        } catch (Exception notJson) {
            return "";
        }
    }

    /** {@code sent} is the call answered (its path gives a created resource's expected {@code Location}); null when no 201 is possible. */
    private void conforms(Operation op, String what, Call sent, AdminClient.Response answer, List<String> problems) {
        String where = op.key() + " (" + what + ")";
        int status = answer.status();
        if (!op.documents(status)) {
            problems.add(where + ": status " + status + " is not among the documented " + op.statuses() + ": " + answer);
            return;
        }
        JsonNode response = doc.response(op, status).orElseThrow();
        Optional<JsonNode> schema = doc.jsonSchema(response);
        String body = answer.body() == null ? "" : answer.body();
        if (schema.isPresent()) {
            if (body.isEmpty()) {
                // Keycloak may answer its own 401 without a body; the extension always writes one.
                if (status != 401) {
                    problems.add(where + ": documented a JSON body, got none");
                }
            } else if (!answer.header("Content-Type").orElse("").startsWith(JSON_TYPE)) {
                problems.add(where + ": documented application/json, got " + answer.header("Content-Type").orElse("no type") + ": " + answer);
            } else {
                // Strict for the extension's own bodies: an undocumented property is a disagreement too.
                for (String problem : doc.validate(answer.json(), schema.get(), status != 401)) {
                    problems.add(where + ": " + problem);
                }
            }
        } else if (!body.isEmpty()) {
            problems.add(where + ": documented no body for " + status + ", got " + answer);
        }
        JsonNode headers = response.path("headers");
        headers.fieldNames().forEachRemaining(header -> {
            Optional<String> value = answer.header(header);
            if (value.isEmpty()) {
                problems.add(where + ": header " + header + " is documented but missing");
            } else if (header.equals("Location") && status == 201) {
                String sentPath = sent == null ? op.path() : sent.path().replaceAll("\\?.*", "");
                String expected = s.server.baseUrl() + s.api() + sentPath + "/" + answer.json().path("id").asText();
                if (!value.get().equals(expected)) {
                    problems.add(where + ": Location " + value.get() + ", expected " + expected);
                }
            }
        });
    }

    /** Operations checked to leave the realm's configuration as it was, even for an owner: the dry-run import. */
    private static boolean changesNothing(Operation op) {
        return ladderKey(op).equals("POST /import");
    }

    /** The dry run of {@link #body}'s sample document: exactly these changes, and the unknown user. */
    private static void dryRunAnswer(JsonNode result, List<String> problems) {
        List<String> described = new ArrayList<>();
        result.path("changes").forEach(c -> described.add(c.path("action").asText() + " " + c.path("type").asText() + " "
                + c.path("name").asText() + (c.has("user") ? " @" + c.path("user").asText() : "")
                + (c.has("organization") ? " in " + c.path("organization").asText() : "")));
        List<String> expected = List.of("create permission openapi.imported", "create role OpenAPI imported",
                "create visualRole Imported badge", "assign role OpenAPI imported @plain", "assign visualRole Imported badge @plain",
                "create role OpenAPI org imported in openapi-org", "assign role OpenAPI org imported @plain in openapi-org",
                "assign owner helper in openapi-org");
        if (!result.path("dryRun").asBoolean(false) || result.path("prune").asBoolean(true) || !expected.equals(described)
                || !List.of("nobody-here").equals(strings(result.path("unknownUsers")))) {
            problems.add("POST /import?dryRun=true: expected a dry run with " + expected + " and unknownUsers [nobody-here], got " + result);
        }
    }

    /** {@code path} with one query parameter set (others kept): {@code /import?dryRun=true} → {@code /import?dryRun=true&prune=x}. */
    private static String withQuery(String path, String name, String value) {
        int q = path.indexOf('?');
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        query.put(name, value);
        StringBuilder out = new StringBuilder(q < 0 ? path : path.substring(0, q));
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            out.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return out.toString();
    }

    // --- preparing calls -------------------------------------------------------------------------

    private static AdminClient.Response send(AdminClient client, Call call) {
        return client.send(call.method(), s.api() + call.path(), call.contentType(), call.body());
    }

    /**
     * A valid call of the operation. Reads use the scenario's objects; with {@code fresh}, a change
     * works on throwaway objects made here (calls expected to be refused use the scenario's objects,
     * which is cheaper). Bodies are checked against the documented request schema before they are sent.
     */
    private Call prepare(Operation op, boolean fresh, List<String> problems) {
        boolean throwaway = fresh && !op.method().equals("GET");
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : OpenApiDocument.templateNames(op.path())) {
            values.put(name, idFor(op, name, !throwaway));
        }
        String path = fill(op.path(), values::get);
        if (ladderKey(op).equals("POST /import")) {
            // Never a real import here: the realm's configuration must stay as the scenario made it.
            path = withQuery(path, "dryRun", "true");
        }
        if (throwaway && op.method().equals("DELETE") && op.path().endsWith("/timeout")) {
            // Ending a time-out the user has, not a no-op.
            expect(200, s.master.put(s.api() + path, object("until", java.time.Instant.now().plusSeconds(3600).toString())));
        } else if (throwaway && op.method().equals("DELETE")
                && (ladderKey(op).startsWith("DELETE /users/") || ladderKey(op).startsWith("DELETE /owners/"))) {
            // Unassigning something the user holds (or ending an ownership they have), not a no-op.
            expect(204, s.master.put(s.api() + path, ""));
        }
        if (!op.hasRequestBody()) {
            return new Call(op.method(), path, null, null);
        }
        JsonNode body = body(op, values, throwaway);
        doc.requestSchema(op).ifPresent(schema -> doc.validate(body, schema, false)
                .forEach(problem -> problems.add(op.key() + ": the test's own sample body breaks the documented schema: " + problem)));
        return new Call(op.method(), path, JSON_TYPE, body.toString());
    }

    /** The scenario's ids for the operation's path, as calls expected to be refused use them. */
    private static Map<String, String> existingIds(Operation op) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : OpenApiDocument.templateNames(op.path())) {
            values.put(name, idFor(op, name, true));
        }
        return values;
    }

    private static String idFor(Operation op, String name, boolean existing) {
        String collection = ladderKey(op).split(" ")[1].split("/")[1];
        return switch (name) {
            case "orgId" -> orgId;
            case "userId" -> existing ? s.userId("mod") : freshUser(op);
            case "targetId" -> s.userId("helper");
            case "roleId" -> existing ? roleId(op, "Lowest") : freshRole(op);
            case "visualRoleId" -> existing ? heldVisualRole : freshVisualRole();
            case "id" -> switch (collection) {
                case "permissions" -> existing ? viewLogs : freshPermission();
                case "roles" -> existing ? roleId(op, op.path().endsWith("/users") ? "Moderator" : "Lowest") : freshRole(op);
                case "visual-roles" -> existing ? heldVisualRole : freshVisualRole();
                default -> throw new AssertionError("OpenApiIT does not know which id to put in " + op.key());
            };
            default -> throw new AssertionError("OpenApiIT does not know what to put for {" + name + "} in " + op.key());
        };
    }

    /** A valid body for each documented operation that takes one. */
    private static JsonNode body(Operation op, Map<String, String> ids, boolean throwaway) {
        Supplier<String> role = () -> throwaway ? freshRole(op) : roleId(op, "Lowest");
        Supplier<String> visualRole = () -> throwaway ? freshVisualRole() : heldVisualRole;
        int n = ++counter;
        Supplier<ArrayNode> array = JSON::createArrayNode;
        return switch (ladderKey(op)) {
            case "POST /permissions" -> object("name", "openapi.p" + n, "description", "Made by OpenApiIT");
            case "PUT /permissions/{id}" -> object("name", "openapi.renamed" + n, "description", "Edited\nby OpenApiIT");
            case "POST /roles" -> object("name", "OpenAPI role " + n, "position", nextPosition++, "description", "Made by OpenApiIT",
                    "color", "#12abEF", "icon", "fa-solid fa-star", "permissions", List.of("view_logs"));
            case "PUT /roles/{id}" -> object("id", ids.get("id"), "name", "OpenAPI edited " + n, "position", nextPosition++,
                    "description", "Edited", "color", "#000000", "icon", "fa-x", "permissions", List.of("view_logs", "manage_invites"));
            case "PUT /roles/positions" -> throwaway
                    ? array.get().add(object("id", freshRole(op), "position", nextPosition++)).add(object("id", freshRole(op), "position", nextPosition++))
                    : array.get().add(object("id", roleId(op, "Lowest"), "position", nextPosition++));
            case "POST /visual-roles" -> object("name", "OpenAPI visual " + n, "position", 3, "description", "Made by OpenApiIT",
                    "color", "#abcdef", "icon", "fa-solid fa-heart");
            case "PUT /visual-roles/{id}" -> object("id", ids.get("id"), "name", "OpenAPI visual edited " + n, "position", 4,
                    "color", null, "icon", "");
            case "PUT /users/{userId}/roles" -> array.get().add(role.get()).add(roleId(op, "Lowest"));
            case "PUT /users/{userId}/visual-roles" -> array.get().add(heldVisualRole).add(visualRole.get());
            case "POST /import" -> sampleDocument();
            case "POST /users/{userId}/disable", "POST /users/{userId}/enable", "POST /users/{userId}/logout" ->
                    object("reason", "Said by OpenApiIT");
            case "PUT /users/{userId}/timeout" -> object("until", java.time.Instant.now().plusSeconds(3600).toString(),
                    "reason", "Said by OpenApiIT");
            case "PUT /user-administration" -> object("enabled", true);
            default -> throw new AssertionError("OpenApiIT has no sample body for " + op.key() + "; add one");
        };
    }

    /**
     * A small configuration document: a permission, an admin role granted it, a visual role, both
     * given to {@code plain}, and a username the realm does not know; in the organization a role given
     * to {@code plain} and {@code helper} named owner. Imported here only as a dry run.
     */
    private static ObjectNode sampleDocument() {
        ObjectNode document = JSON.createObjectNode();
        document.putArray("permissions").add(object("name", "openapi.imported", "description", "From a document"));
        document.putArray("roles").add(object("name", "OpenAPI imported", "position", 7, "color", "#123456",
                "icon", "fa-solid fa-file-import", "permissions", List.of("openapi.imported", "view_logs")));
        document.putArray("visualRoles").add(object("name", "Imported badge", "position", 1));
        ObjectNode assignments = document.putObject("assignments");
        assignments.set("plain", object("roles", List.of("OpenAPI imported"), "visualRoles", List.of("Imported badge")));
        assignments.set("nobody-here", object("roles", List.of()));
        ObjectNode organization = document.putObject("organizations").putObject("openapi-org");
        organization.putArray("roles").add(object("name", "OpenAPI org imported", "position", 3, "permissions", List.of("openapi.imported")));
        organization.putArray("owners").add("helper");
        organization.putObject("assignments").set("plain", object("roles", List.of("OpenAPI org imported")));
        return document;
    }

    /** A well-formed body for each operation that reads one, breaking one documented rule, and the field at fault. */
    private static Broken brokenBody(Operation op, Map<String, String> ids) {
        Supplier<ArrayNode> array = JSON::createArrayNode;
        return switch (ladderKey(op)) {
            case "POST /permissions" -> new Broken(object("name", "Not A Permission Name"), "name");
            case "PUT /permissions/{id}" -> new Broken(object("description", "\u0007bell"), "description");
            case "POST /roles" -> new Broken(object("name", "Broken", "position", 1, "color", "red"), "color");
            case "PUT /roles/{id}" -> new Broken(object("id", ids.get("id"), "color", "red"), "color");
            case "PUT /roles/positions" -> new Broken(array.get().add(object("id", roleId(op, "Lowest"), "position", 0)), "position");
            case "POST /visual-roles" -> new Broken(object("name", "Broken", "icon", "fas fa-x"), "icon");
            case "PUT /visual-roles/{id}" -> new Broken(object("id", ids.get("id"), "position", -1), "position");
            case "PUT /users/{userId}/roles" -> new Broken(array.get().add(1), "roles");
            case "PUT /users/{userId}/visual-roles" -> new Broken(array.get().add(1), "visualRoles");
            case "POST /users/{userId}/disable", "POST /users/{userId}/enable", "POST /users/{userId}/logout" ->
                    new Broken(object("reason", 7), "reason");
            case "PUT /users/{userId}/timeout" -> new Broken(object("until", 7), "until");
            case "PUT /user-administration" -> new Broken(object("enabled", true, "scopes", List.of("manage", "delete")), "scopes");
            case "POST /import" -> {
                // Valid up to the last entry: refused whole, nothing of the rest applies.
                ObjectNode document = sampleDocument();
                ((ArrayNode) document.get("visualRoles")).add(object("name", "Broken", "color", "red"));
                yield new Broken(document, "visualRoles[1].color");
            }
            default -> throw new AssertionError("OpenApiIT has no broken sample body for " + op.key() + "; add one");
        };
    }

    private static String fill(String template, java.util.function.Function<String, String> value) {
        String path = template;
        for (String name : OpenApiDocument.templateNames(template)) {
            path = path.replace("{" + name + "}", value.apply(name));
        }
        return path;
    }

    // --- throwaway objects ---------------------------------------------------------------------

    /** A user without a password (hashing one would cost more than the rest of a call). */
    /** In an organization, the user is made a member of it (its roles and ownership are for members). */
    private static String freshUser(Operation op) {
        AdminClient.Response created = expect(201, s.master.post("/admin/realms/" + s.realm + "/users",
                object("username", "throwaway" + (++counter), "enabled", true)));
        String location = created.header("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (inOrganization(op)) {
            Organizations.addMember(s.master, s.realm, orgId, id);
        }
        return id;
    }

    /** A role of the operation's ladder. */
    private static String freshRole(Operation op) {
        return expect(201, s.master.post(s.api() + ladder(op) + "/roles",
                object("name", "Throwaway " + (++counter), "position", nextPosition++))).json().get("id").asText();
    }

    private static String freshVisualRole() {
        return expect(201, s.master.post(s.api() + "/visual-roles", object("name", "Throwaway visual " + (++counter))))
                .json().get("id").asText();
    }

    private static String freshPermission() {
        return expect(201, s.master.post(s.api() + "/permissions", object("name", "throwaway.p" + (++counter))))
                .json().get("id").asText();
    }
}
