package dateline.site;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.Dateline;
import dateline.platform.Config;
import dateline.platform.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a reader clicks, in real headless Chromium (Debian's chromium and chromium-driver) against the
 * demo site: Read mode, text size, search, the view beacon, and axe-core's WCAG 2.1 A/AA checks.
 * Screenshots go to target/screenshots.
 */
@Tag("browser")
class BrowserTest {
    static final Path SCREENSHOTS = dateline.Chromium.SCREENSHOTS;

    @TempDir
    static Path tempDir;
    static Dateline app;
    static WebDriver browser;
    static String base;
    static String articlePath;

    @BeforeAll
    static void start() throws IOException {
        browser = dateline.Chromium.start(tempDir.resolve("chromium"));
        Config config = Config.fromEnv(Map.of("DATELINE_PORT", "0", "DATELINE_DATA", tempDir.toString(), "DATELINE_DEMO", "true"));
        app = Dateline.create(config, new MutableClock(Instant.parse("2026-03-02T09:00:00Z"))).start();
        base = "http://localhost:" + app.port();
        browser.get(base + "/");
        articlePath = browser.findElement(By.cssSelector(".lead-headline a")).getDomAttribute("href");
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void freshPreferences() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(base + "/");
        ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private void screenshot(String name) {
        dateline.Chromium.screenshot(browser, name);
    }

    private boolean readModeOn() {
        return (Boolean) ((JavascriptExecutor) browser).executeScript("return document.documentElement.classList.contains('read-mode')");
    }

    @Test
    void read_mode_switches_the_page_in_place_and_back() throws IOException {
        browser.get(base + articlePath);
        WebElement toggle = browser.findElement(By.cssSelector(".read-mode-toggle"));
        assertThat(browser.findElement(By.cssSelector(".read-mode-link")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector(".masthead")).isDisplayed()).isTrue();

        toggle.click();

        assertThat(readModeOn()).isTrue();
        assertThat(toggle.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector(".masthead")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector(".rail")).isDisplayed()).isFalse();
        assertThat(browser.getCurrentUrl()).isEqualTo(base + articlePath);
        screenshot("article-read-mode-1280");

        browser.navigate().refresh(); // the choice is remembered and applied before first paint
        assertThat(readModeOn()).isTrue();

        browser.findElement(By.cssSelector(".read-mode-toggle")).sendKeys(Keys.ENTER);
        assertThat(readModeOn()).isFalse();
        assertThat(browser.findElement(By.cssSelector(".masthead")).isDisplayed()).isTrue();
    }

    @Test
    void the_text_size_persists_across_a_reload_and_scales_the_story_only() throws IOException {
        browser.get(base + articlePath);
        double bodyBefore = fontSize(".story-body p:not(.dateline)");
        double navBefore = fontSize(".sections a");
        WebElement larger = browser.findElement(By.cssSelector("[data-font-step='10']"));
        assertThat(browser.findElement(By.cssSelector(".font-size-value")).getText()).isEqualTo("100%");

        larger.click();
        larger.click();

        assertThat(browser.findElement(By.cssSelector(".font-size-value")).getText()).isEqualTo("120%");
        browser.navigate().refresh();
        assertThat(browser.findElement(By.cssSelector(".font-size-value")).getText()).isEqualTo("120%");
        assertThat(fontSize(".story-body p:not(.dateline)")).isCloseTo(bodyBefore * 1.2, org.assertj.core.data.Offset.offset(0.6));
        assertThat(fontSize(".sections a")).isEqualTo(navBefore);

        for (int i = 0; i < 10; i++) {
            browser.findElement(By.cssSelector("[data-font-step='10']")).click();
        }
        assertThat(browser.findElement(By.cssSelector(".font-size-value")).getText()).isEqualTo("200%");
        assertThat(browser.findElement(By.cssSelector("[data-font-step='10']")).isEnabled()).isFalse();
        screenshot("article-200-percent-1280");
        browser.manage().window().setSize(new Dimension(320, 800));
        long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        screenshot("article-200-percent-320");
        assertThat(overflow).as("horizontal overflow at 320 px and 200%").isLessThanOrEqualTo(0);

        browser.findElement(By.cssSelector("[data-font-reset]")).click();
        assertThat(browser.findElement(By.cssSelector(".font-size-value")).getText()).isEqualTo("100%");
    }

    private double fontSize(String selector) {
        String size = browser.findElement(By.cssSelector(selector)).getCssValue("font-size");
        return Double.parseDouble(size.replace("px", ""));
    }

    @Test
    void a_reader_searches_and_opens_a_result() {
        browser.get(base + "/");
        WebElement box = browser.findElement(By.id("masthead-q"));
        box.sendKeys("drougt sorghum");
        box.submit();

        waiting().until(d -> d.getCurrentUrl().contains("/search?q="));
        WebElement first = browser.findElement(By.cssSelector(".search-hit a"));
        assertThat(first.getText()).contains("sorghum");
        first.click();

        waiting().until(d -> !d.getCurrentUrl().contains("/search"));
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).contains("sorghum");
    }

    @Test
    void opening_an_article_sends_a_view_beacon() {
        // A story no other test opens: the same reader counts once per story per day.
        browser.get(base + "/");
        String other = browser.findElements(By.cssSelector(".latest .card-headline a")).getLast().getDomAttribute("href");
        long before = app.parts().views().pendingViews();

        browser.get(base + other);

        waiting().until(d -> app.parts().views().pendingViews() > before);
        assertThat(app.parts().views().pendingViews()).isEqualTo(before + 1);
    }

    @Test
    void pages_have_no_wcag_2_1_a_or_aa_violations() throws IOException {
        app.parts().trendingJob().run();
        for (String path : List.of("/", "/world", articlePath, articlePath + "/read", "/search?q=water", "/most-read", "/tag/water",
                "/author/amara-okafor", "/no-such-page")) {
            browser.get(base + path);
            assertThat(axeViolations()).as("axe-core violations on " + path).isEmpty();
        }
        browser.get(base + articlePath);
        browser.findElement(By.cssSelector(".read-mode-toggle")).click();
        assertThat(axeViolations()).as("axe-core violations in read mode").isEmpty();
    }

    @Test
    void screenshots_of_the_article_page_at_phone_and_desktop_widths() throws IOException {
        for (int width : new int[] {320, 1280}) {
            browser.manage().window().setSize(new Dimension(width, 1400));
            browser.get(base + articlePath);
            screenshot("article-" + width);
            browser.get(base + articlePath + "/read");
            screenshot("reader-view-" + width);
        }
        assertThat(Files.size(SCREENSHOTS.resolve("article-320.png"))).isGreaterThan(10_000);
    }

    private List<String> axeViolations() {
        return dateline.Chromium.axeViolations(browser);
    }
}
