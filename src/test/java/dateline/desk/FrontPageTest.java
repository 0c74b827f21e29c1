package dateline.desk;

import dateline.content.Urls;
import dateline.content.ContentService;
import dateline.content.ArticleDraft;
import static org.assertj.core.api.Assertions.assertThat;

import dateline.TestSite;
import dateline.content.Article;
import dateline.content.Section;
import dateline.platform.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Editors choosing the stories that lead the front page, over real HTTP, on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class FrontPageTest extends DeskTestCase {

    DeskClient editor;
    DeskClient otherEditor;
    Article older;
    Article middle;
    Article newest;

    @BeforeEach
    void setUp() {
        older = published("Treaty signed after long talks");
        middle = published("Markets rally on the news");
        newest = published("Weather turns cold");
        site.awaitViews();
        editor = DeskClient.newAccount(site, "eddie@example.org", "Eddie", Role.EDITOR);
        otherEditor = DeskClient.newAccount(site, "erin@example.org", "Erin", Role.EDITOR);
    }

    private Article published(String headline) {
        site.clock.advance(Duration.ofMinutes(10));
        return site.givenPublished(headline, world);
    }

    private HttpResponse<String> press(DeskClient client, List<String> base, String op) {
        return client.post("/desk/front", "_csrf=" + client.csrf + "&base=" + String.join(",", base) + "&op=" + op);
    }

    /** The front page's lead story headline: the first story link in its main content. */
    private String lead() {
        site.awaitViews();
        String home = site.get("/").body();
        int main = home.indexOf("<main");
        return home.substring(main, home.indexOf("</main>")).replaceAll("(?s)<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    @Test
    void a_chosen_story_leads_the_front_page_until_it_is_removed() {
        assertThat(lead().indexOf(newest.headline())).as("without a choice the latest leads").isLessThan(lead().indexOf(older.headline()));

        assertThat(press(editor, List.of(), "add:" + older.id()).statusCode()).isEqualTo(303);
        assertThat(lead().indexOf(older.headline())).isLessThan(lead().indexOf(newest.headline()));
        assertThat(editor.get("/desk/front?done=saved").body()).contains("Saved.", older.headline(), "Lead story");

        assertThat(press(editor, List.of(older.id()), "add:" + middle.id()).statusCode()).isEqualTo(303);
        assertThat(press(editor, List.of(older.id(), middle.id()), "up:" + middle.id()).statusCode()).isEqualTo(303);
        assertThat(site.app.articles().frontPageIds()).containsExactly(middle.id(), older.id());
        String page = lead();
        assertThat(page.indexOf(middle.headline())).isLessThan(page.indexOf(older.headline()));
        assertThat(page.indexOf(older.headline())).isLessThan(page.indexOf(newest.headline()));

        assertThat(press(editor, List.of(middle.id(), older.id()), "remove:" + middle.id()).statusCode()).isEqualTo(303);
        assertThat(press(editor, List.of(older.id()), "remove:" + older.id()).statusCode()).isEqualTo(303);
        assertThat(site.app.articles().frontPageIds()).isEmpty();
        assertThat(lead().indexOf(newest.headline())).isLessThan(lead().indexOf(older.headline()));
    }

    @Test
    void an_unpublished_choice_leaves_the_front_page_and_the_desk_says_so() {
        press(editor, List.of(), "add:" + older.id());
        Article current = site.app.articles().findById(older.id()).orElseThrow();
        site.content.unpublish(current.id(), current.version(), "test");

        assertThat(lead()).doesNotContain(older.headline()).contains(newest.headline());
        assertThat(editor.get("/desk/front").body()).contains("Not on the site, so left out of the front page");
        assertThat(press(editor, List.of(older.id()), "add:" + middle.id()).statusCode()).as("other changes still work").isEqualTo(303);
    }

    @Test
    void the_desk_refuses_what_cannot_be_on_the_front_page_and_a_stale_list_keeps_nothing() {
        Article draft = site.content.create(site.givenDraft("Not yet out", world), "test");
        HttpResponse<String> notPublished = press(editor, List.of(), "add:" + draft.id());
        assertThat(notPublished.statusCode()).isEqualTo(422);
        assertThat(notPublished.body()).contains("'" + draft.id() + "' is not a published story.");
        assertThat(press(editor, List.of(), "jump:" + older.id()).statusCode()).isEqualTo(400);

        assertThat(press(editor, List.of(), "add:" + older.id()).statusCode()).isEqualTo(303);
        HttpResponse<String> stale = press(otherEditor, List.of(), "add:" + middle.id()); // Erin's page was loaded before Eddie's change
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else changed the front page meanwhile.", older.headline());
        assertThat(site.app.articles().frontPageIds()).containsExactly(older.id());

        List<String> base = List.of(older.id());
        int refused = 0;
        for (String headline : List.of("Five", "Six", "Seven", "Eight", "Nine", "Ten")) {
            Article more = published(headline + " stories");
            HttpResponse<String> added = press(editor, base, "add:" + more.id());
            if (base.size() < ContentService.FRONT_PAGE_CHOICES) {
                assertThat(added.statusCode()).isEqualTo(303);
                base = site.app.articles().frontPageIds();
            } else {
                assertThat(added.statusCode()).isEqualTo(422);
                assertThat(added.body()).contains("at most 6 chosen stories");
                refused++;
            }
        }
        assertThat(refused).isEqualTo(1);
        assertThat(site.app.articles().frontPageIds()).hasSize(ContentService.FRONT_PAGE_CHOICES);

        String found = editor.get("/desk/front?q=" + DeskClient.enc("weather")).body();
        assertThat(found).contains("Weather turns cold", "remove one to add another");
        assertThat(editor.get("/desk/front?q=" + DeskClient.enc("not yet")).body()).contains("No published story has “not yet” in its headline.");
    }

    private HttpResponse<String> breaking(String op, String text, String storyId) {
        return editor.post("/desk/breaking", "_csrf=" + editor.csrf + "&op=" + op + "&breakingText=" + DeskClient.enc(text) + "&breakingStory=" + storyId);
    }

    private String page(String path) {
        site.awaitViews();
        return site.get(path).body();
    }

    @Test
    void a_breaking_news_strip_shows_over_every_page_until_taken_down_or_its_story_is_unpublished() {
        String newestPath = Urls.article(newest, site.config().zone());
        String olderPath = Urls.article(older, site.config().zone());
        assertThat(page("/")).doesNotContain("Breaking news");
        assertThat(page(newestPath)).doesNotContain("Breaking news"); // both pages are now in the page cache

        assertThat(breaking("set", " ", older.id()).body()).contains("Write the line readers see.");
        assertThat(breaking("set", "x".repeat(141), older.id()).body()).contains("Keep the line to 140 characters; this one has 141.");
        assertThat(breaking("set", "Treaty signed", "").body()).contains("Choose the published story the strip links to.");
        Article draft = site.content.create(site.givenDraft("Not yet out", world), "test");
        HttpResponse<String> unpublished = breaking("set", "Treaty signed", draft.id());
        assertThat(unpublished.statusCode()).isEqualTo(422);
        assertThat(unpublished.body()).contains("'" + draft.id() + "' is not a published story.", "value=\"Treaty signed\"");

        assertThat(breaking("set", "Treaty signed: the war is over", older.id()).statusCode()).isEqualTo(303);
        String strip = "<strong class=\"breaking-label\">Breaking</strong> <a href=\"" + olderPath + "\">Treaty signed: the war is over</a>";
        assertThat(page("/")).contains(strip);
        assertThat(page(newestPath)).contains(strip);
        assertThat(site.app.parts().pages().get(newestPath).orElseThrow().keys()).as("every page with the strip changes with its story")
                .contains("article:" + older.id());
        assertThat(site.app.parts().pages().get("/").orElseThrow().keys()).contains("article:" + older.id());
        assertThat(editor.get("/desk/front?done=breaking").body()).contains("The breaking-news strip is up on every page.", "Take the strip down");

        Article current = site.app.articles().findById(older.id()).orElseThrow();
        site.content.unpublish(current.id(), current.version(), "test");
        assertThat(page("/")).as("an unpublished story takes its strip down").doesNotContain("Breaking news");
        assertThat(page(newestPath)).doesNotContain("Breaking news");

        assertThat(breaking("set", "Markets close higher", middle.id()).statusCode()).isEqualTo(303);
        assertThat(page(newestPath)).contains("Markets close higher");
        assertThat(breaking("clear", "", "").statusCode()).isEqualTo(303);
        assertThat(page(newestPath)).doesNotContain("Breaking news");
        assertThat(page("/")).doesNotContain("Markets close higher");
    }

    @Test
    void a_published_story_is_added_to_the_front_page_from_its_own_page() {
        String page = editor.get("/desk/stories/" + middle.id()).body();
        assertThat(page).contains("value=\"add:" + middle.id() + "\">Add to the front page</button>");
        String base = page.replaceFirst("(?s).*name=\"base\" value=\"([^\"]*)\".*", "$1");
        assertThat(press(editor, base.isEmpty() ? List.of() : List.of(base.split(",")), "add:" + middle.id()).statusCode()).isEqualTo(303);
        assertThat(site.app.articles().frontPageIds()).containsExactly(middle.id());
        assertThat(editor.get("/desk/stories/" + middle.id()).body()).contains("place 1 of the chosen stories").doesNotContain("Add to the front page");
        Article draft = site.content.create(site.givenDraft("Not yet out", world), "test");
        assertThat(editor.get("/desk/stories/" + draft.id()).body()).doesNotContain("Add to the front page");
    }

    @Test
    void while_a_strip_shows_every_cached_page_carries_its_storys_key_even_a_page_that_does_not_link_to_that_story() {
        Section arts = site.givenSection("Arts");
        Article draft = site.content.create(new ArticleDraft("Xylophone quartet tours", "", "<p>Zither quokka.</p>", "", arts.id(),
                List.of(), List.of(), null, "en", "staff", null, List.of()), "test");
        Article quartet = site.content.publish(draft.id(), draft.version(), "test");
        assertThat(breaking("set", "Quartet tours", quartet.id()).statusCode()).isEqualTo(303);
        String newestPath = Urls.article(newest, site.config().zone());

        assertThat(page(newestPath)).contains("Quartet tours");

        Article shown = site.app.articles().findById(newest.id()).orElseThrow();
        assertThat(site.app.parts().related().forArticle(shown)).extracting(Article::id).as("the page does not link to the strip's story")
                .doesNotContain(quartet.id());
        assertThat(site.app.parts().pages().get(newestPath).orElseThrow().keys()).contains("article:" + quartet.id());
    }
}
