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
 * Issue #15, item 8: every Font Awesome Free class the server accepts is drawn as its glyph, in the
 * font of its style (solid, regular, brands: the webfonts the theme ships, which must actually load
 * and draw ink), former names of renamed icons too; a name Font Awesome Free lacks shows as "not
 * drawn", never as raw class text; the form previews the glyph and its picker searches the icons of
 * every style and writes the chosen one, which the server stores. H2 pass only.
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

    /** The drawn glyph of a row: its name and style, its rendered width, the font drawing it and whether that font loaded. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> glyph(Browser b, String roleName) {
        return (Map<String, Object>) ((JavascriptExecutor) b.driver).executeScript("""
                const g = document.querySelector("tr[data-role-name='" + arguments[0] + "'] .rbac-icon .rbac-fa");
                if (!g) return null;
                const family = 'rbac-fa-' + g.dataset.style;
                const faces = [...document.fonts].filter(f => f.family.replace(/"/g, '') === family);
                return {name: g.dataset.glyph, style: g.dataset.style, width: g.getBoundingClientRect().width,
                        family: getComputedStyle(g).fontFamily, font: faces.map(f => f.status).join(',')};
                """, roleName);
    }

    /**
     * One character drawn at 64 px in the given font on a 96 × 96 canvas, after loading the font: a
     * mask of its inked pixels ('1' where alpha > 127). A glyph of the font draws its shape; where the
     * font lacks the code point the browser draws its missing-glyph box instead.
     */
    private static String mask(Browser b, String font, int codePoint) {
        return (String) ((JavascriptExecutor) b.driver).executeAsyncScript("""
                const [font, code, done] = arguments;
                document.fonts.load(font, String.fromCodePoint(code)).then(() => {
                  const canvas = document.createElement('canvas');
                  canvas.width = 96; canvas.height = 96;
                  const ctx = canvas.getContext('2d');
                  ctx.font = font; ctx.textBaseline = 'top'; ctx.fillStyle = '#000';
                  ctx.fillText(String.fromCodePoint(code), 8, 8);
                  const data = ctx.getImageData(0, 0, 96, 96).data;
                  let bits = '';
                  for (let i = 3; i < data.length; i += 4) bits += data[i] > 127 ? '1' : '0';
                  done(bits);
                }, () => done(''));
                """, font, codePoint);
    }

    private static long ink(String mask) {
        return mask.chars().filter(c -> c == '1').count();
    }

    /** Pixels inked in one mask and not the other. */
    private static long differing(String a, String b) {
        long n = 0;
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void everyFontAwesomeFreeIconIsDrawnAndPickedInTheForm() {
        Scenario s = Scenario.standard("console-icons");
        icon(s, "Admin", "fa-solid fa-headset");        // outside the former built-in list
        icon(s, "Moderator", "fa-solid fa-shield-alt"); // a Font Awesome 5 name of a renamed icon
        icon(s, "Helper", "fa-brands fa-github");       // a brand icon
        icon(s, "Lowest", "fa-regular fa-bell");        // a regular (outlined) icon
        icon(s, "Curator", "fa-solid fa-not-an-icon");  // the server's shape, but no Font Awesome icon
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
            assertEquals("loaded", headset.get("font"), "the theme's fa-solid-900.woff2 loaded: " + headset);
            assertEquals("shield-halved", glyph(b, "Moderator").get("name"));

            // Brand and regular icons: drawn in their own fonts, which load.
            for (String[] expected : new String[][] {{"Helper", "github", "brands"}, {"Lowest", "bell", "regular"}}) {
                Map<String, Object> g = b.until(d -> {
                    Map<String, Object> found = glyph(b, expected[0]);
                    return found != null && "loaded".equals(found.get("font")) ? found : null;
                });
                System.out.println("[ConsoleIconsIT] " + expected[0] + ": " + g);
                assertEquals(expected[1], g.get("name"));
                assertEquals(expected[2], g.get("style"));
                assertTrue(String.valueOf(g.get("family")).contains("rbac-fa-" + expected[2]), "drawn in its style's font: " + g);
                assertTrue(((Number) g.get("width")).doubleValue() > 4, "drawn with a width: " + g);
                assertEquals("true", attr(b, By.cssSelector("tr[data-role-name='" + expected[0] + "'] .rbac-icon"), "data-drawn"));
            }
            // Pixels: each font draws its glyph, not the missing-glyph box the browser draws for a font
            // lacking the code point (github in the regular font, the bell in the brands font), and the
            // regular bell is the outline of the solid one, so it has less ink.
            String github = mask(b, "400 64px rbac-fa-brands", 0xf09b);
            String githubMissing = mask(b, "400 64px rbac-fa-regular", 0xf09b);
            String regularBell = mask(b, "400 64px rbac-fa-regular", 0xf0f3);
            String solidBell = mask(b, "900 64px rbac-fa-solid", 0xf0f3);
            String bellMissing = mask(b, "400 64px rbac-fa-brands", 0xf0f3);
            System.out.printf("[ConsoleIconsIT] pixels inked at 64 px: github %d (%d differ from the missing-glyph box), "
                            + "bell regular %d (%d differ from the missing-glyph box), bell solid %d%n",
                    ink(github), differing(github, githubMissing), ink(regularBell), differing(regularBell, bellMissing), ink(solidBell));
            assertTrue(ink(github) > 200 && differing(github, githubMissing) > 300, "the brands font draws github");
            assertTrue(ink(regularBell) > 200 && differing(regularBell, bellMissing) > 300, "the regular font draws the bell");
            assertTrue(ink(regularBell) < ink(solidBell), "the regular bell is an outline, lighter than the solid one");

            for (String name : new String[] {"Admin", "Moderator", "Helper", "Lowest", "Curator"}) {
                String rowText = b.visible(row(name)).getText();
                assertFalse(rowText.contains("fa-"), "no class text in the row of " + name + ": " + rowText);
            }
            WebElement unknown = b.visible(By.cssSelector("tr[data-role-name='Curator'] .rbac-icon"));
            assertEquals("false", unknown.getAttribute("data-drawn"));
            assertEquals("fa-solid fa-not-an-icon", unknown.getAttribute("title"));
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

            type(b, By.id("rbac-icon"), "fa-regular fa-bell");
            b.until(d -> "regular".equals(attr(b, testId("rbac-icon-preview"), "data-style")) ? true : null);
            assertNull(b.first(testId("rbac-invalid-icon")));

            // The picker: search, choose, and the field holds the chosen icon's classes.
            b.click(testId("rbac-icon-browse"));
            b.visible(testId("rbac-icon-picker"));
            WebElement search = b.visible(By.cssSelector("[data-testid='rbac-icon-search'] input"));
            search.sendKeys("bell");
            b.visible(testId("rbac-icon-option-solid-bell"));
            b.visible(testId("rbac-icon-option-regular-bell"));
            String count = b.visible(testId("rbac-icon-count")).getText();
            assertTrue(count.matches("\\d+ of \\d+ icons"), count);
            int drawable = Integer.parseInt(attr(b, testId("rbac-icon-count"), "data-drawable"));
            System.out.println("[ConsoleIconsIT] the picker offers " + drawable + " icons");
            assertTrue(drawable > 2000, "solid, regular and brand icons offered: " + drawable);
            search.clear();
            search.sendKeys("fa-brands github");
            b.visible(testId("rbac-icon-option-brands-github"));
            b.until(d -> b.first(testId("rbac-icon-option-solid-bell")) == null ? true : null);
            b.shot("icon-picker");
            b.click(testId("rbac-icon-option-brands-github"));
            b.until(d -> "fa-brands fa-github".equals(attr(b, By.id("rbac-icon"), "value")) ? true : null);
            b.until(d -> "github".equals(attr(b, testId("rbac-icon-preview"), "data-glyph")) ? true : null);
            assertEquals("brands", attr(b, testId("rbac-icon-preview"), "data-style"));
            b.click(testId("rbac-save"));
            b.until(d -> "github".equals(attr(b, By.cssSelector("tr[data-role-name='Curator'] .rbac-fa"), "data-glyph")) ? true : null);
            assertEquals("fa-brands fa-github", role(s, "Curator").get("icon").asText());

            // A solid one from the picker, as before.
            b.click(inRow("Curator", "rbac-edit"));
            b.visible(testId("rbac-role-form"));
            b.click(testId("rbac-icon-browse"));
            b.visible(By.cssSelector("[data-testid='rbac-icon-search'] input")).sendKeys("gavel");
            b.click(testId("rbac-icon-option-solid-gavel"));
            b.until(d -> "fa-solid fa-gavel".equals(attr(b, By.id("rbac-icon"), "value")) ? true : null);
            b.click(testId("rbac-save"));
            b.until(d -> "gavel".equals(attr(b, By.cssSelector("tr[data-role-name='Curator'] .rbac-fa"), "data-glyph")) ? true : null);
            assertEquals("fa-solid fa-gavel", role(s, "Curator").get("icon").asText());
            b.shot("icon-saved");
        }
    }
}
