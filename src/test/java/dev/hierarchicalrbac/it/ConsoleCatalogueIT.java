package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.Browser;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;

import static dev.hierarchicalrbac.it.support.Api.names;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.ConsolePage.text;
import static dev.hierarchicalrbac.it.support.ConsolePage.inPermissionRow;
import static dev.hierarchicalrbac.it.support.ConsolePage.permission;
import static dev.hierarchicalrbac.it.support.ConsolePage.permissionRow;
import static dev.hierarchicalrbac.it.support.ConsolePage.signInAsMasterAdmin;
import static dev.hierarchicalrbac.it.support.ConsolePage.success;
import static dev.hierarchicalrbac.it.support.ConsolePage.testId;
import static dev.hierarchicalrbac.it.support.ConsolePage.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #15, item 10: the permission catalogue tab shows which admin roles give each permission (as
 * {@code GET /roles} says), creates from a toolbar button, offers a placeholder that is no existing
 * permission's name, and edits descriptions, built-ins' too. Runs in the H2 pass only, like
 * {@code ConsoleIT}.
 */
class ConsoleCatalogueIT {

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2 || Boolean.getBoolean("it.console.all-dbs"),
                "the console tests run in the H2 pass");
    }

    /** The roles giving a permission according to the server, in GET /roles order (highest first, @everyone last). */
    private static String usersOf(Scenario s, String permission) {
        List<String> giving = new ArrayList<>();
        for (JsonNode role : ok(200, s.master.get(s.api() + "/roles")).json()) {
            role.get("permissions").forEach(p -> {
                if (p.asText().equals(permission)) {
                    giving.add(role.get("name").asText());
                }
            });
        }
        return String.join(",", giving);
    }

    private static WebElement usedBy(Browser b, String permission) {
        return b.visible(inPermissionRow(permission, "rbac-used-by"));
    }

    @Test
    void theCatalogueShowsWhoUsesEachPermissionCreatesFromTheToolbarAndEditsDescriptions() {
        Scenario s = Scenario.standard("console-catalogue");
        String everyone = s.roleId("@everyone");
        ok(200, s.master.put(s.api() + "/roles/" + everyone, object("permissions", List.of("view_logs"))));
        // The first example name the form would offer is taken: it must offer another.
        ok(201, s.master.post(s.api() + "/permissions", object("name", "publish_articles")));

        try (Browser b = new Browser("catalogue")) {
            signInAsMasterAdmin(b, s, "permissions");
            b.visible(permissionRow("manage_roles"));

            // Used by: the roles of GET /roles that hold each permission, @everyone included.
            assertEquals("Admin,Moderator,Curator", usersOf(s, "manage_roles"));
            for (String p : List.of("manage_roles", "manage_users", "view_logs", "manage_plugins", "publish_articles")) {
                WebElement cell = usedBy(b, p);
                assertEquals(usersOf(s, p), cell.getAttribute("data-roles"), p);
            }
            WebElement viewLogs = usedBy(b, "view_logs");
            assertEquals("3", viewLogs.getAttribute("data-count"));
            for (String name : List.of("Admin", "Moderator", "@everyone")) {
                assertTrue(viewLogs.findElement(By.cssSelector(".rbac-badge[data-role='" + name + "']")).isDisplayed(), name);
            }
            assertTrue(usedBy(b, "publish_articles").getText().contains("No role"), usedBy(b, "publish_articles").getText());
            b.shot("catalogue-used-by");

            // The toolbar's Create button opens the form; its placeholder is no permission of the realm.
            b.click(testId("rbac-create-permission"));
            WebElement name = b.visible(By.id("rbac-permission-name"));
            b.until(d -> "rbac-permission-name".equals(d.switchTo().activeElement().getAttribute("id")));
            String placeholder = name.getAttribute("placeholder");
            List<String> existing = names(ok(200, s.master.get(s.api() + "/permissions")).json());
            assertFalse(placeholder == null || placeholder.isBlank(), "the name field shows an example");
            assertFalse(existing.contains(placeholder), placeholder + " is already a permission of the realm: " + existing);
            b.shot("create-form");
            type(b, By.id("rbac-permission-name"), "Edit Recipes");
            b.click(testId("rbac-permission-create"));
            WebElement nameError = b.visible(testId("rbac-error-name"));
            assertTrue(nameError.getText().contains("lower-case"), nameError.getText());
            assertFalse(names(ok(200, s.master.get(s.api() + "/permissions")).json()).contains("Edit Recipes"));
            b.shot("create-refused");
            type(b, By.id("rbac-permission-name"), "edit_recipes");
            type(b, By.id("rbac-permission-description"), "Edit the shared recipe book");
            b.click(testId("rbac-permission-create"));
            b.until(d -> b.first(testId("rbac-permission-form")) == null);
            success(b, "edit_recipes is added to the catalogue");
            b.visible(permissionRow("edit_recipes"));
            assertEquals("Edit the shared recipe book", permission(s, "edit_recipes").get("description").asText());
            assertEquals("false", b.visible(permissionRow("edit_recipes")).getAttribute("data-built-in"));

            // A built-in's description is edited too; its name stays.
            String before = permission(s, "manage_invites").path("description").asText();
            b.click(inPermissionRow("manage_invites", "rbac-edit-permission"));
            WebElement fixedName = b.visible(By.id("rbac-permission-name"));
            assertEquals("manage_invites", fixedName.getAttribute("value"));
            assertFalse(fixedName.isEnabled(), "a built-in keeps its name");
            assertEquals(before, b.visible(By.id("rbac-permission-description")).getAttribute("value"));
            type(b, By.id("rbac-permission-description"), "Invite guests to the family server");
            b.shot("edit-built-in");
            b.click(testId("rbac-permission-save"));
            b.until(d -> b.first(testId("rbac-permission-form")) == null);
            success(b, "manage_invites is saved");
            b.until(d -> "Invite guests to the family server".equals(text(b, inPermissionRow("manage_invites", "rbac-permission-description-text"))) ? true : null);
            JsonNode invites = permission(s, "manage_invites");
            assertEquals("Invite guests to the family server", invites.get("description").asText());
            assertTrue(invites.get("builtIn").asBoolean());
            b.shot("built-in-edited");

            // A description over 255 characters: the server's 400 under the description.
            b.click(inPermissionRow("edit_recipes", "rbac-edit-permission"));
            type(b, By.id("rbac-permission-description"), "x".repeat(256));
            b.click(testId("rbac-permission-save"));
            WebElement tooLong = b.visible(testId("rbac-error-description"));
            assertTrue(tooLong.getText().contains("255"), tooLong.getText());
            assertEquals("Edit the shared recipe book", permission(s, "edit_recipes").get("description").asText());
            b.shot("description-refused");
            // Emptied: the description is cleared.
            b.visible(By.id("rbac-permission-description")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            b.click(testId("rbac-permission-save"));
            b.until(d -> b.first(testId("rbac-permission-form")) == null);
            b.until(d -> permission(s, "edit_recipes").path("description").asText("").isEmpty() ? true : null);

            // Given to a role elsewhere: the column follows once the tab is read again.
            ok(200, s.master.put(s.api() + "/roles/" + s.roleId("Lowest"), object("permissions", List.of("edit_recipes"))));
            b.click(testId("rbac-tab-roles"));
            b.click(testId("rbac-tab-permissions"));
            b.until(d -> {
                WebElement cell = b.first(inPermissionRow("edit_recipes", "rbac-used-by"));
                return cell != null && "Lowest".equals(cell.getAttribute("data-roles")) ? cell : null;
            });
            b.shot("used-by-updated");
        }
    }
}
