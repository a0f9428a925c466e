package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Kcadm;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.Api.names;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.refused;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration as a file (design §6): export, import, dry run, prune, and one-file realm setup. */
class TransferIT {

    static Scenario a;

    @BeforeAll
    static void configureRealmA() {
        a = Scenario.standard("transfer-a");
        ok(201, a.master.post(a.api() + "/permissions", object("name", "edit_recipes", "description", "Recipes")));
        ok(200, a.master.put(a.api() + "/roles/" + a.roleId("Helper"),
                object("color", "#2ECC71", "icon", "fa-solid fa-handshake-angle", "permissions", List.of("manage_users", "edit_recipes"))));
        ok(200, a.master.put(a.api() + "/roles/" + a.roleId("@everyone"), object("permissions", List.of("view_logs"))));
        String vip = ok(201, a.master.post(a.api() + "/visual-roles", object("name", "VIP", "color", "#F39C12", "position", 2))).json().get("id").asText();
        String friend = ok(201, a.master.post(a.api() + "/visual-roles", object("name", "Friend", "position", 1))).json().get("id").asText();
        ok(204, a.master.put(a.api() + "/users/" + a.userId("plain") + "/visual-roles/" + vip, ""));
        ok(204, a.master.put(a.api() + "/users/" + a.userId("helper") + "/visual-roles/" + friend, ""));
        ok(204, a.master.put(a.api() + "/users/" + a.userId("helper") + "/roles/" + a.roleId("Lowest"), ""));
    }

    /** A realm with the same usernames as A, and nothing configured. */
    static Scenario sameUsersAs(String prefix) {
        Scenario b = Scenario.empty(prefix);
        for (String user : List.of("admin", "mod", "mod2", "curator", "helper", "plain", "viewer")) {
            b.user(user);
        }
        return b;
    }

    static String export(Scenario s) {
        return ok(200, s.master.get(s.api() + "/export")).body();
    }

    static JsonNode importDocument(Scenario s, String document, String query) {
        return ok(200, s.master.send("POST", s.api() + "/import" + query, "application/json", document)).json();
    }

    @Test
    void roundTripIntoAFreshRealmGivesAnIdenticalDocument() {
        String exported = export(a);
        assertEquals(exported, export(a), "two exports of the same state are byte-identical");
        Scenario b = sameUsersAs("transfer-b");
        JsonNode result = importDocument(b, exported, "");
        assertTrue(result.get("unknownUsers").isEmpty(), result.toString());
        assertEquals(exported, export(b));
        // Idempotent: the same document again changes nothing.
        assertEquals(0, importDocument(b, exported, "").get("changes").size());
        // The realm B really holds it: helper's effective permissions there.
        JsonNode access = ok(200, b.master.get(b.api() + "/users/" + b.userId("helper") + "/permissions")).json();
        assertEquals(List.of("edit_recipes", "manage_users", "view_logs"), strings(access.get("permissions")));
    }

    @Test
    void aDryRunChangesNothingAndListsExactlyWhatTheImportThenDoes() {
        Scenario b = sameUsersAs("transfer-dry");
        String before = b.snapshot();
        JsonNode dry = importDocument(b, export(a), "?dryRun=true");
        assertTrue(dry.get("dryRun").asBoolean());
        assertTrue(dry.get("changes").size() > 10, dry.toString());
        assertEquals(before, b.snapshot(), "a dry run changes nothing");
        JsonNode real = importDocument(b, export(a), "");
        assertEquals(dry.get("changes"), real.get("changes"));
        assertNotEquals(before, b.snapshot());
    }

    @Test
    void pruneRemovesExactlyWhatTheDocumentDoesNotName() {
        Scenario b = sameUsersAs("transfer-prune");
        String document = export(a);
        importDocument(b, document, "");
        String extraRole = b.role("Extra", 77, "view_logs");
        ok(201, b.master.post(b.api() + "/permissions", object("name", "extra.perm")));
        String extraVisual = ok(201, b.master.post(b.api() + "/visual-roles", object("name", "Extra badge"))).json().get("id").asText();
        ok(204, b.master.put(b.api() + "/users/" + b.userId("viewer") + "/visual-roles/" + extraVisual, ""));
        ok(204, b.master.put(b.api() + "/users/" + b.userId("plain") + "/roles/" + b.roleId("Lowest"), ""));

        JsonNode withoutPrune = importDocument(b, document, "?dryRun=true");
        assertEquals(0, withoutPrune.get("changes").size(), "without prune, extras stay: " + withoutPrune);
        JsonNode dry = importDocument(b, document, "?dryRun=true&prune=true");
        List<String> described = new java.util.ArrayList<>();
        dry.get("changes").forEach(c -> described.add(c.get("action").asText() + " " + c.get("type").asText() + " "
                + c.get("name").asText() + (c.has("user") ? " @" + c.get("user").asText() : "")));
        assertEquals(List.of("delete role Extra", "delete visualRole Extra badge", "unassign role Lowest @plain",
                "delete permission extra.perm"), described);
        importDocument(b, document, "?prune=true");
        assertEquals(document, export(b));
        refused(404, "not_found", b.master.get(b.api() + "/roles/" + extraRole));
    }

