package dateline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dateline.SiteTestCase;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Status;
import dateline.ingest.WireQueue.Document;
import dateline.ingest.WireQueue.Outcome;
import dateline.ingest.WireQueue.Stored;
import dateline.ingest.WireSources.Source;
import dateline.platform.Conflict;
import dateline.platform.TestDatabase;
import dateline.platform.ValidationFailed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The wire queue on each database: versions, duplicates, kills, embargoes, and the stories made from items. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WireQueueTest extends SiteTestCase {
    private Wire wire;
    private Source agency;
    private Source automatic;

    @BeforeEach
    void sources() {
        wire = site.app.parts().wire();
        agency = wire.sources().add(new WireSources.NewSource("agency", "push", null, null, null, null, "ninjs", "Agence Test", "world", false));
        automatic = wire.sources().add(new WireSources.NewSource("auto", "push", null, null, null, null, "auto", "Auto Press", "world", true));
    }

    static byte[] ninjs(String uri, int version, String headline, String body, String extra) {
        return ("""
                {"uri": "%s", "version": "%d", "type": "text", "language": "en", "versioncreated": "2026-03-02T08:%02d:00Z",
                 "headlines": [{"role": "main", "value": "%s"}],
                 "subjects": [{"name": "Elections", "uri": "http://cv.iptc.org/newscodes/mediatopic/20000065"}],
                 "bodies": [{"contenttype": "text/html", "value": "%s"}]%s}
                """.formatted(uri, version, version, headline, body, extra)).getBytes(StandardCharsets.UTF_8);
    }

    private Stored receive(Source source, byte[] document) throws WireFormat.Refused {
        List<Stored> stored = wire.queue().receive(source, new Document("test", document));
        assertThat(stored).hasSize(1);
        return stored.get(0);
    }

    @Test
    void the_same_version_changes_nothing_a_higher_one_replaces_and_a_late_one_is_ignored_and_counted() throws Exception {
        Stored first = receive(agency, ninjs("urn:a:1", 1, "Vote counted", "<p>First count.</p>", ""));
        assertThat(first.outcome()).isEqualTo(Outcome.NEW);
        assertThat(receive(agency, ninjs("urn:a:1", 1, "Vote counted", "<p>First count.</p>", "")).outcome()).isEqualTo(Outcome.UNCHANGED);
        Stored second = receive(agency, ninjs("urn:a:1", 3, "Vote counted again", "<p>Second count.</p>", ""));
        assertThat(second.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(receive(agency, ninjs("urn:a:1", 2, "An older version", "<p>Late.</p>", "")).outcome()).isEqualTo(Outcome.IGNORED);

        var item = wire.queue().find(first.id()).orElseThrow();
        assertThat(item.version()).isEqualTo(3);
        assertThat(item.item().headline()).isEqualTo("Vote counted again");
        assertThat(item.ignored()).isEqualTo(1);
        assertThat(wire.queue().versions(first.id())).extracting(WireQueue.Version::version).containsExactly(1, 3);
        // the same guid from another source is another item
        assertThat(receive(automatic, ninjs("urn:a:1", 1, "Vote counted", "<p>First count.</p>", "")).id()).isNotEqualTo(first.id());
    }

    @Test
    void formats_without_versions_are_versioned_by_content() throws Exception {
        Source feed = wire.sources().add(new WireSources.NewSource("partner", "push", null, null, null, null, "rss", "Partner", null, false));
        String rss = """
                <?xml version="1.0"?><rss version="2.0"><channel><title>P</title><link>http://p.example/</link><description>d</description>
                <item><title>%s</title><link>http://p.example/1</link><guid>p-1</guid><description>%s</description></item></channel></rss>""";
        Stored one = wire.queue().receive(feed, new Document("f", rss.formatted("Launch", "It launched.").getBytes(StandardCharsets.UTF_8))).get(0);
        Stored same = wire.queue().receive(feed, new Document("f", rss.formatted("Launch", "It launched.").getBytes(StandardCharsets.UTF_8))).get(0);
        Stored changed = wire.queue().receive(feed, new Document("f", rss.formatted("Launch delayed", "It did not launch.").getBytes(StandardCharsets.UTF_8))).get(0);
        assertThat(List.of(one.outcome(), same.outcome(), changed.outcome())).containsExactly(Outcome.NEW, Outcome.UNCHANGED, Outcome.UPDATED);
        assertThat(changed.version()).isEqualTo(2);
    }

    @Test
    void using_an_item_makes_a_draft_linked_to_it_and_a_later_version_flags_the_story() throws Exception {
        Stored stored = receive(agency, ninjs("urn:a:2", 1, "Polls close", "<p>Polls closed at eight.</p><p>Counting began.</p>", ""));
        Article story = wire.stories().use(stored.id(), false, "eddie@example.com");

        assertThat(story.status()).isEqualTo(Status.DRAFT);
        assertThat(story.headline()).isEqualTo("Polls close");
        assertThat(story.standfirst()).isEqualTo("Polls closed at eight.");
        assertThat(story.bodyHtml()).isEqualTo("<p>Counting began.</p>"); // the first paragraph became the standfirst, not repeated
        assertThat(story.source()).isEqualTo("Agence Test");
        assertThat(story.section().id()).isEqualTo(world.id());
        assertThat(story.tags()).extracting(t -> t.name()).contains("Elections");
        assertThat(wire.stories().made(stored.id())).extracting(WireStories.Made::articleId).containsExactly(story.id());
        assertThat(wire.stories().flag(story.id()).orElseThrow().newerVersion()).isFalse();

        receive(agency, ninjs("urn:a:2", 2, "Polls close, turnout high", "<p>Polls closed.</p>", ""));
        WireStories.Flag flag = wire.stories().flag(story.id()).orElseThrow();
        assertThat(flag.newerVersion()).isTrue();
        assertThat(flag.itemVersion()).isEqualTo(2);
        assertThat(site.app.articles().findById(story.id()).orElseThrow().headline()).isEqualTo("Polls close"); // a draft is not overwritten
    }

    @Test
    void an_automatic_source_publishes_follows_versions_until_someone_edits_and_a_kill_takes_the_story_down() throws Exception {
        Stored stored = receive(automatic, ninjs("urn:b:1", 1, "Storm reaches coast", "<p>Winds rose.</p>", ""));
        Article story = site.app.articles().findById(wire.stories().made(stored.id()).get(0).articleId()).orElseThrow();
        assertThat(story.status()).isEqualTo(Status.PUBLISHED);
        assertThat(story.source()).isEqualTo("Auto Press");

        receive(automatic, ninjs("urn:b:1", 2, "Storm makes landfall", "<p>Winds rose further.</p>", ""));
        Article followed = site.app.articles().findById(story.id()).orElseThrow();
        assertThat(followed.headline()).isEqualTo("Storm makes landfall");
        assertThat(followed.isPublished()).isTrue();
        assertThat(followed.slug()).isEqualTo(story.slug()); // the address stays

        Article edited = site.content.edit(story.id(), followed.version(), ArticleDraft.of(followed).withHeadline("Storm makes landfall, editors say"), "erin@example.com");
        receive(automatic, ninjs("urn:b:1", 3, "Storm weakens", "<p>Winds fell.</p>", ""));
        Article kept = site.app.articles().findById(story.id()).orElseThrow();
        assertThat(kept.headline()).isEqualTo("Storm makes landfall, editors say");
        assertThat(kept.version()).isEqualTo(edited.version());
        assertThat(wire.stories().flag(story.id()).orElseThrow().newerVersion()).isTrue();

        receive(automatic, ninjs("urn:b:1", 4, "Storm weakens", "<p>Winds fell.</p>", ", \"pubstatus\": \"canceled\""));
        Article killed = site.app.articles().findById(story.id()).orElseThrow();
        assertThat(killed.status()).isEqualTo(Status.UNPUBLISHED);
        assertThat(wire.stories().flag(story.id()).orElseThrow().status()).isEqualTo(WireItem.PubStatus.CANCELED);
    }

    @Test
    void withheld_and_killed_items_cannot_be_used_and_flag_the_stories_made_from_them() throws Exception {
        Stored stored = receive(agency, ninjs("urn:c:1", 1, "Minister resigns", "<p>He resigned.</p>", ""));
        Article story = wire.stories().use(stored.id(), false, "eddie@example.com");
        receive(agency, ninjs("urn:c:1", 2, "Minister resigns", "<p>He resigned.</p>", ", \"pubstatus\": \"withheld\""));
        assertThat(wire.stories().flag(story.id()).orElseThrow().status()).isEqualTo(WireItem.PubStatus.WITHHELD);
        assertThatThrownBy(() -> wire.stories().use(stored.id(), false, "eddie@example.com")).isInstanceOf(Conflict.class).hasMessageContaining("withheld");
        assertThat(site.app.articles().findById(story.id()).orElseThrow().status()).isEqualTo(Status.DRAFT); // not automatic: only flagged
    }

    @Test
    void an_embargoed_item_cannot_be_published_before_its_time_but_can_be_scheduled_for_it() throws Exception {
        Instant embargo = site.clock.instant().plus(Duration.ofHours(2));
        Stored stored = receive(agency, ninjs("urn:d:1", 1, "Results at noon", "<p>Embargoed.</p>", ", \"embargoed\": \"" + embargo + "\""));

        assertThatThrownBy(() -> wire.stories().use(stored.id(), true, "erin@example.com")).isInstanceOf(ValidationFailed.class)
                .hasMessageContaining("under embargo until " + embargo);
        assertThat(wire.stories().made(stored.id())).isEmpty(); // nothing was made

        Article draft = wire.stories().use(stored.id(), false, "erin@example.com");
        assertThatThrownBy(() -> site.content.publish(draft.id(), draft.version(), "erin@example.com")).isInstanceOf(ValidationFailed.class)
                .hasMessageContaining("under embargo");
        assertThatThrownBy(() -> site.content.schedule(draft.id(), draft.version(), embargo.minusSeconds(60), "erin@example.com"))
                .isInstanceOf(ValidationFailed.class);
        Article scheduled = site.content.schedule(draft.id(), draft.version(), embargo, "erin@example.com");
        assertThat(scheduled.status()).isEqualTo(Status.SCHEDULED);

        Stored auto = receive(automatic, ninjs("urn:d:2", 1, "Results at noon", "<p>Embargoed.</p>", ", \"embargoed\": \"" + embargo + "\""));
        Article held = site.app.articles().findById(wire.stories().made(auto.id()).get(0).articleId()).orElseThrow();
        assertThat(held.status()).isEqualTo(Status.SCHEDULED);
        assertThat(held.scheduledAt()).isEqualTo(embargo);
        site.clock.advance(Duration.ofHours(3));
        site.content.publishDue("scheduler");
        assertThat(site.app.articles().findById(held.id()).orElseThrow().isPublished()).isTrue();
    }

    @Test
    void hostile_and_malformed_documents_are_refused_with_a_reason_and_nothing_partial_is_stored() {
        Source any = wire.sources().add(new WireSources.NewSource("any", "push", null, null, null, null, "auto", "Any", null, false));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE n [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><newsItem guid=\"x\">&x;</newsItem>";
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><newsItem guid=\"l\">&d;</newsItem>";
        String notWellFormed = "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"n\"><contentMeta><headline>Open</contentMeta></newsItem>";
        String halfGood = "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><itemSet><newsItem guid=\"good\" version=\"1\"><contentMeta>"
                + "<headline>Good</headline></contentMeta></newsItem><newsItem version=\"1\"><contentMeta><headline>No guid</headline></contentMeta>"
                + "</newsItem></itemSet></newsMessage>";
        byte[] deep = ("{\"uri\":\"d\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}").getBytes(StandardCharsets.UTF_8);
        byte[] nonsense = new byte[50 * 1024 * 1024];
        new java.util.Random(7).nextBytes(nonsense);
        byte[] latin1Json = "{\"uri\": \"l\", \"headline\": \"M\u00fcller\"}".getBytes(StandardCharsets.ISO_8859_1);

        record Case(String name, byte[] bytes, String reason) {}
        List<Case> cases = List.of(
                new Case("xxe", xxe.getBytes(StandardCharsets.UTF_8), "DOCTYPE"),
                new Case("laughs", laughs.getBytes(StandardCharsets.UTF_8), "DOCTYPE"),
                new Case("open", notWellFormed.getBytes(StandardCharsets.UTF_8), "not well-formed XML at line 1"),
                new Case("half", halfGood.getBytes(StandardCharsets.UTF_8), "has no guid"),
                new Case("deep", deep, "nested deeper"),
                new Case("nonsense", nonsense, "over the 5 MB limit"),
                new Case("latin1", latin1Json, "not valid JSON"));
        for (Case c : cases) {
            assertThatThrownBy(() -> wire.queue().receive(any, new Document(c.name(), c.bytes()))).as(c.name())
                    .isInstanceOf(WireFormat.Refused.class).hasMessageContaining(c.reason());
        }
        assertThat(wire.queue().find(any.id(), "good")).as("nothing of a half-good message").isEmpty();
        assertThat(wire.queue().list(new WireQueue.Filter(any.id(), null, null, null, null, null, null), null, 10).items()).isEmpty();
        assertThat(wire.sources().refusals(any.id())).extracting(WireSources.Refusal::name)
                .containsExactly("latin1", "nonsense", "deep", "half", "open", "laughs", "xxe");
        assertThat(wire.sources().byId(any.id()).orElseThrow().refused()).isEqualTo(cases.size());
    }

    @Test
    void the_queue_filters_by_source_urgency_subject_language_and_words_and_pages_newest_first() throws Exception {
        receive(agency, ninjs("urn:e:1", 1, "Budget passes", "<p>The budget passed.</p>", ", \"urgency\": 2"));
        site.clock.advance(Duration.ofSeconds(1));
        receive(agency, ninjs("urn:e:2", 1, "Bourse en hausse", "<p>La bourse monte.</p>", ", \"urgency\": 5, \"language\": \"fr\""));
        site.clock.advance(Duration.ofSeconds(1));
        receive(automatic, ninjs("urn:e:3", 1, "Budget reaction", "<p>Reactions to the budget.</p>", ", \"urgency\": 4"));

        var all = wire.queue().list(WireQueue.Filter.none(), null, 2);
        assertThat(all.items()).extracting(i -> i.item().headline()).containsExactly("Budget reaction", "Bourse en hausse");
        assertThat(wire.queue().list(WireQueue.Filter.none(), all.next(), 2).items()).extracting(i -> i.item().headline()).containsExactly("Budget passes");
        assertThat(headlines(new WireQueue.Filter(agency.id(), null, null, null, null, null, null))).containsExactly("Bourse en hausse", "Budget passes");
        assertThat(headlines(new WireQueue.Filter(null, null, 4, null, null, null, null))).containsExactly("Budget reaction", "Budget passes");
        assertThat(headlines(new WireQueue.Filter(null, null, null, null, "fr", null, null))).containsExactly("Bourse en hausse");
        assertThat(headlines(new WireQueue.Filter(null, null, null, null, null, null, "budget reactions"))).containsExactly("Budget reaction");
        assertThat(headlines(new WireQueue.Filter(null, null, null, "elections", null, null, null))).hasSize(3);
        assertThat(headlines(new WireQueue.Filter(null, "Auto Press", null, null, null, null, null))).containsExactly("Budget reaction");
        assertThat(wire.queue().countSince(site.clock.instant().minusMillis(500))).isEqualTo(1);
    }

    private List<String> headlines(WireQueue.Filter filter) {
        return wire.queue().list(filter, null, 10).items().stream().map(i -> i.item().headline()).toList();
    }
}
