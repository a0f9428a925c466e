package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.Browser;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static dev.hierarchicalrbac.it.support.Api.names;
import static dev.hierarchicalrbac.it.support.Api.object;
import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.ConsolePage.assertVariant;
import static dev.hierarchicalrbac.it.support.ConsolePage.dialog;
import static dev.hierarchicalrbac.it.support.ConsolePage.dialogTitle;
import static dev.hierarchicalrbac.it.support.ConsolePage.inPermissionRow;
import static dev.hierarchicalrbac.it.support.ConsolePage.inRow;
import static dev.hierarchicalrbac.it.support.ConsolePage.noDialog;
import static dev.hierarchicalrbac.it.support.ConsolePage.noNativeDialog;
import static dev.hierarchicalrbac.it.support.ConsolePage.permission;
import static dev.hierarchicalrbac.it.support.ConsolePage.permissionRow;
import static dev.hierarchicalrbac.it.support.ConsolePage.role;
import static dev.hierarchicalrbac.it.support.ConsolePage.row;
import static dev.hierarchicalrbac.it.support.ConsolePage.signInAsMasterAdmin;
import static dev.hierarchicalrbac.it.support.ConsolePage.success;
import static dev.hierarchicalrbac.it.support.ConsolePage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #15, item 7: every delete and every removal in the Role hierarchy section asks first in a
 * PatternFly dialog shaped like the console's own "Delete role?" — the question as title, the thing
 * named with what happens to it, a red confirm button and a Cancel link — never with the browser's
 * confirm(). Cancel changes nothing; confirm changes the server; a refusal stays inside the dialog.
 * Runs in the H2 pass only, like {@code ConsoleIT}.
 */
