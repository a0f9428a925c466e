package dev.hierarchicalrbac.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Organizations;
import dev.hierarchicalrbac.it.support.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.Api.names;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Organization ladders (design §10) on Keycloak's real Organizations: two organizations with
 * different ladders, an organization owner who is no realm owner, members and non-members.
 *
 * <p>Acme: Admin 50, Mod 20, Helper 10; olga is its named owner, alice holds Mod, bob is a plain
 * member. Globex: Boss 80; gina holds it, olga is a plain member there. zed is in no organization;
 * carol holds the realm's Master (100) and is a member of Acme without a role there. omar is a
 * member and named owner of Globex only.
 */
class OrganizationsIT {

    static Scenario s;
    static String acme;
    static String globex;

    @BeforeAll
    static void scene() {
        s = Scenario.empty("orgs");
        s.role("Master", 100, "manage_roles", "manage_users", "manage_permissions");
        Organizations.enable(s.master, s.realm);
        acme = Organizations.create(s.master, s.realm, "acme");
        globex = Organizations.create(s.master, s.realm, "globex");
        for (String user : List.of("olga", "alice", "bob", "gina", "zed", "omar")) {
            s.user(user);
        }
        s.user("carol", "Master");
        for (String user : List.of("olga", "alice", "bob", "carol")) {
            Organizations.addMember(s.master, s.realm, acme, s.userId(user));
        }
        for (String user : List.of("olga", "gina", "omar")) {
            Organizations.addMember(s.master, s.realm, globex, s.userId(user));
        }
        orgRole(acme, "Admin", 50, "manage_roles", "manage_users");
        orgRole(acme, "Mod", 20, "manage_roles");
        orgRole(acme, "Helper", 10);
        orgRole(globex, "Boss", 80, "manage_roles", "manage_users");
        expect(204, s.master.put(org(acme) + "/owners/" + s.userId("olga"), ""));
        expect(204, s.master.put(org(globex) + "/owners/" + s.userId("omar"), ""));
        expect(204, s.master.put(org(acme) + "/users/" + s.userId("alice") + "/roles/" + s.roleIds.get("acme/Mod"), ""));
        expect(204, s.master.put(org(globex) + "/users/" + s.userId("gina") + "/roles/" + s.roleIds.get("globex/Boss"), ""));
    }

    static String org(String organizationId) {
        return s.api() + "/organizations/" + organizationId;
    }

    static void orgRole(String organizationId, String name, int position, String... permissions) {
        JsonNode created = expect(201, s.master.post(org(organizationId) + "/roles",
                object("name", name, "position", position, "permissions", List.of(permissions)))).json();
        s.roleIds.put((organizationId.equals(acme) ? "acme/" : "globex/") + name, created.get("id").asText());
    }

    static String role(String key) {
        return s.roleIds.get(key);
    }

    @Test
    void eachOrganizationListsItsOwnLadderWithItsOwnEveryone() {
        assertEquals(List.of("Admin", "Mod", "Helper", "@everyone"), names(ok(200, s.as("bob").get(org(acme) + "/roles")).json()));
        assertEquals(List.of("Boss", "@everyone"), names(ok(200, s.as("bob").get(org(globex) + "/roles")).json()));
        assertEquals(List.of("Master", "@everyone"), names(ok(200, s.as("bob").get(s.api() + "/roles")).json()));
        refused(404, "not_found", s.master.get(org(globex) + "/roles/" + role("acme/Admin")));
        refused(404, "not_found", s.master.get(s.api() + "/roles/" + role("acme/Admin")));
    }

    @Test
    void anOrganizationOwnerWhoIsNoRealmOwnerManagesTheWholeOrganization() {
        AdminClient olga = s.as("olga");
        JsonNode access = ok(200, olga.get(org(acme) + "/users/" + s.userId("olga") + "/permissions")).json();
        assertTrue(access.get("owner").asBoolean(), access.toString());
        String lead = ok(201, olga.post(org(acme) + "/roles", object("name", "Lead", "position", 60))).json().get("id").asText();
        ok(204, olga.put(org(acme) + "/users/" + s.userId("bob") + "/roles/" + lead, ""));
        ok(204, olga.delete(org(acme) + "/users/" + s.userId("bob") + "/roles/" + lead));
        ok(204, olga.delete(org(acme) + "/roles/" + lead));
    }

    @Test
    void anOrganizationOwnerIsNobodyInAnotherOrganizationNorInTheRealm() {
        AdminClient olga = s.as("olga");
        refused(403, "missing_permission", olga.post(org(globex) + "/roles", object("name", "Nope", "position", 1)));
        refused(403, "owner_only", olga.put(org(globex) + "/owners/" + s.userId("olga"), ""));
        refused(403, "missing_permission", olga.post(s.api() + "/roles", object("name", "Nope", "position", 1)));
        JsonNode access = ok(200, olga.get(org(globex) + "/users/" + s.userId("olga") + "/permissions")).json();
        assertEquals(false, access.get("owner").asBoolean());
    }

