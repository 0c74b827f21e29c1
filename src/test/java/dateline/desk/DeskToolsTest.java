package dateline.desk;

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
 * The desk's tools over real HTTP, on each database: image upload and renditions, autosave,
 * presence, preview, tag and story look-ups, account, key and webhook administration, and many
 * editors saving one story at once.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class DeskToolsTest {
    static final String PASSWORD = "correct horse battery staple";
    static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    TestSite site;
    Section world;
    DeskClient eddie;
    DeskClient erin;
    DeskClient admin;

    @BeforeEach
    void setUp() {
        site = TestSite.start(database, tempDir);
        Accounts accounts = site.app.parts().accounts();
        accounts.create("eddie@example.org", "Eddie", Role.EDITOR, PASSWORD, "test");
        accounts.create("erin@example.org", "Erin", Role.EDITOR, PASSWORD, "test");
        accounts.create("ada@example.org", "Ada Admin", Role.ADMIN, PASSWORD, "test");
        world = site.givenSection("World");
        eddie = signedIn("eddie@example.org");
        erin = signedIn("erin@example.org");
        admin = signedIn("ada@example.org");
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private DeskClient signedIn(String email) {
        return DeskClient.signedIn(site, email, PASSWORD);
    }

    private String form(DeskClient client, String headline, String body, int version, String action) {
        return client.storyForm(world.id(), headline, body, version, action);
    }

    private Article stored(String id) {
        return site.app.articles().findById(id).orElseThrow();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DeskToolsTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static String firstDifference(String a, String b) {
        int i = 0;
        while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return "«" + a.substring(Math.max(0, i - 80), Math.min(a.length(), i + 120)) + "» vs «" + b.substring(Math.max(0, i - 80), Math.min(b.length(), i + 120)) + "»";
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void jpeg_png_and_webp_uploads_are_stored_with_width_renditions_and_crops() throws IOException {
        Map<String, byte[]> uploads = Map.of("image/jpeg", DemoImagesForTests.jpeg(), "image/png", DemoImagesForTests.png(900, 600),
                "image/webp", resource("/images/gradient.webp"));
        for (var upload : uploads.entrySet()) {
            HttpResponse<String> response = eddie.postMultipart("/desk/images", Map.of("altText", "A test picture", "caption", "Caption",
                    "credit", "Photo: us"), "image", "upload.bin", upload.getValue());
            assertThat(response.statusCode()).as(upload.getKey()).isEqualTo(201);
            JsonNode body = json(response);
            var image = site.app.parts().images().find(body.get("id").asText()).orElseThrow();
            assertThat(image.contentType()).isEqualTo(upload.getKey());
            assertThat(site.getBytes(image.path()).body()).isEqualTo(upload.getValue());

            for (String name : ImageUpload.names(image.width())) {
                HttpResponse<byte[]> rendition = site.getBytes(image.renditionPath(name));
                assertThat(rendition.statusCode()).as(name).isEqualTo(200);
                assertThat(rendition.headers().firstValue("Content-Type")).contains("image/jpeg");
                BufferedImage decoded = decode(rendition.body());
                assertThat(site.app.parts().images().rendition(image.id(), name)).as("stored " + name).contains(rendition.body());
                if (name.startsWith("w")) {
                    assertThat(decoded.getWidth()).isEqualTo(Math.min(image.width(), Integer.parseInt(name.substring(1))));
                    assertThat((double) decoded.getHeight() / decoded.getWidth()).isCloseTo((double) image.height() / image.width(),
                            org.assertj.core.data.Offset.offset(0.02));
                } else {
                    String[] ratio = name.split("x");
                    assertThat(decoded.getWidth() * Integer.parseInt(ratio[1])).isCloseTo(decoded.getHeight() * Integer.parseInt(ratio[0]),
                            org.assertj.core.data.Offset.offset(Integer.parseInt(ratio[0]) * 2));
                }
            }
            assertThat(body.get("src").asText()).isEqualTo(image.src(1200));
            BufferedImage shown = decode(site.getBytes(image.src(1200)).body());
            assertThat(body.get("srcWidth").asInt()).isEqualTo(shown.getWidth());
            assertThat(body.get("srcHeight").asInt()).isCloseTo(shown.getHeight(), org.assertj.core.data.Offset.offset(1));
        }
        assertThat(ImageUpload.check(resource("/images/gradient-lossless.webp")).width()).isEqualTo(64);
        assertThat(ImageUpload.names(640)).containsExactly("w480", "w640", "16x9", "4x3", "1x1");
        assertThat(ImageUpload.names(300)).containsExactly("w300", "16x9", "4x3", "1x1");
        assertThat(ImageUpload.names(4000)).containsExactly("w480", "w800", "w1200", "w1600", "16x9", "4x3", "1x1");
        assertThat(site.getBytes("/media/nosuchimage/w800.jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void files_that_are_not_usable_images_are_refused_with_the_reason_and_nothing_is_stored() throws IOException {
        BufferedImage huge = new BufferedImage(8000, 8000, BufferedImage.TYPE_BYTE_BINARY);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        ImageIO.write(huge, "png", bomb);
        byte[] jpeg = DemoImagesForTests.jpeg();
        byte[] truncated = java.util.Arrays.copyOf(jpeg, 200);
        byte[] oversize = new byte[ImageUpload.MAX_BYTES + 1024];
        System.arraycopy(jpeg, 0, oversize, 0, jpeg.length);
        Map<byte[], String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("<svg onload=alert(1)></svg>".getBytes(), "This file is not a JPEG, PNG or WebP image.");
        refusals.put(bomb.toByteArray(), "The image is 8000 × 8000 pixels; images may have at most 50 million pixels.");
        refusals.put(truncated, "The file looks like a JPEG image but cannot be read; it may be damaged.");
        refusals.put(oversize, "The file is 20.0 MB; images may be at most 20 MB.");
        for (var refusal : refusals.entrySet()) {
            HttpResponse<String> response = eddie.postMultipart("/desk/images", Map.of("altText", "Something"), "image", "x.jpg", refusal.getKey());
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(json(response).get("error").asText()).isEqualTo(refusal.getValue());
        }
        HttpResponse<String> noAlt = eddie.postMultipart("/desk/images", Map.of("altText", " "), "image", "x.jpg", jpeg);
        assertThat(json(noAlt).get("error").asText()).isEqualTo("Describe the image for readers who cannot see it (alt text).");
        HttpResponse<String> tooBig = eddie.postMultipart("/desk/images", Map.of("altText", "Big"), "image", "x.jpg", new byte[30 * 1024 * 1024]);
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.body()).contains("images may be at most 20 MB");
        assertThat(site.app.parts().images().all()).isEmpty();
    }

    @Test
    void a_lead_image_uploaded_with_the_story_form_becomes_the_lead_image_and_a_bad_one_keeps_the_text() {
        Article story = site.content.create(site.givenDraft("Harbour reopens", world), "eddie@example.org");
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("version", String.valueOf(story.version()), "headline", "Harbour reopens",
                "bodyHtml", "<p>Ships are back.</p>", "sectionId", world.id(), "language", "en", "source", "staff", "action", "save",
                "leadImageAlt", "Ships in the harbour", "leadImageCredit", "Photo: Eddie"));

        HttpResponse<String> bad = eddie.postMultipart("/desk/stories/" + story.id(), fields, "leadImageFile", "notes.txt", "hello".getBytes());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("This file is not a JPEG, PNG or WebP image.", "Ships are back.");
        assertThat(stored(story.id()).version()).isEqualTo(story.version());

        HttpResponse<String> good = eddie.postMultipart("/desk/stories/" + story.id(), fields, "leadImageFile", "ships.jpg", DemoImagesForTests.jpeg());
        assertThat(good.statusCode()).isEqualTo(303);
        Article saved = stored(story.id());
        assertThat(saved.leadImage().altText()).isEqualTo("Ships in the harbour");
        assertThat(saved.leadImage().credit()).isEqualTo("Photo: Eddie");
        assertThat(eddie.get("/desk/stories/" + story.id()).body()).contains(saved.leadImage().src(480),
                "name=\"leadImageId\" value=\"" + saved.leadImage().id() + "\" checked");

        Article other = site.content.create(site.givenDraft("Another story", world), "eddie@example.org");
        String otherPage = eddie.get("/desk/stories/" + other.id()).body();
        assertThat(otherPage).as("recent uploads are offered to other stories").contains("value=\"" + saved.leadImage().id() + "\">")
                .contains("value=\"\" checked");
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
        String publicPage = site.get(dateline.site.Urls.article(story, site.config().zone())).body();
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
    void admins_make_accounts_change_roles_and_disable_them_and_the_audit_log_says_who_did_it() {
        HttpResponse<String> made = admin.post("/desk/users", "_csrf=" + admin.csrf + "&name=Rita&email=rita%40example.org&role=contributor&password="
                + DeskClient.enc("a long enough password"));
        assertThat(made.statusCode()).isEqualTo(201);
        assertThat(made.body()).contains("Account made for rita@example.org");
        HttpResponse<String> bad = admin.post("/desk/users", "_csrf=" + admin.csrf + "&name=Bo&email=bo&role=editor&password=short");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("'bo' is not an email address.", "Use a password of at least 12 characters.", "value=\"Bo\"");

        Accounts accounts = site.app.parts().accounts();
        String ritaId = accounts.find("rita@example.org").orElseThrow().id();
        assertThat(admin.post("/desk/users/" + ritaId, "_csrf=" + admin.csrf + "&action=role&role=editor").statusCode()).isEqualTo(303);
        assertThat(accounts.find("rita@example.org").orElseThrow().role()).isEqualTo(Role.EDITOR);

        DeskClient rita = new DeskClient(site);
        assertThat(rita.signIn("rita@example.org", "a long enough password").statusCode()).isEqualTo(303);
        assertThat(admin.post("/desk/users/" + ritaId, "_csrf=" + admin.csrf + "&action=disable").statusCode()).isEqualTo(303);
        assertThat(rita.get("/desk").statusCode()).as("a disabled account's session ends").isEqualTo(303);
        assertThat(new DeskClient(site).signIn("rita@example.org", "a long enough password").statusCode()).isEqualTo(401);

        String adaId = accounts.find("ada@example.org").orElseThrow().id();
        HttpResponse<String> last = admin.post("/desk/users/" + adaId, "_csrf=" + admin.csrf + "&action=role&role=editor");
        assertThat(last.statusCode()).isEqualTo(409);
        assertThat(last.body()).contains("This is the last active admin account; make another admin first.");
        assertThat(accounts.find("ada@example.org").orElseThrow().role()).isEqualTo(Role.ADMIN);

        String audit = admin.get("/desk/audit").body();
        assertThat(audit).contains("<td>Ada Admin</td>\n      <td>role</td>\n      <td>rita@example.org</td>\n      <td>contributor → editor</td>",
                "<td>disable</td>", "<td>create</td>");
        assertThat(eddie.post("/desk/users/" + ritaId, "_csrf=" + eddie.csrf + "&action=enable").statusCode()).isEqualTo(403);
    }

    @Test
    void people_change_their_own_password_and_admins_set_a_forgotten_one() {
        DeskClient otherDevice = signedIn("eddie@example.org");
        HttpResponse<String> wrong = eddie.post("/desk/account", "_csrf=" + eddie.csrf + "&current=guess&password=" + DeskClient.enc("a brand new password"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Your current password is not right.");

        HttpResponse<String> changed = eddie.post("/desk/account", "_csrf=" + eddie.csrf + "&current=" + DeskClient.enc(PASSWORD)
                + "&password=" + DeskClient.enc("a brand new password"));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Your password is changed.");
        assertThat(eddie.get("/desk").statusCode()).as("this session goes on").isEqualTo(200);
        assertThat(otherDevice.get("/desk").statusCode()).as("other sessions end").isEqualTo(303);
        assertThat(new DeskClient(site).signIn("eddie@example.org", PASSWORD).statusCode()).isEqualTo(401);
        assertThat(new DeskClient(site).signIn("eddie@example.org", "a brand new password").statusCode()).isEqualTo(303);

        String eddieId = site.app.parts().accounts().find("eddie@example.org").orElseThrow().id();
        assertThat(admin.post("/desk/users/" + eddieId, "_csrf=" + admin.csrf + "&action=password&password=short").statusCode()).isEqualTo(422);
        assertThat(admin.post("/desk/users/" + eddieId, "_csrf=" + admin.csrf + "&action=password&password=" + DeskClient.enc("set by the admin 2026"))
                .statusCode()).isEqualTo(303);
        assertThat(eddie.get("/desk").statusCode()).as("an admin's reset ends every session").isEqualTo(303);
        assertThat(new DeskClient(site).signIn("eddie@example.org", "set by the admin 2026").statusCode()).isEqualTo(303);
        assertThat(admin.get("/desk/audit").body()).contains("changed by its owner", "set by an admin").doesNotContain("a brand new password");
    }

    @Test
    void admins_make_and_revoke_api_keys_and_register_webhooks_from_the_desk() {
        HttpResponse<String> made = admin.post("/desk/apikeys", "_csrf=" + admin.csrf + "&name=" + DeskClient.enc("Partner app"));
        assertThat(made.statusCode()).isEqualTo(201);
        String key = java.util.regex.Pattern.compile("<code class=\"secret\">(dl_[0-9a-f]+)</code>").matcher(made.body()).results()
                .findFirst().orElseThrow().group(1);
        assertThat(site.get("/api/v1/articles", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
        assertThat(admin.get("/desk/apikeys").body()).contains("Partner app").doesNotContain(key);

        String keyId = site.app.parts().apiKeys().list().getFirst().id();
        assertThat(admin.post("/desk/apikeys/" + keyId + "/revoke", "_csrf=" + admin.csrf).statusCode()).isEqualTo(303);
        assertThat(site.get("/api/v1/articles", "Authorization", "Bearer " + key).statusCode()).isEqualTo(401);

        HttpResponse<String> hook = admin.post("/desk/webhooks", "_csrf=" + admin.csrf + "&url=" + DeskClient.enc("https://example.org/hook")
                + "&events=published&events=corrected");
        assertThat(hook.statusCode()).isEqualTo(201);
        assertThat(hook.body()).containsPattern("<code class=\"secret\">whsec_[0-9a-f]+</code>").contains("https://example.org/hook", "corrected, published");
        String hookId = site.app.parts().webhooks().endpoints().getFirst().id();
        assertThat(admin.post("/desk/webhooks/" + hookId + "/disable", "_csrf=" + admin.csrf).statusCode()).isEqualTo(303);
        assertThat(site.app.parts().webhooks().endpoints()).isEmpty();
        HttpResponse<String> badHook = admin.post("/desk/webhooks", "_csrf=" + admin.csrf + "&url=ftp%3A%2F%2Fx&events=exploded");
        assertThat(badHook.statusCode()).isEqualTo(422);
        assertThat(badHook.body()).contains("Give the endpoint's full http(s):// address.", "Choose among corrected, published, unpublished, updated.");
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
                assertThat(db.tryJobLock(otherNode, dateline.content.ContentService.SCHEDULER_LOCK)).isTrue();
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
