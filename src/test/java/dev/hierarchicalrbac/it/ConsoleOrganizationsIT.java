package dev.hierarchicalrbac.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hierarchicalrbac.it.support.Browser;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.Organizations;
import dev.hierarchicalrbac.it.support.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.Api.names;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.ConsolePage.attr;
import static dev.hierarchicalrbac.it.support.ConsolePage.inRow;
import static dev.hierarchicalrbac.it.support.ConsolePage.row;
import static dev.hierarchicalrbac.it.support.ConsolePage.signInAsMasterAdmin;
import static dev.hierarchicalrbac.it.support.ConsolePage.open;
import static dev.hierarchicalrbac.it.support.ConsolePage.testId;
import static dev.hierarchicalrbac.it.support.ConsolePage.text;
import static dev.hierarchicalrbac.it.support.ConsolePage.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #14, the console: the Role hierarchy section works on one organization's ladder (design §10)
 * when its scope selector says so, and the scope is in the URL. Runs in the H2 pass only, like
 * {@code ConsoleIT}.
 *
 * <pre>
 *   Acme:    Chief 70, Admin 50 (mia), Helper 11, Newbie 10 (bob); olga is a named owner
 *   Globex:  Boss 80
 *   realm:   Realm Lead 90 — counts nowhere inside an organization
 * </pre>
 * mia, bob and olga are members of Acme only; mia and olga hold Keycloak's {@code view-realm} (the
 * console needs some admin role to load), which reads no user and so opens no other organization.
 */
