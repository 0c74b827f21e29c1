package dateline.trending;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.TestSite;
import dateline.content.Article;
import dateline.content.Author;
import dateline.content.Section;
import dateline.platform.Ids;
import dateline.platform.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class ViewCounterTest {
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    TestSite site;
    ViewCounter counter;
    Article story;
    Article other;

    @BeforeEach
    void setUp() {
        site = TestSite.unstarted(database, tempDir);
        counter = site.app.parts().views();
        Section world = site.givenSection("World");
        Author ada = site.givenAuthor("Ada Reporter");
        story = site.givenPublished("A story", world, ada);
        other = site.givenPublished("Another story", world, ada);
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private long storedViews(String articleId) {
        return site.app.database().jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(SUM(views), 0) FROM view_buckets WHERE article_id = :id")
                .bind("id", articleId).mapTo(Long.class).one());
    }

    @Test
    void a_million_fake_visitors_from_many_addresses_leave_the_counter_memory_bounded() {
        for (int i = 0; i < 1_000_000; i++) {
            String address = "10." + (i >>> 16 & 255) + "." + (i >>> 8 & 255) + "." + (i & 255);
            counter.record(i % 2 == 0 ? story.id() : "%016d".formatted(i), address, BROWSER + " v" + i);
        }

        assertThat(counter.rememberedIds()).as("ids remembered").isLessThanOrEqualTo(200_000);
        assertThat(SeenVisitors.bytes()).isEqualTo(4L * 1024 * 1024);
        counter.flush();
        assertThat(storedViews(story.id())).as("half a million distinct visitors, a few lost to the filter").isBetween(495_000L, 500_000L);
    }

    @Test
    void one_address_rotating_user_agents_counts_at_most_its_limit_a_minute() {
        for (int i = 0; i < 10_000; i++) {
            counter.record(story.id(), "198.51.100.9", BROWSER + " rotation " + i);
        }
        site.clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            counter.record(story.id(), "198.51.100.9", BROWSER + " next minute " + i);
        }

        counter.flush();
        assertThat(storedViews(story.id())).isEqualTo(ViewCounter.PER_ADDRESS_PER_MINUTE + 10);
    }

    @Test
    void ids_that_are_not_published_stories_are_not_counted_at_record_time() {
        Article draft = site.content.create(site.givenDraft("A draft", site.givenSection("Drafts")), "test");

        assertThat(counter.record(draft.id(), "203.0.113.7", BROWSER)).isFalse();
        assertThat(counter.record(Ids.newId(), "203.0.113.7", BROWSER)).isFalse();
        assertThat(counter.pendingViews()).isZero();
        for (int i = 0; i < 10_000; i++) { // a flood of unknown ids: at most a few look-ups a second reach SQL
            assertThat(counter.record(Ids.newId(), "203.0.113." + (i % 200), BROWSER)).isFalse();
        }
        assertThat(counter.pendingViews()).isZero();
    }

    @Test
    void a_visitor_counts_once_per_story_per_day() {
        assertThat(counter.record(story.id(), "203.0.113.7", BROWSER)).isTrue();
        assertThat(counter.record(story.id(), "203.0.113.7", BROWSER)).isFalse();
        assertThat(counter.record(other.id(), "203.0.113.7", BROWSER)).isTrue();
        assertThat(counter.record(story.id(), "203.0.113.8", BROWSER)).isTrue();

        site.clock.advance(Duration.ofDays(1)); // a new day, a new salt: the same visitor counts again
        assertThat(counter.record(story.id(), "203.0.113.7", BROWSER)).isTrue();

        counter.flush();
        assertThat(storedViews(story.id())).isEqualTo(3);
        assertThat(storedViews(other.id())).isEqualTo(1);
    }

    @Test
    void bots_empty_agents_and_malformed_ids_are_not_counted() {
        assertThat(counter.record(story.id(), "203.0.113.7", "Googlebot/2.1 (+http://www.google.com/bot.html)")).isFalse();
        assertThat(counter.record(story.id(), "203.0.113.7", "curl/8.5.0")).isFalse();
        assertThat(counter.record(story.id(), "203.0.113.7", "")).isFalse();
        assertThat(counter.record("'; DROP TABLE articles; --", "203.0.113.7", BROWSER)).isFalse();

        counter.flush();
        assertThat(storedViews(story.id())).isZero();
    }

    @Test
    void views_of_a_story_unpublished_before_the_flush_are_dropped() {
        assertThat(counter.record(story.id(), "203.0.113.7", BROWSER)).isTrue();
        site.content.unpublish(story.id(), story.version(), "test");

        counter.flush();

        long rows = site.app.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM view_buckets").mapTo(Long.class).one());
        assertThat(rows).isZero();
    }

    @Test
    void no_accepted_view_is_lost_under_concurrency_with_flushes_in_between() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                int accepted = 0;
                for (int i = 0; i < perThread; i++) {
                    if (counter.record(story.id(), "198.51." + thread + "." + i, BROWSER)) {
                        accepted++;
                    }
                    if (i % 500 == 0) {
                        counter.flush();
                    }
                }
                return accepted;
            }));
        }
        int accepted = 0;
        for (Future<Integer> result : results) {
            accepted += result.get();
        }
        pool.shutdown();
        counter.flush();

        assertThat(accepted).isEqualTo(threads * perThread);
        assertThat(storedViews(story.id())).isEqualTo(accepted);
    }

    @Test
    void closing_the_site_flushes_the_counts_still_in_memory() {
        counter.record(story.id(), "203.0.113.7", BROWSER);
        counter.record(story.id(), "203.0.113.9", BROWSER);
        var config = site.config();

        site.close();
        site = TestSite.restart(config, site.clock);

        assertThat(storedViews(story.id())).isEqualTo(2);
    }
}
