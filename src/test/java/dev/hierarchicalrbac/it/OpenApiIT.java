package dev.hierarchicalrbac.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hierarchicalrbac.rest.OpenApiDocument;
import dev.hierarchicalrbac.rest.OpenApiDocument.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import static dev.hierarchicalrbac.it.AdminClient.JSON;
import static dev.hierarchicalrbac.it.AdminClient.expect;
import static dev.hierarchicalrbac.it.Api.object;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/openapi.yaml} against the running server: every documented operation is called as an
 * owner with real ids (throwaway objects for changes) and must succeed with a status the document
 * lists and a body that conforms to the documented schema (required properties present, no
 * undocumented ones). The same operations are then probed with a bad token, as a plain user, with
 * unknown ids, with a wrong content type, a malformed body and out-of-range paging: each answer must
 * be a status the document lists for that operation, with an error body of the documented shape.
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

    /** What one call sends. */
    record Call(String method, String path, String contentType, String body) {
        Call withPath(String newPath) {
            return new Call(method, newPath, contentType, body);
        }

        Call withBody(String newType, String newBody) {
            return new Call(method, path, newType, newBody);
        }
    }

    @BeforeAll
    static void setUp() {
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
            AdminClient.Response answer = send(s.master, call);
            statuses.put("owner", answer.status());
            if (answer.status() / 100 != 2) {
                problems.add(op.key() + " as an owner with valid input: " + answer + " (sent " + call + ")");
            }
            conforms(op, "owner", answer, problems);

            // The same operation with a token Keycloak rejects.
            answer = send(badToken, prepare(op, false, problems));
            statuses.put("bad token", answer.status());
            conforms(op, "bad token", answer, problems);

            // A plain user of the realm: no role, no permission.
            answer = send(plain, prepare(op, false, problems));
            statuses.put("plain user", answer.status());
            conforms(op, "plain user", answer, problems);

            // Every id unknown.
            if (!OpenApiDocument.templateNames(op.path()).isEmpty()) {
                Call unknown = prepare(op, false, problems).withPath(fill(op.path(), name -> "no-such-id"));
                answer = send(s.master, unknown);
                statuses.put("unknown ids", answer.status());
                conforms(op, "unknown ids", answer, problems);
            }

            // Bodies that are not acceptable JSON.
            if (op.hasRequestBody()) {
                Call valid = prepare(op, false, problems);
                answer = send(s.master, valid.withBody(TEXT, valid.body()));
                statuses.put("text/plain", answer.status());
                conforms(op, "text/plain body", answer, problems);
                answer = send(s.master, valid.withBody(JSON_TYPE, "{\"unfinished\":"));
                statuses.put("malformed", answer.status());
                conforms(op, "malformed body", answer, problems);
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
                for (String value : outside) {
                    Call paged = prepare(op, false, problems);
                    answer = send(s.master, paged.withPath(paged.path() + "?" + name + "=" + value));
                    statuses.put(name + "=" + value, answer.status());
                    conforms(op, name + "=" + value, answer, problems);
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

    // --- checking an answer against the document -----------------------------------------------

    private void conforms(Operation op, String what, AdminClient.Response answer, List<String> problems) {
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
                String expected = s.server.baseUrl() + s.api() + op.path() + "/" + answer.json().path("id").asText();
                if (!value.get().equals(expected)) {
                    problems.add(where + ": Location " + value.get() + ", expected " + expected);
                }
            }
        });
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
        if (throwaway && op.method().equals("DELETE") && op.path().startsWith("/users/")) {
            // Unassigning something the user holds, not a no-op.
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

    private static String idFor(Operation op, String name, boolean existing) {
        String collection = op.path().split("/")[1];
        return switch (name) {
            case "userId" -> existing ? s.userId("mod") : freshUser();
            case "targetId" -> s.userId("helper");
            case "roleId" -> existing ? s.roleId("Lowest") : freshRole();
            case "visualRoleId" -> existing ? heldVisualRole : freshVisualRole();
            case "id" -> switch (collection) {
                case "permissions" -> existing ? viewLogs : freshPermission();
                case "roles" -> existing ? s.roleId(op.path().endsWith("/users") ? "Moderator" : "Lowest") : freshRole();
                case "visual-roles" -> existing ? heldVisualRole : freshVisualRole();
                default -> throw new AssertionError("OpenApiIT does not know which id to put in " + op.key());
            };
            default -> throw new AssertionError("OpenApiIT does not know what to put for {" + name + "} in " + op.key());
        };
    }

    /** A valid body for each documented operation that takes one. */
    private static JsonNode body(Operation op, Map<String, String> ids, boolean throwaway) {
        Supplier<String> role = () -> throwaway ? freshRole() : s.roleId("Lowest");
        Supplier<String> visualRole = () -> throwaway ? freshVisualRole() : heldVisualRole;
        int n = ++counter;
        Supplier<ArrayNode> array = JSON::createArrayNode;
        return switch (op.key()) {
            case "POST /permissions" -> object("name", "openapi.p" + n, "description", "Made by OpenApiIT");
            case "PUT /permissions/{id}" -> object("name", "openapi.renamed" + n, "description", "Edited\nby OpenApiIT");
            case "POST /roles" -> object("name", "OpenAPI role " + n, "position", nextPosition++, "description", "Made by OpenApiIT",
                    "color", "#12abEF", "icon", "fa-solid fa-star", "permissions", List.of("view_logs"));
            case "PUT /roles/{id}" -> object("id", ids.get("id"), "name", "OpenAPI edited " + n, "position", nextPosition++,
                    "description", "Edited", "color", "#000000", "icon", "fa-x", "permissions", List.of("view_logs", "manage_invites"));
            case "PUT /roles/positions" -> throwaway
                    ? array.get().add(object("id", freshRole(), "position", nextPosition++)).add(object("id", freshRole(), "position", nextPosition++))
                    : array.get().add(object("id", s.roleId("Lowest"), "position", nextPosition++));
            case "POST /visual-roles" -> object("name", "OpenAPI visual " + n, "position", 3, "description", "Made by OpenApiIT",
                    "color", "#abcdef", "icon", "fa-solid fa-heart");
            case "PUT /visual-roles/{id}" -> object("id", ids.get("id"), "name", "OpenAPI visual edited " + n, "position", 4,
                    "color", null, "icon", "");
            case "PUT /users/{userId}/roles" -> array.get().add(role.get()).add(s.roleId("Lowest"));
            case "PUT /users/{userId}/visual-roles" -> array.get().add(heldVisualRole).add(visualRole.get());
            default -> throw new AssertionError("OpenApiIT has no sample body for " + op.key() + "; add one");
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
    private static String freshUser() {
        AdminClient.Response created = expect(201, s.master.post("/admin/realms/" + s.realm + "/users",
                object("username", "throwaway" + (++counter), "enabled", true)));
        String location = created.header("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String freshRole() {
        return expect(201, s.master.post(s.api() + "/roles",
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
