package dateline.desk;

import dateline.content.ImageUpload;
import dateline.content.ArticleDraft;
import static org.assertj.core.api.Assertions.assertThat;

import dateline.Chromium;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.Author;
import dateline.content.Section;
import dateline.content.Status;
import dateline.demo.DemoImagesForTests;
import dateline.platform.TestDatabase;
import dateline.content.Urls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A newsroom day in real headless Chromium: an editor signs in, writes a story with the rich-text
 * editor (headings, a list, an image uploaded into the body), uploads a lead image, saves, lets
 * autosave work, publishes and finds the story on the site; then a second editor changes it
 * meanwhile and the first one's stale save is refused with their text kept.
 */
@Tag("browser")
class DeskBrowserTest {
    static final String PASSWORD = "a long enough password";

    @TempDir
    static Path tempDir;
    static TestSite site;
    static WebDriver browser;
    static String base;
    static Section world;
    static Author ada;
    static String weatherId;

    @BeforeAll
    static void start() {
        browser = Chromium.start(tempDir.resolve("chromium"));
        site = TestSite.start(TestDatabase.SQLITE, tempDir);
        base = "http://localhost:" + site.app.port();
        Accounts accounts = site.app.parts().accounts();
        accounts.create("eddie@example.org", "Eddie Editor", Role.EDITOR, PASSWORD, "test");
        accounts.create("erin@example.org", "Erin Editor", Role.EDITOR, PASSWORD, "test");
        accounts.create("ada@example.org", "Ada Admin", Role.ADMIN, PASSWORD, "test");
        world = site.givenSection("World");
        ada = site.givenAuthor("Ada Reporter");
        Article weather = site.content.create(new ArticleDraft("Storm season begins", "", "<p>Rain.</p>", "", world.id(),
                List.of(ada.id()), List.of("Weather"), null, "en", "staff", null), "test");
        site.content.publish(weather.id(), weather.version(), "test");
        weatherId = weather.id();
        site.awaitViews();
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

    private static void signIn(String email) {
        browser.get(base + "/desk/login");
        css("#email").sendKeys(email);
        css("#password").sendKeys(PASSWORD);
        css("form.login button[type=submit], form button[type=submit]").click();
        waiting().until(ExpectedConditions.urlToBe(base + "/desk"));
    }

    /** The editor, once its module has loaded; if it does not, the failure says what the console said. */
    private static WebElement editor() {
        try {
            return waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".editor-body")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("The editor did not load; the console said: " + Chromium.console(browser), e);
        }
    }

    private static void toolbar(String label) {
        browser.findElements(By.cssSelector(".editor-toolbar button")).stream().filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no toolbar button " + label)).click();
    }

    private static Path file(String name, byte[] bytes) throws IOException {
        Path path = tempDir.resolve(name);
        Files.write(path, bytes);
        return path.toAbsolutePath();
    }

    private static String storyId() {
        return browser.getCurrentUrl().replaceFirst(".*/desk/stories/", "").replaceFirst("[?#].*", "");
    }

