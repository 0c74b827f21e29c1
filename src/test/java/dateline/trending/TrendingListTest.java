package dateline.trending;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.TestSite;
import dateline.content.Article;
import dateline.content.Author;
import dateline.content.Section;
import dateline.platform.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class TrendingListTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    TestSite site;
    ViewCounter counter;
    TrendingList trending;
    Article old;
    Article fresh;
    Article unpublished;

    @BeforeEach
    void setUp() {
        site = TestSite.unstarted(database, tempDir);
        counter = site.app.parts().views();
        trending = site.app.parts().trending();
        Section world = site.givenSection("World");
        Author ada = site.givenAuthor("Ada Reporter");
        old = site.givenPublished("Yesterday's big story", world, ada);
        fresh = site.givenPublished("This hour's story", world, ada);
        unpublished = site.givenPublished("Withdrawn story", world, ada);
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private int visitors;

    /** Views from new visitors each time. */
    private void views(Article article, int count) {
        for (int i = 0; i < count; i++) {
            visitors++;
            counter.record(article.id(), "192.0." + (visitors / 250) + "." + (visitors % 250), ViewCounterTest.BROWSER);
        }
        counter.flush();
    }

    @Test
    void recent_views_outweigh_more_but_older_views() {
        views(old, 100);
        site.clock.advance(Duration.ofHours(20));
        views(fresh, 40);

        assertThat(trending.recompute()).isTrue();

        assertThat(trending.trending()).extracting(Article::id).containsExactly(fresh.id(), old.id());
        assertThat(trending.mostRead(TrendingList.Period.DAY)).extracting(r -> r.article().id()).containsExactly(old.id(), fresh.id());
        assertThat(trending.mostRead(TrendingList.Period.HOUR)).extracting(TrendingList.Ranked::views).containsExactly(40L);
    }

    @Test
    void views_older_than_the_window_stop_counting_and_unpublished_stories_are_left_out() {
        views(old, 100);
        views(unpublished, 500);
        site.content.unpublish(unpublished.id(), unpublished.version(), "editor");
        site.clock.advance(Duration.ofHours(25));
        views(fresh, 1);

        trending.recompute();

        assertThat(trending.trending()).extracting(Article::id).containsExactly(fresh.id());
        assertThat(trending.mostRead(TrendingList.Period.WEEK)).extracting(r -> r.article().id()).containsExactly(old.id(), fresh.id());
    }

    @Test
    void recompute_says_whether_what_pages_show_changed() {
        views(old, 3);
        assertThat(trending.recompute()).isTrue();
        assertThat(trending.recompute()).isFalse();
        views(old, 1);
        assertThat(trending.recompute()).isTrue(); // the Most read page shows the count
    }
}
