package dev.hierarchicalrbac.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Organizations;
import dev.hierarchicalrbac.it.support.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.hierarchicalrbac.it.support.AdminClient.JSON;
import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.Api.names;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.refused;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Organization ladders in the configuration file (design §6 and §10): keyed by alias, so a file
 * moves between environments whose organizations have other ids; dry run, prune and every refusal
 * all-or-nothing, as for the realm's part.
 *
 * <p>The source realm: custom permission {@code edit_recipes}, realm role Master (100) held by
 * carol. Acme: Admin 50 (bob), Mod 20 (alice), {@code @everyone} with {@code view_logs}, owner olga.
 * Globex: Boss 80 with colour and icon (gina, also its owner). Initech: no roles. zed is in no
 * organization.
 */
class OrganizationTransferIT {

    static final List<String> USERS = List.of("olga", "alice", "bob", "carol", "gina", "zed");
    static final Map<String, List<String>> MEMBERS = new LinkedHashMap<>();

    static {
        MEMBERS.put("acme", List.of("olga", "alice", "bob", "carol"));
        MEMBERS.put("globex", List.of("gina", "olga"));
        MEMBERS.put("initech", List.of("carol"));
    }

    /** A realm with Organizations on, the cast and the three organizations with their members, and no ladders. */
    record Environment(Scenario s, Map<String, String> orgIds) {
        String org(String alias) {
            return s.api() + "/organizations/" + orgIds.get(alias);
        }

        String export() {
            return ok(200, s.master.get(s.api() + "/export")).body();
        }

        AdminClient.Response importing(String document, String query) {
            return s.master.send("POST", s.api() + "/import" + query, "application/json", document);
        }

        JsonNode imported(String document, String query) {
            return ok(200, importing(document, query)).json();
        }

        /** Everything the extension stores for the realm and each organization, read through the API. */
        String snapshot() {
            StringBuilder all = new StringBuilder(s.snapshot());
            orgIds.keySet().stream().sorted().forEach(alias -> {
                all.append(alias).append(expect(200, s.master.get(org(alias) + "/roles")).body());
                all.append(expect(200, s.master.get(org(alias) + "/owners")).body());
                s.userIds.values().stream().sorted().forEach(id ->
                        all.append(expect(200, s.master.get(org(alias) + "/users/" + id + "/roles")).body()));
            });
            return all.toString();
        }
    }

    static Environment source;

    static Environment environment(String prefix) {
        Scenario s = Scenario.empty(prefix);
        USERS.forEach(s::user);
        Organizations.enable(s.master, s.realm);
        Map<String, String> ids = new LinkedHashMap<>();
        MEMBERS.forEach((alias, members) -> {
            String id = Organizations.create(s.master, s.realm, alias);
            ids.put(alias, id);
            members.forEach(user -> Organizations.addMember(s.master, s.realm, id, s.userId(user)));
        });
        return new Environment(s, ids);
    }

    @BeforeAll
    static void configureTheSource() {
        source = environment("org-transfer");
        Scenario s = source.s();
        ok(201, s.master.post(s.api() + "/permissions", object("name", "edit_recipes", "description", "Recipes")));
        s.role("Master", 100, "manage_roles");
        ok(204, s.master.put(s.api() + "/users/" + s.userId("carol") + "/roles/" + s.roleId("Master"), ""));
        String admin = orgRole("acme", object("name", "Admin", "position", 50, "permissions", List.of("manage_roles", "manage_users")));
        String mod = orgRole("acme", object("name", "Mod", "position", 20, "description", "Keeps it friendly",
                "permissions", List.of("edit_recipes")));
        String boss = orgRole("globex", object("name", "Boss", "position", 80, "color", "#E67E22", "icon", "fa-solid fa-crown",
                "permissions", List.of("manage_users")));
        ok(200, s.master.put(source.org("acme") + "/roles/" + everyone(source, "acme"), object("permissions", List.of("view_logs"))));
        assign(source, "acme", "bob", admin);
        assign(source, "acme", "alice", mod);
        assign(source, "globex", "gina", boss);
        ok(204, s.master.put(source.org("acme") + "/owners/" + s.userId("olga"), ""));
        ok(204, s.master.put(source.org("globex") + "/owners/" + s.userId("gina"), ""));
    }

    static String orgRole(String alias, ObjectNode body) {
        return ok(201, source.s().master.post(source.org(alias) + "/roles", body)).json().get("id").asText();
    }

