package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.Browser;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.hierarchicalrbac.it.support.Api.ok;
import static dev.hierarchicalrbac.it.support.ConsolePage.inRow;
import static dev.hierarchicalrbac.it.support.ConsolePage.row;
import static dev.hierarchicalrbac.it.support.ConsolePage.signInAsMasterAdmin;
import static dev.hierarchicalrbac.it.support.ConsolePage.signInToRealm;
import static dev.hierarchicalrbac.it.support.ConsolePage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #15, items 1, 4, 5 and the drag part of 2: a reorder that would shift other roles shows its
 * plan (roles old → new, whose highest position changes) and saves only on confirmation, exactly that
 * plan; a move into a free position shifts nobody and asks nothing; a moderator is offered no drop
 * place at or above their own role, and a drop there changes nothing; a lock reason every row shares
 * is said once in a banner; a row above the caller names the caller's highest role; the page scrolls
 * while a role is dragged near the window's edge. Every change is checked through the REST API.
 * Runs in the H2 pass only, like {@code ConsoleIT}.
 *
 * <pre>
 *   role       position  members
 *   Admin      50        admin
 *   Moderator  20        mod
 *   Curator    12        senior
 *   Helper     11        helper, senior
 *   Newbie      3        newbie
 * </pre>
 * Free positions between them: 13–19, 4–10, 1–2; none between Curator and Helper.
 */
