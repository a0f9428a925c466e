package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.Browser;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static dev.hierarchicalrbac.it.support.ConsolePage.attr;
import static dev.hierarchicalrbac.it.support.ConsolePage.inRow;
import static dev.hierarchicalrbac.it.support.ConsolePage.masterConsole;
import static dev.hierarchicalrbac.it.support.ConsolePage.role;
import static dev.hierarchicalrbac.it.support.ConsolePage.row;
import static dev.hierarchicalrbac.it.support.ConsolePage.signInAsMasterAdmin;
import static dev.hierarchicalrbac.it.support.ConsolePage.testId;
import static dev.hierarchicalrbac.it.support.ConsolePage.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #15, item 11: one menu entry opens the section and its tabs keep their own URLs (deep links,
 * the back button); the role form focuses Name, tells an owner the truth about positions, spells
 * "color" one way, and shows an invalid colour as invalid in the preview and the picker alike.
 * Runs in the H2 pass only, like {@code ConsoleIT}.
 */
class ConsoleFormAndMenuIT {

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2 || Boolean.getBoolean("it.console.all-dbs"),
                "the console tests run in the H2 pass");
    }

    private static By tab(String key) {
        return testId("rbac-tab-" + key);
    }

    private static void selected(Browser b, String key) {
        b.until(d -> "true".equals(attr(b, tab(key), "aria-selected")) ? true : null);
    }

    private static String activeId(Browser b) {
        return b.driver.switchTo().activeElement().getAttribute("id");
    }

    @Test
    void oneMenuEntryTabsWithUrlsAndAnHonestRoleForm() {
        Scenario s = Scenario.standard("console-form-menu");
        try (Browser b = new Browser("form-menu")) {
            // A deep link to a tab opens that tab; the menu has one entry for the section, marked current.
            signInAsMasterAdmin(b, s, "permissions");
            selected(b, "permissions");
            b.visible(testId("rbac-permissions-table"));
            List<WebElement> entries = b.driver.findElements(By.cssSelector(".keycloak__page_nav__nav a[href*='role-hierarchy']"));
            assertEquals(1, entries.size(), "one menu entry for the section");
            WebElement entry = entries.get(0);
            assertEquals("Role hierarchy", entry.getText().trim());
            assertEquals("nav-item-role-hierarchy", entry.getAttribute("data-testid"));
            assertTrue(entry.getAttribute("class").contains("pf-m-current"), entry.getAttribute("class"));
            assertTrue(b.driver.findElements(By.cssSelector("[id^='nav-item-rbac-']")).isEmpty(), "no menu entry per tab");
            b.shot("deep-link-permissions");

            // Tabs change the URL; the back button returns to the previous tab.
            b.click(tab("access"));
            b.until(d -> d.getCurrentUrl().endsWith("/role-hierarchy/access") ? true : null);
            selected(b, "access");
            b.driver.navigate().back();
            b.until(d -> d.getCurrentUrl().endsWith("/role-hierarchy/permissions") ? true : null);
            selected(b, "permissions");
            b.visible(testId("rbac-permissions-table"));

            // The menu entry opens the section on its first tab, from anywhere in the console.
            b.driver.get(masterConsole(s) + "#/" + s.realm + "/clients");
            b.click(By.cssSelector("[data-testid='nav-item-role-hierarchy']"));
            b.until(d -> d.getCurrentUrl().endsWith("/" + s.realm + "/role-hierarchy") ? true : null);
            selected(b, "roles");
            b.visible(row("Admin"));
            b.shot("menu-entry-opens-roles");

            // The form opens with Name focused; an owner's position help says what is true.
            b.click(testId("rbac-create-role"));
            b.visible(testId("rbac-role-form"));
            b.until(d -> "rbac-name".equals(activeId(b)) ? true : null);
            WebElement form = b.visible(By.cssSelector("[data-testid='rbac-role-form']"));
            String help = form.findElement(By.xpath(".//*[@id='rbac-position']/ancestor::*[contains(@class,'pf-v5-c-form__group')][1]")).getText();
            assertTrue(help.contains("any position that no other role holds"), help);
            assertFalse(help.contains("every position is free"), help);
            assertFalse(form.getText().toLowerCase().contains("colour"), "one spelling: " + form.getText());
            assertTrue(form.getText().contains("Color"), form.getText());

            // An invalid colour: the preview and the picker both show it as invalid (neutral), not two different colours.
            type(b, By.id("rbac-name"), "Gardener");
            type(b, By.id("rbac-color"), "#12345");
            WebElement previewSwatch = b.visible(By.cssSelector(".rbac-preview .rbac-swatch"));
            b.until(d -> "".equals(previewSwatch.getAttribute("data-color")) ? true : null);
            assertTrue(previewSwatch.getAttribute("class").contains("rbac-swatch-none"), previewSwatch.getAttribute("class"));
            WebElement picker = b.visible(testId("rbac-color-picker"));
            assertEquals("false", picker.getAttribute("data-valid"));
            assertTrue(picker.getAttribute("class").contains("rbac-color-picker-invalid"));
            assertEquals("true", b.visible(By.id("rbac-color")).getAttribute("aria-invalid"));
            WebElement invalid = b.visible(testId("rbac-invalid-color"));
            assertTrue(invalid.getText().startsWith("Color must look like #RRGGBB"), invalid.getText());
            b.shot("invalid-colour");

            // The server refuses it too; its sentence, under the field, spells it the same way.
            b.click(testId("rbac-save"));
            WebElement serverError = b.visible(testId("rbac-error-color"));
            assertTrue(serverError.getText().contains("#RRGGBB"), serverError.getText());
            assertFalse(serverError.getText().toLowerCase().contains("colour"), serverError.getText());
            assertNull(b.first(testId("rbac-invalid-color")), "one message under the field");
            assertNull(role(s, "Gardener"));

            type(b, By.id("rbac-color"), "#3BA55D");
            b.until(d -> "#3BA55D".equals(attr(b, By.cssSelector(".rbac-preview .rbac-swatch"), "data-color")) ? true : null);
            assertEquals("#3ba55d", b.visible(testId("rbac-color-picker")).getAttribute("value"));
            assertEquals("true", b.visible(testId("rbac-color-picker")).getAttribute("data-valid"));
            assertNull(b.first(testId("rbac-invalid-color")));
            b.shot("valid-colour");
            b.click(testId("rbac-save"));
            b.visible(row("Gardener"));
            JsonNode gardener = role(s, "Gardener");
            assertEquals("#3BA55D", gardener.get("color").asText());

            // @everyone's name cannot change: its form focuses the description.
            b.click(inRow("@everyone", "rbac-edit"));
            b.visible(testId("rbac-role-form"));
            b.until(d -> "rbac-description".equals(activeId(b)) ? true : null);
            b.shot("everyone-form-focus");
            b.click(testId("rbac-cancel"));
        }
    }
}