    static void assign(Environment e, String alias, String user, String roleId) {
        ok(204, e.s().master.put(e.org(alias) + "/users/" + e.s().userId(user) + "/roles/" + roleId, ""));
    }

    static String everyone(Environment e, String alias) {
        for (JsonNode role : ok(200, e.s().master.get(e.org(alias) + "/roles")).json()) {
            if (role.get("everyone").asBoolean()) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("no @everyone in " + alias);
    }

    static String roleId(Environment e, String alias, String name) {
        for (JsonNode role : ok(200, e.s().master.get(e.org(alias) + "/roles")).json()) {
            if (role.get("name").asText().equals(name)) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("no role " + name + " in " + alias);
    }

    static List<String> described(JsonNode result) {
        List<String> described = new ArrayList<>();
        result.get("changes").forEach(c -> described.add(c.get("action").asText() + " " + c.get("type").asText() + " "
                + c.get("name").asText() + (c.has("user") ? " @" + c.get("user").asText() : "")
                + (c.has("organization") ? " in " + c.get("organization").asText() : "")));
        return described;
    }

    static ObjectNode document(Environment e) throws Exception {
        return (ObjectNode) JSON.readTree(e.export());
    }

    @Test
    void theExportNamesEachOrganizationByAliasWithItsLadderOwnersAndMembers() throws Exception {
        String exported = source.export();
        System.out.println("OrganizationTransferIT: the source's export\n" + exported);
        assertEquals(exported, source.export(), "two exports of the same state are byte-identical");
        JsonNode organizations = JSON.readTree(exported).get("organizations");
        assertEquals(List.of("acme", "globex", "initech"), fieldNames(organizations));
        JsonNode acme = organizations.get("acme");
        assertEquals(List.of("Admin", "Mod", "@everyone"), names(acme.get("roles")));
        assertEquals(List.of("view_logs"), strings(acme.get("roles").get(2).get("permissions")));
        assertEquals(List.of("olga"), strings(acme.get("owners")));
        assertEquals(List.of("alice", "bob"), fieldNames(acme.get("assignments")));
        assertEquals(List.of("Mod"), strings(acme.at("/assignments/alice/roles")));
        JsonNode boss = organizations.at("/globex/roles/0");
        assertEquals("#E67E22", boss.get("color").asText());
        assertEquals("fa-solid fa-crown", boss.get("icon").asText());
        assertEquals(List.of("@everyone"), names(organizations.at("/initech/roles")));
        assertEquals(List.of("carol"), fieldNames(JSON.readTree(exported).get("assignments")), "the realm's part keeps its own");
    }

    @Test
    void aRealmWithoutOrganizationsExportsNoOrganizationsKey() throws Exception {
        Scenario off = Scenario.empty("org-transfer-off");
        assertFalse(JSON.readTree(ok(200, off.master.get(off.api() + "/export")).body()).has("organizations"));
        Scenario none = Scenario.empty("org-transfer-none");
        Organizations.enable(none.master, none.realm);
        JsonNode empty = JSON.readTree(ok(200, none.master.get(none.api() + "/export")).body()).get("organizations");
        assertTrue(empty.isObject() && empty.isEmpty(), "Organizations on, none there: " + empty);
    }

    @Test
    void theFileMovesToAnotherEnvironmentWhoseOrganizationsHaveOtherIds() {
        String exported = source.export();
        Environment target = environment("org-transfer-target");
        assertNotEquals(source.orgIds().get("acme"), target.orgIds().get("acme"));
        JsonNode result = target.imported(exported, "");
        assertTrue(result.get("unknownUsers").isEmpty(), result.toString());
        assertEquals(exported, target.export());
        assertEquals(0, target.imported(exported, "").get("changes").size(), "idempotent");
        assertEquals(0, target.imported(exported, "?prune=true").get("changes").size(), "idempotent with prune");
        // The target really holds it: bob is Acme's Admin there, with Acme's @everyone.
        JsonNode bob = ok(200, target.s().master.get(target.org("acme") + "/users/" + target.s().userId("bob") + "/permissions")).json();
        assertEquals(List.of("manage_roles", "manage_users", "view_logs"), strings(bob.get("permissions")));
        assertEquals(50, bob.get("highestPosition").asInt());
        JsonNode olga = ok(200, target.s().master.get(target.org("acme") + "/users/" + target.s().userId("olga") + "/permissions")).json();
        assertTrue(olga.get("owner").asBoolean(), "olga owns Acme there too: " + olga);
    }

    @Test
    void exportWipeImportGivesTheSameDocument() {
        Environment e = environment("org-transfer-wipe");
        String exported = source.export();
        e.imported(exported, "");
        String before = e.export();
        assertEquals(exported, before);
        // Wipe: a document naming no organization, with prune, leaves every ladder with its @everyone alone.
        JsonNode wipe = e.imported("{\"organizations\":{}}", "?prune=true");
        assertTrue(described(wipe).containsAll(List.of("delete role Admin in acme", "delete role Boss in globex",
                "unassign owner olga in acme", "unassign owner gina in globex")), described(wipe).toString());
        assertEquals(List.of("@everyone"), names(ok(200, e.s().master.get(e.org("acme") + "/roles")).json()));
        assertEquals(0, ok(200, e.s().master.get(e.org("acme") + "/owners")).json().size());
        assertNotEquals(before, e.export());
        e.imported(before, "");
        assertEquals(before, e.export());
    }

    @Test
    void aDryRunChangesNothingAndListsExactlyWhatTheImportThenDoes() {
        Environment e = environment("org-transfer-dry");
        String exported = source.export();
        e.export(); // ladders exist (@everyone), as after any request reaching the organizations
        String before = e.snapshot();
        JsonNode dry = e.imported(exported, "?dryRun=true");
        assertTrue(dry.get("dryRun").asBoolean());
        List<String> plan = described(dry);
        assertTrue(plan.containsAll(List.of("create role Admin in acme", "create role Mod in acme", "permissions role @everyone in acme",
                "assign role Mod @alice in acme", "assign owner olga in acme", "create role Boss in globex",
                "assign role Boss @gina in globex", "assign owner gina in globex")), plan.toString());
        assertEquals(before, e.snapshot(), "a dry run changes nothing");
        JsonNode real = e.imported(exported, "");
        assertEquals(dry.get("changes"), real.get("changes"));
        assertNotEquals(before, e.snapshot());
    }

    @Test
    void pruneRemovesWhatTheFileDoesNotNameOnlyWhenTheFileSpeaksOfOrganizations() throws Exception {
        Environment e = environment("org-transfer-prune");
        String exported = source.export();
        e.imported(exported, "");
        Scenario s = e.s();
        String extra = ok(201, s.master.post(e.org("acme") + "/roles", object("name", "Extra", "position", 5))).json().get("id").asText();
        assign(e, "acme", "carol", extra);
        assign(e, "acme", "olga", roleId(e, "acme", "Mod"));
        ok(204, s.master.put(e.org("acme") + "/owners/" + s.userId("bob"), ""));
        String intern = ok(201, s.master.post(e.org("initech") + "/roles", object("name", "Intern", "position", 1))).json().get("id").asText();
        assign(e, "initech", "carol", intern);

        assertEquals(0, e.imported(exported, "?dryRun=true").get("changes").size(), "without prune, extras stay");
        // A file that does not speak of organizations leaves them alone, even with prune.
        ObjectNode realmOnly = document(source);
        realmOnly.remove("organizations");
        assertTrue(described(e.imported(realmOnly.toString(), "?dryRun=true&prune=true")).stream().noneMatch(c -> c.contains(" in ")));

        // Initech left out of a file that speaks of organizations: with prune, its ladder goes too.
        ObjectNode withoutInitech = document(source);
        ((ObjectNode) withoutInitech.get("organizations")).remove("initech");
        JsonNode dry = e.imported(withoutInitech.toString(), "?dryRun=true&prune=true");
        assertEquals(List.of("delete role Extra in acme", "unassign role Mod @olga in acme", "unassign owner bob in acme",
                "delete role Intern in initech"), described(dry));
        e.imported(exported, "?prune=true");
        assertEquals(exported, e.export());
        refused(404, "not_found", s.master.get(e.org("acme") + "/roles/" + extra));
        assertEquals(List.of("@everyone"), names(ok(200, s.master.get(e.org("initech") + "/roles")).json()));
        assertEquals(List.of("olga"), ok(200, s.master.get(e.org("acme") + "/owners")).json().findValuesAsText("username"));
    }

    @Test
    void everyRefusalNamesItsPlaceAndChangesNothing() throws Exception {
        Environment e = environment("org-transfer-bad");
        e.export();
        String before = e.snapshot();

        ObjectNode unknownAlias = document(source);
        ((ObjectNode) unknownAlias.get("organizations")).set("nope", object("owners", List.of()));
        JsonNode body = refusal(e, unknownAlias, "organizations.nope");
        assertTrue(body.get("error_description").asText().contains("'nope'"), body.toString());

        ObjectNode notMember = document(source);
        ((ObjectNode) notMember.at("/organizations/globex/assignments")).set("zed", object("roles", List.of("Boss")));
        body = refusal(e, notMember, "organizations.globex.assignments.zed");
        String sentence = body.get("error_description").asText();
        assertTrue(sentence.contains("'zed'") && sentence.contains("'globex'"), body.toString());

        ObjectNode ownerNotMember = document(source);
        ((ArrayNode) ownerNotMember.at("/organizations/initech/owners")).add("alice");
        body = refusal(e, ownerNotMember, "organizations.initech.owners[0]");
        assertTrue(body.get("error_description").asText().contains("'alice'"), body.toString());

        ObjectNode realmRole = document(source);
        ((ObjectNode) realmRole.at("/organizations/acme/assignments")).set("carol", object("roles", List.of("Master")));
        refusal(e, realmRole, "organizations.acme.assignments.carol");

        ObjectNode badColour = document(source);
        ((ObjectNode) badColour.at("/organizations/globex/roles/0")).put("color", "orange");
        refusal(e, badColour, "organizations.globex.roles[0].color");

        ObjectNode twice = document(source);
        ((ArrayNode) twice.at("/organizations/acme/roles")).add(object("name", "Twin", "position", 20));
        refusal(e, twice, "organizations.acme.roles[3].position");

        String duplicateAlias = "{\"organizations\":{\"acme\":{},\"acme\":{}}}";
        AdminClient.Response duplicate = e.importing(duplicateAlias, "");
        refused(400, "invalid_input", duplicate);
        assertEquals("organizations.acme", duplicate.json().get("field").asText());

        // A position held by an Acme role the file does not name is a conflict in that ladder only.
        ok(201, e.s().master.post(e.org("acme") + "/roles", object("name", "Squatter", "position", 50)));
        String withSquatter = e.snapshot();
        AdminClient.Response conflict = e.importing(source.export(), "");
        refused(409, "conflict", conflict);
        assertEquals("organizations.acme.roles", conflict.json().get("field").asText());
        assertEquals(withSquatter, e.snapshot(), "nothing of the valid parts applied");
        ok(204, e.s().master.delete(e.org("acme") + "/roles/" + roleId(e, "acme", "Squatter")));
        assertEquals(before, e.snapshot(), "nothing of any refused document applied");
    }

    private static JsonNode refusal(Environment e, ObjectNode document, String field) {
        String before = e.snapshot();
        AdminClient.Response response = e.importing(document.toString(), "");
        refused(400, "invalid_input", response);
        assertEquals(field, response.json().get("field").asText(), response::toString);
        assertEquals(before, e.snapshot(), "a refused document changes nothing: " + field);
        return response.json();
    }

    @Test
    void aRealmWithOrganizationsOffRefusesOrganizationsButTakesAnEmptyObject() {
        Scenario off = Scenario.empty("org-transfer-disabled");
        String before = off.snapshot();
        AdminClient.Response response = off.master.send("POST", off.api() + "/import", "application/json",
                "{\"organizations\":{\"acme\":{}}}");
        refused(400, "invalid_input", response);
        assertEquals("organizations", response.json().get("field").asText());
        assertTrue(response.json().get("error_description").asText().contains("switched off"), response.toString());
        assertEquals(before, off.snapshot());
        JsonNode empty = ok(200, off.master.send("POST", off.api() + "/import?prune=true", "application/json",
                "{\"organizations\":{}}")).json();
        assertEquals(0, empty.get("changes").size(), empty.toString());
    }

    @Test
    void anOrganizationOwnerWhoIsNoRealmOwnerMayNeitherExportNorImport() {
        AdminClient olga = source.s().as("olga");
        refused(403, "owner_only", olga.get(source.s().api() + "/export"));
        String before = source.snapshot();
        refused(403, "owner_only", olga.send("POST", source.s().api() + "/import", "application/json", "{\"organizations\":{}}"));
        assertEquals(before, source.snapshot());
    }

    /**
     * A realm representation as a realm operator writes one: Organizations on, the cast as users,
     * the three organizations with their members (Keycloak's own {@code organizations} list), and
     * the extension's document in the attribute {@code rbac.config}.
     */
    static ObjectNode realmFile(String realm, String attribute) {
        ObjectNode representation = object("realm", realm, "enabled", true, "organizationsEnabled", true);
        representation.putObject("attributes").put("rbac.config", attribute);
        ArrayNode users = representation.putArray("users");
        USERS.forEach(user -> users.addObject().put("username", user).put("enabled", true));
        ArrayNode organizations = representation.putArray("organizations");
        MEMBERS.forEach((alias, members) -> {
            ObjectNode organization = organizations.addObject().put("alias", alias).put("name", alias).put("enabled", true);
            organization.putArray("domains").addObject().put("name", alias + "-" + realm + ".test");
            ArrayNode memberList = organization.putArray("members");
            members.forEach(user -> memberList.addObject().put("username", user).put("membershipType", "UNMANAGED"));
        });
        return representation;
    }

    static String organizationId(AdminClient admin, String realm, String alias) {
        for (JsonNode organization : ok(200, admin.get("/admin/realms/" + realm + "/organizations?search=" + alias + "&exact=true")).json()) {
            if (organization.get("alias").asText().equals(alias)) {
                return organization.get("id").asText();
            }
        }
        throw new AssertionError("realm " + realm + " has no organization " + alias);
    }

    /**
     * One-file realm setup with organizations: {@code export?as=realm-attribute} of a realm with
     * organization ladders, put into a realm file that also carries the organizations and their
     * members, creates a realm whose document equals the source's, and the attribute is gone.
     */
    @Test
    void aRealmFileCarriesItsOrganizationLadders() throws Exception {
        String attribute = ok(200, source.s().master.get(source.s().api() + "/export?as=realm-attribute")).json()
                .get("rbac.config").asText();
        String realm = "org-file-" + UUID.randomUUID().toString().substring(0, 8);
        AdminClient admin = source.s().server.admin();
        ok(201, admin.post("/admin/realms", realmFile(realm, attribute)));
        String base = "/admin/realms/" + realm + "/rbac";
        String acme = base + "/organizations/" + organizationId(admin, realm, "acme");
        assertEquals(List.of("Admin", "Mod", "@everyone"), names(ok(200, admin.get(acme + "/roles")).json()));
        JsonNode owners = ok(200, admin.get(acme + "/owners")).json();
        assertEquals(1, owners.size(), owners.toString());
        assertEquals("olga", owners.get(0).get("username").asText());
        String bob = ok(200, admin.get("/admin/realms/" + realm + "/users?username=bob&exact=true")).json().get(0).get("id").asText();
        assertEquals(List.of("Admin"), names(ok(200, admin.get(acme + "/users/" + bob + "/roles")).json()));
        assertEquals(List.of("Boss"), names(ok(200, admin.get(base + "/organizations/" + organizationId(admin, realm, "globex")
                + "/roles")).json()).stream().filter(n -> !n.equals("@everyone")).toList());
        assertEquals(JSON.readTree(attribute), JSON.readTree(ok(200, admin.get(base + "/export")).body()),
                "the round trip gives an equal realm");
        assertFalse(ok(200, admin.get("/admin/realms/" + realm)).json().path("attributes").has("rbac.config"),
                "the attribute is removed once applied");
        admin.deleteRealm(realm);
    }

    /**
     * An organization part that breaks a rule fails the realm's creation with the reason (Keycloak
     * answers {@code 400} with the extension's sentence), and no half-made realm is left behind:
     * an assignee who is no member, and an alias the file does not create.
     */
    @Test
    void aRealmFileWhoseOrganizationPartBreaksARuleIsRefused() throws Exception {
        ObjectNode nonMember = document(source);
        ((ObjectNode) nonMember.at("/organizations/acme/assignments")).putObject("zed").putArray("roles").add("Mod");
        refusedRealmFile(nonMember, "User 'zed' is not a member of organization 'acme'");
        ObjectNode unknownAlias = document(source);
        ((ObjectNode) unknownAlias.get("organizations")).putObject("umbrella");
        refusedRealmFile(unknownAlias, "has no organization with the alias 'umbrella'");
    }

    private static void refusedRealmFile(ObjectNode document, String reason) {
        String realm = "org-file-refused-" + UUID.randomUUID().toString().substring(0, 8);
        AdminClient admin = source.s().server.admin();
        AdminClient.Response response = admin.post("/admin/realms", realmFile(realm, document.toString()));
        assertEquals(400, response.status(), response::toString);
        assertTrue(response.body().contains("rbac.config") && response.body().contains(reason), response::toString);
        assertEquals(404, admin.get("/admin/realms/" + realm).status(), "no half-made realm is left behind");
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
