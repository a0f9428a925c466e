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
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static dev.hierarchicalrbac.it.support.Api.names;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.Api.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /** Signs the master realm's admin (an owner of every realm) in to the master console and opens the section for {@code s}. */
    private static void openSectionAsMasterAdmin(Browser b, Scenario s) {
        String console = s.server.baseUrl() + "/admin/master/console/";
        b.signIn(console, KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD);
        b.visible(By.cssSelector("[data-testid='currentRealm']"));
        openSection(b, console, s.realm);
    }

    /**
     * Signs {@code mod} (Moderator, 20) in to their own realm's console and opens the section. The
     * console itself needs some Keycloak admin role to load; view-users is the smallest that fits.
     */
    private static void openSectionAsModerator(Browser b, Scenario s) {
        s.grantKeycloakRole("mod", "view-users");
        s.master.selectAdminTheme(s.realm);
        String console = s.server.baseUrl() + "/admin/" + s.realm + "/console/";
        b.signIn(console, "mod", Scenario.PASSWORD);
        b.visible(By.cssSelector("[data-testid='currentRealm']"));
        openSection(b, console, s.realm);
    }

    @Test
    void anOwnerCreatesMovesAssignsAndReadsEffectiveAccess() {
        Scenario s = Scenario.standard("console-owner");
        try (Browser b = new Browser("owner")) {
            openSectionAsMasterAdmin(b, s);
            assertEquals("@everyone", b.driver.findElements(By.cssSelector("[data-testid='rbac-roles-table'] tbody tr"))
                    .stream().reduce((first, second) -> second).orElseThrow().getAttribute("data-role-name"));
            assertTrue(b.visible(By.cssSelector("#nav-item-role-hierarchy")).isDisplayed(), "the realm menu has the section");
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

            // Drag Gardener (lowest) above Helper: it takes the free position nearest its own (11), nobody else moves.
            WebElement handle = b.visible(inRow("Gardener", "rbac-drag-handle"));
            b.scrollIntoView(handle);
            WebElement helper = b.visible(row("Helper"));
            new Actions(b.driver).clickAndHold(handle).pause(Duration.ofMillis(300))
                    .moveToElement(helper, 0, -5).pause(Duration.ofMillis(300))
                    .moveToElement(helper).pause(Duration.ofMillis(300))
                    .release().perform();
            b.until(d -> "11".equals(b.first(row("Gardener")).getAttribute("data-position")));
            b.shot("dragged-above-helper");
            assertEquals(11, role(s, "Gardener").get("position").asInt());
            assertEquals(10, role(s, "Helper").get("position").asInt());
            assertEquals(5, role(s, "Lowest").get("position").asInt());
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
            b.click(By.cssSelector("[data-testid='rbac-tab-access']"));
            WebElement pick = b.visible(By.cssSelector("[data-testid='rbac-access-search'] input"));
            pick.sendKeys("helper", Keys.ENTER);
            b.click(By.cssSelector("[data-testid='rbac-access-results'] [data-username='helper']"));
            b.visible(By.cssSelector("[data-testid='rbac-access-result'][data-username='helper'] [data-permission='view_logs']"));
            assertEquals("11", b.visible(By.cssSelector("[data-testid='rbac-access-result'][data-username='helper'] [data-testid='rbac-access-highest']")).getText());
            b.shot("effective-access");
            JsonNode access = ok(200, s.master.get(s.api() + "/users/" + s.userId("helper") + "/permissions")).json();
            assertTrue(strings(access.get("permissions")).containsAll(List.of("view_logs", "manage_invites", "manage_users")));
            assertEquals(11, access.get("highestPosition").asInt(), "Gardener (11) is now above Helper (10)");

            // The catalogue: built-ins marked; a custom permission refused by the server, then added and removed.
            b.click(By.cssSelector("[data-testid='rbac-tab-permissions']"));
            assertEquals("true", b.visible(By.cssSelector("tr[data-permission='manage_roles']")).getAttribute("data-built-in"));
            b.click(By.cssSelector("[data-testid='rbac-create-permission']"));
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
            b.click(By.cssSelector("[data-testid='rbac-confirm']"));
            b.until(d -> b.first(By.cssSelector("tr[data-permission='edit_recipes']")) == null);
            b.shot("permission-removed");
            assertFalse(names(ok(200, s.master.get(s.api() + "/permissions")).json()).contains("edit_recipes"));
        }
    }

    @Test
    void aDelegatedAdminSeesHigherRolesDisabledAndTheServersRefusal() {
        Scenario s = Scenario.standard("console-delegated");
        try (Browser b = new Browser("delegated")) {
            openSectionAsModerator(b, s);
            WebElement me = b.visible(By.cssSelector("[data-testid='rbac-me']"));
            assertEquals("20", me.getAttribute("data-highest"));
            b.shot("roles-as-moderator");

            // At or above the moderator's own position (20): disabled, with the reason.
            for (String higher : List.of("Admin", "Moderator")) {
                WebElement handle = b.visible(inRow(higher, "rbac-drag-handle"));
                assertEquals("true", handle.getAttribute("aria-disabled"), higher);
                assertTrue(handle.getAttribute("data-reason").contains("your highest role")
                        && handle.getAttribute("data-reason").contains("position 20"), handle.getAttribute("data-reason"));
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

            // Moving within their reach works: Lowest (5) passes Helper (10) through the up arrow, into the free 11.
            b.click(inRow("Lowest", "rbac-move-up"));
            b.until(d -> "11".equals(b.first(row("Lowest")).getAttribute("data-position")));
            b.shot("moved-lowest-up");
            assertEquals(11, role(s, "Lowest").get("position").asInt());
            assertEquals(10, role(s, "Helper").get("position").asInt());
            assertEquals(50, role(s, "Admin").get("position").asInt());
            assertEquals(20, role(s, "Moderator").get("position").asInt());
        }
    }

    // --- moderation (design §9) -------------------------------------------------------------------

    private static final List<String> MODERATION_BUTTONS = List.of("rbac-moderate-disable", "rbac-moderate-logout",
            "rbac-moderate-timeout");

    /** An element of a member's row in the open members dialog. */
    private static By member(String username, String testId) {
        return By.cssSelector("[data-testid='rbac-member-list'] [data-username='" + username + "'] [data-testid='" + testId + "']");
    }

    /** An element of the effective access view of the chosen user. */
    private static By chosen(String username, String testId) {
        return By.cssSelector("[data-testid='rbac-access-result'][data-username='" + username + "'] [data-testid='" + testId + "']");
    }

    private static By moderationDialog(String action) {
        return By.cssSelector("[data-testid='rbac-moderate-modal'][data-action='" + action + "']");
    }

    /** A moderation button once the console knows the rule's answer (no longer "asking the server"). */
    private static WebElement decided(Browser b, By button) {
        return b.until(d -> {
            WebElement e = b.first(button);
            if (e == null || !e.isDisplayed()) {
                return null;
            }
            WebElement buttons = e.findElement(By.xpath("ancestor::*[@data-testid='rbac-moderation'][1]"));
            return "decided".equals(buttons.getAttribute("data-state")) ? e : null;
        });
    }

    /** Opens an action's confirmation dialog from its (allowed) button. */
    private static WebElement openDialog(Browser b, By button, String action) {
        WebElement e = decided(b, button);
        assertNotEquals("true", e.getAttribute("aria-disabled"), () -> action + " refused: " + e.getAttribute("data-reason"));
        b.scrollIntoView(e);
        e.click();
        return b.visible(moderationDialog(action));
    }

    /** The title of the PatternFly modal box around a dialog's body. */
    private static String dialogTitle(WebElement dialogBody) {
        return dialogBody.findElement(By.xpath("ancestor::*[contains(concat(' ', @class, ' '), ' pf-v5-c-modal-box ')][1]"))
                .findElement(By.cssSelector(".pf-v5-c-modal-box__title")).getText().trim();
    }

    /** Confirms the open dialog and waits for it to close and for the success alert. */
    private static void confirm(Browser b, String action, String alertText) {
        b.click(By.cssSelector("[data-testid='rbac-moderate-confirm']"));
        b.until(d -> b.first(moderationDialog(action)) == null);
        b.until(d -> d.findElements(By.cssSelector(".rbac-alert[data-variant='success']")).stream()
                .anyMatch(a -> a.getText().contains(alertText)));
    }

    private static String kc(Scenario s, String path) {
        return "/admin/realms/" + s.realm + path;
    }

    private static boolean enabled(Scenario s, String username) {
        return ok(200, s.master.get(kc(s, "/users/" + s.userId(username)))).json().get("enabled").asBoolean();
    }

    private static JsonNode access(Scenario s, String username) {
        return ok(200, s.master.get(s.api() + "/users/" + s.userId(username) + "/permissions")).json();
    }

    /**
     * The representation of the realm's latest admin event for that moderation action (Keycloak's
     * resourceTypes filter knows only its own types, so the events are filtered here).
     */
    private static String moderationEvent(Scenario s, String username, String action) {
        for (JsonNode event : ok(200, s.master.get(kc(s, "/admin-events?max=1000"))).json()) {
            if (event.path("resourcePath").asText().endsWith("users/" + s.userId(username) + "/" + action)) {
                return event.path("representation").asText();
            }
        }
        return null;
    }

    /**
     * The shipped demo realm, as its README tells it (issue "The hierarchy governs Keycloak's own
     * users"): alice (Moderator, 20, holding the realm role rbac-user-administrator that the demo
     * gives her) signs in to the demo realm's own console, sees Keycloak's Users list, disables bob
     * (Helper, 10) with Keycloak's own switch and is refused on dave (Master, 100) and on owner; in the
     * Role hierarchy section she times bob out, and dave's actions are disabled with the reason.
     * The demo realm is shared with other tests: every change is undone through the API.
     */
    @Test
    void aliceModeratesBelowHerInTheDemoRealmThroughKeycloaksUsersPageAndTheSection() {
        KeycloakServer server = KeycloakServer.shared();
        AdminClient admin = server.admin();
        String bob = demoUserId(admin, "bob");
        String dave = demoUserId(admin, "dave");
        String owner = demoUserId(admin, "owner");
        String console = server.baseUrl() + "/admin/demo/console/";
        try (Browser b = new Browser("demo-alice")) {
            b.signIn(console, "alice", "alice");
            b.visible(By.cssSelector("[data-testid='currentRealm']"));

            // Keycloak's own Users list opens (view-users of the demo's rbac-user-administrator role).
            b.driver.get(console + "#/demo/users");
            for (String username : List.of("bob", "dave", "owner")) {
                b.visible(By.xpath("//table//a[normalize-space()='" + username + "']"));
            }
            b.shot("demo-users-list");

            // bob, below her: Keycloak's own Enabled switch, Keycloak's own "Disable user?" dialog.
            keycloakUserPage(b, console, bob, "bob");
            assertTrue(b.first(By.cssSelector("[data-testid='bob-switch']")).isSelected(), "bob starts enabled");
            b.click(By.cssSelector("label[for='bob-switch']"));
            b.visible(By.cssSelector("[data-testid='confirm']"));
            b.shot("demo-disable-bob-dialog");
            b.click(By.cssSelector("[data-testid='confirm']"));
            b.until(d -> demoUser(admin, bob).get("enabled").asBoolean() ? null : true);
            b.shot("demo-bob-disabled");

            // dave (Master, 100) and owner: the same switch, refused by the policy; they stay enabled.
            for (String[] refused : List.of(new String[] {dave, "dave"}, new String[] {owner, "owner"})) {
                keycloakUserPage(b, console, refused[0], refused[1]);
                b.click(By.cssSelector("label[for='" + refused[1] + "-switch']"));
                b.click(By.cssSelector("[data-testid='confirm']"));
                // Keycloak's own page reports the policy's refusal as its 403.
                b.until(d -> d.findElements(By.cssSelector(".pf-v5-c-alert.pf-m-danger")).stream()
                        .anyMatch(alert -> alert.getText().contains("403")) ? true : null);
                b.shot("demo-" + refused[1] + "-refused");
                assertTrue(demoUser(admin, refused[0]).get("enabled").asBoolean(), refused[1] + " is still enabled");
            }
            enableDemoUser(admin, bob);

            // The section: bob timed out from the effective access view; dave's actions locked with the reason.
            openSection(b, console, "demo");
            pickUser(b, "bob");
            openDialog(b, chosen("bob", "rbac-moderate-timeout"), "timeout");
            new Select(b.visible(By.cssSelector("[data-testid='rbac-moderate-duration']"))).selectByVisibleText("5 minutes");
            type(b, By.cssSelector("[data-testid='rbac-moderate-reason']"), "Demo cool down");
            confirm(b, "timeout", "bob is timed out until");
            JsonNode bobAccess = ok(200, admin.get("/admin/realms/demo/rbac/users/" + bob + "/permissions")).json();
            assertTrue(bobAccess.hasNonNull("timedOutUntil"), bobAccess.toString());
            b.shot("demo-bob-timed-out");

            pickUser(b, "dave");
            for (String testId : MODERATION_BUTTONS) {
                WebElement button = decided(b, chosen("dave", testId));
                assertEquals("true", button.getAttribute("aria-disabled"), testId);
                assertEquals("hierarchy", button.getAttribute("data-refusal"), testId);
                assertTrue(button.getAttribute("data-reason").contains("The user's highest position 100 is not below your highest position 20"),
                        button.getAttribute("data-reason"));
            }
            b.shot("demo-dave-locked");

            pickUser(b, "owner");
            for (String testId : MODERATION_BUTTONS) {
                WebElement button = decided(b, chosen("owner", testId));
                assertEquals("true", button.getAttribute("aria-disabled"), testId);
                assertEquals("owner_protection", button.getAttribute("data-refusal"), testId);
            }
            b.shot("demo-owner-locked");
        } finally {
            admin.delete("/admin/realms/demo/rbac/users/" + bob + "/timeout");
            enableDemoUser(admin, bob);
        }
    }

    /** The full representation back with enabled on: a partial one could drop the user's profile attributes. */
    private static void enableDemoUser(AdminClient admin, String userId) {
        com.fasterxml.jackson.databind.node.ObjectNode user = (com.fasterxml.jackson.databind.node.ObjectNode) demoUser(admin, userId);
        if (!user.get("enabled").asBoolean()) {
            user.put("enabled", true);
            ok(204, admin.put("/admin/realms/demo/users/" + userId, user));
        }
    }

    private static void keycloakUserPage(Browser b, String console, String userId, String username) {
        b.driver.get("about:blank");
        b.driver.get(console + "#/demo/users/" + userId + "/settings");
        // PatternFly's switch input is drawn by its label, so it is present rather than displayed.
        b.until(d -> b.first(By.cssSelector("[data-testid='" + username + "-switch']")));
        b.visible(By.cssSelector("label[for='" + username + "-switch']"));
    }

    private static String demoUserId(AdminClient admin, String username) {
        return ok(200, admin.get("/admin/realms/demo/users?exact=true&username=" + username)).json().get(0).get("id").asText();
    }

    private static JsonNode demoUser(AdminClient admin, String userId) {
        return ok(200, admin.get("/admin/realms/demo/users/" + userId)).json();
    }

    private static void pickUser(Browser b, String username) {
        b.click(By.cssSelector("[data-testid='rbac-tab-access']"));
        WebElement pick = b.visible(By.cssSelector("[data-testid='rbac-access-search'] input"));
        pick.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        pick.sendKeys(username, Keys.ENTER);
        b.click(By.cssSelector("[data-testid='rbac-access-results'] [data-username='" + username + "']"));
        b.visible(By.cssSelector("[data-testid='rbac-access-result'][data-username='" + username + "'] [data-testid='rbac-access-highest']"));
    }

    @Test
    void anOwnerDisablesSignsOutAndTimesOutAMemberThroughTheDialogs() {
        Scenario s = Scenario.standard("console-moderation");
        ok(204, s.master.put(kc(s, ""), object("adminEventsEnabled", true, "adminEventsDetailsEnabled", true)));
        try (Browser b = new Browser("moderation-owner")) {
            openSectionAsMasterAdmin(b, s);

            // Ban from the members of Helper: the dialog, a reason, the server's answer, the row again.
            b.click(inRow("Helper", "rbac-members"));
            b.visible(By.cssSelector("[data-testid='rbac-member-list'] [data-username='helper']"));
            decided(b, member("helper", "rbac-moderate-disable"));
            assertNull(b.first(member("helper", "rbac-moderate-enable")), "an enabled user offers Disable, not Enable");
            assertNull(b.first(member("helper", "rbac-moderate-end-timeout")), "no time-out, nothing to end");
            b.shot("members-with-moderation");
            WebElement dialog = openDialog(b, member("helper", "rbac-moderate-disable"), "disable");
            assertEquals("Disable helper?", dialogTitle(dialog));
            assertTrue(dialog.getText().contains("can no longer sign in"), dialog.getText());
            WebElement confirmButton = b.visible(By.cssSelector("[data-testid='rbac-moderate-confirm']"));
            assertTrue(confirmButton.getAttribute("class").contains("pf-m-danger"), confirmButton.getAttribute("class"));
            assertTrue(b.visible(By.cssSelector("[data-testid='rbac-moderate-cancel']")).getAttribute("class").contains("pf-m-link"));
            type(b, By.cssSelector("[data-testid='rbac-moderate-reason']"), "Spamming the lobby");
            b.shot("disable-dialog");
            confirm(b, "disable", "helper is disabled");
            assertFalse(enabled(s, "helper"), "Keycloak holds helper disabled");
            String event = moderationEvent(s, "helper", "disable");
            assertTrue(event != null && event.contains("Spamming the lobby"), "the admin event carries the reason: " + event);
            b.visible(member("helper", "rbac-user-disabled"));
            decided(b, member("helper", "rbac-moderate-enable"));
            assertNull(b.first(member("helper", "rbac-moderate-disable")), "a disabled user offers Enable, not Disable");
            b.shot("disabled");

            openDialog(b, member("helper", "rbac-moderate-enable"), "enable");
            b.shot("enable-dialog");
            confirm(b, "enable", "helper is enabled");
            assertTrue(enabled(s, "helper"), "Keycloak holds helper enabled again");
            decided(b, member("helper", "rbac-moderate-disable"));
            assertNull(b.first(member("helper", "rbac-user-disabled")));

            // Kick: helper's session ends.
            s.as("helper");
            assertFalse(ok(200, s.master.get(kc(s, "/users/" + s.userId("helper") + "/sessions"))).json().isEmpty(),
                    "helper has a session to end");
            openDialog(b, member("helper", "rbac-moderate-logout"), "logout");
            // A reason the server refuses (over 255 characters): its 400 stays in the dialog, under the field.
            type(b, By.cssSelector("[data-testid='rbac-moderate-reason']"), "x".repeat(256));
            b.click(By.cssSelector("[data-testid='rbac-moderate-confirm']"));
            WebElement underReason = b.visible(By.cssSelector("[data-testid='rbac-moderate-modal'] [data-testid='rbac-moderate-error-reason']"));
            assertTrue(underReason.getText().contains("at most 255 characters"), underReason.getText());
            assertNull(b.first(By.cssSelector("[data-testid='rbac-moderate-error']")), "shown once, under the field it names");
            assertFalse(ok(200, s.master.get(kc(s, "/users/" + s.userId("helper") + "/sessions"))).json().isEmpty(),
                    "the refused sign-out ended nothing");
            b.shot("logout-refused-reason");
            type(b, By.cssSelector("[data-testid='rbac-moderate-reason']"), "Kicked for a minute");
            b.shot("logout-dialog");
            confirm(b, "logout", "helper is signed out everywhere");
            assertTrue(ok(200, s.master.get(kc(s, "/users/" + s.userId("helper") + "/sessions"))).json().isEmpty(),
                    "every session of helper has ended");
            b.click(By.cssSelector("[data-testid='rbac-members-close']"));

            // Time-out from the effective access view: 5 minutes, then ended.
            pickUser(b, "helper");
            b.visible(By.cssSelector("[data-testid='rbac-moderation-panel'][data-username='helper']"));
            openDialog(b, chosen("helper", "rbac-moderate-timeout"), "timeout");
            Select duration = new Select(b.visible(By.cssSelector("[data-testid='rbac-moderate-duration']")));
            assertEquals(List.of("60 seconds", "5 minutes", "10 minutes", "1 hour", "1 day", "1 week"),
                    duration.getOptions().stream().map(WebElement::getText).toList());
            duration.selectByVisibleText("1 hour");
            duration.selectByVisibleText("5 minutes");
            type(b, By.cssSelector("[data-testid='rbac-moderate-reason']"), "Cool down");
            b.shot("timeout-dialog");
            Instant before = Instant.now();
            confirm(b, "timeout", "helper is timed out until");
            Instant after = Instant.now();
            JsonNode timedOut = access(s, "helper");
            assertFalse(timedOut.path("timedOutUntil").isNull() || timedOut.path("timedOutUntil").isMissingNode(), timedOut.toString());
            Instant until = OffsetDateTime.parse(timedOut.get("timedOutUntil").asText()).toInstant();
            assertTrue(!until.isBefore(before.plusSeconds(300 - 5)) && !until.isAfter(after.plusSeconds(300 + 5)),
                    "five minutes ahead: " + until + " (clicked between " + before + " and " + after + ")");
            assertFalse(strings(timedOut.get("permissions")).contains("manage_users"), "a time-out takes the role's permissions");
            WebElement label = b.visible(chosen("helper", "rbac-timed-out"));
            assertTrue(label.getText().startsWith("Timed out until"), label.getText());
            assertEquals(until, OffsetDateTime.parse(label.getAttribute("data-until")).toInstant());
            b.until(d -> b.first(chosen("helper", "rbac-access-permissions")).findElements(By.cssSelector("[data-permission='manage_users']")).isEmpty());
            String timeoutEvent = moderationEvent(s, "helper", "timeout");
            assertTrue(timeoutEvent != null && timeoutEvent.contains("Cool down"), "the admin event carries the reason: " + timeoutEvent);
            b.shot("timed-out");

            openDialog(b, chosen("helper", "rbac-moderate-end-timeout"), "end-timeout");
            assertNull(b.first(By.cssSelector("[data-testid='rbac-moderate-reason']")), "ending a time-out takes no reason");
            b.shot("end-timeout-dialog");
            confirm(b, "end-timeout", "The time-out of helper has ended");
            JsonNode back = access(s, "helper");
            assertTrue(back.path("timedOutUntil").isNull() || back.path("timedOutUntil").isMissingNode(), back.toString());
            assertTrue(strings(back.get("permissions")).contains("manage_users"));
            b.until(d -> b.first(chosen("helper", "rbac-timed-out")) == null);
            b.visible(chosen("helper", "rbac-access-permissions")).findElement(By.cssSelector("[data-permission='manage_users']"));
            assertNull(b.first(chosen("helper", "rbac-moderate-end-timeout")));
            b.shot("time-out-ended");
        }
    }

    @Test
    void aDelegatedAdminModeratesOnlyBelowTheirPositionAndSeesTheServersRefusalInTheDialog() {
        Scenario s = Scenario.standard("console-moderation-delegated");
        try (Browser b = new Browser("moderation-delegated")) {
            openSectionAsModerator(b, s);

            // Above (admin, 50) and equal (mod2, 20; mod themself): every action refused, the server's reason shown.
            b.click(inRow("Admin", "rbac-members"));
            for (String testId : MODERATION_BUTTONS) {
                WebElement button = decided(b, member("admin", testId));
                assertEquals("true", button.getAttribute("aria-disabled"), testId);
                assertEquals("hierarchy", button.getAttribute("data-refusal"), testId);
                assertTrue(button.getAttribute("data-reason").contains("is not below your highest position 20"),
                        button.getAttribute("data-reason"));
            }
            WebElement locked = b.visible(member("admin", "rbac-moderate-locked"));
            assertTrue(locked.getText().contains("The user's highest position 50 is not below your highest position 20"), locked.getText());
            WebElement disable = b.visible(member("admin", "rbac-moderate-disable"));
            new Actions(b.driver).moveToElement(disable).perform();
            WebElement tooltip = b.visible(By.cssSelector(".pf-v5-c-tooltip"));
            assertEquals(disable.getAttribute("data-reason"), tooltip.getText().trim());
            disable.click();
            assertNull(b.first(By.cssSelector("[data-testid='rbac-moderate-modal']")), "a refused action opens no dialog");
            b.shot("admin-locked-tooltip");
            b.click(By.cssSelector("[data-testid='rbac-members-close']"));

            b.click(inRow("Moderator", "rbac-members"));
            for (String username : List.of("mod2", "mod")) {
                WebElement button = decided(b, member(username, "rbac-moderate-timeout"));
                assertEquals("true", button.getAttribute("aria-disabled"), username);
                assertEquals("hierarchy", button.getAttribute("data-refusal"), username);
            }
            assertTrue(b.visible(member("mod", "rbac-moderate-disable")).getAttribute("data-reason").contains("You cannot manage yourself"));
            b.shot("equal-position-locked");
            b.click(By.cssSelector("[data-testid='rbac-members-close']"));

            // The realm's owner: owner protection.
            pickUser(b, "owner");
            WebElement ownerButton = decided(b, chosen("owner", "rbac-moderate-disable"));
            assertEquals("true", ownerButton.getAttribute("aria-disabled"));
            assertEquals("owner_protection", ownerButton.getAttribute("data-refusal"));
            b.shot("owner-protected");

            // Below (helper, 10): allowed. The page allowed it, but the server has the last word: helper is
            // promoted above mod while the dialog is open, and the refusal shows inside the dialog.
            pickUser(b, "helper");
            openDialog(b, chosen("helper", "rbac-moderate-disable"), "disable");
            type(b, By.cssSelector("[data-testid='rbac-moderate-reason']"), "Too loud");
            ok(204, s.master.put(s.api() + "/users/" + s.userId("helper") + "/roles/" + s.roleId("Admin"), ""));
            b.click(By.cssSelector("[data-testid='rbac-moderate-confirm']"));
            WebElement error = b.visible(By.cssSelector("[data-testid='rbac-moderate-modal'] [data-testid='rbac-moderate-error']"));
            AdminClient.Response server = s.as("mod").post(s.api() + "/users/" + s.userId("helper") + "/disable",
                    object("reason", "Too loud"));
            assertEquals(403, server.status(), server.toString());
            assertEquals("hierarchy", error.getAttribute("data-error"));
            assertTrue(error.getText().contains(server.json().get("error_description").asText()),
                    error.getText() + " should show " + server.json().get("error_description").asText());
            assertTrue(enabled(s, "helper"), "the refused ban changed nothing");
            b.shot("refused-in-dialog");
            b.click(By.cssSelector("[data-testid='rbac-moderate-cancel']"));
            b.until(d -> b.first(By.cssSelector("[data-testid='rbac-moderate-modal']")) == null);
            // The console asked again after the refusal: now locked, with the new reason.
            b.until(d -> "true".equals(b.first(chosen("helper", "rbac-moderate-disable")).getAttribute("aria-disabled")));
            b.shot("locked-after-refusal");

            ok(204, s.master.delete(s.api() + "/users/" + s.userId("helper") + "/roles/" + s.roleId("Admin")));
            pickUser(b, "helper");
            openDialog(b, chosen("helper", "rbac-moderate-disable"), "disable");
            type(b, By.cssSelector("[data-testid='rbac-moderate-reason']"), "Too loud");
            confirm(b, "disable", "helper is disabled");
            assertFalse(enabled(s, "helper"));
            b.visible(chosen("helper", "rbac-user-disabled"));
            b.shot("moderator-disabled-helper");
            openDialog(b, chosen("helper", "rbac-moderate-enable"), "enable");
            confirm(b, "enable", "helper is enabled");
            assertTrue(enabled(s, "helper"));
            b.shot("moderator-enabled-helper");
        }
    }
}
