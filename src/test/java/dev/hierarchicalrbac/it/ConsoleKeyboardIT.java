package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.Browser;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.Scenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static dev.hierarchicalrbac.it.support.ConsolePage.attr;
import static dev.hierarchicalrbac.it.support.ConsolePage.inRow;
import static dev.hierarchicalrbac.it.support.ConsolePage.role;
import static dev.hierarchicalrbac.it.support.ConsolePage.row;
import static dev.hierarchicalrbac.it.support.ConsolePage.signInAsMasterAdmin;
import static dev.hierarchicalrbac.it.support.ConsolePage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #15, item 3: reordering admin roles from the keyboard keeps focus on the moved row's handle,
 * so ArrowUp pressed again moves the role again, and each new place is announced to screen readers in
 * a live region. A move that shifts another role (item 1) is confirmed from the keyboard too. Every move is checked through the REST API. Runs in the H2 pass only, like
 * {@code ConsoleIT}.
 */
class ConsoleKeyboardIT {

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2 || Boolean.getBoolean("it.console.all-dbs"),
                "the console tests run in the H2 pass");
    }

    /** The element with focus, as "role name/test id" of the row and control it is in. */
    private static String focused(Browser b) {
        WebElement active = b.driver.switchTo().activeElement();
        WebElement tr = active.findElements(By.xpath("ancestor::tr[@data-role-name][1]")).stream().findFirst().orElse(null);
        return (tr == null ? "-" : tr.getAttribute("data-role-name")) + "/" + active.getAttribute("data-testid");
    }

    /** Presses a key on whatever has focus now, as a keyboard user does. */
    private static void press(Browser b, Keys key) {
        b.driver.switchTo().activeElement().sendKeys(key);
    }

    private static void waitFor(Browser b, String roleName, int position, String focus, String announcement) {
        b.until(d -> String.valueOf(position).equals(attr(b, row(roleName), "data-position")) ? true : null);
        b.until(d -> focus.equals(focused(b)) ? true : null);
        b.until(d -> announcement.equals(String.valueOf(attr(b, testId("rbac-move-announcement"), "textContent")).trim()) ? true : null);
    }

    @Test
    void arrowKeysMoveARoleAgainAndAgainAndEachPlaceIsAnnounced() {
        Scenario s = Scenario.standard("console-keyboard");
        try (Browser b = new Browser("keyboard")) {
            signInAsMasterAdmin(b, s, "roles");
            WebElement live = b.visible(row("Lowest")).findElement(By.xpath("ancestor::*[.//*[@data-testid='rbac-move-announcement']][1]"))
                    .findElement(By.cssSelector("[data-testid='rbac-move-announcement']"));
            assertEquals("polite", live.getAttribute("aria-live"));

            // Lowest (5) is last of five: focus its handle and press ArrowUp twice, then ArrowDown once. Each
            // place has free positions (the realm's roles sit 5 apart), so only Lowest moves and nothing is asked.
            WebElement handle = b.visible(inRow("Lowest", "rbac-drag-handle"));
            b.scrollIntoView(handle);
            handle.sendKeys(Keys.ARROW_UP);
            waitFor(b, "Lowest", 11, "Lowest/rbac-drag-handle", "Lowest moved to position 11, 4 of 5.");
            assertEquals(11, role(s, "Lowest").get("position").asInt());
            assertEquals(10, role(s, "Helper").get("position").asInt());
            b.shot("first-arrow-up");

            press(b, Keys.ARROW_UP);
            waitFor(b, "Lowest", 16, "Lowest/rbac-drag-handle", "Lowest moved to position 16, 3 of 5.");
            assertEquals(16, role(s, "Lowest").get("position").asInt());
            assertEquals(15, role(s, "Curator").get("position").asInt());
            b.shot("second-arrow-up");

            press(b, Keys.ARROW_DOWN);
            waitFor(b, "Lowest", 14, "Lowest/rbac-drag-handle", "Lowest moved to position 14, 4 of 5.");
            assertEquals(14, role(s, "Lowest").get("position").asInt());
            assertEquals(15, role(s, "Curator").get("position").asInt());

            // The arrow buttons keep focus on themselves on the moved row, so Enter moves again. Helper (10)
            // above Lowest (14) with Curator at 15 has no free position: the plan dialog opens with its Move
            // button focused, Enter confirms, and focus comes back to the arrow.
            b.visible(inRow("Helper", "rbac-move-up")).click();
            b.visible(testId("rbac-plan-modal"));
            b.until(d -> "-/rbac-plan-confirm".equals(focused(b)) ? true : null);
            b.shot("plan-from-keyboard");
            press(b, Keys.ENTER);
            waitFor(b, "Helper", 14, "Helper/rbac-move-up", "Helper moved to position 14, 4 of 5.");
            assertEquals(13, role(s, "Lowest").get("position").asInt());
            press(b, Keys.ENTER);
            waitFor(b, "Helper", 16, "Helper/rbac-move-up", "Helper moved to position 16, 3 of 5.");
            assertEquals(16, role(s, "Helper").get("position").asInt());
            assertEquals(15, role(s, "Curator").get("position").asInt());
            assertEquals(13, role(s, "Lowest").get("position").asInt());
            assertTrue(b.driver.findElements(By.cssSelector("[data-testid='rbac-roles-table'] tbody tr")).size() == 6);
            b.shot("arrow-buttons");
        }
    }
}
