package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Browser;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static dev.hierarchicalrbac.it.support.ConsolePage.masterConsole;
import static dev.hierarchicalrbac.it.support.ConsolePage.open;
import static dev.hierarchicalrbac.it.support.ConsolePage.signInAsMasterAdmin;
import static dev.hierarchicalrbac.it.support.ConsolePage.signInToRealm;
import static dev.hierarchicalrbac.it.support.ConsolePage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #15, item 6: the effective access view tells each caller the truth — the master realm's admin
 * is an owner (not "Realm owner: No"), a user without the right to read others sees their own access
 * with that said once, where it applies — shows which role grants each permission, keeps the chosen
 * user in the URL (deep link, back button) and links to the user's page in Keycloak. Every view is
 * compared with the server's answer. Runs in the H2 pass only, like {@code ConsoleIT}.
 */
class ConsoleAccessIT {

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2 || Boolean.getBoolean("it.console.all-dbs"),
                "the console tests run in the H2 pass");
    }

    private static By result(String username) {
        return By.cssSelector("[data-testid='rbac-access-result'][data-username='" + username + "']");
    }

    private static By shown(String username, String testId) {
        return By.cssSelector("[data-testid='rbac-access-result'][data-username='" + username + "'] [data-testid='" + testId + "']");
    }

    /** The permissions listed in the view, with the roles said to grant each ("owner" for an owner). */
    private static java.util.Map<String, String> rows(Browser b) {
        return b.driver.findElements(By.cssSelector("[data-testid='rbac-access-permissions'] tr[data-permission]")).stream()
                .collect(Collectors.toMap(r -> r.getAttribute("data-permission"), r -> r.getAttribute("data-granted-by")));
    }

    private static Set<String> serverPermissions(AdminClient client, String path) {
        return new TreeSet<>(strings(ok(200, client.get(path)).json().get("permissions")));
    }

    private static void pick(Browser b, String username) {
        WebElement search = b.visible(By.cssSelector("[data-testid='rbac-access-search'] input"));
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        search.sendKeys(username, Keys.ENTER);
        b.click(By.cssSelector("[data-testid='rbac-access-results'] [data-username='" + username + "']"));
        b.visible(shown(username, "rbac-access-highest"));
    }

    @Test
    void theViewIsTruthfulForEachCallerShowsWhatGrantsEachPermissionAndKeepsTheUserInTheUrl() {
        Scenario s = Scenario.standard("console-access");
        ok(200, s.master.put(s.api() + "/roles/" + s.roleId("@everyone"), object("permissions", List.of("manage_invites"))));
        s.user("lowly", "Lowest");
        s.grantKeycloakRole("lowly", "view-realm");
        String console = masterConsole(s);

        try (Browser b = new Browser("access-master")) {
            // The master realm's admin: an owner here, holding every permission, and no user of the realm.
            signInAsMasterAdmin(b, s, "access");
            WebElement outsider = b.visible(testId("rbac-access-outsider"));
            assertTrue(outsider.getText().contains("one of its owners") && outsider.getText().contains("of the master realm"), outsider.getText());
            WebElement owner = b.visible(testId("rbac-access-owner"));
            assertEquals("true", owner.getAttribute("data-owner"));
            assertTrue(owner.getText().startsWith("Yes"), owner.getText());
            Set<String> all = new TreeSet<>(strings(ok(200, s.master.get(s.api() + "/me")).json().get("permissions")));
            assertEquals(ok(200, s.master.get(s.api() + "/permissions")).json().size(), all.size(), "an owner holds the whole catalogue");
            java.util.Map<String, String> mine = rows(b);
            assertEquals(all, new TreeSet<>(mine.keySet()));
            assertTrue(mine.values().stream().allMatch("owner"::equals), mine.toString());
            assertNull(b.first(testId("rbac-moderation-panel")), "nothing to moderate on oneself");
            assertNull(b.first(testId("rbac-access-user-link")), "no page of this realm's users for an outsider");
            assertNull(b.first(testId("rbac-access-mine")), "already one's own access");
            b.shot("master-admin-owner");

            // A user: the URL names them; each permission with the roles that grant it, as the server counts them.
            pick(b, "helper");
            String helperId = s.userId("helper");
            b.until(d -> d.getCurrentUrl().endsWith("/role-hierarchy/access/" + helperId) ? true : null);
            assertEquals("Effective access of helper", b.visible(shown("helper", "rbac-access-title")).getText());
            java.util.Map<String, String> helper = rows(b);
            assertEquals(serverPermissions(s.master, s.api() + "/users/" + helperId + "/permissions"), new TreeSet<>(helper.keySet()));
            assertEquals("Helper", helper.get("manage_users"));
            assertEquals("@everyone", helper.get("manage_invites"));
            b.visible(shown("helper", "rbac-moderation-panel"));
            b.visible(testId("rbac-access-mine"));
            b.shot("helper-granted-by");

            // Back button: the previous user again.
            pick(b, "mod");
            b.until(d -> d.getCurrentUrl().endsWith("/role-hierarchy/access/" + s.userId("mod")) ? true : null);
            assertEquals("Moderator", rows(b).get("manage_permissions"));
            b.driver.navigate().back();
            b.visible(shown("helper", "rbac-access-highest"));
            assertTrue(b.driver.getCurrentUrl().endsWith("/role-hierarchy/access/" + helperId), b.driver.getCurrentUrl());

            // The user's own page in Keycloak, and back.
            WebElement link = b.visible(shown("helper", "rbac-access-user-link"));
            assertTrue(link.getAttribute("href").endsWith("#/" + s.realm + "/users/" + helperId + "/settings"), link.getAttribute("href"));
            link.click();
            b.until(d -> d.getCurrentUrl().endsWith("#/" + s.realm + "/users/" + helperId + "/settings") ? true : null);
            b.visible(By.xpath("//h1[normalize-space()='helper']"));
            b.shot("keycloak-user-page");
            b.driver.navigate().back();
            b.visible(shown("helper", "rbac-access-highest"));

            // A deep link, loaded anew, shows that user (admin, 50: every built-in from Admin).
            open(b, console, s.realm, "access/" + s.userId("admin"));
            b.visible(shown("admin", "rbac-access-highest"));
            assertEquals("50", b.visible(shown("admin", "rbac-access-highest")).getText());
            assertEquals("Admin,@everyone", rows(b).get("manage_invites"));
            assertEquals("Admin", rows(b).get("manage_servers"));
            assertEquals("true", b.visible(testId("rbac-tab-access")).getAttribute("aria-selected"));
            b.shot("deep-link-admin");
        }

        try (Browser b = new Browser("access-limited")) {
            // lowly (Lowest, 5; no manage_roles, manage_users or view-users): their own access, and why others are out of reach.
            signInToRealm(b, s, "lowly", "access");
            b.visible(shown("lowly", "rbac-access-highest"));
            assertEquals("Your effective access (lowly)", b.visible(shown("lowly", "rbac-access-title")).getText());
            WebElement locked = b.visible(testId("rbac-read-others-locked"));
            assertTrue(locked.getText().startsWith("This is your own access.") && locked.getText().contains("view-users"), locked.getText());
            assertFalse(b.visible(By.cssSelector("[data-testid='rbac-access-search'] input")).isEnabled(), "no search without the right to read others");
            assertEquals("5", b.visible(shown("lowly", "rbac-access-highest")).getText());
            assertTrue(b.visible(shown("lowly", "rbac-access-owner")).getText().equals("No"));
            AdminClient lowly = s.as("lowly");
            assertEquals(serverPermissions(lowly, s.api() + "/me"), new TreeSet<>(rows(b).keySet()));
            assertEquals("@everyone", rows(b).get("manage_invites"));
            assertEquals(403, lowly.get(s.api() + "/users/" + s.userId("helper") + "/permissions").status(),
                    "the server refuses lowly other users' access, as the page says");
            assertNull(b.first(testId("rbac-access-user-link")), "no Users page without Keycloak's query-users");
            b.shot("limited-own-access");
        }
    }
}