class ConsoleOrganizationsIT {

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2 || Boolean.getBoolean("it.console.all-dbs"),
                "the console tests run in the H2 pass");
    }

    private static Scenario s;
    private static String acme;
    private static String globex;

    private static String org(String organizationId) {
        return s.api() + "/organizations/" + organizationId;
    }

    private static void orgRole(String organizationId, String name, int position, String... permissions) {
        JsonNode created = expect(201, s.master.post(org(organizationId) + "/roles",
                object("name", name, "position", position, "permissions", List.of(permissions)))).json();
        s.roleIds.put(organizationId + "/" + name, created.get("id").asText());
    }

    private static void scene(String prefix) {
        s = Scenario.empty(prefix);
        s.role("Realm Lead", 90, "manage_roles", "manage_users");
        Organizations.enable(s.master, s.realm);
        acme = Organizations.create(s.master, s.realm, "acme");
        globex = Organizations.create(s.master, s.realm, "globex");
        for (String user : List.of("mia", "bob", "olga")) {
            s.user(user);
            Organizations.addMember(s.master, s.realm, acme, s.userId(user));
        }
        orgRole(acme, "Chief", 70, "manage_roles", "manage_users", "view_logs");
        orgRole(acme, "Admin", 50, "manage_roles", "manage_users", "view_logs");
        orgRole(acme, "Helper", 11);
        orgRole(acme, "Newbie", 10);
        orgRole(globex, "Boss", 80, "manage_roles");
        expect(204, s.master.put(org(acme) + "/users/" + s.userId("mia") + "/roles/" + s.roleIds.get(acme + "/Admin"), ""));
        expect(204, s.master.put(org(acme) + "/users/" + s.userId("bob") + "/roles/" + s.roleIds.get(acme + "/Newbie"), ""));
        expect(204, s.master.put(org(acme) + "/owners/" + s.userId("olga"), ""));
        s.grantKeycloakRole("mia", "view-realm");
        s.grantKeycloakRole("olga", "view-realm");
    }

    /** Acme's roles by name and position, as the master admin reads them through the API. */
    private static Map<String, Integer> positions() {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (JsonNode r : ok(200, s.master.get(org(acme) + "/roles")).json()) {
            positions.put(r.get("name").asText(), r.get("position").asInt());
        }
        return positions;
    }

    /** Opens the scope selector and returns the scopes it offers ("realm" and organization ids). */
    private static Set<String> offeredScopes(Browser b) {
        b.click(testId("rbac-scope-toggle"));
        b.visible(By.cssSelector("[data-testid='rbac-scope-option'][data-scope='realm']"));
        Set<String> scopes = new TreeSet<>();
        b.driver.findElements(testId("rbac-scope-option")).forEach(o -> scopes.add(o.getAttribute("data-scope")));
        return scopes;
    }

    private static void pickScope(Browser b, String scope) {
        b.click(By.cssSelector("[data-testid='rbac-scope-option'][data-scope='" + scope + "']"));
        b.until(d -> scope.equals(attr(b, testId("rbac-scope"), "data-scope")));
    }

    /**
     * Signs a user of the realm in to its console and opens the section. With Organizations on,
     * Keycloak's login asks for the username first and the password on a second page.
     */
    private static void signInWithOrganizations(Browser b, String username, String path) {
        s.master.selectAdminTheme(s.realm);
        String console = s.server.baseUrl() + "/admin/" + s.realm + "/console/";
        b.driver.get(console);
        b.until(d -> b.first(By.id("username"))).sendKeys(username);
        if (b.first(By.id("password")) == null) {
            b.driver.findElement(By.id("kc-login")).click();
        }
        b.visible(By.id("password")).sendKeys(Scenario.PASSWORD);
        b.driver.findElement(By.id("kc-login")).click();
        b.visible(By.cssSelector("[data-testid='currentRealm']"));
        open(b, console, s.realm, path);
    }

    private static List<String> usernames(JsonNode users) {
        List<String> names = new java.util.ArrayList<>();
        users.forEach(u -> names.add(u.get("username").asText()));
        return names;
    }

    private static String url(Browser b) {
        return b.driver.getCurrentUrl();
    }

    @Test
    void theMasterAdminWorksOnAnOrganizationsLadderAndTheUrlKeepsTheScope() {
        scene("console-orgs-owner");
        try (Browser b = new Browser("organizations-owner")) {
            signInAsMasterAdmin(b, s, "roles");
            b.visible(row("Realm Lead"));
            assertEquals(new TreeSet<>(Set.of("realm", acme, globex)), offeredScopes(b), "an owner is offered every organization");
            pickScope(b, acme);
            assertTrue(url(b).contains("/role-hierarchy/organizations/" + acme), url(b));
            b.visible(row("Chief"));
            assertNull(b.first(row("Realm Lead")), "the realm's roles are not Acme's");
            assertTrue(b.visible(testId("rbac-section-help")).getText().contains("acme"));
            assertNull(b.first(testId("rbac-tab-visual-roles")), "visual roles are the realm's: no tab in an organization");

            // Create a role with the form: it lands on Acme's ladder, at the lowest free position.
            b.click(testId("rbac-create-role"));
            type(b, By.id("rbac-name"), "Crew");
            b.click(By.cssSelector("label[for='rbac-permission-view_logs']"));
            b.click(testId("rbac-save"));
            b.visible(row("Crew"));
            b.until(d -> b.first(testId("rbac-role-form")) == null);
            assertEquals(1, positions().get("Crew"));
            assertTrue(names(ok(200, s.master.get(s.api() + "/roles")).json()).stream().noneMatch("Crew"::equals),
                    "created in Acme, not in the realm");

            // Drag Crew (1) onto Newbie (10): no free position between Helper (11) and Newbie, so the plan dialog shows.
            Map<String, Integer> before = positions();
            WebElement handle = b.visible(inRow("Crew", "rbac-drag-handle"));
            b.scrollIntoView(handle);
            WebElement newbie = b.visible(row("Newbie"));
            new Actions(b.driver).clickAndHold(handle).pause(Duration.ofMillis(300))
                    .moveToElement(newbie, 0, -5).pause(Duration.ofMillis(300))
                    .moveToElement(newbie).pause(Duration.ofMillis(300))
                    .release().perform();
            b.visible(testId("rbac-plan-modal"));
            Map<String, Integer> plan = new LinkedHashMap<>();
            b.driver.findElements(testId("rbac-plan-row")).forEach(r ->
                    plan.put(r.getAttribute("data-role-name"), Integer.valueOf(r.getAttribute("data-to"))));
            System.out.println("Plan shown in Acme: " + plan);
            // Crew takes Newbie's place or Helper's, and the one role in the way shifts by one.
            assertEquals(2, plan.size(), plan.toString());
            assertTrue(plan.containsKey("Crew") && Set.of(10, 11).contains(plan.get("Crew")), plan.toString());
            b.visible(By.cssSelector("[data-testid='rbac-plan-users'][data-state='known']"));
            b.shot("acme-plan");
            b.click(testId("rbac-plan-confirm"));
            String crewPosition = String.valueOf(plan.get("Crew"));
            b.until(d -> crewPosition.equals(attr(b, row("Crew"), "data-position")));
            before.putAll(plan);
            assertEquals(before, positions(), "exactly the plan, on Acme's ladder");

            // A member: bob, a member of Acme, gets Crew.
            b.click(inRow("Crew", "rbac-members"));
            b.visible(testId("rbac-members-only"));
            b.visible(By.cssSelector("[data-testid='rbac-user-search'] input")).sendKeys("bob", Keys.ENTER);
            b.click(By.cssSelector("[data-testid='rbac-search-results'] [data-username='bob'] [data-testid='rbac-member-add']"));
            b.visible(By.cssSelector("[data-testid='rbac-member-list'] [data-username='bob']"));
            b.click(testId("rbac-members-close"));
            assertTrue(names(ok(200, s.master.get(org(acme) + "/users/" + s.userId("bob") + "/roles")).json()).contains("Crew"));
            b.visible(row("Crew"));
            b.shot("acme-roles");

            // Effective access in Acme: bob's highest position there is Crew's, and view_logs comes from Crew.
            b.click(testId("rbac-tab-access"));
            assertTrue(url(b).contains("/organizations/" + acme + "/access"), url(b));
            b.visible(By.cssSelector("[data-testid='rbac-access-search'] input")).sendKeys("bob", Keys.ENTER);
            b.click(By.cssSelector("[data-testid='rbac-access-results'] [data-username='bob']"));
            By bobsHighest = By.cssSelector("[data-testid='rbac-access-result'][data-username='bob'] [data-testid='rbac-access-highest']");
            assertEquals(crewPosition, b.visible(bobsHighest).getText());
            assertEquals("Crew", b.visible(By.cssSelector("[data-username='bob'] tr[data-permission='view_logs']")).getAttribute("data-granted-by"));
            assertTrue(url(b).contains("/organizations/" + acme + "/access/" + s.userId("bob")), url(b));
            b.visible(testId("rbac-moderation-realm-wide"));
            b.shot("acme-effective-access");

            // Owners of Acme are named from a member's access, and removed there.
            b.click(testId("rbac-org-owner-add"));
            b.visible(testId("rbac-org-owner-remove"));
            assertEquals(List.of("bob", "olga"), usernames(ok(200, s.master.get(org(acme) + "/owners")).json()).stream().sorted().toList());
            b.until(d -> "true".equals(attr(b, testId("rbac-access-owner"), "data-owner")));
            b.click(testId("rbac-org-owner-remove"));
            b.visible(testId("rbac-org-owner-add"));
            assertEquals(List.of("olga"), usernames(ok(200, s.master.get(org(acme) + "/owners")).json()));

            // A reload keeps the scope and the user.
            b.driver.navigate().refresh();
            assertEquals(crewPosition, b.visible(bobsHighest).getText());
            assertEquals(acme, b.visible(testId("rbac-scope")).getAttribute("data-scope"));

            // The selector over Acme's roles (the picture of docs/console.md).
            b.click(testId("rbac-tab-roles"));
            b.visible(row("Crew"));
            offeredScopes(b);
            b.shot("acme-scope-selector");
            b.click(testId("rbac-scope-toggle"));
            b.until(d -> b.first(testId("rbac-scope-option")) == null);

            // The catalogue stays the realm's and says so; back in the realm, the realm's roles again.
            b.click(testId("rbac-tab-permissions"));
            b.visible(testId("rbac-catalogue-realm-wide"));
            offeredScopes(b);
            pickScope(b, "realm");
            assertTrue(url(b).endsWith("/role-hierarchy/permissions"), url(b));
            assertNull(b.first(testId("rbac-catalogue-realm-wide")));
            b.click(testId("rbac-tab-roles"));
            b.visible(row("Realm Lead"));
            assertNull(b.first(row("Crew")));
        }
    }

    @Test
    void anOrganizationAdminSeesOnlyTheirOrganizationAndManagesBelowTheirPosition() {
        scene("console-orgs-member");
        try (Browser b = new Browser("organizations-member")) {
            signInWithOrganizations(b, "mia", "roles");
            assertEquals(new TreeSet<>(Set.of("realm", acme)), offeredScopes(b), "mia is offered Acme only");
            pickScope(b, acme);
            b.visible(row("Chief"));
            assertEquals("50", b.visible(testId("rbac-me")).getAttribute("data-highest"));
            assertEquals("false", b.visible(testId("rbac-me")).getAttribute("data-owner"));

            // Above her: Chief is locked with the reason, and her own Admin too.
            String chief = b.visible(row("Chief")).findElement(testId("rbac-locked")).getText();
            assertTrue(chief.contains("Above your highest role, Admin (position 50)"), chief);
            assertEquals("true", b.visible(inRow("Chief", "rbac-edit")).getAttribute("aria-disabled"));
            assertEquals("true", b.visible(inRow("Chief", "rbac-delete")).getAttribute("aria-disabled"));
            assertEquals("true", b.visible(inRow("Admin", "rbac-drag-handle")).getAttribute("aria-disabled"));
            // The server agrees with the console: Chief is out of her reach.
            JsonNode refused = expect(403, s.as("mia").put(org(acme) + "/roles/" + s.roleIds.get(acme + "/Chief"),
                    object("description", "mine now"))).json();
            assertEquals("hierarchy", refused.get("error").asText(), refused.toString());

            // Below her: she edits Helper.
            b.click(inRow("Helper", "rbac-edit"));
            type(b, By.id("rbac-description"), "Helps at Acme");
            b.click(testId("rbac-save"));
            b.until(d -> b.first(testId("rbac-role-form")) == null);
            assertEquals("Helps at Acme", ok(200, s.master.get(org(acme) + "/roles/" + s.roleIds.get(acme + "/Helper")))
                    .json().get("description").asText());
            b.shot("acme-as-member");

            // A shared link to Acme opens Acme.
            b.driver.navigate().refresh();
            b.visible(row("Chief"));
            assertEquals(acme, b.visible(testId("rbac-scope")).getAttribute("data-scope"));
        }

        try (Browser b = new Browser("organizations-org-owner")) {
            signInWithOrganizations(b, "olga", "organizations/" + acme + "/roles");
            b.visible(row("Chief"));
            assertEquals("true", b.visible(testId("rbac-me")).getAttribute("data-owner"), "olga owns Acme");
            b.until(d -> String.valueOf(text(b, testId("rbac-me"))).contains("an owner of acme"));
            assertNotEquals("true", b.visible(inRow("Chief", "rbac-edit")).getAttribute("aria-disabled"), "an owner is not bound by the hierarchy");
            assertEquals(new TreeSet<>(Set.of("realm", acme)), offeredScopes(b), "olga is offered Acme only");
        }
    }
}
