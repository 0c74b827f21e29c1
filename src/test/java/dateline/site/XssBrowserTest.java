package dateline.site;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.Chromium;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Author;
import dateline.content.ImageUpload;
import dateline.content.Listing;
import dateline.content.Section;
import dateline.content.Urls;
import dateline.demo.DemoImagesForTests;
import dateline.desk.Role;
import dateline.platform.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;

/**
 * Hostile text through every way text gets in (the editor's body, headline, standfirst, caption,
 * credit, tags, section names, author bios, the breaking strip and the search query), then every page
 * that shows it opened in real Chromium: no dialog opens, the page's policy never has to refuse an
 * injected script, no element carries an event handler or a {@code javascript:} link.
 */
@Tag("browser")
@ParameterizedClass
@EnumSource(TestDatabase.class)
class XssBrowserTest {
    static final List<String> PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>",
            "'><svg/onload=alert(3)>",
            "<a href=\"jav&#x61;script:alert(4)\">link</a>",
            "<a href=\"javascript:alert(5)\">link</a>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(6)></style></mglyph></table></mtext></math>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(7)>\"></p></noscript>",
            "<iframe srcdoc=\"<script>alert(8)</script>\"></iframe>",
            "</title><script>alert(9)</script>",
            "<!--<script>alert(10)</script>-->");

    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;
    TestSite site;
    WebDriver browser;
    List<String> pages = new ArrayList<>();

    @BeforeEach
    void start() {
        browser = Chromium.start(tempDir.resolve("chromium"), UnexpectedAlertBehaviour.DISMISS_AND_NOTIFY);
        site = TestSite.start(database, tempDir);
        site.app.parts().accounts().create("eddie@example.org", "Eddie", Role.EDITOR, "correct horse battery staple", "test");
        String all = String.join(" ", PAYLOADS);
        Section section = site.content.createSection("News " + all.substring(0, 180), "news", all, 0);
        Author author = site.content.createAuthor("Ada " + PAYLOADS.get(1), PAYLOADS.get(2), all);
        var image = site.content.addImage(ImageUpload.check(DemoImagesForTests.jpeg()), "Alt " + PAYLOADS.get(1), "Caption " + all, "Credit " + PAYLOADS.get(2));
        List<String> tags = PAYLOADS.stream().map(p -> "Tag " + p.substring(0, Math.min(p.length(), 90))).toList();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String payload = PAYLOADS.get(i);
            Article draft = site.content.create(new ArticleDraft("Story " + i + " " + payload, "Standfirst " + payload, "<p>Body</p>" + all,
                    "Place " + payload, section.id(), List.of(author.id()), List.of(tags.get(i)), image.id(), "en", "Agency " + payload, null), "test");
            Article story = site.content.publish(draft.id(), draft.version(), "test");
            pages.add(Urls.article(story, ZoneOffset.UTC));
            pages.add(Urls.article(story, ZoneOffset.UTC) + "/read");
            if (i == 0) {
                site.content.setBreaking("Breaking " + payload.substring(0, Math.min(payload.length(), 100)), story.id());
                pages.add("/desk/stories/" + story.id());
            }
        }
        site.awaitViews();
        pages.addAll(List.of("/", "/news", "/author/" + author.slug(), "/most-read", "/desk", "/desk/images", "/desk/images/" + image.id()));
        site.app.parts().articles().published(Listing.ALL, 1, 0).get(0).tags().forEach(t -> pages.add("/tag/" + t.slug()));
        for (String payload : PAYLOADS) {
            pages.add("/search?q=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void nothing_typed_anywhere_runs_on_any_page_that_shows_it() {
        String base = "http://localhost:" + site.app.port();
        browser.get(base + "/desk/login");
        browser.findElement(By.name("email")).sendKeys("eddie@example.org");
        browser.findElement(By.name("password")).sendKeys("correct horse battery staple");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        Chromium.console(browser); // what sign-in logged is not the subject

        List<String> problems = new ArrayList<>();
        for (String path : pages) {
            try {
                browser.get(base + path);
                Object found = ((JavascriptExecutor) browser).executeScript("""
                        const handlers = [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on')));
                        const links = [...document.querySelectorAll('a[href], iframe[src], iframe[srcdoc]')]
                          .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '') || e.hasAttribute('srcdoc'));
                        const scripts = [...document.querySelectorAll('script')].filter(s => !s.src && !['application/ld+json', 'importmap'].includes(s.type));
                        return handlers.length + links.length + scripts.length;""");
                if (((Number) found).intValue() > 0) {
                    problems.add(path + ": " + found + " injected handlers, javascript: links or inline scripts");
                }
                Chromium.console(browser).stream().filter(line -> line.contains("Content Security Policy") || line.contains("Refused to"))
                        .forEach(line -> problems.add(path + ": " + line));
            } catch (UnhandledAlertException e) {
                problems.add(path + ": a dialog opened: " + e.getAlertText());
            }
        }

        assertThat(pages).hasSizeGreaterThan(30);
        assertThat(problems).isEmpty();
    }
}