    @Test
    void an_editor_writes_uploads_publishes_and_a_second_editors_change_is_not_overwritten() throws IOException {
        signIn("eddie@example.org");
        browser.get(base + "/desk/stories/new");
        WebElement body = editor();
        assertThat(css("#bodyHtml").isDisplayed()).as("the HTML text area gives way to the editor").isFalse();
        assertThat(css(".editor-count").getText()).isEqualTo("0 words");
        assertThat(Chromium.axeViolations(browser)).as("axe-core violations on the story editor").isEmpty();

        css("#headline").sendKeys("Floods close the coast road");
        css("#standfirst").sendKeys("Water rose overnight after two days of rain.");
        new Select(css("#sectionId")).selectByVisibleText("World");
        new Select(css("#authorIds")).selectByVisibleText("Ada Reporter");
        css("#tags").sendKeys("Wea");
        waiting().until(d -> !d.findElements(By.cssSelector("#tags-suggestions option[value='Weather']")).isEmpty());
        css("#tags").sendKeys(Keys.chord(Keys.CONTROL, "a"), "Weather, Roads");

        body.click();
        body.sendKeys("The coast road was shut at dawn.");
        body.sendKeys(Keys.ENTER, "What we know");
        toolbar("H2");
        body.sendKeys(Keys.ENTER, "Three villages are cut off");
        toolbar("• List");
        body.sendKeys(Keys.ENTER, "Schools are closed");
        body.sendKeys(Keys.ENTER, Keys.ENTER, "Crews expect the water to fall by evening. Read the ");
        body.sendKeys(Keys.chord(Keys.CONTROL, "k"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dlg-text"))).sendKeys("flood warnings");
        css("#dlg-href").sendKeys("https://example.org/flood-warnings");
        css("dialog.editor-dialog button[type=submit]").click();
        waiting().until(d -> !d.findElements(By.cssSelector(".editor-body a[href='https://example.org/flood-warnings']")).isEmpty());
        body.sendKeys(".");
        assertThat(css(".editor-count").getText()).as("the body's length, as typed").isEqualTo("30 words · about 1 min to read");

        toolbar("Image");
        WebElement dialog = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.editor-dialog")));
        css("#dlg-file").sendKeys(file("road.txt", "not an image".getBytes()).toString());
        css("#dlg-alt").sendKeys("A flooded road between fields");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waiting().until(d -> d.findElement(By.cssSelector("dialog .form-error")).isDisplayed());
        assertThat(css("dialog .form-error").getText()).isEqualTo("This file is not a JPEG, PNG or WebP image.");
        css("#dlg-file").sendKeys(file("road.jpg", DemoImagesForTests.jpeg()).toString());
        css("#dlg-caption").sendKeys("The coast road at dawn.");
        css("#dlg-credit").sendKeys("Photo: Ada Reporter");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        waiting().until(d -> !d.findElements(By.cssSelector(".editor-body figure img")).isEmpty());
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", css("label[for=bodyHtml]"));
        Chromium.screenshot(browser, "desk-editor-body");

        css("#leadImageFile").sendKeys(file("lead.png", DemoImagesForTests.png(1600, 900)).toString());
        css("#leadImageAlt").sendKeys("Water over the coast road");
        css("#leadImageCredit").sendKeys("Photo: Ada Reporter");
        css("#related-search").sendKeys("storm");
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".related-results button"))).click();
        assertThat(css("#related-picks li").getText()).startsWith("Storm season begins");
        assertThat(css("#relatedIds").getDomProperty("value")).isEqualTo(weatherId);
        Chromium.screenshot(browser, "desk-story-editor");
        css("button[name=action][value=save]").click();
        waiting().until(d -> !d.getCurrentUrl().endsWith("/new") || !d.findElements(By.cssSelector("[role=alert]")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("[role=alert]"))).as("errors on save").extracting(WebElement::getText).isEmpty();

        String id = storyId();
        Article saved = site.app.articles().findById(id).orElseThrow();
        assertThat(saved.headline()).isEqualTo("Floods close the coast road");
        assertThat(saved.tags()).extracting(t -> t.name()).containsExactly("Weather", "Roads");
        assertThat(saved.bodyHtml()).contains("<p>The coast road was shut at dawn.</p>", "<h2>What we know</h2>",
                "<ul><li><p>Three villages are cut off</p></li><li><p>Schools are closed</p></li></ul>",
                "<figcaption>The coast road at dawn. Photo: Ada Reporter</figcaption>",
                "<p>Crews expect the water to fall by evening. Read the <a href=\"https://example.org/flood-warnings\" rel=\"noopener\">flood warnings</a>.</p>");
        assertThat(saved.bodyHtml()).containsPattern("<figure><img src=\"/media/[0-9a-z]+/w1200\\.jpg\" alt=\"A flooded road between fields\" width=\"1200\" height=\"675\" />");
        assertThat(saved.leadImage().contentType()).isEqualTo("image/png");
        assertThat(saved.leadImage().width()).isEqualTo(1600);
        assertThat(saved.relatedIds()).containsExactly(weatherId);
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", css(".image-choices"));
        Chromium.screenshot(browser, "desk-story-saved");
        assertThat(css("#related-picks li").getText()).startsWith("Storm season begins");

