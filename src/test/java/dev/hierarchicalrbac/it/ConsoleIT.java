package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.AdminClient;
import dev.hierarchicalrbac.it.support.Browser;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.KeycloakServer;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.List;

import static dev.hierarchicalrbac.it.support.Api.names;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Role hierarchy section of the admin console (theme {@code rbac}) in a real headless Chromium:
 * first as the master realm's admin (an owner), then as a delegated admin signing in to their own
 * realm's console. Every step leaves a screenshot in {@code target/screenshots/}, and every change
 * made through the pages is checked through the REST API as well.
 *
 * <p>The console does not depend on the database, so by default it runs in the H2 pass of
 * {@code mvn verify} only; {@code -Dit.console.all-dbs=true} runs it on every database.
 */
class ConsoleIT {

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2 || Boolean.getBoolean("it.console.all-dbs"),
                "the console tests run in the H2 pass");
    }

    private static By row(String roleName) {
        return By.cssSelector("tr[data-role-name='" + roleName + "']");
    }

    private static By inRow(String roleName, String testId) {
        return By.cssSelector("tr[data-role-name='" + roleName + "'] [data-testid='" + testId + "']");
    }

    /** Replaces an input's text the way a person does (select all, type), so React sees every key. */
    private static void type(Browser b, By by, String text) {
        WebElement input = b.visible(by);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private static JsonNode role(Scenario s, String name) {
        for (JsonNode r : ok(200, s.master.get(s.api() + "/roles")).json()) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** Loads the console anew on the section's URL (a hash change alone does not switch the console's realm). */
    private static void openSection(Browser b, String consoleUrl, String realm) {
        b.driver.get("about:blank");
        b.driver.get(consoleUrl + "#/" + realm + "/role-hierarchy/roles");
        b.visible(By.cssSelector("[data-testid='rbac-title']"));
        b.visible(row("Admin"));
    }

    @Test
    void anOwnerCreatesMovesAssignsAndReadsEffectiveAccess() {
        Scenario s = Scenario.standard("console-owner");
        String console = s.server.baseUrl() + "/admin/master/console/";
        try (Browser b = new Browser("owner")) {
            b.signIn(console, KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD);
            b.visible(By.cssSelector("[data-testid='currentRealm']"));
            openSection(b, console, s.realm);
            assertEquals("@everyone", b.driver.findElements(By.cssSelector("[data-testid='rbac-roles-table'] tbody tr"))
                    .stream().reduce((first, second) -> second).orElseThrow().getAttribute("data-role-name"));
            assertTrue(b.visible(By.cssSelector("#nav-item-rbac-roles")).isDisplayed(), "the realm menu has the section");
            b.shot("roles");

            // Create with the form: a colour the server refuses first, shown under the colour field.
            b.click(By.cssSelector("[data-testid='rbac-create-role']"));
            type(b, By.id("rbac-name"), "Gardener");
            type(b, By.id("rbac-description"), "Keeps the garden");
            type(b, By.id("rbac-color"), "#12345");
            type(b, By.id("rbac-icon"), "fa-solid fa-seedling");
            b.click(By.cssSelector("label[for='rbac-permission-view_logs']"));
            b.click(By.cssSelector("label[for='rbac-permission-manage_invites']"));
            b.shot("create-form");
            b.click(By.cssSelector("[data-testid='rbac-save']"));
            WebElement colourError = b.visible(By.cssSelector("[data-testid='rbac-error-color']"));
            assertTrue(colourError.getText().contains("#RRGGBB"), colourError.getText());
            b.shot("create-refused-colour");
            assertEquals(null, role(s, "Gardener"), "a refused create changes nothing");

            type(b, By.id("rbac-color"), "#3BA55D");
            b.click(By.cssSelector("[data-testid='rbac-save']"));
            b.visible(row("Gardener"));
            b.until(d -> b.first(By.cssSelector("[data-testid='rbac-role-form']")) == null);
            b.shot("created");
            JsonNode gardener = role(s, "Gardener");
            assertEquals("#3BA55D", gardener.get("color").asText());
            assertEquals("fa-solid fa-seedling", gardener.get("icon").asText());
            assertEquals(List.of("manage_invites", "view_logs"), strings(gardener.get("permissions")).stream().sorted().toList());
            assertEquals(1, gardener.get("position").asInt(), "the form suggests the lowest free position");

            // Drag Gardener (lowest) above Helper: one atomic reorder of the positions already in use.
            WebElement handle = b.visible(inRow("Gardener", "rbac-drag-handle"));
            b.scrollIntoView(handle);
            WebElement helper = b.visible(row("Helper"));
            new Actions(b.driver).clickAndHold(handle).pause(Duration.ofMillis(300))
                    .moveToElement(helper, 0, -5).pause(Duration.ofMillis(300))
                    .moveToElement(helper).pause(Duration.ofMillis(300))
                    .release().perform();
            b.until(d -> "10".equals(b.first(row("Gardener")).getAttribute("data-position")));
            b.shot("dragged-above-helper");
            assertEquals(10, role(s, "Gardener").get("position").asInt());
            assertEquals(5, role(s, "Helper").get("position").asInt());
            assertEquals(1, role(s, "Lowest").get("position").asInt());
            List<String> order = names(ok(200, s.master.get(s.api() + "/roles")).json());
            assertTrue(order.indexOf("Gardener") < order.indexOf("Helper"), order.toString());

            // Members: search Keycloak's users, add one.
            b.click(inRow("Gardener", "rbac-members"));
            WebElement search = b.visible(By.cssSelector("[data-testid='rbac-user-search'] input"));
            search.sendKeys("helper", Keys.ENTER);
            b.click(By.cssSelector("[data-testid='rbac-search-results'] [data-username='helper'] [data-testid='rbac-member-add']"));
            b.visible(By.cssSelector("[data-testid='rbac-member-list'] [data-username='helper']"));
            b.shot("member-added");
            assertTrue(names(ok(200, s.master.get(s.api() + "/users/" + s.userId("helper") + "/roles")).json()).contains("Gardener"));
            b.click(By.cssSelector("[data-testid='rbac-members-close']"));
            b.until(d -> "1".equals(b.first(row("Gardener")).findElement(By.cssSelector(".rbac-cell-members")).getText()));

            // Effective access of that user.
            b.click(By.id("nav-item-rbac-access"));
            WebElement pick = b.visible(By.cssSelector("[data-testid='rbac-access-search'] input"));
            pick.sendKeys("helper", Keys.ENTER);
            b.click(By.cssSelector("[data-testid='rbac-access-results'] [data-username='helper']"));
            b.visible(By.cssSelector("[data-testid='rbac-access-result'][data-username='helper'] [data-permission='view_logs']"));
            assertEquals("10", b.visible(By.cssSelector("[data-testid='rbac-access-result'][data-username='helper'] [data-testid='rbac-access-highest']")).getText());
            b.shot("effective-access");
            JsonNode access = ok(200, s.master.get(s.api() + "/users/" + s.userId("helper") + "/permissions")).json();
            assertTrue(strings(access.get("permissions")).containsAll(List.of("view_logs", "manage_invites", "manage_users")));
            assertEquals(10, access.get("highestPosition").asInt());

            // The catalogue: built-ins marked; a custom permission refused by the server, then added and removed.
            b.click(By.id("nav-item-rbac-permissions"));
            assertEquals("true", b.visible(By.cssSelector("tr[data-permission='manage_roles']")).getAttribute("data-built-in"));
            type(b, By.id("rbac-permission-name"), "Edit Recipes");
            b.click(By.cssSelector("[data-testid='rbac-permission-create']"));
            WebElement nameError = b.visible(By.cssSelector("[data-testid='rbac-error-name']"));
            assertTrue(nameError.getText().contains("lower-case"), nameError.getText());
            b.shot("permission-refused-name");
            type(b, By.id("rbac-permission-name"), "edit_recipes");
            type(b, By.id("rbac-permission-description"), "Edit the shared recipe book");
            b.click(By.cssSelector("[data-testid='rbac-permission-create']"));
            WebElement custom = b.visible(By.cssSelector("tr[data-permission='edit_recipes']"));
            assertEquals("false", custom.getAttribute("data-built-in"));
            b.shot("permission-added");
            assertTrue(names(ok(200, s.master.get(s.api() + "/permissions")).json()).contains("edit_recipes"));
            b.click(By.cssSelector("tr[data-permission='edit_recipes'] [data-testid='rbac-delete-permission']"));
            b.until(d -> {
                try {
                    d.switchTo().alert().accept();
                    return true;
                } catch (org.openqa.selenium.NoAlertPresentException notYet) {
                    return null;
                }
            });
            b.until(d -> b.first(By.cssSelector("tr[data-permission='edit_recipes']")) == null);
            b.shot("permission-removed");
            assertFalse(names(ok(200, s.master.get(s.api() + "/permissions")).json()).contains("edit_recipes"));
        }
    }

    @Test
    void aDelegatedAdminSeesHigherRolesDisabledAndTheServersRefusal() {
        Scenario s = Scenario.standard("console-delegated");
        // The console itself needs some Keycloak admin role to load; view-users is the smallest that fits.
        s.grantKeycloakRole("mod", "view-users");
        s.master.selectAdminTheme(s.realm);
        String console = s.server.baseUrl() + "/admin/" + s.realm + "/console/";
        try (Browser b = new Browser("delegated")) {
            b.signIn(console, "mod", Scenario.PASSWORD);
            b.visible(By.cssSelector("[data-testid='currentRealm']"));
            openSection(b, console, s.realm);
            WebElement me = b.visible(By.cssSelector("[data-testid='rbac-me']"));
            assertEquals("20", me.getAttribute("data-highest"));
            b.shot("roles-as-moderator");

            // At or above the moderator's own position (20): disabled, with the reason.
            for (String higher : List.of("Admin", "Moderator")) {
                WebElement handle = b.visible(inRow(higher, "rbac-drag-handle"));
                assertEquals("true", handle.getAttribute("aria-disabled"), higher);
                assertTrue(handle.getAttribute("data-reason").contains("not below your highest position"), handle.getAttribute("data-reason"));
                assertEquals("true", b.visible(inRow(higher, "rbac-edit")).getAttribute("aria-disabled"), higher);
                assertEquals("true", b.visible(inRow(higher, "rbac-delete")).getAttribute("aria-disabled"), higher);
                assertTrue(b.visible(row(higher)).findElement(By.cssSelector("[data-testid='rbac-locked']")).isDisplayed());
            }
            for (String lower : List.of("Curator", "Helper", "Lowest")) {
                assertNotEquals("true", b.visible(inRow(lower, "rbac-drag-handle")).getAttribute("aria-disabled"), lower);
                assertNotEquals("true", b.visible(inRow(lower, "rbac-edit")).getAttribute("aria-disabled"), lower);
            }

            // A permission the moderator does not hold cannot be ticked; a position above theirs is the server's to refuse.
            b.click(By.cssSelector("[data-testid='rbac-create-role']"));
            WebElement notHeld = b.visible(By.id("rbac-permission-manage_settings"));
            assertFalse(notHeld.isEnabled(), "manage_settings is not the moderator's to give");
            assertTrue(b.visible(By.id("rbac-permission-view_logs")).isEnabled());
            type(b, By.id("rbac-name"), "Night shift");
            type(b, By.id("rbac-position"), "25");
            b.shot("create-above-own-position");
            b.click(By.cssSelector("[data-testid='rbac-save']"));
            WebElement refusal = b.visible(By.cssSelector("[data-testid='rbac-form-error']"));
            AdminClient.Response server = s.as("mod").post(s.api() + "/roles", object("name", "Night shift", "position", 25,
                    "color", "#5865F2"));
            assertEquals(403, server.status(), server.toString());
            assertTrue(refusal.getText().contains(server.json().get("error_description").asText()),
                    refusal.getText() + " should show " + server.json().get("error_description").asText());
            b.shot("refused-by-server");
            b.click(By.cssSelector("[data-testid='rbac-cancel']"));
            assertEquals(null, role(s, "Night shift"));

            // Moving within their reach works: Lowest (5) swaps with Helper (10) through the up arrow.
            b.click(inRow("Lowest", "rbac-move-up"));
            b.until(d -> "10".equals(b.first(row("Lowest")).getAttribute("data-position")));
            b.shot("moved-lowest-up");
            assertEquals(10, role(s, "Lowest").get("position").asInt());
            assertEquals(5, role(s, "Helper").get("position").asInt());
            assertEquals(50, role(s, "Admin").get("position").asInt());
            assertEquals(20, role(s, "Moderator").get("position").asInt());
        }
    }
}
