package dateline.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.Chromium;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Author;
import dateline.content.ImageUpload;
import dateline.content.Section;
import dateline.content.Urls;
import dateline.demo.DemoImagesForTests;
import dateline.platform.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk as a workspace, in real headless Chromium on a laptop (1280 × 1000) and a phone (390 × 844):
 * the primary workflow button stays in view while the headline is typed and after the end of a long
 * body; Ctrl+S saves; the search-result and social-card previews follow the headline; the desk home
 * shows the views the beacon recorded; the site's section menu is one line on phones.
 */
@Tag("browser")
class WorkspaceBrowserTest {
    static final String PASSWORD = "a long enough password";

    @TempDir
    static Path tempDir;
    static TestSite site;
    static WebDriver browser;
    static String base;
    static Section world;
    static Article longDraft;
    static Article popular;
    static Article quieter;
    static Article shownOnPhone; // read by the browser (its beacon counts): kept apart from the stories whose views are asserted

    @BeforeAll
    static void start() {
        browser = Chromium.start(tempDir.resolve("chromium"));
        site = TestSite.start(TestDatabase.SQLITE, tempDir);
        base = "http://localhost:" + site.app.port();
        site.app.parts().accounts().create("eddie@example.org", "Eddie Editor", Role.EDITOR, PASSWORD, "test");
        world = site.givenSection("World");
        for (String name : List.of("Business", "Science", "Technology", "Climate", "Culture", "Sport", "Opinion")) {
            site.givenSection(name);
        }
        Author ada = site.givenAuthor("Ada Reporter");
        var image = site.content.addImage(ImageUpload.check(DemoImagesForTests.png(1200, 675)), "A harbour at dawn", "The harbour", "");
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            body.append("<p>Paragraph ").append(i).append(" of a long story about the harbour, the council and the ferries that cross the bay.</p>");
        }
        longDraft = site.content.create(new ArticleDraft("Harbour plan goes to a vote", "Councillors decide on Thursday.", body.toString(), "",
                world.id(), List.of(ada.id()), List.of("Harbour"), image.id(), "en", "staff", null), "test");
        popular = published("Ferries return to the bay", ada);
        quieter = published("Market hall reopens", ada);
        shownOnPhone = published("Tram line to the harbour opens in spring", ada);
        site.awaitViews();
    }

    private static Article published(String headline, Author author) {
        Article a = site.content.create(new ArticleDraft(headline, "Standfirst of " + headline + ".", "<p>Text.</p>", "", world.id(),
                List.of(author.id()), List.of(), null, "en", "staff", null), "test");
        return site.content.publish(a.id(), a.version(), "test");
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

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private static WebElement css(String selector) {
        return browser.findElement(By.cssSelector(selector));
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void signIn() {
        browser.manage().deleteAllCookies();
        browser.get(base + "/desk/login");
        css("#email").sendKeys("eddie@example.org");
        css("#password").sendKeys(PASSWORD);
        css("form button[type=submit]").click();
        waiting().until(ExpectedConditions.urlToBe(base + "/desk"));
    }

    /** Whether the whole of the element is inside the viewport. */
    private static boolean inView(WebElement element) {
        return (Boolean) js("const r = arguments[0].getBoundingClientRect();"
                + "return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;", element);
    }

    private static void editorReady() {
        waiting().until(d -> !d.findElements(By.cssSelector(".editor-body")).isEmpty());
    }

    private void primaryActionStaysInView(int width, int height, String screenshot) {
        browser.manage().window().setSize(new Dimension(width, height));
        signIn();
        browser.get(base + "/desk/stories/" + longDraft.id());
        editorReady();
        WebElement primary = css(".story-actions button.primary");
        assertThat(primary.getText()).isEqualTo("Publish now"); // an editor, a draft: publishing is what moves it on

        WebElement headline = css("#headline");
        headline.click();
        assertThat(js("return document.activeElement.id")).isEqualTo("headline");
        assertThat(inView(primary)).as("the primary button with the headline focused, at " + width + " px").isTrue();

        WebElement body = css(".editor-body");
        js("arguments[0].focus()", body); // on a phone the bar covers the middle of the screen, where a click would land
        body.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
        js("window.scrollTo(0, document.documentElement.scrollHeight)");
        js("document.querySelector('.editor-body p:last-child').scrollIntoView({block: 'end'})");
        assertThat(inView(primary)).as("the primary button at the end of a long body, at " + width + " px").isTrue();
        js("window.scrollTo(0, 0)");
        assertThat(js("return document.documentElement.scrollWidth <= innerWidth")).as("no sideways scrolling at " + width + " px: " + js(
                "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
                        + ".slice(0, 6).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))")).isEqualTo(true);
        Chromium.screenshot(browser, screenshot);
        assertThat(Chromium.axeViolations(browser)).as("axe on the workspace at " + width + " px").isEmpty();
    }

    @Test
    void on_a_laptop_the_primary_action_stays_in_view_while_writing() {
        primaryActionStaysInView(1280, 1000, "workspace-1280");
    }

    @Test
    void on_a_phone_the_primary_action_stays_in_a_bar_at_the_bottom() {
        try {
            primaryActionStaysInView(390, 844, "workspace-390");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    void ctrl_s_saves_and_the_previews_follow_the_headline_as_it_is_typed() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        signIn();
        browser.get(base + "/desk/stories/" + longDraft.id());
        editorReady();
        int before = site.app.articles().findById(longDraft.id()).orElseThrow().version();
        assertThat(css(".serp-title").getText()).startsWith("Harbour plan goes to a vote");

        WebElement headline = css("#headline");
        headline.sendKeys(Keys.END, " after a long night of talks and a late amendment");
        assertThat(css(".serp-title").getAttribute("textContent")).isEqualTo("Harbour plan goes to a vote after a long night of talks and a late amendment | "
                + site.config().siteName());
        assertThat(css(".card-title").getAttribute("textContent")).startsWith("Harbour plan goes to a vote after a long night");
        assertThat(css("#headline-meter").getText()).contains("76 characters").contains("cut");
        css("#standfirst").sendKeys(" A new line.");
        assertThat(css(".card-description").getAttribute("textContent")).isEqualTo("Councillors decide on Thursday. A new line.");
        assertThat(css(".card-image img").getAttribute("src")).contains("/media/");

        headline.sendKeys(Keys.chord(Keys.CONTROL, "s"));
        waiting().until(ExpectedConditions.urlContains("done=save"));
        assertThat(css(".autosave-status").getText()).contains("Saved.");
        Article saved = site.app.articles().findById(longDraft.id()).orElseThrow();
        assertThat(saved.version()).isGreaterThan(before);
        assertThat(saved.headline()).endsWith("and a late amendment");
        assertThat(css(".story-state").getText()).contains("version " + saved.version());
        longDraft = saved;
    }

    @Test
    void the_desk_home_shows_the_views_the_beacon_recorded_and_the_most_read_now() {
        for (int i = 0; i < 7; i++) {
            assertThat(site.post("/v/" + popular.id(), "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/" + (100 + i) + ".0").statusCode()).isEqualTo(204);
        }
        for (int i = 0; i < 3; i++) {
            site.post("/v/" + quieter.id(), "User-Agent", "Mozilla/5.0 (Macintosh) Safari/" + (600 + i));
        }
        site.post("/v/" + popular.id(), "User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/100.0"); // the same reader again: not counted
        site.app.parts().trendingJob().run(); // what the job does every minute: flush the counts, recompute the lists

        browser.manage().window().setSize(new Dimension(1280, 1000));
        signIn();
        assertThat(css("[data-views-hour='" + popular.id() + "']").getText()).isEqualTo("7");
        assertThat(css("[data-views-day='" + popular.id() + "']").getText()).isEqualTo("7");
        assertThat(css("[data-views-day='" + quieter.id() + "']").getText()).isEqualTo("3");
        List<WebElement> now = browser.findElements(By.cssSelector("#now-list li"));
        assertThat(now).extracting(WebElement::getText).first().asString().startsWith("Ferries return to the bay").contains("7 views");
        assertThat(now.get(1).getText()).startsWith("Market hall reopens").contains("3 views");
        Chromium.screenshot(browser, "desk-home");

        css(".sort-note a").click();
        waiting().until(ExpectedConditions.urlContains("sort=views"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#published + .sort-note + table tbody tr, section[aria-labelledby=published] tbody tr"));
        assertThat(rows.get(0).getText()).startsWith("Ferries return to the bay");

        browser.get(base + "/desk/stories/" + popular.id());
        assertThat(css(".story-views").getText()).isEqualTo("Read 7 times in the last hour, 7 in 24 hours.");
        assertThat(Chromium.axeViolations(browser)).isEmpty();
    }

    @Test
    void on_phones_the_section_menu_is_one_line_with_the_current_section_in_view() {
        try {
            for (int width : new int[] {390, 320}) {
                for (String textSize : new String[] {"100%", "200%"}) {
                    browser.manage().window().setSize(new Dimension(width, 844));
                    browser.get(base + "/opinion");
                    js("document.documentElement.style.fontSize = arguments[0]; dispatchEvent(new Event('resize'))", textSize);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> menu = (Map<String, Object>) js("const items = [...document.querySelectorAll('.sections li')];"
                            + "return {tops: new Set(items.map(li => li.getBoundingClientRect().top)).size, count: items.length,"
                            + " overflows: document.documentElement.scrollWidth > innerWidth,"
                            + " wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1"
                            + " && !e.closest('.sections ul')).slice(0, 5).map(e => e.tagName + '.' + e.className)};");
                    assertThat(((Number) menu.get("tops")).intValue()).as("one line at " + width + " px, text " + textSize).isEqualTo(1);
                    assertThat(menu.get("overflows")).as("the page itself never scrolls sideways at " + width + " px, text " + textSize + ": "
                            + menu.get("wide")).isEqualTo(false);
                }
                browser.navigate().refresh();
                WebElement current = css(".sections [aria-current]");
                assertThat(current.getText()).isEqualTo("Opinion");
                assertThat(inView(current)).as("the current section is scrolled into the menu at " + width + " px").isTrue();
            }
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.get(base + Urls.article(shownOnPhone, site.config().zone()));
            WebElement section = css(".sections [aria-current]");
            assertThat(section.getText()).isEqualTo("World"); // the story's section, last in the menu, is brought into view
            assertThat(inView(section)).isTrue();
            Chromium.screenshot(browser, "article-390");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
    }
}
