package org.fangkong.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real Chromium, headless, driven through the machine's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, or {@code CHROME_BIN} and {@code CHROMEDRIVER}). Where they are missing the browser tests
 * fail under {@code CI=true} and are skipped, loudly, elsewhere.
 */
final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser open() {
        Optional<String> chromium = executable("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        Optional<String> chromedriver = executable("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String missing = "Chromium and chromedriver are needed for the console's browser tests (Debian: apt-get install chromium chromium-driver;"
                    + " or set CHROME_BIN and CHROMEDRIVER)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(missing);
            }
            System.err.println("\n*** SKIPPING the console's browser tests: " + missing + " ***\n");
            Assumptions.abort(missing);
        }
        try {
            Path profile = Files.createTempDirectory("fangkong-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.get());
            // Headless, and nothing that reaches beyond this machine (the console itself loads nothing from a CDN).
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1600,1000", "--lang=en-US",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver.get())).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> executable(String variable, String... candidates) {
        String configured = System.getenv(variable);
        return Stream.concat(Stream.ofNullable(configured), Stream.of(candidates)).filter(path -> Files.isExecutable(Path.of(path))).findFirst();
    }

    /** Opens the console and signs in on the realm's page as a demo user; returns once the console has loaded. */
    void signIn(String consoleUrl, String username, String password) {
        driver.get(consoleUrl);
        await(d -> d.findElements(By.id("username")).isEmpty() ? null : Boolean.TRUE);
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
        await(d -> {
            String ready = d.findElement(By.tagName("body")).getAttribute("data-ready");
            if ("failed".equals(ready)) {
                throw new AssertionError("the console failed to load: " + d.findElement(By.id("toast")).getText());
            }
            return "true".equals(ready) ? Boolean.TRUE : null;
        });
    }

    <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).pollingEvery(Duration.ofMillis(200)).ignoring(StaleElementReferenceException.class).until(condition);
    }

    WebElement find(String css) {
        return await(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Saves what the browser shows under {@code system-tests/target/screenshots/<name>.png}. */
    Path screenshot(Path folder, String name) {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
