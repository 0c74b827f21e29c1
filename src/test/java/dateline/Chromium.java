package dateline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium for browser tests (Debian's chromium and chromium-driver, which .ci/run
 * installs): required on CI, skipped elsewhere when missing. Screenshots go to target/screenshots.
 */
public final class Chromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static String axeSource;

    private Chromium() {}

    /** A new browser with its own empty profile under {@code profileDir}. */
    public static WebDriver start(Path profileDir) {
        return start(profileDir, org.openqa.selenium.UnexpectedAlertBehaviour.ACCEPT);
    }

    /** The same, with a chosen answer to dialogs ({@code DISMISS_AND_NOTIFY} makes any alert fail the next command). */
    public static WebDriver start(Path profileDir, org.openqa.selenium.UnexpectedAlertBehaviour dialogs) {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!available && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI needs Debian's chromium and chromium-driver; .ci/run installs them");
        }
        Assumptions.assumeTrue(available, "Chromium and chromedriver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profileDir, "--window-size=1280,1000",
                // Headless Chromium says so in its user agent, and the view counter ignores it as a bot.
                "--user-agent=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        // Leaving a desk page with unsaved changes asks first; a test that moves on leaves (prompts it
        // expects, it answers itself).
        options.setUnhandledPromptBehaviour(dialogs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return browser;
    }

    /** What the page wrote to the console (errors included) since the last call. */
    public static List<String> console(WebDriver browser) {
        return browser.manage().logs().get("browser").getAll().stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    public static void screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's WCAG 2.1 A and AA violations on the current page, one line each. */
    @SuppressWarnings("unchecked")
    public static List<String> axeViolations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axe());
        Map<String, Object> result = (Map<String, Object>) js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done({violations: r.violations.map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))}))"
                        + ".catch(e => done({violations: ['axe failed: ' + e]}));");
        return (List<String>) result.get("violations");
    }

    private static synchronized String axe() {
        if (axeSource == null) {
            try (InputStream in = Chromium.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
                axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }
}