        // Autosave moves the form's version forward, so publishing right after it is not a conflict.
        WebElement editor = editor();
        WebElement picture = editor.findElement(By.cssSelector("figure img"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", picture); // clear of the sticky toolbar
        picture.click();
        assertThat(css(".ProseMirror-selectednode").getTagName()).isEqualTo("img");
        editor.sendKeys(Keys.ENTER, "Updates will follow."); // Enter on a selected image: a new paragraph below its figure
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("autosave-status"), "Saved automatically"));
        assertThat(site.app.articles().findById(id).orElseThrow().bodyHtml()).contains("Updates will follow.");
        assertThat(site.app.articles().findById(id).orElseThrow().bodyHtml()).as("Enter in a caption starts a paragraph after the figure")
                .endsWith("</figcaption></figure><p>Updates will follow.</p>").doesNotContain("src=\"\"");
        css("button[name=action][value=publish]").click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".story-state"), "published"));
        Article published = site.app.articles().findById(id).orElseThrow();
        assertThat(published.status()).isEqualTo(Status.PUBLISHED);

        site.awaitViews();
        browser.get(base + Urls.article(published, site.config().zone()));
        assertThat(css("h1").getText()).isEqualTo("Floods close the coast road");
        assertThat(css(".story-body h2").getText()).isEqualTo("What we know");
        WebElement inline = css(".story-body figure img");
        waiting().until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return arguments[0].complete", inline));
        assertThat((Long) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth", inline)).isEqualTo(1200L);
        assertThat(css("img[srcset]").getDomAttribute("srcset")).contains("/w480.jpg 480w", "/w1600.jpg 1600w");
        Chromium.screenshot(browser, "desk-published-story");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", inline);
        Chromium.screenshot(browser, "desk-published-story-figure");

        // Erin opens the story too; Eddie sees her there, then she saves first.
        DeskClient erin = new DeskClient(site);
        erin.signIn("erin@example.org", PASSWORD);
        assertThat(erin.get("/desk/stories/" + id).statusCode()).isEqualTo(200);
        browser.get(base + "/desk/stories/" + id);
        assertThat(css("#presence").getText()).isEqualTo("Also open by Erin Editor.");
        String erinsForm = "_csrf=" + erin.csrf + "&version=" + published.version() + "&headline=" + DeskClient.enc("Floods close the coast road for a week")
                + "&standfirst=" + DeskClient.enc(published.standfirst()) + "&bodyHtml=" + DeskClient.enc(published.bodyHtml())
                + "&sectionId=" + world.id() + "&authorIds=" + ada.id() + "&tags=" + DeskClient.enc("Weather, Roads")
                + "&leadImageId=" + published.leadImage().id() + "&language=en&source=staff&action=save";
        assertThat(erin.post("/desk/stories/" + id, erinsForm).statusCode()).isEqualTo(303);

        WebElement standfirst = css("#standfirst");
        standfirst.clear();
        standfirst.sendKeys("Eddie's new standfirst.");
        css("button[name=action][value=save]").click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(css("[role=alert]").getText()).contains("Changed meanwhile: headline");
        assertThat(css("#standfirst").getDomProperty("value")).isEqualTo("Eddie's new standfirst.");
        assertThat(css("#headline").getDomProperty("value")).isEqualTo("Floods close the coast road");
        Chromium.screenshot(browser, "desk-conflict");
        assertThat(site.app.articles().findById(id).orElseThrow().headline()).isEqualTo("Floods close the coast road for a week");

        browser.get(base + "/desk/stories/" + id);
        css("button[name=action][value=unpublish]").click();
        assertThat(waiting().until(ExpectedConditions.alertIsPresent()).getText()).startsWith("Take this story off the site?");
        browser.switchTo().alert().dismiss();
        assertThat(site.app.articles().findById(id).orElseThrow().status()).as("unpublishing is asked twice").isEqualTo(Status.PUBLISHED);
    }

    @Test
    void desk_pages_have_no_wcag_2_1_a_or_aa_violations() {
        var image = site.content.addImage(ImageUpload.check(DemoImagesForTests.png(640, 360)), "A library card", "In the library", "Photo: us");
        Article returned = site.content.create(new ArticleDraft("Bridge closes", "", "<p>One source.</p>", "", world.id(),
                List.of(), List.of(), null, "en", "staff", null), "test");
        returned = site.content.submitForReview(returned.id(), returned.version(), "test");
        returned = site.content.sendBack(returned.id(), returned.version(), "Find a second source.", "eddie@example.org");
        site.content.setFrontPage(site.app.articles().frontPageIds(), List.of(weatherId));
        signIn("ada@example.org");
        for (String path : List.of("/desk", "/desk/front", "/desk/users", "/desk/apikeys", "/desk/webhooks", "/desk/audit", "/desk/settings", "/desk/account", "/desk/stories/new",
                "/desk/images", "/desk/images/" + image.id(), "/desk/stories/" + returned.id(), "/desk?list=drafts", "/desk/front?q=storm")) {
            browser.get(base + path);
            assertThat(Chromium.axeViolations(browser)).as("axe-core violations on " + path).isEmpty();
            Chromium.screenshot(browser, "desk" + path.replace('/', '-'));
        }
        site.content.setBreaking("Storm season begins early this year", weatherId);
        try {
            site.awaitViews();
            browser.get(base + "/");
            assertThat(css(".breaking a").getText()).isEqualTo("Storm season begins early this year");
            assertThat(Chromium.axeViolations(browser)).as("axe-core violations on the front page with a breaking-news strip").isEmpty();
            Chromium.screenshot(browser, "site-breaking-strip");
        } finally {
            site.content.clearBreaking();
        }
        browser.get(base + "/desk");
        css("form[action='/desk/logout'] button").click();
        browser.get(base + "/desk/login");
        assertThat(Chromium.axeViolations(browser)).as("axe-core violations on the sign-in page").isEmpty();
    }

    @Test
    void an_image_pasted_into_the_body_is_uploaded_through_the_image_dialog() {
        var existing = site.content.addImage(ImageUpload.check(DemoImagesForTests.png(640, 360)), "A test card", "", "");
        signIn("eddie@example.org");
        browser.get(base + "/desk/stories/new");
        WebElement body = editor();
        body.click();
        ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.blob()).then(blob => {"
                        + "  const transfer = new DataTransfer();"
                        + "  transfer.items.add(new File([blob], 'pasted.png', {type: 'image/png'}));"
                        + "  document.querySelector('.editor-body').dispatchEvent(new ClipboardEvent('paste', {clipboardData: transfer, bubbles: true, cancelable: true}));"
                        + "  done();"
                        + "});", existing.path());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dlg-alt"))).sendKeys("A pasted test card");
        assertThat((Long) ((JavascriptExecutor) browser).executeScript("return document.getElementById('dlg-file').files.length")).isEqualTo(1L);
        css("dialog.editor-dialog button[type=submit]").click();
        WebElement pasted = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".editor-body figure img")));
        assertThat(pasted.getDomAttribute("alt")).isEqualTo("A pasted test card");
        assertThat(pasted.getDomAttribute("src")).matches("/media/[0-9a-z]+/w640\\.jpg").doesNotContain(existing.id());
    }

    @Test
    void the_lead_image_finder_shows_the_images_matching_what_is_typed_and_the_one_picked_is_saved() {
        var cranes = site.content.addImage(ImageUpload.check(DemoImagesForTests.png(320, 180)), "Cranes at the container port", "", "");
        var parliament = site.content.addImage(ImageUpload.check(DemoImagesForTests.png(320, 180)), "Parliament at night", "", "");
        Article story = site.content.create(new ArticleDraft("Port expands", "", "<p>More cranes.</p>", "", world.id(),
                List.of(), List.of(), null, "en", "staff", null), "test");
        signIn("erin@example.org");
        browser.get(base + "/desk/stories/" + story.id());
        editor();
        String parliamentChoice = "input[name=leadImageId][value='" + parliament.id() + "']";
        String cranesChoice = "input[name=leadImageId][value='" + cranes.id() + "']";
        assertThat(browser.findElements(By.cssSelector(cranesChoice))).as("recent images are offered").hasSize(1);

        css("#image-find").sendKeys("parliament");
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(cranesChoice), 0));
        assertThat(css("#image-find-status").getText()).isEqualTo("1 image matches “parliament”.");
        assertThat(browser.getCurrentUrl()).as("found without leaving the page").endsWith("/desk/stories/" + story.id());
        css(parliamentChoice).click();
        css("#image-find").sendKeys(Keys.chord(Keys.CONTROL, "a"), "cranes", Keys.ENTER);
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(cranesChoice), 1));
        assertThat(css(parliamentChoice).isSelected()).as("the chosen image stays among the choices").isTrue();
        Chromium.screenshot(browser, "desk-image-finder");

        css("button[name=action][value=save]").click();
        waiting().until(ExpectedConditions.urlContains("/desk/stories/" + story.id()));
        waiting().until(d -> site.app.articles().findById(story.id()).orElseThrow().leadImage() != null);
        assertThat(site.app.articles().findById(story.id()).orElseThrow().leadImage().id()).isEqualTo(parliament.id());
    }
}
