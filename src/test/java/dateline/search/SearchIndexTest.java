package dateline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.Dateline;
import dateline.SiteTestCase;
import dateline.TestSite;
import dateline.platform.Database;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Author;
import dateline.content.Section;
import dateline.platform.Config;
import dateline.platform.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The real Lucene index, following the real event log, on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SearchIndexTest extends SiteTestCase {
    Section sport;
    Author ada;

    @BeforeEach
    void setUp() {
        sport = site.givenSection("Sport");
        ada = site.givenAuthor("Ada Reporter");
    }


    private Article publish(String headline, String body, Section section, String language) {
        ArticleDraft draft = new ArticleDraft(headline, "", "<p>" + body + "</p>", "", section.id(), List.of(ada.id()), List.of(), null, language, "staff", null);
        Article created = site.content.create(draft, "ada");
        return site.content.publish(created.id(), created.version(), "editor");
    }

    private List<String> search(String text) {
        return search(new SearchQuery(text, null, null, null, false, 1));
    }

    private List<String> search(SearchQuery query) {
        site.awaitViews();
        return site.app.parts().searcher().search(query, ZoneOffset.UTC).hits().stream().map(SearchResults.Hit::headline).toList();
    }

    @Test
    void published_stories_are_found_and_unpublished_ones_disappear() {
        Article a = publish("Parliament passes the budget", "The vote was close.", world, "en");
        site.content.create(site.givenDraft("Draft about the budget", world, ada), "ada");

        assertThat(search("budget")).containsExactly("Parliament passes the budget");

        site.content.unpublish(a.id(), a.version(), "editor");
        assertThat(search("budget")).isEmpty();
    }

    @Test
    void word_forms_and_typos_still_match() {
        publish("Voters return to the polls", "Elections were held in three regions on Sunday.", world, "en");

        assertThat(search("election")).containsExactly("Voters return to the polls");
        assertThat(search("electoins")).containsExactly("Voters return to the polls");
        assertThat(search("regoins sunday")).containsExactly("Voters return to the polls");
    }

    @Test
    void arabic_stories_are_analysed_as_arabic() {
        publish("محطة تحلية جديدة في العقبة", "بدأت المحطة ضخ المياه إلى المدينة.", world, "ar");

        assertThat(search("المحطات")).containsExactly("محطة تحلية جديدة في العقبة");
        assertThat(search("العقبة")).containsExactly("محطة تحلية جديدة في العقبة");
    }

    @Test
    void results_filter_by_section_and_date_and_sort_by_newest() {
        publish("Storm closes the harbour", "Storm warnings for the coast.", world, "en");
        site.clock.advance(java.time.Duration.ofDays(2));
        publish("Storm delays the final", "The match was postponed by the storm.", sport, "en");

        assertThat(search(new SearchQuery("storm", sport.id(), null, null, false, 1))).containsExactly("Storm delays the final");
        assertThat(search(new SearchQuery("storm", null, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2), false, 1)))
                .containsExactly("Storm closes the harbour");
        assertThat(search(new SearchQuery("storm", null, null, null, true, 1))).containsExactly("Storm delays the final", "Storm closes the harbour");
    }

    @Test
    void snippets_mark_the_matched_words_and_escape_the_rest() {
        publish("Budget <b>vote</b>", "Ministers & MPs debated the budget until midnight.", world, "en");
        site.awaitViews();

        SearchResults results = site.app.parts().searcher().search(new SearchQuery("budget", null, null, null, false, 1), ZoneOffset.UTC);

        assertThat(results.hits()).hasSize(1);
        assertThat(results.hits().get(0).snippetHtml()).contains("<mark>budget</mark>").contains("&amp;").doesNotContain("<b>");
    }

    @Test
    void the_index_catches_up_after_a_restart_and_rebuild_recreates_it() {
        publish("Before the restart", "Indexed while running.", world, "en");
        site.awaitViews();
        Config config = site.config();
        site.close();

        // Content changes while the site is down: the index must catch up on start from its cursor.
        try (Dateline offline = Dateline.create(config, site.clock)) {
            Article b = offline.content().create(new ArticleDraft("While it was down", "", "<p>Written offline.</p>", "", world.id(),
                    List.of(), List.of(), null, "en", "staff", null), "ada");
            offline.content().publish(b.id(), b.version(), "editor");
        }
        site = TestSite.restart(config, site.clock);

        assertThat(search("restart")).containsExactly("Before the restart");
        assertThat(search("offline")).containsExactly("While it was down");

        site.app.rebuild();
        assertThat(site.app.parts().search().size()).isEqualTo(2);
        assertThat(search("offline")).containsExactly("While it was down");
    }

    private static List<String> searchOn(TestSite other, String text) {
        other.awaitViews();
        return other.app.parts().searcher().search(new SearchQuery(text, null, null, null, false, 1), ZoneOffset.UTC).hits().stream()
                .map(SearchResults.Hit::headline).toList();
    }

    @Test
    void an_index_kept_while_the_database_is_replaced_follows_the_new_database() {
        publish("Alpha story from the first database", "Alpha.", world, "en");
        site.awaitViews();
        site.close();

        var config = database.config(tempDir); // the same data folder (and index), a new database
        try (TestSite replaced = TestSite.restart(config, site.clock)) {
            var section = replaced.givenSection("News");
            for (int i = 0; i < 6; i++) { // more events than the first database had
                replaced.givenPublished("Beta story number " + i, section);
            }

            assertThat(searchOn(replaced, "alpha")).isEmpty();
            assertThat(searchOn(replaced, "beta")).hasSize(6);
        }
        site = TestSite.start(database, tempDir.resolve("again")); // for the class's own tear-down
    }

    @Test
    void an_index_ahead_of_a_log_that_lost_its_last_transactions_is_rebuilt() {
        publish("Kept story", "Kept.", world, "en");
        site.awaitViews();
        long kept = site.app.parts().events().head();
        Article lost = publish("Lost story", "Lost.", world, "en");
        site.awaitViews();
        var config = site.config();
        site.close();
        try (Database db = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword())) { // as if the last commits never reached disk
            db.jdbi().useHandle(h -> {
                h.createUpdate("DELETE FROM content_events WHERE id > :kept").bind("kept", kept).execute();
                h.createUpdate("UPDATE articles SET status = 'draft' WHERE id = :id").bind("id", lost.id()).execute();
            });
        }

        try (TestSite restarted = TestSite.restart(config, site.clock)) {
            assertThat(searchOn(restarted, "story")).containsExactly("Kept story");
        }
        site = TestSite.start(database, tempDir.resolve("again"));
    }
}