class ConsoleReorderIT {

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2 || Boolean.getBoolean("it.console.all-dbs"),
                "the console tests run in the H2 pass");
    }

    private static Scenario realmWithGaps(String prefix) {
        Scenario s = Scenario.empty(prefix);
        s.role("Admin", 50, Scenario.BUILT_INS.toArray(String[]::new));
        s.role("Moderator", 20, "manage_roles", "manage_users", "manage_permissions", "view_logs");
        s.role("Curator", 12, "manage_roles");
        s.role("Helper", 11, "manage_users");
        s.role("Newbie", 3);
        s.user("admin", "Admin");
        s.user("mod", "Moderator");
        s.user("senior", "Curator", "Helper");
        s.user("helper", "Helper");
        s.user("newbie", "Newbie");
        s.user("viewer");
        return s;
    }

    /** Every admin role's position by name, as the owner reads GET /roles. */
    private static Map<String, Integer> positions(Scenario s) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (JsonNode r : ok(200, s.master.get(s.api() + "/roles")).json()) {
            positions.put(r.get("name").asText(), r.get("position").asInt());
        }
        return positions;
    }

    /** Drags a role's handle onto another role's row (placing it there: above when moving up, below when moving down). */
    private static void drag(Browser b, String role, String onto) {
        WebElement handle = b.visible(inRow(role, "rbac-drag-handle"));
        b.scrollIntoView(handle);
        WebElement target = b.visible(row(onto));
        new Actions(b.driver).clickAndHold(handle).pause(Duration.ofMillis(300))
                .moveToElement(target, 0, -5).pause(Duration.ofMillis(300))
                .moveToElement(target).pause(Duration.ofMillis(300))
                .release().perform();
    }

    private static List<WebElement> planRows(Browser b) {
        b.visible(testId("rbac-plan-modal"));
        return b.driver.findElements(testId("rbac-plan-row"));
    }

    private static String describe(WebElement planRow) {
        return planRow.getAttribute("data-role-name") + ":" + planRow.getAttribute("data-from") + "->" + planRow.getAttribute("data-to");
    }

    @Test
    void aMoveThatShiftsOthersShowsItsPlanAndAMoveIntoAGapAsksNothing() {
        Scenario s = realmWithGaps("console-reorder-plan");
        Map<String, Integer> before = positions(s);
        try (Browser b = new Browser("reorder-plan")) {
            signInAsMasterAdmin(b, s, "roles");
            b.visible(row("Newbie"));

            // Newbie (3) onto Helper (11): no free position between Curator (12) and Helper, so one role shifts.
            drag(b, "Newbie", "Helper");
            List<String> plan = planRows(b).stream().map(ConsoleReorderIT::describe).toList();
            assertEquals(List.of("Newbie:3->11", "Helper:11->10"), plan);
            WebElement users = b.visible(By.cssSelector("[data-testid='rbac-plan-users'][data-state='known']"));
            Map<String, String> changed = new LinkedHashMap<>();
            users.findElements(By.cssSelector("[data-username]")).forEach(u ->
                    changed.put(u.getAttribute("data-username"), u.getAttribute("data-from") + "->" + u.getAttribute("data-to")));
            // senior also holds Curator (12): their highest position stays, so they are not listed.
            assertEquals(Map.of("helper", "11->10", "newbie", "3->11"), changed);
            System.out.println("Plan shown: " + plan + "; highest positions changing: " + changed);
            b.shot("plan");

            // Cancel: nothing saved.
            b.click(testId("rbac-plan-cancel"));
            b.until(d -> b.first(testId("rbac-plan-modal")) == null);
            assertEquals(before, positions(s), "a cancelled plan changes nothing");
            assertEquals("3", b.visible(row("Newbie")).getAttribute("data-position"));

            // Again, confirmed: exactly the plan is saved.
            drag(b, "Newbie", "Helper");
            assertEquals(plan, planRows(b).stream().map(ConsoleReorderIT::describe).toList());
            b.click(testId("rbac-plan-confirm"));
            b.until(d -> "11".equals(b.first(row("Newbie")).getAttribute("data-position")));
            Map<String, Integer> expected = new LinkedHashMap<>(before);
            expected.put("Newbie", 11);
            expected.put("Helper", 10);
            assertEquals(sorted(expected), sorted(positions(s)), "the confirmed plan, nothing more");
            b.shot("plan-confirmed");

            // Helper (10) onto Curator (12): the free positions 13–19 are there, so it takes 13 and asks nothing.
            Map<String, Integer> beforeGap = positions(s);
            drag(b, "Helper", "Curator");
            b.until(d -> "13".equals(b.first(row("Helper")).getAttribute("data-position")));
            assertNull(b.first(testId("rbac-plan-modal")), "a move into a free position asks no confirmation");
            beforeGap.put("Helper", 13);
            assertEquals(sorted(beforeGap), sorted(positions(s)), "only the moved role changed");
            b.shot("moved-into-gap");
        }
    }

    /**
     * A shifted role with more than 50 members: the plan still names whose highest position changes,
     * read from every member (not a count), the first 50 by name and then how many more, exactly;
     * members who also hold a higher role left in place (Curator, Moderator) are not among them.
     */
    @Test
    void aPlanShiftingARoleOfManyMembersNamesWhoseHighestPositionChanges() {
        Scenario s = realmWithGaps("console-reorder-many");
        List<String> expected = new java.util.ArrayList<>(List.of("helper", "newbie"));
        for (int i = 1; i <= 75; i++) {
            String name = String.format("member%02d", i);
            if (i % 5 == 0) {
                s.user(name, "Helper", i % 10 == 0 ? "Curator" : "Moderator"); // keeps a higher role in place
            } else {
                s.user(name, "Helper");
                expected.add(name);
            }
        }
        expected.sort(null);
        int helperMembers = ok(200, s.master.get(s.api() + "/roles/" + s.roleId("Helper") + "/users?first=0&max=1000")).json().size();
        assertEquals(77, helperMembers, "Helper's members through the API");
        try (Browser b = new Browser("reorder-plan-many")) {
            signInAsMasterAdmin(b, s, "roles");
            b.visible(row("Newbie"));
            long start = System.nanoTime();
            drag(b, "Newbie", "Helper");
            assertEquals(List.of("Newbie:3->11", "Helper:11->10"), planRows(b).stream().map(ConsoleReorderIT::describe).toList());
            WebElement users = b.visible(By.cssSelector("[data-testid='rbac-plan-users'][data-state='known']"));
            System.out.printf("[ConsoleReorderIT] whose highest position changes, read from %d members of Helper: shown %.1f s after the drop%n",
                    helperMembers, (System.nanoTime() - start) / 1e9);
            assertEquals(String.valueOf(expected.size()), users.getAttribute("data-count"), "every member whose highest position changes");
            List<WebElement> named = users.findElements(By.cssSelector("[data-username]"));
            assertEquals(expected.subList(0, 50), named.stream().map(u -> u.getAttribute("data-username")).toList(), "the first 50 by name");
            for (WebElement u : named) {
                String name = u.getAttribute("data-username");
                assertEquals(name.equals("newbie") ? "3->11" : "11->10", u.getAttribute("data-from") + "->" + u.getAttribute("data-to"), name);
            }
            WebElement more = b.visible(testId("rbac-plan-users-more"));
            assertEquals(String.valueOf(expected.size() - 50), more.getAttribute("data-count"));
            assertTrue(more.getText().contains((expected.size() - 50) + " more"), more.getText());
            b.shot("plan-many-members");
            b.click(testId("rbac-plan-cancel"));
            b.until(d -> b.first(testId("rbac-plan-modal")) == null);
        }
    }

    @Test
    void aModeratorIsOfferedNoDropPlaceAtOrAboveTheirOwnRoleAndRowsAboveNameTheHierarchy() {
        Scenario s = realmWithGaps("console-reorder-mod");
        s.grantKeycloakRole("mod", "view-users");
        Map<String, Integer> before = positions(s);
        try (Browser b = new Browser("reorder-moderator")) {
            signInToRealm(b, s, "mod", "roles");
            b.visible(row("Newbie"));

            // The rows above the moderator name the hierarchy and the moderator's own highest role; no banner.
            String admin = b.visible(row("Admin")).findElement(testId("rbac-locked")).getText();
            assertTrue(admin.contains("Above your highest role, Moderator (position 20)"), admin);
            String moderator = b.visible(row("Moderator")).findElement(testId("rbac-locked")).getText();
            assertTrue(moderator.contains("This is your highest role (position 20)"), moderator);
            assertTrue(b.visible(row("Curator")).findElements(testId("rbac-locked")).isEmpty());
            assertNull(b.first(testId("rbac-locked-banner")), "Curator, Helper and Newbie are the moderator's: no banner");
            // Roles the moderator may not move are not draggable.
            assertEquals("true", b.visible(inRow("Admin", "rbac-drag-handle")).getAttribute("aria-disabled"));
            assertEquals("true", b.visible(inRow("Moderator", "rbac-drag-handle")).getAttribute("aria-disabled"));

            // Mid-drag of Newbie: Admin and Moderator are no drop targets and show no drop line; Curator is one.
            WebElement handle = b.visible(inRow("Newbie", "rbac-drag-handle"));
            b.scrollIntoView(handle);
            WebElement moderatorRow = b.visible(row("Moderator"));
            Actions actions = new Actions(b.driver);
            actions.clickAndHold(handle).pause(Duration.ofMillis(300))
                    .moveToElement(moderatorRow, 0, -5).pause(Duration.ofMillis(300))
                    .moveToElement(moderatorRow).pause(Duration.ofMillis(300)).perform();
            for (String above : List.of("Admin", "Moderator")) {
                WebElement r = b.first(row(above));
                assertEquals("false", r.getAttribute("data-drop-target"), above);
                assertTrue(r.getAttribute("class").contains("rbac-row-no-drop"), above + ": " + r.getAttribute("class"));
                assertFalse(r.getAttribute("class").contains("rbac-drop-"), above + ": " + r.getAttribute("class"));
            }
            assertEquals("true", b.first(row("Curator")).getAttribute("data-drop-target"));
            assertEquals(0, b.driver.findElements(By.cssSelector(".rbac-drop-before, .rbac-drop-after")).size(),
                    "no drop line while over Moderator");
            b.shot("no-drop-above-own-role");
            actions.release().perform();
            b.until(d -> b.first(By.cssSelector("tr[data-drop-target]")) == null);
            assertNull(b.first(testId("rbac-plan-modal")));
            assertEquals(before, positions(s), "a drop at or above the moderator's role changes nothing");

            // The arrow that would take Curator above Moderator is disabled with the reason.
            WebElement up = b.visible(inRow("Curator", "rbac-move-up"));
            assertEquals("true", up.getAttribute("aria-disabled"));
            assertTrue(up.getAttribute("data-reason").contains("your highest role, Moderator (position 20)"), up.getAttribute("data-reason"));

            // Within reach a drop works: Newbie onto Curator takes the free 13.
            drag(b, "Newbie", "Curator");
            b.until(d -> "13".equals(b.first(row("Newbie")).getAttribute("data-position")));
            assertEquals(13, positions(s).get("Newbie"));
        }
    }

    @Test
    void aReasonEveryRowSharesIsSaidOnceInABanner() {
        Scenario s = realmWithGaps("console-reorder-locks");
        s.grantKeycloakRole("helper", "view-users");
        s.grantKeycloakRole("viewer", "view-users");
        try (Browser b = new Browser("reorder-locks-helper")) {
            // helper holds Helper (11) with manage_users only: every row lacks manage_roles.
            signInToRealm(b, s, "helper", "roles");
            b.visible(row("Newbie"));
            List<WebElement> banners = b.driver.findElements(testId("rbac-locked-banner"));
            assertEquals(1, banners.size());
            assertEquals(List.of("You need the permission manage_roles."), reasons(b));
            for (WebElement r : b.driver.findElements(By.cssSelector("[data-testid='rbac-roles-table'] tr[data-index]"))) {
                r.findElements(testId("rbac-locked")).forEach(l ->
                        assertFalse(l.getText().contains("manage_roles"), "said once, not on " + r.getAttribute("data-role-name")));
            }
            String admin = b.visible(row("Admin")).findElement(testId("rbac-locked")).getText();
            assertTrue(admin.contains("Above your highest role, Helper (position 11)"), admin);
            assertTrue(b.visible(row("Newbie")).findElements(testId("rbac-locked")).isEmpty(), "below helper: only the banner's reason");
            b.shot("banner-helper");
        }
        try (Browser b = new Browser("reorder-locks-viewer")) {
            // viewer holds no admin role and no permission: both reasons are everyone's, and no row repeats them.
            signInToRealm(b, s, "viewer", "roles");
            b.visible(row("Newbie"));
            assertEquals(1, b.driver.findElements(testId("rbac-locked-banner")).size());
            assertEquals(List.of("You hold no admin role, so no role is below yours.", "You need the permission manage_roles."), reasons(b));
            assertTrue(b.driver.findElements(By.cssSelector("[data-testid='rbac-roles-table'] [data-testid='rbac-locked']")).isEmpty());
            b.shot("banner-viewer");
        }
    }

    @Test
    void draggingNearTheWindowsEdgeScrollsThePage() {
        Scenario s = Scenario.empty("console-reorder-scroll");
        for (int i = 1; i <= 40; i++) {
            s.role("Role " + i, i * 2);
        }
        try (Browser b = new Browser("reorder-scroll")) {
            signInAsMasterAdmin(b, s, "roles");
            // The list shows 10 roles a page (issue #15 item 2): 100 a page make it long enough to scroll.
            b.click(By.cssSelector(".pf-v5-c-pagination .pf-v5-c-menu-toggle"));
            b.click(By.xpath("//*[contains(@class,'pf-v5-c-menu__item') and normalize-space(.)='100 per page']"));
            WebElement handle = b.visible(inRow("Role 1", "rbac-drag-handle"));
            b.scrollIntoView(handle);
            double start = tableTop(b);
            int x = handle.getRect().getX() + handle.getRect().getWidth() / 2;
            Actions actions = new Actions(b.driver);
            actions.clickAndHold(handle).pause(Duration.ofMillis(200)).moveToLocation(x, 6).pause(Duration.ofMillis(1500)).perform();
            double during = tableTop(b);
            System.out.printf("Table top %.0f px before, %.0f px after 1.5 s near the top edge%n", start, during);
            assertTrue(during > start + 200, "the page scrolled up: " + start + " -> " + during);
            b.shot("auto-scrolled");
            // Dropped on the row now under the pointer, it lands just above it (a free position, asked nothing).
            actions.moveToLocation(x, 500).pause(Duration.ofMillis(300)).perform();
            String onto = (String) ((JavascriptExecutor) b.driver).executeScript(
                    "return document.elementFromPoint(arguments[0], 500).closest('tr[data-role-name]').getAttribute('data-role-name');", x);
            actions.release().perform();
            int target = positions(s).get(onto);
            b.until(d -> String.valueOf(target + 1).equals(b.first(row("Role 1")).getAttribute("data-position")));
            assertNull(b.first(testId("rbac-plan-modal")));
            assertEquals(target + 1, positions(s).get("Role 1"), "Role 1 dropped on " + onto);
        }
    }

    private static double tableTop(Browser b) {
        Object top = ((JavascriptExecutor) b.driver).executeScript(
                "return document.querySelector(\"[data-testid='rbac-roles-table']\").getBoundingClientRect().top;");
        return ((Number) top).doubleValue();
    }

    private static List<String> reasons(Browser b) {
        return b.driver.findElements(testId("rbac-locked-banner-reason")).stream().map(e -> e.getText().trim()).toList();
    }

    private static Map<String, Integer> sorted(Map<String, Integer> positions) {
        return new java.util.TreeMap<>(positions);
    }
}
