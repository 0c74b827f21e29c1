package dateline.desk;

import dateline.content.Urls;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Image;
import dateline.content.ImageUpload;
import dateline.content.Section;
import dateline.demo.DemoImagesForTests;
import dateline.platform.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The desk's image library over real HTTP, on each database: finding, uploading, describing and the lead-image finder. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ImageLibraryTest extends DeskTestCase {

    DeskClient editor;
    DeskClient contributor;

    @BeforeEach
    void setUp() {
        editor = DeskClient.newAccount(site, "eddie@example.org", "Eddie", Role.EDITOR);
        contributor = DeskClient.newAccount(site, "cora@example.org", "Cora", Role.CONTRIBUTOR);
    }

    private Image givenImage(String alt, String caption, String credit) {
        site.clock.advance(java.time.Duration.ofMinutes(1));
        return site.content.addImage(ImageUpload.check(DemoImagesForTests.png(90, 60)), alt, caption, credit);
    }

    private Article givenPublishedWithLead(String headline, Image lead, String body) {
        Article draft = site.content.create(new ArticleDraft(headline, "A standfirst.", body, "London", world.id(), List.of(), List.of("Weather"),
                lead == null ? null : lead.id(), "en", "staff", null, List.of()), "test");
        return site.content.publish(draft.id(), draft.version(), "test");
    }

    private static String between(String html, String from, String to) {
        int start = html.indexOf(from);
        assertThat(start).as("page has " + from).isNotNegative();
        int end = html.indexOf(to, start);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    @Test
    void the_library_finds_images_by_every_word_of_their_alt_text_caption_or_credit_newest_first() throws IOException {
        Image flood = givenImage("Water over the coast road", "Flooding in Hull on Monday", "Photo: Ada Reporter");
        Image harbour = givenImage("Boats in the harbour", "The harbour at dawn", "Photo: Ben Lens");
        Image literal = givenImage("A 100% pure_sample", "", "");

        String all = editor.get("/desk/images").body();
        assertThat(all).contains("Water over the coast road", "Boats in the harbour", "90 × 60 px");
        assertThat(all.indexOf("A 100% pure_sample")).as("newest first").isLessThan(all.indexOf("Boats in the harbour"));

        String coast = editor.get("/desk/images?q=" + DeskClient.enc("HULL ada")).body();
        assertThat(between(coast, "<h1>", "<h2 id=\"upload\">")).contains("/desk/images/" + flood.id()).doesNotContain(harbour.id());
        String photo = editor.get("/desk/images?q=photo").body();
        assertThat(photo).contains(flood.id(), harbour.id()).doesNotContain("/desk/images/" + literal.id());
        String percent = editor.get("/desk/images?q=" + DeskClient.enc("0%_p")).body();
        assertThat(between(percent, "<h1>", "<h2 id=\"upload\">")).as("% and _ are characters here").contains("No image matches.");
        assertThat(editor.get("/desk/images?q=" + DeskClient.enc("100% pure_")).body()).contains(literal.id());

        JsonNode found = JSON.readTree(contributor.get("/desk/images/search?q=harbour").body());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("id").asText()).isEqualTo(harbour.id());
        assertThat(found.get(0).get("thumb").asText()).isEqualTo(harbour.src(480));
        assertThat(found.get(0).get("alt").asText()).isEqualTo("Boats in the harbour");
    }

    @Test
    void a_long_library_is_paged() {
        for (int i = 1; i <= ImageLibrary.PAGE_SIZE + 2; i++) {
            givenImage("Picture number " + i, "", "");
        }
        String first = editor.get("/desk/images").body();
        assertThat(first).contains("Picture number " + (ImageLibrary.PAGE_SIZE + 2) + "<", "Picture number 3<", "Older images")
                .doesNotContain("Picture number 2<", "Newer images");
        String second = editor.get("/desk/images?page=2").body();
        assertThat(second).contains("Picture number 2<", "Picture number 1<", "Newer images").doesNotContain("Picture number 3<", "Older images");
        assertThat(editor.get("/desk/images?page=-4").body()).as("a bad page number is the first page").contains("Picture number 3<");
    }

    @Test
    void an_upload_from_the_library_form_goes_to_the_new_image_and_a_bad_one_says_why_keeping_the_words() {
        HttpResponse<String> bad = editor.postFormWithFile("/desk/images", Map.of("altText", "Storm clouds", "caption", "Over the bay"),
                "image", "notes.txt", "hello".getBytes());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("This file is not a JPEG, PNG or WebP image.", "value=\"Storm clouds\"", "value=\"Over the bay\"");
        HttpResponse<String> noFile = editor.postFormWithFile("/desk/images", Map.of("altText", "Storm clouds"), null, null, null);
        assertThat(noFile.statusCode()).isEqualTo(422);
        assertThat(noFile.body()).contains("Choose an image file to upload.");
        assertThat(site.app.parts().images().all()).isEmpty();

        HttpResponse<String> good = contributor.postFormWithFile("/desk/images", Map.of("altText", "Storm clouds", "credit", "Photo: Cora"),
                "image", "storm.jpg", DemoImagesForTests.jpeg());
        assertThat(good.statusCode()).isEqualTo(303);
        Image stored = site.app.parts().images().all().getFirst();
        assertThat(good.headers().firstValue("Location")).contains("/desk/images/" + stored.id() + "?done=added");
        String page = contributor.get("/desk/images/" + stored.id() + "?done=added").body();
        assertThat(page).contains("Image added.", "Storm clouds", "Photo: Cora", "No story shows this image yet.", stored.renditionPath("16x9"))
                .as("contributors see the words but do not change them").contains("Editors can change these words.")
                .doesNotContain("<form action=\"/desk/images/" + stored.id() + "\"");
    }

    @Test
    void an_editor_changes_an_images_words_and_the_stories_that_lead_with_it_show_them_without_a_new_version() {
        Image flood = givenImage("Water on a road", "Flooding", "Photo: Ada");
        Article story = givenPublishedWithLead("Floods close the coast road", flood, "<p>Roads are shut.</p>");
        Article inBody = givenPublishedWithLead("Week in pictures", null,
                "<figure><img src=\"" + flood.src(1200) + "\" alt=\"In the body\" width=\"90\" height=\"60\"><figcaption>Body words</figcaption></figure>");
        String articlePath = Urls.article(story, site.config().zone());
        assertThat(site.get(articlePath).body()).contains("alt=\"Water on a road\"", "Flooding"); // now in the page cache

        String shownIn = editor.get("/desk/images/" + flood.id()).body();
        assertThat(between(shownIn, "Shown in", "Renditions")).contains(story.headline(), "lead image", inBody.headline(), "in the body");

        HttpResponse<String> refused = contributor.post("/desk/images/" + flood.id(), "_csrf=" + contributor.csrf + "&altText=Mine");
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> empty = editor.post("/desk/images/" + flood.id(), "_csrf=" + editor.csrf + "&altText=+&caption=New+caption");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("Describe the image for readers who cannot see it (alt text).", "value=\"New caption\"");
        assertThat(site.app.parts().images().find(flood.id()).orElseThrow().caption()).isEqualTo("Flooding");

        HttpResponse<String> saved = editor.post("/desk/images/" + flood.id(), "_csrf=" + editor.csrf
                + "&altText=" + DeskClient.enc("Flood water covers the coast road") + "&caption=" + DeskClient.enc("The coast road on Monday")
                + "&credit=" + DeskClient.enc("Photo: Ada Reporter"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(editor.get("/desk/images/" + flood.id() + "?done=saved").body()).contains("Saved.", "value=\"Flood water covers the coast road\"");
        site.awaitViews();

        String page = site.get(articlePath).body();
        assertThat(page).contains("alt=\"Flood water covers the coast road\"", "The coast road on Monday", "Photo: Ada Reporter")
                .doesNotContain("alt=\"Water on a road\"");
        assertThat(site.get("/").body()).doesNotContain("alt=\"Water on a road\"");
        assertThat(site.app.articles().findById(story.id()).orElseThrow().version()).isEqualTo(story.version());
        assertThat(site.get(Urls.article(inBody, site.config().zone())).body()).as("a body keeps its own words")
                .contains("alt=\"In the body\"", "Body words");
        assertThat(editor.post("/desk/images/nosuchimage", "_csrf=" + editor.csrf + "&altText=x").statusCode()).isEqualTo(404);
    }

    @Test
    void the_story_forms_lead_image_finder_offers_the_matching_images_and_keeps_the_chosen_one() {
        Image chosen = givenImage("Old map of the port", "", "");
        Image match = givenImage("Cranes at the container port", "", "");
        Image other = givenImage("Parliament at night", "", "");
        Article story = site.content.create(new ArticleDraft("Port expands", "", "<p>More cranes.</p>", "", world.id(), List.of(), List.of(),
                chosen.id(), "en", "staff", null, List.of()), "eddie@example.org");

        String page = editor.get("/desk/stories/" + story.id() + "?images=" + DeskClient.enc("cranes")).body();
        String choices = between(page, "class=\"image-choices\"", "</div>");
        assertThat(choices).contains("value=\"" + chosen.id() + "\" checked", "value=\"" + match.id() + "\"").doesNotContain(other.id());
        assertThat(page).contains("Images matching “cranes”.", "value=\"cranes\"", "<form id=\"image-search\" method=\"get\" action=\"/desk/stories/" + story.id() + "\">");

        String recent = editor.get("/desk/stories/" + story.id()).body();
        assertThat(between(recent, "class=\"image-choices\"", "</div>")).contains(chosen.id(), match.id(), other.id());
        assertThat(between(editor.get("/desk/stories/new?images=parliament").body(), "class=\"image-choices\"", "</div>"))
                .contains(other.id()).doesNotContain(chosen.id(), match.id());
    }
}
