package dateline.site;

import dateline.desk.Role;
import dateline.content.Listing;
import dateline.content.Status;
import dateline.trending.TrendingList;
import dateline.content.ArticleDraft;
import static org.assertj.core.api.Assertions.assertThat;

import dateline.Dateline;
import dateline.platform.Config;
import dateline.platform.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every page type of the demo site, as served, passes the Nu Html Checker with no errors. */
class HtmlValidityTest {
    @TempDir
    static Path tempDir;
    static Dateline app;
    static final HttpClient http = HttpClient.newHttpClient();
    static NuHtmlChecker checker;

    @BeforeAll
    static void startDemoSite() {
        Config config = Config.fromEnv(Map.of("DATELINE_PORT", "0", "DATELINE_DATA", tempDir.toString(), "DATELINE_DEMO", "true"));
        app = Dateline.create(config, new MutableClock(Instant.parse("2026-03-02T09:00:00Z"))).start();
        app.parts().views().record(app.articles().published(Listing.ALL, 1, 0).get(0).id(), "192.0.2.1", "Mozilla/5.0");
        app.parts().trendingJob().run(); // so Top Content and Most read have something to show
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** Follows the first link on the front page that matches, so the test uses the demo's real addresses. */
    static String firstLink(String pattern) throws Exception {
        Matcher m = Pattern.compile("href=\"(" + pattern + ")\"").matcher(get("/"));
        assertThat(m.find()).as("a link matching " + pattern + " on the front page").isTrue();
        return m.group(1);
    }

    @Test
    void the_demo_starts_with_a_day_of_reading_and_something_in_every_list_of_the_desk() {
        var trending = app.parts().trending();
        assertThat(trending.trending()).as("Top Content").hasSize(TrendingList.TOP);
        var day = trending.mostRead(TrendingList.Period.DAY);
        assertThat(day).as("Most read in 24 hours").hasSize(10);
        assertThat(trending.mostRead(TrendingList.Period.HOUR)).as("Most read in the last hour").isNotEmpty();
        long views = app.parts().db().jdbi().withHandle(h -> h.createQuery("SELECT SUM(views) FROM view_buckets").mapTo(Long.class).one());
        assertThat(views).as("a day of reading, counted through the view counter").isBetween(5000L, 7000L);
        assertThat(day.get(0).views()).as("a few stories lead").isGreaterThan(day.get(9).views() * 3);
        for (var status : List.of(Status.DRAFT, Status.REVIEW, Status.SCHEDULED)) {
            assertThat(app.articles().countByStatus(status, null, null)).as(status.dbValue()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"home", "section", "tag", "author", "article", "rtl-article", "corrected-article", "not-found", "second-page", "read-mode", "search", "search-nothing", "most-read", "most-read-week", "desk-login"})
    void page_passes_the_nu_html_checker(String pageType) throws Exception {
        String path = switch (pageType) {
            case "home" -> "/";
            case "section" -> "/world";
            case "tag" -> "/tag/water";
            case "author" -> "/author/amara-okafor";
            case "article" -> firstLink("/\\d{4}/\\d{2}/\\d{2}/late-header[^\"]*");
            case "rtl-article" -> firstLink("/\\d{4}/\\d{2}/\\d{2}/solar-desalination[^\"]*");
            case "corrected-article" -> firstLink("/\\d{4}/\\d{2}/\\d{2}/river-basin[^\"]*");
            case "not-found" -> "/no/such/page/here";
            case "second-page" -> "/?page=1";
            case "read-mode" -> firstLink("/\\d{4}/\\d{2}/\\d{2}/river-basin[^\"]*") + "/read";
            case "search" -> "/search?q=water&section=world&sort=newest";
            case "search-nothing" -> "/search?q=zzzzqqq";
            case "most-read" -> "/most-read";
            case "most-read-week" -> "/most-read/7d";
            case "desk-login" -> "/desk/login";
            default -> throw new IllegalArgumentException(pageType);
        };
        String html = get(path);

        List<String> errors = validate(html);

        assertThat(errors).as("Nu Html Checker errors on " + path).isEmpty();
        if (pageType.equals("corrected-article")) {
            assertThat(html).contains("Updated <time", "Corrections");
        }
        if (pageType.equals("rtl-article")) {
            assertThat(html).contains("lang=\"ar\" dir=\"rtl\"");
        }
    }

    /** Signs in to the desk as a new admin and returns the session cookie. */
    static String deskSession() throws Exception {
        return deskSession("checker@example.org", Role.ADMIN);
    }

    /** Signs in to the desk as a new account with this role and returns the session cookie. */
    static String deskSession(String email, Role role) throws Exception {
        app.parts().accounts().create(email, "Checker", role, "a long enough password", "test");
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/desk/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = form.body().replaceFirst("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/desk/login"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8)
                        + "&password=a+long+enough+password")).build(),
                HttpResponse.BodyHandlers.ofString());
        return signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("dateline_session=")).findFirst().orElseThrow().split(";")[0];
    }

    @Test
    void desk_pages_pass_the_nu_html_checker() throws Exception {
        String session = deskSession();
        String storyId = app.articles().published(Listing.ALL, 1, 0).get(0).id();
        app.parts().content().setFrontPage(app.articles().frontPageIds(), List.of(storyId));
        app.parts().content().setBreaking("A strip over every page", storyId);
        assertThat(app.awaitDerivedViews(java.time.Duration.ofSeconds(10))).isTrue();
        for (String path : List.of("/", "/desk/front", "/desk/front?q=the", "/desk", "/desk/stories/new", "/desk/stories/" + storyId, "/desk/stories/" + storyId + "/revisions",
                "/desk/users", "/desk/apikeys", "/desk/webhooks", "/desk/audit", "/desk/settings", "/desk/account", "/desk/images",
                "/desk/images?q=" + java.net.URLEncoder.encode("no such words", java.nio.charset.StandardCharsets.UTF_8),
                "/desk/images/" + app.parts().images().all().getFirst().id(), "/desk/stories/" + storyId + "?images=a", "/desk?list=published")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                    .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            if (path.equals("/")) {
                assertThat(response.body()).contains("A strip over every page");
            }
            assertThat(validate(response.body())).as("Nu Html Checker errors on " + path).isEmpty();
        }
    }

    @Test
    void a_writers_story_in_review_passes_the_nu_html_checker() throws Exception {
        String session = deskSession("writer@example.org", Role.CONTRIBUTOR);
        String sectionId = app.articles().published(Listing.ALL, 1, 0).get(0).section().id();
        var story = app.parts().content().create(new ArticleDraft("A writer's story", "Its standfirst.", "<p>Its body.</p>", "",
                sectionId, List.of(), List.of(), null, "en", "staff", null, List.of()), "writer@example.org");
        app.parts().content().submitForReview(story.id(), story.version(), "writer@example.org");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/desk/stories/" + story.id()))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("Withdraw from review", "Its body.");
        assertThat(validate(response.body())).isEmpty();
    }

    @Test
    void the_checker_does_report_errors_in_an_invalid_document() throws Exception {
        List<String> errors = validate("<!DOCTYPE html><html lang=en><head></head><body><img src=x></body></html>");

        assertThat(errors).anyMatch(e -> e.contains("title")).anyMatch(e -> e.contains("alt"));
    }

    static List<String> validate(String html) throws Exception {
        if (checker == null) {
            checker = new NuHtmlChecker();
        }
        return checker.errors(html);
    }
}
