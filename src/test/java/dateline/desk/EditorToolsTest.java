package dateline.desk;

import dateline.content.Urls;
import dateline.content.ContentService;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ImageUpload;
import dateline.content.Section;
import dateline.content.Status;
import dateline.demo.DemoImagesForTests;
import dateline.platform.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The story editor's helpers over real HTTP, on each database: autosave, presence, preview, look-ups, sanitizing on save, and many editors or schedulers racing.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class EditorToolsTest extends DeskTestCase {
    @BeforeEach
    void setUp() {
        givenNewsroom();
    }

    private static String firstDifference(String a, String b) {
        int i = 0;
        while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return "«" + a.substring(Math.max(0, i - 80), Math.min(a.length(), i + 120)) + "» vs «" + b.substring(Math.max(0, i - 80), Math.min(b.length(), i + 120)) + "»";
    }

    @Test
    void autosave_moves_the_version_forward_so_the_writers_own_saves_never_conflict_but_someone_elses_does() throws IOException {
        Article story = site.content.create(site.givenDraft("Draft headline", world), "eddie@example.org");
        int version = story.version();
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> autosave = eddie.post("/desk/stories/" + story.id() + "/autosave",
                    form(eddie, "Draft headline", "<p>Paragraph " + i + ".</p>", version, "save"));
            assertThat(autosave.statusCode()).isEqualTo(200);
            JsonNode body = json(autosave);
            assertThat(body.get("saved").asBoolean()).isTrue();
            assertThat(body.get("version").asInt()).isEqualTo(version + 1);
            version = body.get("version").asInt();
            HttpResponse<String> tooSoon = eddie.post("/desk/stories/" + story.id() + "/autosave",
                    form(eddie, "Draft headline", "<p>Paragraph " + i + " and more.</p>", version, "save"));
            assertThat(tooSoon.statusCode()).as("a second autosave within ten seconds").isEqualTo(429);
            site.clock.advance(Duration.ofSeconds(15)); // the page autosaves at most every fifteen seconds
        }
        HttpResponse<String> unchanged = eddie.post("/desk/stories/" + story.id() + "/autosave",
                form(eddie, "Draft headline", "<p>Paragraph 3.</p>", version, "save"));
        assertThat(json(unchanged).get("saved").asBoolean()).isFalse();
        assertThat(eddie.post("/desk/stories/" + story.id(), form(eddie, "Final headline", "<p>Paragraph 3.</p>", version, "publish")).statusCode())
                .isEqualTo(303);
        assertThat(stored(story.id()).status()).isEqualTo(Status.PUBLISHED);
        assertThat(site.app.parts().revisions().count(story.id())).isEqualTo(6); // create, three autosaves, the edit, publish
        assertThat(site.app.parts().revisions().list(story.id())).extracting(r -> r.action())
                .containsExactlyInAnyOrder("create", "autosave", "autosave", "autosave", "edit", "publish");
        assertThat(eddie.get("/desk/stories/" + story.id() + "/revisions").body()).as("a run of autosaves is one row")
                .contains("<td>autosave ×3 (versions 2–4)</td>", "<td>publish</td>", "<td>create</td>");

        Article draft = site.content.create(site.givenDraft("Another draft", world), "eddie@example.org");
        assertThat(erin.post("/desk/stories/" + draft.id(), form(erin, "Erin's headline", "<p>Body of Another draft.</p>", draft.version(), "save"))
                .statusCode()).isEqualTo(303);
        HttpResponse<String> stale = eddie.post("/desk/stories/" + draft.id() + "/autosave",
                form(eddie, "Another draft", "<p>Eddie's words.</p>", draft.version(), "save"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("changed").toString()).contains("headline");
        assertThat(stored(draft.id()).headline()).isEqualTo("Erin's headline");

        Article published = stored(story.id());
        HttpResponse<String> live = eddie.post("/desk/stories/" + story.id() + "/autosave",
                form(eddie, "Changed live", "<p>Paragraph 3.</p>", published.version(), "save"));
        assertThat(live.statusCode()).isEqualTo(422);
        assertThat(stored(story.id()).headline()).isEqualTo("Final headline");
    }

    @Test
    void the_story_page_and_its_heartbeat_say_who_else_has_the_story_open() throws IOException {
        Article story = site.content.create(site.givenDraft("Shared story", world), "eddie@example.org");
        assertThat(eddie.get("/desk/stories/" + story.id()).body()).doesNotContain("Also open by");
        assertThat(erin.get("/desk/stories/" + story.id()).body()).contains("Also open by Eddie.");
        JsonNode beat = json(eddie.post("/desk/stories/" + story.id() + "/presence", "_csrf=" + eddie.csrf));
        assertThat(beat.get("others").toString()).isEqualTo("[\"Erin\"]");

        site.clock.advance(java.time.Duration.ofMinutes(2));
        assertThat(json(eddie.post("/desk/stories/" + story.id() + "/presence", "_csrf=" + eddie.csrf)).get("others").size()).isZero();
    }

    @Test
    void preview_renders_the_public_page_with_unsaved_changes_and_saves_nothing() {
        Article story = site.givenPublished("Rates held steady", world);
        site.awaitViews();
        String publicPage = site.get(Urls.article(story, site.config().zone())).body();
        long revisions = site.app.parts().revisions().count(story.id());

        HttpResponse<String> same = eddie.post("/desk/stories/" + story.id() + "/preview", form(eddie, story.headline(), story.bodyHtml(),
                story.version(), "save").replace("standfirst=" + DeskClient.enc("A standfirst."), "standfirst=" + DeskClient.enc(story.standfirst()))
                .replace("&tags=" + DeskClient.enc("Trade, Ports"), "&tags=Politics&datelinePlace=London"));
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(same.headers().firstValue("X-Robots-Tag")).contains("noindex");
        assertThat(same.body()).as("an unchanged story previews exactly as its public page; first difference: %s", firstDifference(same.body(), publicPage))
                .isEqualTo(publicPage);

        HttpResponse<String> changed = eddie.post("/desk/stories/" + story.id() + "/preview",
                form(eddie, "Rates cut at last", "<p>The bank cut rates.</p><script>alert(1)</script>", story.version(), "save"));
        assertThat(changed.body()).contains("<h1 class=\"story-headline\">Rates cut at last</h1>", "<p>The bank cut rates.</p>").doesNotContain("alert(1)");
        assertThat(stored(story.id()).headline()).isEqualTo("Rates held steady");
        assertThat(site.app.parts().revisions().count(story.id())).isEqualTo(revisions);

        HttpResponse<String> fresh = eddie.post("/desk/stories/preview", form(eddie, "A story not yet saved", "<p>New.</p>", 0, "save"));
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.body()).contains("A story not yet saved");
        assertThat(site.app.articles().byStatus(Status.DRAFT, 10)).isEmpty();
    }

    @Test
    void tags_are_suggested_and_published_stories_found_as_the_editor_types() throws IOException {
        Article harbour = site.givenPublished("Harbour reopens after the storm", world);
        site.content.create(site.givenDraft("Harbour draft never published", world), "eddie@example.org");
        site.awaitViews();

        JsonNode tags = json(eddie.get("/desk/tags?q=pol"));
        assertThat(tags.toString()).isEqualTo("[\"Politics\"]");
        JsonNode found = json(eddie.get("/desk/stories/search?q=harbour"));
        assertThat(found.size()).isEqualTo(1);
        assertThat(found.get(0).get("id").asText()).isEqualTo(harbour.id());
        assertThat(found.get(0).get("headline").asText()).isEqualTo("Harbour reopens after the storm");
    }

    @Test
    void many_editors_saving_one_story_from_the_same_version_one_wins_the_rest_get_409_and_no_revision_is_lost() throws Exception {
        Article story = site.content.create(site.givenDraft("Contested story", world), "eddie@example.org");
        int editors = 8;
        List<DeskClient> clients = new ArrayList<>();
        for (int i = 0; i < editors; i++) {
            clients.add(i % 2 == 0 ? signedIn("eddie@example.org") : signedIn("erin@example.org"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(editors);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        for (int i = 0; i < editors; i++) {
            DeskClient client = clients.get(i);
            String headline = "Headline from editor " + i;
            Callable<HttpResponse<String>> save = () -> {
                start.await();
                return client.post("/desk/stories/" + story.id(), form(client, headline, "<p>Words of editor " + headline + ".</p>", story.version(), "save"));
            };
            results.add(pool.submit(save));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (Future<HttpResponse<String>> result : results) {
            HttpResponse<String> response = result.get();
            statuses.add(response.statusCode());
            if (response.statusCode() != 303 && response.statusCode() != 409) {
                unexpected.add(response.statusCode() + " " + response.body().replaceAll("(?s).*<main[^>]*>", "").strip());
            }
        }
        pool.shutdown();

        assertThat(unexpected).as("answers other than 303 and 409").isEmpty();
        assertThat(statuses).filteredOn(s -> s == 303).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(editors - 1);
        Article after = stored(story.id());
        assertThat(after.version()).isEqualTo(story.version() + 1);
        assertThat(site.app.parts().revisions().count(story.id())).isEqualTo(2);
        assertThat(after.bodyHtml()).isEqualTo("<p>Words of editor " + after.headline() + ".</p>");
    }

    @Test
    void scheduled_stories_are_published_once_when_several_schedulers_run_at_the_same_moment() throws Exception {
        List<Article> scheduled = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Article draft = site.content.create(site.givenDraft("Scheduled story " + i, world), "eddie@example.org");
            scheduled.add(site.content.schedule(draft.id(), draft.version(), TestSite.START.plusSeconds(60 + i), "eddie@example.org"));
        }
        site.clock.advance(java.time.Duration.ofHours(3)); // the server was "down" while they came due
        if (database == TestDatabase.POSTGRESQL) {
            var db = site.app.parts().db();
            try (org.jdbi.v3.core.Handle otherNode = db.jdbi().open()) {
                otherNode.begin();
                assertThat(db.tryJobLock(otherNode, ContentService.SCHEDULER_LOCK)).isTrue();
                assertThat(site.content.publishDue("scheduler")).as("another node holds the scheduler's lock").isZero();
                otherNode.rollback();
            }
        }
        int schedulers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(schedulers);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < schedulers; i++) {
            counts.add(pool.submit(() -> {
                start.await();
                return site.content.publishDue("scheduler");
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        total += site.content.publishDue("scheduler"); // whatever a lock-holder left: nothing

        assertThat(total).isEqualTo(scheduled.size());
        for (Article story : scheduled) {
            Article after = stored(story.id());
            assertThat(after.status()).isEqualTo(Status.PUBLISHED);
            assertThat(after.version()).isEqualTo(story.version() + 1);
        }
    }

    @Test
    void hostile_html_typed_or_pasted_into_the_editor_is_sanitized_on_every_save() throws IOException {
        Article story = site.content.create(site.givenDraft("Payloads", world), "eddie@example.org");
        List<String> payloads = new String(resource("/desk/xss-payloads.txt"), java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(payloads).hasSizeGreaterThan(40);
        int version = story.version();
        for (String payload : payloads) {
            HttpResponse<String> saved = eddie.post("/desk/stories/" + story.id(), form(eddie, "Payloads", "<p>Before</p>" + payload + "<p>After</p>",
                    version, "save"));
            assertThat(saved.statusCode()).as(payload).isEqualTo(303);
            version = stored(story.id()).version();
            String body = stored(story.id()).bodyHtml();
            org.jsoup.nodes.Document parsed = org.jsoup.Jsoup.parseBodyFragment(body);
            assertThat(parsed.select("script, style, iframe, object, embed, svg, math, form, input, base, link, meta")).as(payload).isEmpty();
            for (org.jsoup.nodes.Element element : parsed.getAllElements()) {
                for (org.jsoup.nodes.Attribute attribute : element.attributes()) {
                    assertThat(attribute.getKey()).as(payload).doesNotStartWith("on").isNotEqualTo("style").isNotEqualTo("srcdoc");
                    assertThat(attribute.getValue().toLowerCase().replaceAll("\\s", "")).as(payload)
                            .doesNotContain("javascript:").doesNotContain("vbscript:").doesNotContain("data:text");
                }
            }
            assertThat(body).as(payload).startsWith("<p>Before</p>");
        }
        String editorOutput = "<h2>Heading</h2><p>Text with <strong>bold</strong>, <em>italic</em> and <a href=\"https://example.org/\">a link</a>.</p>"
                + "<blockquote><p>A quote.</p></blockquote><ul><li><p>One</p></li></ul><ol><li><p>Two</p></li></ol>"
                + "<figure><img src=\"/media/abc/w1200.jpg\" alt=\"A picture\" width=\"1200\" height=\"675\" /><figcaption>Caption. Photo: us</figcaption></figure>"
                + "<figure class=\"embed\"><a href=\"https://example.org/video\" rel=\"noopener\">A video</a></figure>";
        eddie.post("/desk/stories/" + story.id(), form(eddie, "Payloads", editorOutput, version, "save"));
        assertThat(stored(story.id()).bodyHtml()).isEqualTo(editorOutput.replace("<a href=\"https://example.org/\">", "<a href=\"https://example.org/\" rel=\"noopener\">"));
    }
}
