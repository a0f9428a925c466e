package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.Browser;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.Scenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.util.Map;

import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.ConsolePage.attr;
import static dev.hierarchicalrbac.it.support.ConsolePage.inRow;
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
 * Issue #15, item 8: role icons outside any short list are drawn as Font Awesome glyphs (from the
 * solid font Keycloak serves, which must actually load), Font Awesome 6 names of renamed icons too;
 * a name the font lacks shows as "not drawn", never as raw class text; the form previews the glyph
 * and its picker searches the icons and writes the chosen one, which the server stores. H2 pass only.
 */
class ConsoleIconsIT {

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2 || Boolean.getBoolean("it.console.all-dbs"),
                "the console tests run in the H2 pass");
    }

    private static void icon(Scenario s, String role, String icon) {
        expect(200, s.master.put(s.api() + "/roles/" + s.roleId(role), Map.of("icon", icon)));
    }

    /** The drawn glyph of a row: its name, its rendered width, and whether the served font is what draws it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> glyph(Browser b, String roleName) {
        return (Map<String, Object>) ((JavascriptExecutor) b.driver).executeScript("""
                const g = document.querySelector("tr[data-role-name='" + arguments[0] + "'] .rbac-icon .rbac-fa");
                if (!g) return null;
                const faces = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'rbac-fa-solid');
                return {name: g.dataset.glyph, width: g.getBoundingClientRect().width,
                        family: getComputedStyle(g).fontFamily, font: faces.map(f => f.status).join(',')};
                """, roleName);
    }

    @Test
    void anySolidIconIsDrawnAndPickedInTheForm() {
        Scenario s = Scenario.standard("console-icons");
        icon(s, "Admin", "fa-solid fa-headset");        // outside the former built-in list
        icon(s, "Moderator", "fa-solid fa-shield-halved"); // a Font Awesome 6 name of a renamed icon
        icon(s, "Helper", "fa-brands fa-github");        // accepted by the server, not in the solid font
        try (Browser b = new Browser("icons")) {
            signInAsMasterAdmin(b, s, "roles");
            b.visible(row("Admin"));
            b.until(d -> {
                Map<String, Object> g = glyph(b, "Admin");
                return g != null && "loaded".equals(g.get("font")) ? g : null;
            });
            Map<String, Object> headset = glyph(b, "Admin");
            assertEquals("headset", headset.get("name"));
            assertTrue(((Number) headset.get("width")).doubleValue() > 4, "drawn with a width: " + headset);
            assertEquals("loaded", headset.get("font"), "Keycloak's fa-solid-900.woff2 loaded: " + headset);
            assertEquals("shield-alt", glyph(b, "Moderator").get("name"));
            for (String name : new String[] {"Admin", "Moderator", "Helper"}) {
                String rowText = b.visible(row(name)).getText();
                assertFalse(rowText.contains("fa-"), "no class text in the row of " + name + ": " + rowText);
            }
            WebElement github = b.visible(By.cssSelector("tr[data-role-name='Helper'] .rbac-icon"));
            assertEquals("false", github.getAttribute("data-drawn"));
            assertEquals("fa-brands fa-github", github.getAttribute("title"));
            assertEquals("true", attr(b, By.cssSelector("tr[data-role-name='Admin'] .rbac-icon"), "data-drawn"));
            b.shot("icons-in-table");

            // The form: the typed classes' glyph beside the field; a name the font lacks is said so.
            b.click(inRow("Curator", "rbac-edit"));
            b.visible(testId("rbac-role-form"));
            type(b, By.id("rbac-icon"), "fa-solid fa-headset");
            b.until(d -> "headset".equals(attr(b, testId("rbac-icon-preview"), "data-glyph")) ? true : null);
            assertNull(b.first(testId("rbac-invalid-icon")));
            b.visible(By.cssSelector(".rbac-preview .rbac-icon[data-drawn='true'] [data-glyph='headset']"));
            type(b, By.id("rbac-icon"), "fa-solid fa-not-an-icon");
            b.until(d -> "".equals(attr(b, testId("rbac-icon-preview"), "data-glyph")) ? true : null);
            assertTrue(b.visible(testId("rbac-invalid-icon")).getText().contains("no icon of that name"));

            // The picker: search, choose, and the field holds the chosen icon's classes.
            b.click(testId("rbac-icon-browse"));
            b.visible(testId("rbac-icon-picker"));
            WebElement search = b.visible(By.cssSelector("[data-testid='rbac-icon-search'] input"));
            search.sendKeys("gavel");
            b.visible(testId("rbac-icon-option-gavel"));
            String count = b.visible(testId("rbac-icon-count")).getText();
            assertTrue(count.matches("\\d+ of \\d+ icons"), count);
            b.shot("icon-picker");
            b.click(testId("rbac-icon-option-gavel"));
            b.until(d -> "fa-solid fa-gavel".equals(attr(b, By.id("rbac-icon"), "value")) ? true : null);
            b.until(d -> "gavel".equals(attr(b, testId("rbac-icon-preview"), "data-glyph")) ? true : null);
            b.click(testId("rbac-save"));
            b.until(d -> "gavel".equals(attr(b, By.cssSelector("tr[data-role-name='Curator'] .rbac-fa"), "data-glyph")) ? true : null);
            assertEquals("fa-solid fa-gavel", role(s, "Curator").get("icon").asText());
            b.shot("icon-saved");
        }
    }
}
