package dev.hierarchicalrbac.it;

import dev.hierarchicalrbac.it.support.Browser;
import dev.hierarchicalrbac.it.support.Database;
import dev.hierarchicalrbac.it.support.Scenario;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.hierarchicalrbac.it.support.AdminClient.expect;
import static dev.hierarchicalrbac.it.support.ConsolePage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #15, item 9: the {@code rbac} theme's chrome (masthead, menu, page layout) matches Keycloak's
 * stock {@code keycloak.v2} admin theme. The same stock pages (Users, Realm settings, Realm roles) are
 * opened at 1440, 1024 and 700 px once with each theme (the realm's {@code adminTheme} switched through
 * the admin REST API between the two passes), screenshotted, and compared on what an admin sees: the
 * masthead logo and its size, the menu open or collapsed, the menu entries and their heights, the page
 * heading's position, the Realm settings field widths; a pixel difference ratio is printed. The
 * section's own page at 700 px keeps its column headers apart. Runs in the H2 pass only.
 */
class ConsoleChromeIT {

    private static final int[] WIDTHS = {1440, 1024, 700};
    private static final Map<String, String> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("users", "users");
        PAGES.put("realm-settings", "realm-settings");
        PAGES.put("roles", "roles");
    }

    @BeforeAll
    static void onlyOnce() {
        assumeTrue(Database.current() == Database.H2 || Boolean.getBoolean("it.console.all-dbs"),
                "the console tests run in the H2 pass");
    }

    /** What is measured on one page, in CSS pixels, from the rendered DOM. */
    private static final String MEASURE = """
            const r = (e) => { if (!e) return null; const b = e.getBoundingClientRect(); return {x: b.x, y: b.y, w: b.width, h: b.height}; };
            const shown = (e) => { const b = e.getBoundingClientRect(); const s = getComputedStyle(e);
              return b.width > 0 && b.height > 0 && s.visibility !== 'hidden' && b.right > 0 && b.left < innerWidth; };
            const logo = document.querySelector('img.keycloak__pageheader_brand');
            const sidebar = document.querySelector('.pf-v5-c-page__sidebar');
            const main = document.querySelector('#kc-main-content-page-container') || document.querySelector('main');
            const h1 = main ? [...main.querySelectorAll('h1')].find(shown) : null;
            const nav = [...document.querySelectorAll('.pf-v5-c-page__sidebar .pf-v5-c-nav__link')]
              .map(a => ({text: a.textContent.trim(), h: a.getBoundingClientRect().height, y: a.getBoundingClientRect().y}));
            const fields = main ? [...main.querySelectorAll('input.pf-v5-c-form-control, .pf-v5-c-form-control input, .pf-v5-c-form-control')]
              .filter(shown).filter(e => e.tagName !== 'INPUT' || e.closest('.pf-v5-c-form-control') === e.parentElement || e.classList.contains('pf-v5-c-form-control'))
              .map(e => e.closest('.pf-v5-c-form-control') || e).filter((e, i, all) => all.indexOf(e) === i)
              .slice(0, 6).map(e => Math.round(e.getBoundingClientRect().width)) : [];
            return {
              innerWidth: innerWidth,
              logo: logo ? {loaded: logo.complete && logo.naturalWidth > 0, shown: shown(logo), box: r(logo)} : null,
              sidebarOpen: !!sidebar && sidebar.classList.contains('pf-m-expanded') && shown(sidebar),
              sidebarClass: sidebar ? sidebar.className : null,
              heading: h1 ? {text: h1.textContent.trim(), box: r(h1)} : null,
              nav: nav, fields: fields
            };
            """;

    /**
     * A list's top toolbar (Keycloak's table-toolbar): the boxes of its search field and of its top
     * pagination ("1 - 10", arrows), whether the pagination shares the search field's row, and how far
     * its right edge is from the toolbar's. Null when the page has no list toolbar.
     */
    private static final String TOOLBAR = """
            const main = document.querySelector('#kc-main-content-page-container') || document;
            const bar = [...main.querySelectorAll('[data-testid=table-toolbar]')].find(e => e.getBoundingClientRect().height > 0);
            if (!bar) return null;
            const search = [...bar.querySelectorAll('input')].find(e => e.getBoundingClientRect().width > 0);
            const pages = bar.querySelector('.pf-v5-c-toolbar__item.pf-m-pagination');
            if (!search || !pages) return null;
            const s = search.getBoundingClientRect(), p = pages.getBoundingClientRect(), t = bar.getBoundingClientRect();
            return {search: {x: s.x, y: s.y, w: s.width, h: s.height}, pagination: {x: p.x, y: p.y, w: p.width, h: p.height},
                    onSearchRow: p.top < s.bottom && s.top < p.bottom, fromRight: Math.round(t.right - p.right),
                    toolbarHeight: t.height};
            """;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toolbar(Browser b) {
        return (Map<String, Object>) ((JavascriptExecutor) b.driver).executeScript(TOOLBAR);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> measure(Browser b) {
        return (Map<String, Object>) ((JavascriptExecutor) b.driver).executeScript(MEASURE);
    }

    /** Sets the viewport (not the window) to the width, whatever the browser's frame takes. */
    private static void viewport(Browser b, int width) {
        b.driver.manage().window().setSize(new Dimension(width, 1000));
        long inner = (Long) ((JavascriptExecutor) b.driver).executeScript("return innerWidth;");
        if (inner != width) {
            b.driver.manage().window().setSize(new Dimension((int) (2 * width - inner), 1000));
        }
    }

    private static void setTheme(Scenario s, String theme) {
        expect(204, s.master.put("/admin/realms/" + s.realm, Map.of("adminTheme", theme)));
    }

    /** Opens a stock page on a fresh load and waits until its heading and content are drawn. */
    private static void openStock(Browser b, String console, String realm, String path) {
        b.driver.get("about:blank");
        b.driver.get(console + "#/" + realm + "/" + path);
        b.until(d -> {
            Object heading = ((JavascriptExecutor) d).executeScript(
                    "const m = document.querySelector('#kc-main-content-page-container');"
                            + "const h = m && [...m.querySelectorAll('h1')].find(e => e.getBoundingClientRect().height > 0);"
                            + "const busy = document.querySelector('.pf-v5-c-spinner');"
                            + "const logo = document.querySelector('img.keycloak__pageheader_brand');"
                            + "return h && !busy && (!logo || logo.complete) && (location.hash.indexOf('realm-settings') < 0"
                            + " || m.querySelector('.pf-v5-c-form-control')) ? h.textContent : null;");
            return heading;
        });
        ((JavascriptExecutor) b.driver).executeScript("return document.fonts.ready.then(() => true);");
        sleep(400);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** The share of pixels that differ noticeably (any channel by more than 24) over the common area. */
    static double pixelDiff(Path a, Path b) throws IOException {
        BufferedImage x = ImageIO.read(a.toFile());
        BufferedImage y = ImageIO.read(b.toFile());
        int w = Math.min(x.getWidth(), y.getWidth());
        int h = Math.min(x.getHeight(), y.getHeight());
        long differ = 0;
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int p = x.getRGB(i, j);
                int q = y.getRGB(i, j);
                int dr = Math.abs(((p >> 16) & 0xff) - ((q >> 16) & 0xff));
                int dg = Math.abs(((p >> 8) & 0xff) - ((q >> 8) & 0xff));
                int db = Math.abs((p & 0xff) - (q & 0xff));
                if (Math.max(dr, Math.max(dg, db)) > 24) {
                    differ++;
                }
            }
        }
        return (double) differ / ((long) w * h);
    }

    /**
     * The theme's build registers refractor's rarer languages on first use instead of at start-up
     * (vite.config.ts): the stock code editor still highlights. The user profile's JSON editor is a
     * stock page with one; its keys and strings come back as Prism's tokens.
     */
    @Test
    void theStockCodeEditorStillHighlightsJson() {
        Scenario s = Scenario.standard("console-code");
        setTheme(s, "rbac");
        String console = s.server.baseUrl() + "/admin/" + s.realm + "/console/";
        try (Browser b = new Browser("code-editor")) {
            b.signIn(console, "owner", Scenario.PASSWORD);
            b.visible(testId("currentRealm"));
            b.driver.get(console + "#/" + s.realm + "/realm-settings/user-profile");
            b.click(By.xpath("//*[(self::a or self::button) and normalize-space(.)='JSON editor']"));
            b.until(d -> d.findElements(By.cssSelector("code .token.property")).size() > 3 ? true : null);
            assertTrue(b.driver.findElements(By.cssSelector("code .token.string")).size() > 3, "JSON strings highlighted");
            b.shot("user-profile-json");
        }
    }

    @Test
    void chromeMatchesKeycloakV2AtThreeWidths() throws IOException {
        Scenario s = Scenario.standard("console-chrome");
        // Admin permissions on: the stock menu then has its own "Permissions" entry, which the theme must show once.
        expect(204, s.master.put("/admin/realms/" + s.realm, Map.of("adminPermissionsEnabled", true)));
        String console = s.server.baseUrl() + "/admin/" + s.realm + "/console/";
        Map<String, Map<String, Object>> seen = new LinkedHashMap<>();
        Map<String, Path> shots = new LinkedHashMap<>();
        List<String> report = new ArrayList<>();
        Map<String, Map<String, Object>> toolbars = new LinkedHashMap<>();

        try (Browser b = new Browser("chrome")) {
            for (String theme : List.of("keycloak.v2", "rbac")) {
                setTheme(s, theme);
                if (theme.equals("keycloak.v2")) {
                    viewport(b, 1440);
                    b.signIn(console, "owner", Scenario.PASSWORD);
                    b.visible(testId("currentRealm"));
                }
                for (int width : WIDTHS) {
                    viewport(b, width);
                    for (Map.Entry<String, String> page : PAGES.entrySet()) {
                        openStock(b, console, s.realm, page.getValue());
                        String key = theme + "-" + width + "-" + page.getKey();
                        seen.put(key, measure(b));
                        if (page.getKey().equals("roles")) {
                            toolbars.put(key, toolbar(b));
                        }
                        shots.put(key, b.shot(key));
                    }
                }
            }

            seen.forEach((key, value) -> System.out.println("[chrome] measured " + key + " " + value));
            for (int width : WIDTHS) {
                for (String page : PAGES.keySet()) {
                    Map<String, Object> stock = seen.get("keycloak.v2-" + width + "-" + page);
                    Map<String, Object> ours = seen.get("rbac-" + width + "-" + page);
                    String where = width + " px, " + page + ": ";
                    assertEquals(width, number(ours.get("innerWidth")), where + "viewport");

                    // The masthead logo: present, loaded, shown, the same rendered size as the stock theme's.
                    Map<String, Object> stockLogo = map(stock.get("logo"));
                    Map<String, Object> ourLogo = map(ours.get("logo"));
                    assertTrue(stockLogo != null && Boolean.TRUE.equals(stockLogo.get("loaded")), where + "stock logo " + stockLogo);
                    assertTrue(ourLogo != null && Boolean.TRUE.equals(ourLogo.get("loaded")) && Boolean.TRUE.equals(ourLogo.get("shown")),
                            where + "our logo " + ourLogo);
                    Map<String, Object> sb = map(stockLogo.get("box"));
                    Map<String, Object> ob = map(ourLogo.get("box"));
                    assertEquals(number(sb.get("w")), number(ob.get("w")), 2, where + "logo width");
                    assertEquals(number(sb.get("h")), number(ob.get("h")), 2, where + "logo height");

                    // The menu: open or collapsed as in the stock console at this width.
                    assertEquals(stock.get("sidebarOpen"), ours.get("sidebarOpen"),
                            where + "menu open? stock " + stock.get("sidebarClass") + " / ours " + ours.get("sidebarClass"));

                    // The menu entries: the stock ones, once each, plus Role hierarchy; each as tall as the stock one.
                    List<Map<String, Object>> stockNav = (List<Map<String, Object>>) stock.get("nav");
                    List<Map<String, Object>> ourNav = (List<Map<String, Object>>) ours.get("nav");
                    List<String> expected = new ArrayList<>(stockNav.stream().map(n -> (String) n.get("text")).toList());
                    expected.add(expected.indexOf("Realm roles") + 1, "Role hierarchy");
                    assertEquals(expected, ourNav.stream().map(n -> (String) n.get("text")).toList(), where + "menu entries");
                    assertEquals(1, ourNav.stream().filter(n -> "Permissions".equals(n.get("text"))).count(), where + "one Permissions entry");
                    if (Boolean.TRUE.equals(ours.get("sidebarOpen"))) {
                        for (Map<String, Object> entry : stockNav) {
                            Map<String, Object> mine = ourNav.stream().filter(n -> n.get("text").equals(entry.get("text"))).findFirst().orElseThrow();
                            assertEquals(number(entry.get("h")), number(mine.get("h")), 1, where + "height of menu entry " + entry.get("text"));
                        }
                        // The spacing: from each entry to the next, where both menus have the same two in a row.
                        for (int i = 0; i + 1 < stockNav.size(); i++) {
                            Object from = stockNav.get(i).get("text");
                            Object to = stockNav.get(i + 1).get("text");
                            int mine = ourNav.stream().map(n -> n.get("text")).toList().indexOf(from);
                            if (mine >= 0 && mine + 1 < ourNav.size() && to.equals(ourNav.get(mine + 1).get("text"))) {
                                assertEquals(number(stockNav.get(i + 1).get("y")) - number(stockNav.get(i).get("y")),
                                        number(ourNav.get(mine + 1).get("y")) - number(ourNav.get(mine).get("y")), 1,
                                        where + "menu spacing from " + from + " to " + to);
                            }
                        }
                    }

                    // The page heading where the stock console puts it.
                    Map<String, Object> sh = map(stock.get("heading"));
                    Map<String, Object> oh = map(ours.get("heading"));
                    assertEquals(sh.get("text"), oh.get("text"), where + "heading");
                    assertEquals(number(map(sh.get("box")).get("x")), number(map(oh.get("box")).get("x")), 2, where + "heading x");
                    assertEquals(number(map(sh.get("box")).get("y")), number(map(oh.get("box")).get("y")), 2, where + "heading y");

                    // The form fields as wide as the stock ones (Realm settings).
                    List<Object> sf = (List<Object>) stock.get("fields");
                    List<Object> of = (List<Object>) ours.get("fields");
                    if (page.equals("realm-settings")) {
                        assertTrue(!sf.isEmpty(), where + "stock fields found");
                        assertEquals(sf.size(), of.size(), where + "fields " + sf + " vs " + of);
                        for (int i = 0; i < sf.size(); i++) {
                            assertEquals(number(sf.get(i)), number(of.get(i)), 2, where + "field " + i + " width " + sf + " vs " + of);
                        }
                    }

                    double diff = pixelDiff(shots.get("keycloak.v2-" + width + "-" + page), shots.get("rbac-" + width + "-" + page));
                    report.add(String.format("%-22s logo %sx%s, menu %s (Clients to Client scopes %s px), heading (%s,%s), fields %s, pixels differing %.2f%%",
                            where, ob.get("w"), ob.get("h"), Boolean.TRUE.equals(ours.get("sidebarOpen")) ? "open" : "collapsed",
                            Math.round(number(ourNav.get(1).get("y")) - number(ourNav.get(0).get("y"))),
                            map(oh.get("box")).get("x"), map(oh.get("box")).get("y"), of, 100 * diff));
                    // Generous: the theme's one extra menu entry shifts the entries below it.
                    assertTrue(diff < 0.15, where + "pixel difference " + diff);
                }
            }
            report.forEach(line -> System.out.println("[chrome] " + line));

            // Issue #15 item 2: the section's lists have their top pagination where Keycloak's own lists
            // (Realm roles) have it: on the search field's row, at the toolbar's right end, at each width.
            for (int width : WIDTHS) {
                viewport(b, width);
                Map<String, Object> stock = toolbars.get("keycloak.v2-" + width + "-roles");
                assertTrue(stock != null, width + " px: the stock Realm roles toolbar measured");
                for (String tab : List.of("roles", "visual-roles", "permissions")) {
                    b.driver.get("about:blank");
                    b.driver.get(console + "#/" + s.realm + "/role-hierarchy/" + tab);
                    b.visible(testId("rbac-" + tab + "-search"));
                    ((JavascriptExecutor) b.driver).executeScript("return document.fonts.ready.then(() => true);");
                    sleep(300);
                    Map<String, Object> ours = toolbar(b);
                    System.out.println("[chrome] toolbar " + width + " px, " + tab + ": ours " + ours + "; stock Realm roles " + stock);
                    if (width == 1440 && tab.equals("roles")) {
                        b.shot("rbac-1440-roles-toolbar");
                    }
                    assertTrue(ours != null, width + " px, " + tab + ": a toolbar with search and pagination");
                    if (width >= 1024) {
                        assertEquals(true, ours.get("onSearchRow"), width + " px, " + tab + ": pagination on the toolbar row " + ours);
                    }
                    assertEquals(stock.get("onSearchRow"), ours.get("onSearchRow"),
                            width + " px, " + tab + ": pagination on the search row as in Realm roles " + ours + " / " + stock);
                    assertEquals(number(stock.get("fromRight")), number(ours.get("fromRight")), 2,
                            width + " px, " + tab + ": pagination at the toolbar's right end as in Realm roles " + ours + " / " + stock);
                }
            }

            // The section's own page at 700 px: its column headers stay apart.
            viewport(b, 700);
            b.driver.get("about:blank");
            b.driver.get(console + "#/" + s.realm + "/role-hierarchy/roles");
            b.visible(testId("rbac-roles-table"));
            sleep(300);
            b.shot("rbac-700-roles");
            // Column titles: the header row's cells when it is shown, otherwise each cell's own label
            // (PatternFly's grid layout below 768 px); either way no two titles, and no two cells of a row, overlap.
            @SuppressWarnings("unchecked")
            List<List<Map<String, Object>>> groups = (List<List<Map<String, Object>>>) ((JavascriptExecutor) b.driver).executeScript("""
                    const table = document.querySelector('[data-testid=rbac-roles-table]');
                    const box = (e, text) => { const r = e.getBoundingClientRect();
                      return {text: text, x: r.x, y: r.y, w: r.width, h: r.height, overflow: e.scrollWidth > e.clientWidth + 1}; };
                    const textBox = (e, text) => { const range = document.createRange(); range.selectNodeContents(e);
                      const r = range.getBoundingClientRect(); return {text: text, x: r.x, y: r.y, w: r.width, h: r.height,
                      overflow: e.scrollWidth > e.clientWidth + 1}; };
                    const heads = [...table.querySelectorAll('thead th')]
                      .filter(th => th.textContent.trim() && th.getBoundingClientRect().width > 0 && getComputedStyle(th).display !== 'none')
                      .map(th => textBox(th, th.textContent.trim()));
                    const rows = [...table.querySelectorAll('tbody tr')].slice(0, 3).map(tr => [...tr.querySelectorAll('td[data-label]')]
                      .filter(td => td.getBoundingClientRect().width > 0)
                      .map(td => ({...box(td, td.dataset.label),
                                   labelled: heads.length > 0 || getComputedStyle(td, '::before').content.includes(td.dataset.label)})));
                    return [heads, ...rows];
                    """);
            List<Map<String, Object>> headers = groups.get(0);
            for (List<Map<String, Object>> cells : groups.subList(1, groups.size())) {
                assertTrue(cells.size() >= 3, "labelled cells at 700 px: " + cells);
                cells.forEach(c -> assertEquals(true, c.get("labelled"), "cell titled '" + c.get("text") + "' (header row or own label): " + c));
            }
            assertTrue(headers.isEmpty() || headers.size() >= 3, "column headers at 700 px: " + headers);
            for (List<Map<String, Object>> group : groups) {
                for (int i = 0; i < group.size(); i++) {
                    Map<String, Object> a = group.get(i);
                    if (group == headers) {
                        assertEquals(false, a.get("overflow"), "header '" + a.get("text") + "' fits its column: " + a);
                    }
                    // Titles side by side need a visible gap (4 px), or they read as one word ("PositionNameMembers").
                    double gap = group == headers ? 4 : -0.5;
                    for (int j = i + 1; j < group.size(); j++) {
                        Map<String, Object> c = group.get(j);
                        boolean apart = number(a.get("x")) + number(a.get("w")) + gap <= number(c.get("x"))
                                || number(c.get("x")) + number(c.get("w")) + gap <= number(a.get("x"))
                                || number(a.get("y")) + number(a.get("h")) <= number(c.get("y")) + 0.5
                                || number(c.get("y")) + number(c.get("h")) <= number(a.get("y")) + 0.5;
                        assertTrue(apart, "'" + a.get("text") + "' and '" + c.get("text") + "' overlap: " + a + " / " + c);
                    }
                }
            }
            System.out.println("[chrome] section at 700 px: header row " + (headers.isEmpty() ? "hidden, cells labelled " + groups.get(1).stream()
                    .map(c -> c.get("text") + "@y" + Math.round(number(c.get("y")))).toList() : headers.stream().map(h -> h.get("text") + "@"
                    + Math.round(number(h.get("x"))) + "+" + Math.round(number(h.get("w")))).toList()));
        } finally {
            setTheme(s, "rbac");
        }
    }
}
