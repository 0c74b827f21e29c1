package dateline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dateline.Receiver;
import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Section;
import dateline.platform.TestDatabase;
import dateline.platform.ValidationFailed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Webhook deliveries to a real local receiver that fails at first, on each database; jobs run by hand. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WebhooksTest {
    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    @Test
    void a_failing_receiver_is_retried_with_backoff_until_it_recovers_and_gets_each_event_once_signed() {
        try (Receiver receiver = new Receiver(2); TestSite site = TestSite.unstarted(database, tempDir)) {
            Webhooks hooks = site.app.parts().webhooks();
            String secret = hooks.register(receiver.url("/hook"), Set.of("published", "corrected"));
            Section world = site.givenSection("World");
            Article story = site.givenPublished("Rates held steady", world, site.givenAuthor("Ada Reporter"));

            hooks.run();                                   // attempt 1: 500
            site.clock.advance(Duration.ofSeconds(10));
            hooks.run();                                   // not due yet: backoff is 30 s
            assertThat(receiver.requests()).hasSize(1);
            site.clock.advance(Duration.ofSeconds(25));
            hooks.run();                                   // attempt 2: 500, next in 60 s
            site.clock.advance(Duration.ofSeconds(61));
            hooks.run();                                   // attempt 3: delivered
            site.clock.advance(Duration.ofHours(1));
            hooks.run();                                   // nothing more

            assertThat(receiver.requests()).hasSize(3);
            Receiver.Request last = receiver.requests().get(2);
            assertThat(last.header("X-Dateline-Event")).isEqualTo("published");
            assertThat(last.body()).contains("\"event\":\"published\"", "\"id\":\"" + story.id() + "\"", "\"headline\":\"Rates held steady\"");
            long timestamp = Long.parseLong(last.header("X-Dateline-Timestamp"));
            assertThat(last.header("X-Dateline-Signature")).isEqualTo("sha256=" + Webhooks.sign(secret, timestamp, last.body()));
            assertThat(last.header("X-Dateline-Signature")).isNotEqualTo("sha256=" + Webhooks.sign("whsec_wrong", timestamp, last.body()));
            assertThat(hooks.log(10)).hasSize(1);
            Webhooks.Delivery delivery = hooks.log(10).get(0);
            assertThat(delivery.attempts()).isEqualTo(3);
            assertThat(delivery.deliveredAt()).isNotNull();
            assertThat(delivery.lastStatus()).isEqualTo(204);
        }
    }

    @Test
    void pending_deliveries_survive_a_restart_and_endpoints_hear_only_their_events() {
        String secret;
        try (Receiver receiver = new Receiver(1)) {
            TestSite site = TestSite.unstarted(database, tempDir);
            Webhooks hooks = site.app.parts().webhooks();
            secret = hooks.register(receiver.url("/hook"), Set.of("corrected"));
            Section world = site.givenSection("World");
            Article story = site.givenPublished("Rates held steady", world, site.givenAuthor("Ada Reporter"));
            site.content.correct(story.id(), story.version(), "An earlier version gave the wrong rate.", "editor");
            hooks.run();                                    // the correction's delivery fails once; the publish is not sent
            var config = site.config();
            var clock = site.clock;
            site.close();

            TestSite again = TestSite.restart(config, clock);
            try {
                clock.advance(Duration.ofMinutes(1));
                again.app.parts().webhooks().run();
            } finally {
                again.close();
            }

            assertThat(receiver.requests()).hasSize(2).allSatisfy(r -> assertThat(r.header("X-Dateline-Event")).isEqualTo("corrected"));
            Receiver.Request delivered = receiver.requests().get(1);
            assertThat(delivered.header("X-Dateline-Signature"))
                    .isEqualTo("sha256=" + Webhooks.sign(secret, Long.parseLong(delivered.header("X-Dateline-Timestamp")), delivered.body()));
        }
    }

    @Test
    void a_bad_registration_names_what_is_wrong() {
        try (TestSite site = TestSite.unstarted(database, tempDir)) {
            var hooks = site.app.parts().webhooks();

            assertThatThrownBy(() -> hooks.register("ftp://x", Set.of("deleted")))
                    .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors().asMap()).containsOnlyKeys("url", "events"));
            assertThat(hooks.endpoints()).isEmpty();
        }
    }

    @Test
    void drafts_never_leave_the_building_and_a_payload_shows_the_story_as_it_was_at_its_event() {
        try (Receiver receiver = new Receiver(0); TestSite site = TestSite.unstarted(database, tempDir)) {
            Webhooks hooks = site.app.parts().webhooks();
            hooks.register(receiver.url("/hook"), Set.of("published", "updated", "unpublished"));
            Section world = site.givenSection("World");
            Article draft = site.content.create(site.givenDraft("Secret merger talks", world), "writer");
            draft = site.content.autosave(draft.id(), draft.version(), ArticleDraft.of(draft).withHeadline("Secret merger talks, day two"), "writer");
            draft = site.content.edit(draft.id(), draft.version(), ArticleDraft.of(draft).withHeadline("Merger agreed"), "writer");
            Article published = site.content.publish(draft.id(), draft.version(), "editor");
            site.clock.advance(Duration.ofMinutes(1));
            Article unpublished = site.content.unpublish(published.id(), published.version(), "editor");
            site.clock.advance(Duration.ofMinutes(1));
            site.content.edit(unpublished.id(), unpublished.version(), ArticleDraft.of(unpublished).withHeadline("Still secret: the next deal"), "writer");

            hooks.run();

            assertThat(receiver.requests()).extracting(r -> r.header("X-Dateline-Event")).containsExactly("published", "unpublished");
            assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.body()).contains("\"headline\":\"Merger agreed\"")
                    .doesNotContain("Secret merger talks", "Still secret"));
            assertThat(receiver.requests().get(1).body()).contains("\"status\":\"unpublished\"");
        }
    }

    @Test
    void addresses_that_are_not_http_uris_or_that_point_inside_the_network_are_refused() {
        try (TestSite site = TestSite.start(database, tempDir, Map.of("DATELINE_WEBHOOKS_PRIVATE", "false"))) {
            var hooks = site.app.parts().webhooks();

            for (String url : List.of("http://exa mple.org/hook", "http://example.org:99999999/hook", "https:///nohost", "javascript:alert(1)",
                    "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook", "http://192.168.0.10/hook",
                    "http://169.254.169.254/latest/meta-data", "http://[::1]/hook")) {
                assertThatThrownBy(() -> hooks.register(url, Set.of("published"))).as(url)
                        .isInstanceOfSatisfying(ValidationFailed.class, e -> assertThat(e.errors().asMap()).containsOnlyKeys("url"));
            }
            assertThat(hooks.endpoints()).isEmpty();
        }
    }

    @Test
    void an_endpoint_stored_with_an_unusable_address_fails_its_attempts_without_holding_up_the_others() {
        try (Receiver receiver = new Receiver(0); TestSite site = TestSite.unstarted(database, tempDir)) {
            Webhooks hooks = site.app.parts().webhooks();
            hooks.register("http://example.org/first", Set.of("published"));
            site.app.database().jdbi().useHandle(h -> h.createUpdate("UPDATE webhooks SET url = 'http://bad host/^' WHERE url = 'http://example.org/first'").execute());
            hooks.register(receiver.url("/hook"), Set.of("published"));

            site.givenPublished("Rates held steady", site.givenSection("World"));
            hooks.run();

            assertThat(receiver.requests()).hasSize(1);
            assertThat(hooks.log(10)).anySatisfy(d -> {
                assertThat(d.deliveredAt()).isNull();
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.lastError()).isNotBlank();
            });
        }
    }
}