    @Test
    void aMemberManagesOnlyBelowTheirPositionInThatOrganization() {
        AdminClient alice = s.as("alice");
        ok(204, alice.put(org(acme) + "/users/" + s.userId("bob") + "/roles/" + role("acme/Helper"), ""));
        refused(403, "hierarchy", alice.put(org(acme) + "/users/" + s.userId("bob") + "/roles/" + role("acme/Mod"), ""));
        refused(403, "hierarchy", alice.put(org(acme) + "/users/" + s.userId("bob") + "/roles/" + role("acme/Admin"), ""));
        refused(403, "hierarchy", alice.post(org(acme) + "/roles", object("name", "Equal", "position", 20)));
        refused(403, "owner_protection", alice.put(org(acme) + "/users/" + s.userId("olga") + "/roles/" + role("acme/Helper"), ""));
        ok(204, alice.delete(org(acme) + "/users/" + s.userId("bob") + "/roles/" + role("acme/Helper")));
    }

    @Test
    void aRealmRoleNeverCountsInsideAnOrganizationNorTheReverse() {
        AdminClient carol = s.as("carol");
        refused(403, "missing_permission", carol.put(org(acme) + "/users/" + s.userId("bob") + "/roles/" + role("acme/Helper"), ""));
        JsonNode inAcme = ok(200, carol.get(org(acme) + "/users/" + s.userId("carol") + "/permissions")).json();
        assertEquals(0, inAcme.get("highestPosition").asInt());
        JsonNode inRealm = ok(200, s.as("gina").get(s.api() + "/users/" + s.userId("gina") + "/permissions")).json();
        assertEquals(0, inRealm.get("highestPosition").asInt(), "Globex's Boss is Globex's alone");
        refused(403, "missing_permission", s.as("gina").post(s.api() + "/roles", object("name", "Nope", "position", 1)));
    }

    @Test
    void organizationRolesAreForItsMembersOnly() {
        JsonNode body = expect(400, s.as("olga").put(org(acme) + "/users/" + s.userId("zed") + "/roles/" + role("acme/Helper"), "")).json();
        assertEquals("invalid_input", body.get("error").asText());
        assertTrue(body.get("error_description").asText().contains("'zed'"), body.toString());
        assertEquals(400, s.master.put(org(acme) + "/users/" + s.userId("gina") + "/roles", List.of(role("acme/Helper"))).status());
        assertEquals(400, s.master.put(org(acme) + "/owners/" + s.userId("zed"), "").status());
    }

    @Test
    void ownersAreListedAndNamedByOwnersOnly() {
        JsonNode owners = ok(200, s.as("bob").get(org(acme) + "/owners")).json();
        assertEquals("olga", owners.get(0).get("username").asText());
        refused(403, "owner_only", s.as("alice").put(org(acme) + "/owners/" + s.userId("bob"), ""));
        ok(204, s.as("olga").put(org(acme) + "/owners/" + s.userId("bob"), ""));
        ok(204, s.as("olga").delete(org(acme) + "/owners/" + s.userId("bob")));
        assertEquals(1, ok(200, s.master.get(org(acme) + "/owners")).json().size());
    }

    @Test
    void anOrganizationOfAnotherRealmIsUnknown() {
        Scenario other = Scenario.empty("orgs-other");
        Organizations.enable(other.master, other.realm);
        String foreign = Organizations.create(other.master, other.realm, "foreign");
        refused(404, "not_found", s.master.get(org(foreign) + "/roles"));
        refused(404, "not_found", s.master.get(org("no-such-organization") + "/roles"));
        refused(404, "not_found", s.as("olga").put(org(foreign) + "/owners/" + s.userId("olga"), ""));
    }

    @Test
    void aMemberWhoLeavesLosesTheirRolesThereAndADeletedOrganizationIsGone() {
        String temp = Organizations.create(s.master, s.realm, "temp");
        Organizations.addMember(s.master, s.realm, temp, s.userId("zed"));
        String crew = expect(201, s.master.post(org(temp) + "/roles", object("name", "Crew", "position", 5))).json().get("id").asText();
        ok(204, s.master.put(org(temp) + "/users/" + s.userId("zed") + "/roles/" + crew, ""));
        ok(204, s.master.put(org(temp) + "/owners/" + s.userId("zed"), ""));

        Organizations.removeMember(s.master, s.realm, temp, s.userId("zed"));
        assertEquals(0, ok(200, s.master.get(org(temp) + "/users/" + s.userId("zed") + "/roles")).json().size());
        assertEquals(0, ok(200, s.master.get(org(temp) + "/owners")).json().size());

        Organizations.delete(s.master, s.realm, temp);
        refused(404, "not_found", s.master.get(org(temp) + "/roles"));
    }

