package dev.hierarchicalrbac.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import static dev.hierarchicalrbac.it.support.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Role hierarchy section's pages as the console tests drive them: signing in, opening a tab by
 * its URL, finding rows, typing, the confirmation dialogs and the section's alerts.
 */
public final class ConsolePage {

    private ConsolePage() {
    }

    public static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    public static By row(String roleName) {
        return By.cssSelector("tr[data-role-name='" + roleName + "']");
    }

    public static By inRow(String roleName, String testId) {
        return By.cssSelector("tr[data-role-name='" + roleName + "'] [data-testid='" + testId + "']");
    }

    public static By permissionRow(String name) {
        return By.cssSelector("tr[data-permission='" + name + "']");
    }

    public static By inPermissionRow(String name, String testId) {
        return By.cssSelector("tr[data-permission='" + name + "'] [data-testid='" + testId + "']");
    }

    /** An attribute of the element, or null while there is no such element (a tab being read again, say). */
    public static String attr(Browser b, By by, String name) {
        WebElement e = b.first(by);
        return e == null ? null : e.getAttribute(name);
    }

    /** The element's text, or null while there is no such element. */
    public static String text(Browser b, By by) {
        WebElement e = b.first(by);
        return e == null ? null : e.getText();
    }

    /** Replaces an input's text the way a person does (select all, type), so React sees every key. */
    public static void type(Browser b, By by, String text) {
        WebElement input = b.visible(by);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    public static String masterConsole(Scenario s) {
        return s.server.baseUrl() + "/admin/master/console/";
    }

    /** Loads the console anew on a URL of the section ({@code roles}, {@code permissions}, {@code access/<id>}, ...). */
    public static void open(Browser b, String console, String realm, String path) {
        b.driver.get("about:blank");
        b.driver.get(console + "#/" + realm + "/role-hierarchy/" + path);
        b.visible(testId("rbac-title"));
    }

    /** Signs the master realm's admin (an owner of every realm) in to the master console and opens the section for {@code s}. */
    public static void signInAsMasterAdmin(Browser b, Scenario s, String path) {
        b.signIn(masterConsole(s), KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD);
        b.visible(By.cssSelector("[data-testid='currentRealm']"));
        open(b, masterConsole(s), s.realm, path);
    }

    /**
     * Signs a user of the scenario's realm in to that realm's own console (the theme selected there)
     * and opens the section. The console itself needs some Keycloak admin role to load.
     */
    public static String signInToRealm(Browser b, Scenario s, String username, String path) {
        s.master.selectAdminTheme(s.realm);
        String console = s.server.baseUrl() + "/admin/" + s.realm + "/console/";
        b.signIn(console, username, Scenario.PASSWORD);
        b.visible(By.cssSelector("[data-testid='currentRealm']"));
        open(b, console, s.realm, path);
        return console;
    }

    /** The open confirmation dialog of that kind (delete-role, delete-visual-role, delete-permission, remove-member). */
    public static WebElement dialog(Browser b, String kind) {
        return b.visible(By.cssSelector("[data-testid='rbac-confirm-modal'][data-kind='" + kind + "']"));
    }

    public static boolean noDialog(Browser b) {
        return b.first(testId("rbac-confirm-modal")) == null;
    }

    /** The title of the PatternFly modal box around a dialog's body. */
    public static String dialogTitle(WebElement dialogBody) {
        return dialogBody.findElement(By.xpath("ancestor::*[contains(concat(' ', @class, ' '), ' pf-v5-c-modal-box ')][1]"))
                .findElement(By.cssSelector(".pf-v5-c-modal-box__title")).getText().trim();
    }

    /** Waits for a success alert of the section containing the text. */
    public static void success(Browser b, String text) {
        b.until(d -> d.findElements(By.cssSelector(".rbac-alert[data-variant='success']")).stream()
                .anyMatch(a -> a.getText().contains(text)));
    }

    /** The browser shows no native dialog (alert, confirm): the section asks in its own dialogs. */
    public static void noNativeDialog(Browser b) {
        assertThrows(NoAlertPresentException.class, () -> b.driver.switchTo().alert());
    }

    /** An admin role of the scenario's realm, read through the API as the master admin; null when there is none. */
    public static JsonNode role(Scenario s, String name) {
        for (JsonNode r : ok(200, s.master.get(s.api() + "/roles")).json()) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        return null;
    }

    public static JsonNode permission(Scenario s, String name) {
        for (JsonNode p : ok(200, s.master.get(s.api() + "/permissions")).json()) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The class attribute says the button is PatternFly's danger (or link) variant. */
    public static void assertVariant(String variant, WebElement button) {
        assertEquals(true, button.getAttribute("class").contains("pf-m-" + variant), button.getAttribute("class"));
    }
}