class ConsoleDialogsIT {

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2 || Boolean.getBoolean("it.console.all-dbs"),
                "the console tests run in the H2 pass");
    }

    private static WebElement open(Browser b, By trigger, String kind) {
        b.click(trigger);
        WebElement body = dialog(b, kind);
        noNativeDialog(b);
        assertVariant("danger", b.visible(testId("rbac-confirm")));
        assertVariant("link", b.visible(testId("rbac-confirm-cancel")));
        return body;
    }

    private static void cancel(Browser b) {
        b.click(testId("rbac-confirm-cancel"));
        b.until(d -> noDialog(b));
    }

    private static void confirm(Browser b, String alert) {
        b.click(testId("rbac-confirm"));
        b.until(d -> noDialog(b));
        success(b, alert);
    }

    @Test
    void deletesAndRemovalsAskInTheConsolesOwnDialog() {
        Scenario s = Scenario.standard("console-dialogs");
        String vip = ok(201, s.master.post(s.api() + "/visual-roles", object("name", "VIP", "position", 1)))
                .json().get("id").asText();
        ok(204, s.master.put(s.api() + "/users/" + s.userId("plain") + "/visual-roles/" + vip, ""));
        ok(201, s.master.post(s.api() + "/permissions", object("name", "edit_recipes", "description", "Edit the recipe book")));
        ok(200, s.master.put(s.api() + "/roles/" + s.roleId("Curator"), object("permissions", java.util.List.of("manage_roles", "edit_recipes"))));

        try (Browser b = new Browser("dialogs")) {
            signInAsMasterAdmin(b, s, "roles");
            b.visible(row("Helper"));

            // Delete role: the title, the role and its member named, Cancel keeps it.
            WebElement body = open(b, inRow("Helper", "rbac-delete"), "delete-role");
            assertEquals("Delete role?", dialogTitle(body));
            String text = b.visible(testId("rbac-confirm-text")).getText();
            assertTrue(text.contains("\"Helper\"") && text.contains("1 member loses it") && text.contains("cannot be undone"), text);
            b.shot("delete-role-dialog");
            cancel(b);
            assertNotNull(role(s, "Helper"), "Cancel deletes nothing");
            b.visible(row("Helper"));

            open(b, inRow("Helper", "rbac-delete"), "delete-role");
            confirm(b, "Helper is deleted");
            b.until(d -> b.first(row("Helper")) == null);
            assertNull(role(s, "Helper"), "confirmed: the server deleted it");
            assertTrue(names(ok(200, s.master.get(s.api() + "/users/" + s.userId("helper") + "/roles")).json()).isEmpty());
            b.shot("role-deleted");

            // A refusal stays in the dialog: Lowest is deleted elsewhere while the dialog is open.
            open(b, inRow("Lowest", "rbac-delete"), "delete-role");
            ok(204, s.master.delete(s.api() + "/roles/" + s.roleId("Lowest")));
            b.click(testId("rbac-confirm"));
            WebElement error = b.visible(By.cssSelector("[data-testid='rbac-confirm-modal'] [data-testid='rbac-confirm-error']"));
            assertEquals("not_found", error.getAttribute("data-error"), error.getText());
            assertFalse(noDialog(b), "the dialog stays open with the server's answer");
            b.shot("delete-role-refused");
            cancel(b);
            b.until(d -> b.first(row("Lowest")) == null);

            // Remove a member: named with the role and the permissions they lose.
            b.click(inRow("Moderator", "rbac-members"));
            By mod2 = By.cssSelector("[data-testid='rbac-member-list'] [data-username='mod2'] [data-testid='rbac-member-remove']");
            body = open(b, mod2, "remove-member");
            assertEquals("Remove member?", dialogTitle(body));
            text = b.visible(testId("rbac-confirm-text")).getText();
            assertTrue(text.contains("mod2") && text.contains("\"Moderator\"") && text.contains("manage_permissions, manage_roles, manage_users, view_logs"), text);
            assertEquals("Remove", b.visible(testId("rbac-confirm")).getText().trim());
            b.shot("remove-member-dialog");
            cancel(b);
            assertTrue(names(ok(200, s.master.get(s.api() + "/users/" + s.userId("mod2") + "/roles")).json()).contains("Moderator"),
                    "Cancel removes nobody");
            open(b, mod2, "remove-member");
            confirm(b, "mod2 no longer holds Moderator");
            b.until(d -> b.first(By.cssSelector("[data-testid='rbac-member-list'] [data-username='mod2']")) == null);
            assertFalse(names(ok(200, s.master.get(s.api() + "/users/" + s.userId("mod2") + "/roles")).json()).contains("Moderator"));
            b.visible(By.cssSelector("[data-testid='rbac-member-list'] [data-username='mod']"));
            b.shot("member-removed");
            b.click(testId("rbac-members-close"));

            // Delete a visual role.
            b.click(testId("rbac-tab-visual-roles"));
            body = open(b, inRow("VIP", "rbac-delete"), "delete-visual-role");
            assertEquals("Delete visual role?", dialogTitle(body));
            text = b.visible(testId("rbac-confirm-text")).getText();
            assertTrue(text.contains("\"VIP\"") && text.contains("1 member no longer shows its badge"), text);
            b.shot("delete-visual-role-dialog");
            confirm(b, "VIP is deleted");
            b.until(d -> b.first(row("VIP")) == null);
            assertTrue(ok(200, s.master.get(s.api() + "/visual-roles")).json().isEmpty());

            // Delete a custom permission: the roles that give it are named.
            b.click(testId("rbac-tab-permissions"));
            body = open(b, inPermissionRow("edit_recipes", "rbac-delete-permission"), "delete-permission");
            assertEquals("Delete permission?", dialogTitle(body));
            text = b.visible(testId("rbac-confirm-text")).getText();
            assertTrue(text.contains("\"edit_recipes\"") && text.contains("(Curator)"), text);
            b.shot("delete-permission-dialog");
            cancel(b);
            assertNotNull(permission(s, "edit_recipes"));
            open(b, inPermissionRow("edit_recipes", "rbac-delete-permission"), "delete-permission");
            confirm(b, "edit_recipes is removed from the catalogue");
            b.until(d -> b.first(permissionRow("edit_recipes")) == null);
            assertNull(permission(s, "edit_recipes"));
            JsonNode curator = role(s, "Curator");
            assertFalse(curator.get("permissions").toString().contains("edit_recipes"), curator.toString());
            b.shot("permission-deleted");
        }
    }
}
