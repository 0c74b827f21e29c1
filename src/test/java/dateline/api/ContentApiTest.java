package dateline.api;

import dateline.demo.DemoImagesForTests;
import dateline.content.ImageUpload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Author;
import dateline.content.Section;
import dateline.platform.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The content API over real HTTP, on each database. Whole bodies are compared with checked-in
 * snapshots (ids and cursors matched by pattern; times are fixed by the test clock), and every
 * response is validated against the schema the OpenAPI document gives for it.
 * Run with -DupdateSnapshots=true to rewrite the snapshots after a deliberate change.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ContentApiTest {
    static final Path SNAPSHOTS = Path.of("src/test/resources/api/snapshots");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    TestSite site;
    String key;
    Section world;
    Author ada;
    Article first;
    Article second;
    Article third;

    @BeforeEach
    void setUp() {
        site = TestSite.start(database, tempDir);
        key = site.app.parts().apiKeys().create("Mobile app");
        world = site.givenSection("World");
        Section sport = site.givenSection("Sport");
        ada = site.givenAuthor("Ada Reporter");
        Author bo = site.givenAuthor("Bo Writer");
        var image = site.content.addImage(ImageUpload.check(DemoImagesForTests.jpeg()), "A harbour at dusk",
                "The harbour.", "Photo: Ada");
        first = publish(new ArticleDraft("Harbour reopens", "Ships are back.", "<p>The harbour reopened.</p>", "Hull", world.id(),
                List.of(ada.id()), List.of("Shipping"), image.id(), "en", "staff", null));
        site.clock.advance(Duration.ofHours(1));
        second = publish(new ArticleDraft("Cup final postponed", "Storm warning.", "<p>The final was postponed.</p>", "Cardiff", sport.id(),
                List.of(bo.id()), List.of("Football"), null, "en", "Meridian Press Agency", null));
        site.clock.advance(Duration.ofHours(1));
        third = publish(new ArticleDraft("Port strike ends", "Dock workers accept a deal.", "<p>The strike ended.</p>", "Hull", world.id(),
                List.of(ada.id(), bo.id()), List.of("Shipping", "Labour"), null, "en", "staff", null));
        site.clock.advance(Duration.ofMinutes(20));
        first = site.content.correct(first.id(), first.version(), "An earlier version misnamed the port.", "editor");
        site.content.create(site.givenDraft("An unpublished draft", world, ada), "ada");
    }

    private Article publish(ArticleDraft draft) {
        Article created = site.content.create(draft, "ada");
        return site.content.publish(created.id(), created.version(), "editor");
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private HttpResponse<String> call(String path, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + key));
        all.addAll(List.of(headers));
        return site.get(path, all.toArray(String[]::new));
    }

    /** Validates a body against a schema of the OpenAPI document, resolving its references there. */
    static void assertMatchesOpenApi(String body, String schemaName) throws Exception {
        JsonNode doc = JSON.readTree(ContentApiTest.class.getResourceAsStream("/api/openapi.json"));
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.put("$ref", "#/components/schemas/" + schemaName);
        wrapper.set("components", doc.path("components"));
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.writeValueAsString(wrapper));
        assertThat(schema.validate(body, InputFormat.JSON)).as("response against OpenAPI schema " + schemaName).isEmpty();
    }

    /** Compares a body with its snapshot, ids and cursors replaced by placeholders. */
    static void assertMatchesSnapshot(String body, String name) throws Exception {
        String normalized = JSON.writeValueAsString(JSON.readTree(body))
                .replaceAll("\"next_cursor\" : \"[^\"]+\"", "\"next_cursor\" : \"<cursor>\"")
                .replaceAll("\\b[0-9a-hjkmnp-tv-z]{16}\\b", "<id>") + "\n";
        Path file = SNAPSHOTS.resolve(name + ".json");
        if (Boolean.getBoolean("updateSnapshots") || !Files.exists(file)) {
            Files.writeString(file, normalized);
        }
        assertThat(normalized).as("snapshot " + file).isEqualTo(Files.readString(file));
    }

    @Test
    void the_article_list_is_newest_first_and_matches_its_snapshot_and_schema() throws Exception {
        HttpResponse<String> response = call("/api/v1/articles");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertMatchesOpenApi(response.body(), "ArticleList");
        assertMatchesSnapshot(response.body(), "articles-list");
    }

    @Test
    void one_article_and_its_ninjs_match_their_snapshots_and_schemas() throws Exception {
        HttpResponse<String> article = call("/api/v1/articles/" + first.id());
        HttpResponse<String> ninjs = call("/api/v1/articles/" + first.id() + "/ninjs");

        assertMatchesOpenApi(article.body(), "ArticleResponse");
        assertMatchesSnapshot(article.body(), "article");
        assertMatchesOpenApi(ninjs.body(), "Ninjs");
        assertMatchesSnapshot(ninjs.body(), "article-ninjs");
    }

    @Test
    void sections_tags_and_authors_match_their_snapshots_and_schemas() throws Exception {
        for (String[] pair : new String[][] {{"sections", "SectionList"}, {"tags", "TagList"}, {"authors", "AuthorList"}}) {
            HttpResponse<String> response = call("/api/v1/" + pair[0]);
            assertMatchesOpenApi(response.body(), pair[1]);
            assertMatchesSnapshot(response.body(), pair[0]);
        }
    }

    @Test
    void filters_and_cursor_pagination_walk_every_story_once() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(call("/api/v1/articles?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).body());
            page.path("data").forEach(a -> seen.add(a.path("id").asText()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);

        assertThat(seen).containsExactly(third.id(), second.id(), first.id());
        assertThat(ids("/api/v1/articles?section=world")).containsExactly(third.id(), first.id());
        assertThat(ids("/api/v1/articles?tag=shipping&author=bo-writer")).containsExactly(third.id());
        assertThat(ids("/api/v1/articles?updated_since=2026-03-02T10:30:00Z")).containsExactly(third.id(), first.id());
    }

    private List<String> ids(String path) throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(call(path).body()).path("data").forEach(a -> ids.add(a.path("id").asText()));
        return ids;
    }

    @Test
    void responses_carry_etags_and_answer_304_when_nothing_changed() {
        HttpResponse<String> response = call("/api/v1/articles");
        String etag = response.headers().firstValue("ETag").orElseThrow();

        assertThat(response.headers().firstValue("Cache-Control")).contains("private, max-age=30");
        assertThat(call("/api/v1/articles", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void calls_without_a_valid_key_and_bad_parameters_get_problem_documents() throws Exception {
        HttpResponse<String> anonymous = site.get("/api/v1/articles");
        HttpResponse<String> wrongKey = site.get("/api/v1/articles", "X-Api-Key", "dl_not-a-real-key");
        HttpResponse<String> tooMany = call("/api/v1/articles?limit=1000");
        HttpResponse<String> draft = call("/api/v1/articles/0000000000000000");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(anonymous.body()).path("detail").asText()).contains("needs a key");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).path("detail").asText()).isEqualTo("limit must be a whole number from 1 to 100, not '1000'.");
        assertThat(draft.statusCode()).isEqualTo(404);
        assertThat(call("/api/v1/articles?section=nowhere").statusCode()).isEqualTo(400);
        assertThat(call("/api/v1/articles?cursor=!!!").statusCode()).isEqualTo(400);
        for (HttpResponse<String> problem : List.of(anonymous, tooMany, draft)) {
            assertMatchesOpenApi(problem.body(), "Problem");
        }
    }

    @Test
    void a_revoked_key_stops_working_and_the_openapi_document_is_public() {
        String other = site.app.parts().apiKeys().create("Partner");
        String id = site.app.parts().apiKeys().list().stream().filter(k -> k.name().equals("Partner")).findFirst().orElseThrow().id();
        assertThat(site.get("/api/v1/sections", "X-Api-Key", other).statusCode()).isEqualTo(200);

        site.app.parts().apiKeys().revoke(id);

        assertThat(site.get("/api/v1/sections", "X-Api-Key", other).statusCode()).isEqualTo(401);
        HttpResponse<String> openApi = site.get("/api/openapi.json");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("\"openapi\": \"3.1.0\"", "\"url\": \"https://news.example.org\"");
    }
}