    @Test
    void aDocumentWithABadEntryAtTheEndIsRefusedWholeAndChangesNothing() throws Exception {
        Scenario b = sameUsersAs("transfer-bad");
        String before = b.snapshot();
        ObjectNode document = (ObjectNode) JSON.readTree(export(a));
        ((ArrayNode) document.get("visualRoles")).addObject().put("name", "Broken").put("color", "red");
        AdminClient.Response response = b.master.send("POST", b.api() + "/import", "application/json", document.toString());
        refused(400, "invalid_input", response);
        assertEquals("visualRoles[2].color", response.json().get("field").asText());
        assertEquals(before, b.snapshot());

        ObjectNode duplicate = (ObjectNode) JSON.readTree(export(a));
        ((ArrayNode) duplicate.get("roles")).addObject().put("name", "Twin").put("position", 50);
        refused(400, "invalid_input", b.master.send("POST", b.api() + "/import", "application/json", duplicate.toString()));
        ObjectNode unknownPermission = (ObjectNode) JSON.readTree(export(a));
        ((ArrayNode) unknownPermission.get("roles")).addObject().put("name", "Odd").put("position", 3)
                .putArray("permissions").add("no_such_permission");
        AdminClient.Response unknown = b.master.send("POST", b.api() + "/import", "application/json", unknownPermission.toString());
        refused(400, "invalid_input", unknown);
        assertEquals("roles[6].permissions", unknown.json().get("field").asText(), "the error names its place");
        assertEquals(before, b.snapshot());
    }

    @Test
    void aPositionHeldByARoleTheDocumentDoesNotNameIsAConflict() {
        Scenario b = sameUsersAs("transfer-conflict");
        b.role("Squatter", 50);
        String before = b.snapshot();
        refused(409, "conflict", b.master.send("POST", b.api() + "/import", "application/json", export(a)));
        assertEquals(before, b.snapshot());
    }

    @Test
    void unknownUsernamesAreReportedNotDropped() throws Exception {
        Scenario b = Scenario.empty("transfer-users");
        b.user("helper");
        JsonNode result = importDocument(b, export(a), "");
        assertEquals(List.of("mod", "mod2", "plain", "curator", "admin").stream().sorted().toList(),
                strings(result.get("unknownUsers")).stream().sorted().toList());
        assertEquals(List.of("Helper", "Lowest"), names(ok(200, b.master.get(b.api() + "/users/" + b.userId("helper") + "/roles")).json()));
    }

    @Test
    void onlyOwnersExportAndImport() {
        refused(403, "owner_only", a.as("admin").get(a.api() + "/export"));
        String before = a.snapshot();
        refused(403, "owner_only", a.as("admin").send("POST", a.api() + "/import", "application/json", "{\"roles\":[]}"));
        assertEquals(before, a.snapshot());
        ok(200, a.as("owner").get(a.api() + "/export"));
    }

    @Test
    void theDemoRealmWasSetUpAtBootFromItsAttribute() {
        AdminClient admin = a.server.admin();
        JsonNode roles = ok(200, admin.get("/admin/realms/demo/rbac/roles")).json();
        List<String> names = names(roles);
        assertTrue(names.containsAll(List.of("Master", "Admin", "Moderator", "Helper", "@everyone")), names.toString());
        assertEquals(List.of("Friend", "Family", "VIP").stream().sorted().toList(),
                names(ok(200, admin.get("/admin/realms/demo/rbac/visual-roles")).json()).stream().sorted().toList());
        AdminClient alice = AdminClient.signIn(a.server.baseUrl(), "demo", "demo-app", "alice", "alice");
        JsonNode me = ok(200, alice.get("/admin/realms/demo/rbac/me")).json();
        assertEquals(List.of("Moderator"), names(me.get("roles")));
        assertEquals(List.of("VIP"), names(me.get("visualRoles")));
        assertEquals(20, me.get("highestPosition").asInt());
        JsonNode realm = ok(200, admin.get("/admin/realms/demo")).json();
        assertFalse(realm.path("attributes").has("rbac.config"), "the attribute is removed once applied");
    }

    @Test
    void aRealmCreatedThroughTheAdminApiWithTheAttributeIsConfigured() {
        String attribute = ok(200, a.master.get(a.api() + "/export?as=realm-attribute")).json().get("rbac.config").asText();
        String realm = "from-file-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode representation = object("realm", realm, "enabled", true);
        representation.putObject("attributes").put("rbac.config", attribute);
        ArrayNode users = representation.putArray("users");
        for (String user : List.of("helper", "plain")) {
            users.addObject().put("username", user).put("enabled", true);
        }
        AdminClient admin = a.server.admin();
        ok(201, admin.post("/admin/realms", representation));
        String base = "/admin/realms/" + realm + "/rbac";
        assertTrue(names(ok(200, admin.get(base + "/roles")).json()).containsAll(List.of("Moderator", "Helper", "Lowest")));
        JsonNode helper = ok(200, admin.get("/admin/realms/" + realm + "/users?username=helper&exact=true")).json().get(0);
        assertEquals(List.of("Helper", "Lowest"), names(ok(200, admin.get(base + "/users/" + helper.get("id").asText() + "/roles")).json()));
        assertFalse(ok(200, admin.get("/admin/realms/" + realm)).json().path("attributes").has("rbac.config"));
        admin.deleteRealm(realm);
    }

    @Test
    void aRealmFileWithABrokenAttributeIsRefused() {
        String realm = "broken-file-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode representation = object("realm", realm, "enabled", true);
        representation.putObject("attributes").put("rbac.config", "{\"roles\":[{\"name\":\"X\",\"position\":-4}]}");
        AdminClient admin = a.server.admin();
        int status = admin.post("/admin/realms", representation).status();
        assertTrue(status >= 400 && status < 600 && status != 201, "status " + status);
        assertEquals(404, admin.get("/admin/realms/" + realm).status(), "no half-made realm is left behind");
    }

    @Test
    void kcadmImportsAFileAsARealmOperatorWould() throws Exception {
        Scenario b = sameUsersAs("transfer-kcadm");
        Path file = Files.createTempFile("rbac", ".json");
        Files.writeString(file, export(a));
        Kcadm.signIn(b.server).run("create", "rbac/import", "-r", b.realm, "-f", file.toString());
        assertEquals(export(a), export(b));
    }
}
