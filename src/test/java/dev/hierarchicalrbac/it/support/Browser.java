package dev.hierarchicalrbac.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven through
 * Selenium's ChromeDriver, with a fresh profile, taking a screenshot at every step into
 * {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(Long.getLong("it.browser.wait", 90));

    public final WebDriver driver;
    private final Path profile;
    private final Path screenshots;
    private final String name;
    private int step;

    public Browser(String name) {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("The console tests need Chromium and its driver: apt-get install -y chromium chromium-driver"
                    + " (looked for " + CHROMIUM + " and " + CHROMEDRIVER + ")");
        }
        this.name = name;
        try {
            this.profile = Files.createTempDirectory("rbac-chromium-");
            this.screenshots = Files.createDirectories(Path.of(System.getProperty("it.screenshots", "target/screenshots")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(3));
    }

    /** Signs in on Keycloak's login page, which the console redirects to. */
    public void signIn(String consoleUrl, String username, String password) {
        driver.get(consoleUrl);
        WebElement user = until(d -> first(By.id("username")));
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        shot("login");
        driver.findElement(By.id("kc-login")).click();
    }

    /** Waits for the condition; on a time-out, the screen as it was is saved first. */
    public <T> T until(Function<WebDriver, T> condition) {
        return await(condition, SELENIUM_POLLING);
    }

    /**
     * As {@link #until}, polling every 10 ms: for waits that end a printed timing, which the default
     * 500 ms polling would round up by as much as half a second.
     */
    public <T> T promptly(Function<WebDriver, T> condition) {
        return await(condition, Duration.ofMillis(10));
    }

    /** Selenium's default for a {@link WebDriverWait}. */
    private static final Duration SELENIUM_POLLING = Duration.ofMillis(500);

    private <T> T await(Function<WebDriver, T> condition, Duration polling) {
        try {
            return new WebDriverWait(driver, WAIT).pollingEvery(polling)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until((ExpectedCondition<T>) condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("timed-out");
            throw e;
        }
    }

    public WebElement first(By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Waits for an element that is present and displayed. */
    public WebElement visible(By by) {
        return until(shown(by));
    }

    /** As {@link #visible}, polling every 10 ms: the end of a printed timing. */
    public WebElement visiblePromptly(By by) {
        return promptly(shown(by));
    }

    private Function<WebDriver, WebElement> shown(By by) {
        return d -> {
            WebElement e = first(by);
            return e != null && e.isDisplayed() ? e : null;
        };
    }

    public void click(By by) {
        WebElement element = visible(by);
        scrollIntoView(element);
        element.click();
    }

    public void scrollIntoView(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /** Saves a screenshot named after the test and the step, numbered in order. */
    public Path shot(String what) {
        step++;
        Path target = screenshots.resolve(String.format("%s-%02d-%s.png", name, step, what));
        try {
            File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("Screenshot " + target + " failed: " + e);
        }
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
