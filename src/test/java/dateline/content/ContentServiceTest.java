package dateline.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dateline.TestSite;
import dateline.platform.Conflict;
import dateline.platform.TestDatabase;
import dateline.platform.ValidationFailed;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class ContentServiceTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    TestSite site;
    ContentService content;
    Section world;
    Author reporter;

    @BeforeEach
    void setUp() {
        site = TestSite.unstarted(database, tempDir);
        content = site.content;
        world = site.givenSection("World");
        reporter = site.givenAuthor("Ada Reporter");
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private long eventCount() {
        return site.app.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM content_events").mapTo(Long.class).one());
    }

    private List<String> revisionActions(String articleId) {
        return site.app.database().jdbi().withHandle(h -> h.createQuery("SELECT action FROM revisions WHERE article_id = :id ORDER BY version")
                .bind("id", articleId).mapTo(String.class).list());
    }

    @Test
    void create_stores_a_draft_with_its_first_revision_and_one_event() {
        long eventsBefore = eventCount();

        Article article = content.create(site.givenDraft("Rates held steady", world, reporter), "ada");

        assertThat(article.status()).isEqualTo(Status.DRAFT);
        assertThat(article.version()).isEqualTo(1);
        assertThat(article.slug()).isEqualTo("rates-held-steady");
        assertThat(article.authors()).extracting(Author::name).containsExactly("Ada Reporter");
        assertThat(article.tags()).extracting(Tag::name).containsExactly("Politics");
        assertThat(article.firstPublishedAt()).isNull();
        assertThat(revisionActions(article.id())).containsExactly("create");
        assertThat(eventCount()).isEqualTo(eventsBefore + 1);
    }

    @Test
    void publish_sets_the_published_time_and_no_updated_time() {
        Article draft = content.create(site.givenDraft("Rates held steady", world, reporter), "ada");
        site.clock.advance(Duration.ofMinutes(5));

        Article published = content.publish(draft.id(), draft.version(), "editor");

        assertThat(published.status()).isEqualTo(Status.PUBLISHED);
        assertThat(published.firstPublishedAt()).isEqualTo(TestSite.START.plus(Duration.ofMinutes(5)));
        assertThat(published.updatedAt()).isNull();
        assertThat(revisionActions(draft.id())).containsExactly("create", "publish");
    }

    @Test
    void an_edit_after_publication_sets_the_updated_time_but_an_edit_before_does_not() {
        Article draft = content.create(site.givenDraft("Rates held steady", world, reporter), "ada");
        Article edited = content.edit(draft.id(), draft.version(), ArticleDraft.of(draft).withStandfirst("New standfirst"), "ada");
        assertThat(edited.updatedAt()).isNull();
        Article published = content.publish(edited.id(), edited.version(), "editor");
        site.clock.advance(Duration.ofHours(2));

        Article updated = content.edit(published.id(), published.version(), ArticleDraft.of(published).withStandfirst("Newer"), "editor");

        assertThat(updated.updatedAt()).isEqualTo(published.firstPublishedAt().plus(Duration.ofHours(2)));
        assertThat(updated.firstPublishedAt()).isEqualTo(published.firstPublishedAt());
        assertThat(updated.version()).isEqualTo(4);
    }

    @Test
    void a_save_based_on_a_stale_version_is_refused_and_changes_nothing() {
        Article article = content.create(site.givenDraft("Rates held steady", world, reporter), "ada");
        content.edit(article.id(), 1, ArticleDraft.of(article).withHeadline("First editor's headline"), "one");
        long eventsBefore = eventCount();

        assertThatThrownBy(() -> content.edit(article.id(), 1, ArticleDraft.of(article).withHeadline("Second editor's headline"), "two"))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("now at version 2")
                .hasMessageContaining("based on version 1");

        Article stored = site.app.articles().findById(article.id()).orElseThrow();
        assertThat(stored.headline()).isEqualTo("First editor's headline");
        assertThat(revisionActions(article.id())).containsExactly("create", "edit");
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void validation_names_every_wrong_field_at_once_and_stores_nothing() {
        ArticleDraft bad = new ArticleDraft(" ", "", "", "", "no-such-section", List.of("nobody"), List.of("!!!"), "no-image",
                "English please", "staff", "Not A Slug");

        assertThatThrownBy(() -> content.create(bad, "ada"))
                .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors().asMap())
                        .containsOnlyKeys("headline", "sectionId", "authorIds", "tagNames", "leadImageId", "language", "slug"));
        assertThat(site.app.articles().countPublished(Listing.ALL)).isZero();
    }

    @Test
    void body_html_is_sanitized_on_every_save() {
        ArticleDraft draft = site.givenDraft("Rates held steady", world, reporter)
                .withBodyHtml("<p onclick=\"steal()\">Text<script>alert(1)</script></p><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">link</a>");

        Article article = content.create(draft, "ada");

        assertThat(article.bodyHtml()).doesNotContain("script", "onclick", "onerror", "javascript:");
        assertThat(article.bodyHtml()).contains("<p>Text</p>");
    }

    @Test
    void changing_the_slug_of_a_published_story_keeps_the_old_one_as_a_redirect() {
        Article published = site.givenPublished("Rates held steady", world, reporter);

        content.edit(published.id(), published.version(), ArticleDraft.of(published).withSlug("rates-unchanged"), "editor");

        assertThat(site.app.articles().findBySlug("rates-unchanged")).isPresent();
        assertThat(site.app.articles().redirectTarget("rates-held-steady")).contains(published.id());
        Article other = content.create(site.givenDraft("Rates held steady", world, reporter), "ada");
        assertThat(other.slug()).isEqualTo("rates-held-steady-2");
    }

    @Test
    void a_correction_is_public_and_sets_the_updated_time() {
        Article published = site.givenPublished("Rates held steady", world, reporter);
        site.clock.advance(Duration.ofMinutes(30));

        Article corrected = content.correct(published.id(), published.version(), "An earlier version gave the wrong rate.", "editor");

        assertThat(corrected.corrections()).extracting(Correction::note).containsExactly("An earlier version gave the wrong rate.");
        assertThat(corrected.updatedAt()).isEqualTo(published.firstPublishedAt().plus(Duration.ofMinutes(30)));
    }

    @Test
    void scheduled_stories_publish_when_due_including_after_downtime() {
        Article a = content.create(site.givenDraft("Morning story", world, reporter), "ada");
        Article b = content.create(site.givenDraft("Evening story", world, reporter), "ada");
        content.schedule(a.id(), a.version(), TestSite.START.plus(Duration.ofHours(1)), "editor");
        content.schedule(b.id(), b.version(), TestSite.START.plus(Duration.ofHours(10)), "editor");

        assertThat(content.publishDue("scheduler")).isZero();
        site.clock.advance(Duration.ofHours(3)); // the server was down when the first one was due
        assertThat(content.publishDue("scheduler")).isEqualTo(1);

        assertThat(site.app.articles().findById(a.id()).orElseThrow().status()).isEqualTo(Status.PUBLISHED);
        assertThat(site.app.articles().findById(b.id()).orElseThrow().status()).isEqualTo(Status.SCHEDULED);
    }

    @Test
    void scheduling_in_the_past_is_refused() {
        Article a = content.create(site.givenDraft("Morning story", world, reporter), "ada");

        assertThatThrownBy(() -> content.schedule(a.id(), a.version(), TestSite.START.minusSeconds(1), "editor"))
                .isInstanceOf(ValidationFailed.class).hasMessageContaining("scheduledAt");
    }

    @Test
    void concurrent_saves_from_the_same_version_let_exactly_one_win() throws Exception {
        Article article = content.create(site.givenDraft("Contested story", world, reporter), "ada");
        int writers = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String headline = "Headline from writer " + i;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    content.edit(article.id(), 1, ArticleDraft.of(article).withHeadline(headline), "writer");
                    return true;
                } catch (Conflict e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int wins = 0;
        for (var result : results) {
            wins += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(wins).isEqualTo(1);
        assertThat(revisionActions(article.id())).containsExactly("create", "edit");
        assertThat(site.app.articles().findById(article.id()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void events_are_appended_in_commit_order_with_the_keys_of_what_changed() {
        long before = eventCount();
        Article published = site.givenPublished("Rates held steady", world, reporter);

        var events = site.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT type, keys FROM content_events ORDER BY id").map((rs, ctx) -> rs.getString(1) + "|" + rs.getString(2)).list());

        assertThat(events).hasSize((int) before + 2);
        assertThat(events.get(events.size() - 2)).isEqualTo("article.created|article:" + published.id());
        assertThat(events.get(events.size() - 1)).startsWith("article.published|")
                .contains("home", "section:" + world.id(), "author:" + reporter.id(), "article:" + published.id());
    }

    @Test
    void instants_survive_the_database_to_the_millisecond() {
        site.clock.set(Instant.parse("2026-03-02T09:00:00.123456789Z"));

        Article article = content.create(site.givenDraft("Precise story", world, reporter), "ada");

        assertThat(site.app.articles().findById(article.id()).orElseThrow().createdAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00.123Z"));
    }

    @Test
    void scheduled_publishing_and_autosaves_of_the_same_stories_never_deadlock() throws Exception {
        for (int round = 0; round < 8; round++) {
            List<Article> due = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Article draft = content.create(site.givenDraft("Round " + round + " story " + i, world), "writer");
                due.add(content.schedule(draft.id(), draft.version(), site.clock.instant().plusSeconds(60), "editor"));
            }
            site.clock.advance(java.time.Duration.ofMinutes(2));
            var pool = java.util.concurrent.Executors.newFixedThreadPool(5);
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
            work.add(pool.submit(() -> { start.await(); return content.publishDue("scheduler"); }));
            for (Article story : due.reversed()) { // the writers take the stories in the other order
                work.add(pool.submit(() -> {
                    start.await();
                    return content.autosave(story.id(), story.version(), ArticleDraft.of(story).withStandfirst("Changed while due."), "writer");
                }));
            }
            start.countDown();
            for (var f : work) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).as("only a stale version may be refused, never a deadlock").isInstanceOf(Conflict.class);
                }
            }
            pool.shutdown();
            content.publishDue("scheduler"); // whatever an autosave won is published now
            assertThat(due).allSatisfy(a -> assertThat(site.app.articles().findById(a.id()).orElseThrow().isPublished()).isTrue());
        }
    }
}
