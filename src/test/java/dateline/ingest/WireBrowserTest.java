package dateline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.Chromium;
import dateline.TestSite;
import dateline.api.ApiKeys;
import dateline.content.Article;
import dateline.content.Urls;
import dateline.desk.Role;
import dateline.ingest.WireSources.Source;
import dateline.platform.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Agency copy from push to page in real headless Chromium: the queue shows a pushed item without being
 * reloaded, Use makes a draft, Publish puts it on the site with the agency's credit.
 */
@Tag("browser")
class WireBrowserTest {
    static final String PASSWORD = "a long enough password";

    @TempDir
    static Path tempDir;
    static TestSite site;
    static WebDriver browser;
    static String base;

    @BeforeAll
    static void start() {
        browser = Chromium.start(tempDir.resolve("chromium"));
        site = TestSite.start(TestDatabase.SQLITE, tempDir);
        base = "http://localhost:" + site.app.port();
        site.app.parts().accounts().create("eddie@example.org", "Eddie Editor", Role.ADMIN, PASSWORD, "test");
        site.givenSection("World");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void a_pushed_item_appears_in_the_open_queue_and_goes_to_the_site_with_its_credit() {
        Source source = site.app.parts().wire().sources().add(new WireSources.NewSource("apex", "push", null, null, null, null, "ninjs",
                "Apex News Agency", "world", false));
        String key = site.app.parts().apiKeys().create("push to apex", ApiKeys.ingestScope(source.id()));
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(base + "/desk/login");
        browser.findElement(By.cssSelector("#email")).sendKeys("eddie@example.org");
        browser.findElement(By.cssSelector("#password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting.until(ExpectedConditions.urlToBe(base + "/desk"));
        browser.get(base + "/desk/wire");
        assertThat(browser.findElements(By.cssSelector("a.wire-link"))).isEmpty();

        site.clock.advance(Duration.ofSeconds(5)); // the push arrives after the page was shown
        var pushed = site.postBody("/api/v1/ingest/apex", "application/json",
                WireQueueTest.ninjs("urn:apex:1", 1, "Bridge opens to traffic", "<p>The bridge opened on Monday.</p><p>Crowds came.</p>",
                        ", \"located\": \"Lisbon\""), "Authorization", "Bearer " + key);
        assertThat(pushed.statusCode()).isEqualTo(202);

        waiting.until(ExpectedConditions.visibilityOfElementLocated(By.id("wire-show-new")));
        assertThat(browser.findElement(By.id("wire-show-new")).getText()).isEqualTo("1 new item: show it");
        Chromium.screenshot(browser, "wire-queue-new-item");
        browser.findElement(By.id("wire-show-new")).click();
        waiting.until(ExpectedConditions.elementToBeClickable(By.linkText("Bridge opens to traffic")));
        assertThat(Chromium.axeViolations(browser)).as("axe-core violations on the wire queue").isEmpty();
        browser.findElement(By.linkText("Bridge opens to traffic")).click();
        waiting.until(ExpectedConditions.elementToBeClickable(By.cssSelector("form[action$='/use'] button")));
        assertThat(Chromium.axeViolations(browser)).as("axe-core violations on a wire item").isEmpty();
        Chromium.screenshot(browser, "wire-item");
        browser.findElement(By.cssSelector("form[action$='/use'] button")).click();

        waiting.until(ExpectedConditions.urlMatches("/desk/stories/[0-9a-z]+$"));
        String storyId = browser.getCurrentUrl().replaceFirst(".*/desk/stories/", "");
        assertThat(browser.getPageSource()).contains("From Apex News Agency");
        browser.findElement(By.cssSelector("button[name=action][value=publish]")).click();
        waiting.until(d -> site.app.articles().findById(storyId).map(Article::isPublished).orElse(false));

        Article story = site.app.articles().findById(storyId).orElseThrow();
        site.awaitViews();
        browser.get(base + Urls.article(story, site.config().zone()));
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Bridge opens to traffic");
        assertThat(browser.findElement(By.cssSelector(".source")).getText()).isEqualTo("Source: Apex News Agency");
        assertThat(browser.getPageSource()).contains("\"sourceOrganization\"").contains("Lisbon");
        Chromium.screenshot(browser, "wire-story-on-site");

        for (String page : java.util.List.of("/desk/sources", "/desk/sources/apex")) {
            browser.get(base + page);
            assertThat(Chromium.axeViolations(browser)).as("axe-core violations on " + page).isEmpty();
        }
        Chromium.screenshot(browser, "wire-source");
    }
}