    @Test
    void changesAreAdminEventsUnderTheOrganizationsPath() {
        ok(204, s.master.put("/admin/realms/" + s.realm, object("adminEventsEnabled", true, "adminEventsDetailsEnabled", true)));
        String path = "rbac/organizations/" + globex + "/users/" + s.userId("olga") + "/roles/" + role("globex/Boss");
        ok(204, s.master.put(org(globex) + "/users/" + s.userId("olga") + "/roles/" + role("globex/Boss"), ""));
        ok(204, s.master.delete(org(globex) + "/users/" + s.userId("olga") + "/roles/" + role("globex/Boss")));
        List<String> seen = new java.util.ArrayList<>();
        for (JsonNode event : ok(200, s.master.get("/admin/realms/" + s.realm + "/admin-events?max=100")).json()) {
            if (path.equals(event.path("resourcePath").asText())) {
                seen.add(event.path("resourceType").asText() + " " + event.path("operationType").asText());
            }
        }
        assertTrue(seen.containsAll(List.of("RBAC_ASSIGNMENT CREATE", "RBAC_ASSIGNMENT DELETE")), seen.toString());
    }

    static List<String> aliases(JsonNode organizations) {
        List<String> aliases = new java.util.ArrayList<>();
        organizations.forEach(o -> aliases.add(o.get("alias").asText()));
        return aliases;
    }

    @Test
    void theOrganizationsListOffersEveryOrganizationToRealmWideReadersAndTheirOwnToOthers() {
        JsonNode all = ok(200, s.master.get(s.api() + "/organizations")).json();
        assertTrue(aliases(all).containsAll(List.of("acme", "globex")), all.toString());
        JsonNode first = all.get(0);
        assertEquals(3, first.size(), "id, alias and name: " + first);
        assertTrue(first.hasNonNull("id") && first.hasNonNull("name"), first.toString());
        assertTrue(aliases(ok(200, s.as("carol").get(s.api() + "/organizations")).json()).containsAll(List.of("acme", "globex")),
                "the realm's manage_roles reads the whole realm");
        assertEquals(List.of("globex"), aliases(ok(200, s.as("omar").get(s.api() + "/organizations")).json()),
                "an organization owner who is no realm owner sees their organization only");
        assertEquals(List.of("globex"), aliases(ok(200, s.as("gina").get(s.api() + "/organizations")).json()));
        assertEquals(List.of("acme", "globex"), aliases(ok(200, s.as("olga").get(s.api() + "/organizations")).json()));
        assertEquals(List.of(), aliases(ok(200, s.as("zed").get(s.api() + "/organizations")).json()));
        assertEquals(List.of("globex"), aliases(ok(200, s.as("olga").get(s.api() + "/organizations?first=1&max=1")).json()));
        JsonNode bad = expect(400, s.as("olga").get(s.api() + "/organizations?max=0")).json();
        assertEquals("max", bad.get("field").asText(), bad.toString());
    }

    @Test
    void withOrganizationsOffTheListIsEmpty() {
        Scenario off = Scenario.empty("orgs-off");
        assertEquals(0, ok(200, off.master.get(off.api() + "/organizations")).json().size());
    }

    @Test
    void meInAnOrganizationIsTheCallersAccessThere() {
        JsonNode omar = ok(200, s.as("omar").get(org(globex) + "/me")).json();
        assertTrue(omar.get("owner").asBoolean(), omar.toString());
        assertEquals("omar", omar.get("username").asText());
        assertEquals(0, omar.get("highestPosition").asInt());
        assertTrue(omar.has("roles") && omar.has("visualRoles") && omar.has("permissions"), omar.toString());
        JsonNode omarInAcme = ok(200, s.as("omar").get(org(acme) + "/me")).json();
        assertEquals(false, omarInAcme.get("owner").asBoolean(), "owner of Globex is nobody in Acme");
        assertEquals(0, omarInAcme.get("highestPosition").asInt());

        JsonNode gina = ok(200, s.as("gina").get(org(globex) + "/me")).json();
        assertEquals(false, gina.get("owner").asBoolean());
        assertEquals(80, gina.get("highestPosition").asInt());
        assertEquals(List.of("Boss"), names(gina.get("roles")));
        assertTrue(gina.get("permissions").toString().contains("manage_roles"), gina.toString());
        assertEquals(0, ok(200, s.as("gina").get(s.api() + "/me")).json().get("highestPosition").asInt(), "the realm's /me is the realm's");

        assertTrue(ok(200, s.master.get(org(acme) + "/me")).json().get("owner").asBoolean());
        Scenario other = Scenario.empty("orgs-me");
        Organizations.enable(other.master, other.realm);
        String foreign = Organizations.create(other.master, other.realm, "foreign");
        refused(404, "not_found", s.master.get(org(foreign) + "/me"));
    }
}
