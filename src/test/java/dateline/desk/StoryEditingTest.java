package dateline.desk;

import dateline.content.ArticleDraft;
import static org.assertj.core.api.Assertions.assertThat;

import dateline.TestSite;
import dateline.content.Article;
import dateline.content.Section;
import dateline.content.Status;
import dateline.platform.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Writing, reviewing, publishing and conflicting edits through the desk's forms, on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StoryEditingTest extends DeskTestCase {

    DeskClient contributor;
    DeskClient editor;
    DeskClient otherEditor;

    @BeforeEach
    void setUp() {
        site.givenAuthor("Cora Contributor");
        contributor = DeskClient.newAccount(site, "cora@example.org", "Cora", Role.CONTRIBUTOR);
        editor = DeskClient.newAccount(site, "eddie@example.org", "Eddie", Role.EDITOR);
        otherEditor = DeskClient.newAccount(site, "erin@example.org", "Erin", Role.EDITOR);
    }

    @Test
    void oversized_forms_are_refused_by_their_limits_before_anything_is_written() {
        String tags = String.join(", ", java.util.stream.IntStream.range(0, 31).mapToObj(n -> "Tag " + n).toList());
        HttpResponse<String> manyTags = editor.post("/desk/stories", form(editor, "Many tags", "<p>Body.</p>", 0, "save")
                .replace("&tags=" + DeskClient.enc("Trade, Ports"), "&tags=" + DeskClient.enc(tags)));
        HttpResponse<String> hugeBody = editor.postFormWithFile("/desk/stories", java.util.Map.of("headline", "Huge body", "sectionId", world.id(),
                "bodyHtml", "<p>" + "x".repeat(1_100_000) + "</p>", "version", "0", "language", "en", "source", "staff", "action", "save"), null, null, null);
        HttpResponse<String> manyPicks = editor.post("/desk/stories", form(editor, "Many picks", "<p>Body.</p>", 0, "save")
                + "&relatedIds=" + DeskClient.enc(String.join(",", java.util.Collections.nCopies(13, "0000000000000000"))));

        assertThat(manyTags.statusCode()).isEqualTo(422);
        assertThat(manyTags.body()).contains("At most 30 tags; this story has 31.");
        assertThat(hugeBody.statusCode()).isEqualTo(422);
        assertThat(hugeBody.body()).contains("The body is over one million characters.");
        assertThat(manyPicks.statusCode()).isEqualTo(422);
        assertThat(manyPicks.body()).contains("At most 12 Read-more picks");
        assertThat(site.app.articles().countByStatus(Status.DRAFT, null, null)).isZero();
    }

    @Test
    void contributors_see_the_published_list_and_their_own_work_but_not_other_peoples_unpublished_stories() {
        Article secret = site.content.create(site.givenDraft("Editor secret scoop", world), "eddie@example.org");
        Article planned = site.content.create(site.givenDraft("Embargoed budget story", world), "eddie@example.org");
        site.content.schedule(planned.id(), planned.version(), site.clock.instant().plusSeconds(3600), "eddie@example.org");
        site.givenPublished("Rates held steady", world);
        contributor.post("/desk/stories", form(contributor, "Cora own draft", "<p>Mine.</p>", 0, "save"));

        String home = contributor.get("/desk").body();
        assertThat(home).contains("Cora own draft", "Rates held steady").doesNotContain("Editor secret scoop", "Embargoed budget story");
        assertThat(contributor.get("/desk?q=secret").body()).doesNotContain("Editor secret scoop");
        assertThat(contributor.get("/desk?list=drafts").body()).doesNotContain("Editor secret scoop");
        assertThat(editor.get("/desk").body()).contains("Editor secret scoop", "Embargoed budget story", "Cora own draft");
        assertThat(editor.get("/desk?q=secret").body()).contains("Editor secret scoop");
        assertThat(secret.status()).isEqualTo(Status.DRAFT);
    }

    @Test
    void a_contributor_writes_and_submits_a_draft_and_an_editor_publishes_it() {
        HttpResponse<String> created = contributor.post("/desk/stories", form(contributor, "Port reopens", "<p>Ships are back.</p>", 0, "save"));
        assertThat(created.statusCode()).isEqualTo(303);
        String id = created.headers().firstValue("Location").orElseThrow().replace("/desk/stories/", "");
        assertThat(stored(id).tags()).extracting(t -> t.name()).containsExactly("Trade", "Ports");

        assertThat(contributor.post("/desk/stories/" + id, form(contributor, "Port reopens", "<p>Ships are back.</p>", 1, "publish")).statusCode())
                .isEqualTo(403);
        assertThat(contributor.post("/desk/stories/" + id, form(contributor, "Port reopens", "<p>Ships are back.</p>", 1, "submit")).statusCode())
                .isEqualTo(303);
        assertThat(stored(id).status()).isEqualTo(Status.REVIEW);
        assertThat(contributor.get("/desk/stories/" + id).body()).contains("the editors have it now"); // read only now

        assertThat(editor.get("/desk").body()).contains("Port reopens");
        assertThat(editor.post("/desk/stories/" + id, form(editor, "Port reopens after storm", "<p>Ships are back.</p>", 2, "publish")).statusCode())
                .isEqualTo(303);
        Article published = stored(id);
        assertThat(published.status()).isEqualTo(Status.PUBLISHED);
        assertThat(published.headline()).isEqualTo("Port reopens after storm");
        assertThat(contributor.get("/desk/stories/" + id).statusCode()).as("published: the editors' story now").isEqualTo(403);
        site.awaitViews();
        assertThat(site.get("/").body()).contains("Port reopens after storm");
        assertThat(editor.get("/desk/audit").body()).contains("<td>Eddie</td>", "publish", "Port reopens after storm");
    }

    @Test
    void a_stale_save_is_refused_with_409_keeping_the_editors_text_and_naming_what_changed() {
        Article story = site.content.create(site.givenDraft("Original headline", world), "eddie@example.org");
        int loadedAt = story.version();
        assertThat(otherEditor.post("/desk/stories/" + story.id(), form(otherEditor, "Erin's headline", story.bodyHtml(), loadedAt, "save")).statusCode())
                .isEqualTo(303);

        HttpResponse<String> stale = editor.post("/desk/stories/" + story.id(),
                form(editor, "Eddie's headline", "<p>Eddie's careful rewrite.</p>", loadedAt, "save"));

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("changed by someone else", "Changed meanwhile: headline", "value=\"Eddie&#39;s headline\"",
                "Eddie's careful rewrite.");
        assertThat(stored(story.id()).headline()).isEqualTo("Erin's headline");
    }

    @Test
    void an_invalid_save_is_refused_with_422_and_the_text_kept() {
        Article story = site.content.create(site.givenDraft("Original headline", world), "eddie@example.org");

        HttpResponse<String> invalid = editor.post("/desk/stories/" + story.id(), form(editor, " ", "<p>A body worth keeping.</p>", story.version(), "save"));

        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("Give the story a headline.", "A body worth keeping.");
        assertThat(stored(story.id()).headline()).isEqualTo("Original headline");
    }

    @Test
    void revisions_show_what_changed_between_two_versions_and_an_old_one_can_be_restored() {
        Article story = site.content.create(site.givenDraft("First headline", world), "eddie@example.org");
        Article second = site.content.edit(story.id(), story.version(), ArticleDraft.of(story)
                .withHeadline("Second headline").withBodyHtml("<p>New words & <b>bold</b> claims.</p>"), "erin@example.org");

        String diff = editor.get("/desk/stories/" + story.id() + "/revisions?from=1&to=2").body();

        assertThat(diff).contains("<h3>headline</h3>", "<del>First</del>", "<ins>Second</ins>", "<h3>bodyHtml</h3>", "&amp;")
                .doesNotContain("<b>bold</b>");
        HttpResponse<String> restore = editor.post("/desk/stories/" + story.id() + "/revisions/1/restore",
                "_csrf=" + editor.csrf + "&version=" + second.version());
        assertThat(restore.statusCode()).isEqualTo(303);
        Article restored = stored(story.id());
        assertThat(restored.headline()).isEqualTo("First headline");
        assertThat(restored.version()).isEqualTo(3);
        assertThat(site.app.parts().revisions().count(story.id())).isEqualTo(3);
    }

    @Test
    void an_edit_with_a_refused_step_keeps_nothing_so_the_same_form_can_be_sent_again() {
        Article story = site.content.create(site.givenDraft("Budget vote", world), "eddie@example.org");
        String edited = form(editor, "Budget vote delayed", "<p>The vote moves to Friday.</p>", story.version(), "schedule");

        HttpResponse<String> past = editor.post("/desk/stories/" + story.id(), edited + "&scheduledAt=2020-01-01T09:00");
        assertThat(past.statusCode()).isEqualTo(422);
        assertThat(past.body()).contains("Choose a publication time in the future.", "The vote moves to Friday.");
        assertThat(stored(story.id()).version()).as("the edit was not kept without its step").isEqualTo(story.version());
        assertThat(stored(story.id()).headline()).isEqualTo("Budget vote");

        HttpResponse<String> future = editor.post("/desk/stories/" + story.id(), edited + "&scheduledAt=2026-03-03T09:00");
        assertThat(future.statusCode()).isEqualTo(303);
        Article scheduled = stored(story.id());
        assertThat(scheduled.status()).isEqualTo(Status.SCHEDULED);
        assertThat(scheduled.headline()).isEqualTo("Budget vote delayed");
        assertThat(scheduled.version()).isEqualTo(story.version() + 2); // the edit and the schedule, each a revision
    }

    @Test
    void the_desk_home_lists_my_drafts_and_filters_by_section() {
        Section sport = site.givenSection("Sport");
        site.content.create(site.givenDraft("Eddie's world draft", world), "eddie@example.org");
        site.content.create(site.givenDraft("Erin's sport draft", sport), "erin@example.org");

        String home = editor.get("/desk").body();
        String mine = home.substring(home.indexOf("id=\"my-drafts\""), home.indexOf("id=\"in-review\""));
        assertThat(mine).contains("Eddie's world draft").doesNotContain("Erin");
        assertThat(home.substring(home.indexOf("id=\"drafts\""))).contains("Eddie's world draft", "Erin's sport draft");

        String sportOnly = editor.get("/desk?section=" + sport.id()).body();
        assertThat(sportOnly).contains("Erin's sport draft").doesNotContain("Eddie's world draft");

        site.givenPublished("Sport results 100% in", sport);
        String found = editor.get("/desk?q=" + DeskClient.enc("SPORT")).body();
        String matches = found.substring(found.indexOf("id=\"found\""), found.indexOf("id=\"my-drafts\""));
        assertThat(matches).contains("Erin's sport draft", "<td>draft</td>", "Sport results 100% in", "<td>published</td>").doesNotContain("Eddie");
        String literal = editor.get("/desk?q=" + DeskClient.enc("t%d")).body(); // % is a character here, not a wildcard
        assertThat(literal.substring(literal.indexOf("id=\"found\""), literal.indexOf("id=\"my-drafts\""))).contains("None.")
                .doesNotContain("Erin's sport draft");
    }

    @Test
    void a_long_list_on_the_desk_home_shows_its_size_and_is_read_a_page_at_a_time() {
        Section sport = site.givenSection("Sport");
        for (int i = 1; i <= 52; i++) {
            site.clock.advance(java.time.Duration.ofMinutes(1));
            site.content.create(site.givenDraft("Draft number " + i, world), "eddie@example.org");
        }
        site.content.create(site.givenDraft("A sport draft", sport), "eddie@example.org");

        String home = editor.get("/desk?section=" + world.id()).body();
        String mine = home.substring(home.indexOf("id=\"my-drafts\""), home.indexOf("id=\"in-review\""));
        assertThat(mine).contains("My drafts <span class=\"count\">(52)</span>", "Draft number 52<", "Draft number 33<")
                .doesNotContain("Draft number 32<", "A sport draft")
                .contains("<a href=\"/desk?list=my-drafts&amp;section=" + world.id() + "\">See all 52 in “My drafts”</a>");
        assertThat(home).contains("In review <span class=\"count\">(0)</span>");

        String first = editor.get("/desk?list=my-drafts&section=" + world.id()).body();
        assertThat(first).contains("Draft number 52<", "Draft number 3<", "rel=\"next\"").doesNotContain("Draft number 2<", "rel=\"prev\"", "id=\"in-review\"");
        String second = editor.get("/desk?list=my-drafts&section=" + world.id() + "&page=2").body();
        assertThat(second).contains("Draft number 2<", "Draft number 1<", "rel=\"prev\"").doesNotContain("Draft number 3<", "rel=\"next\"");
        assertThat(editor.get("/desk?list=drafts").body()).contains("All drafts <span class=\"count\">(53)</span>", "A sport draft");
        assertThat(editor.get("/desk?list=nonsense").body()).as("an unknown list is the whole home").contains("id=\"in-review\"");
    }

    @Test
    void an_editor_sends_a_story_in_review_back_to_its_writer_saying_why_and_the_writer_sees_it() {
        HttpResponse<String> created = contributor.post("/desk/stories", form(contributor, "Bridge closes", "<p>One source says so.</p>", 0, "save"));
        String id = created.headers().firstValue("Location").orElseThrow().replace("/desk/stories/", "");
        assertThat(contributor.post("/desk/stories/" + id, form(contributor, "Bridge closes", "<p>One source says so.</p>", 1, "submit")).statusCode())
                .isEqualTo(303);
        assertThat(editor.get("/desk/stories/" + id).body()).contains("<legend>Send back to the writer</legend>");

        String sendBack = form(editor, "Bridge closes", "<p>One source says so.</p>", 2, "return") + "&returnNote=" + DeskClient.enc("Find a second source.");
        assertThat(contributor.post("/desk/stories/" + id, sendBack.replace(editor.csrf, contributor.csrf)).statusCode())
                .as("only editors send stories back").isEqualTo(403);
        assertThat(editor.post("/desk/stories/" + id, sendBack).statusCode()).isEqualTo(303);
        assertThat(stored(id).status()).isEqualTo(Status.DRAFT);
        assertThat(stored(id).version()).isEqualTo(3);

        String writerView = contributor.get("/desk/stories/" + id).body();
        assertThat(writerView).contains("Eddie sent this story back to draft on", "Find a second source.");
        assertThat(contributor.get("/desk/stories/" + id + "/revisions").body()).contains("sent back to draft: “Find a second source.”");
        assertThat(editor.get("/desk/audit").body()).contains("sent back to draft: “Find a second source.”");
        assertThat(editor.post("/desk/stories/" + id, form(editor, "Bridge closes", "<p>One source says so.</p>", 3, "return")).body())
                .as("a draft cannot be sent back").contains("Only a story in review or scheduled can go back to draft; this story is draft.");

        assertThat(contributor.post("/desk/stories/" + id, form(contributor, "Bridge closes", "<p>Two sources say so.</p>", 3, "submit")).statusCode())
                .isEqualTo(303);
        assertThat(stored(id).status()).isEqualTo(Status.REVIEW);
        assertThat(editor.get("/desk/stories/" + id).body()).as("the note is gone once the story is sent again")
                .doesNotContain("sent this story back");
    }

    @Test
    void an_editor_takes_a_scheduled_story_off_the_schedule_and_it_is_not_published_when_the_time_comes() {
        Article story = site.content.create(site.givenDraft("Budget leaks", world), "eddie@example.org");
        assertThat(editor.post("/desk/stories/" + story.id(), form(editor, "Budget leaks", "<p>Figures.</p>", story.version(), "schedule")
                + "&scheduledAt=2026-03-02T12:00").statusCode()).isEqualTo(303);
        Article scheduled = stored(story.id());
        assertThat(scheduled.status()).isEqualTo(Status.SCHEDULED);
        assertThat(editor.get("/desk/stories/" + story.id()).body()).contains("<legend>Take off the schedule</legend>");

        assertThat(editor.post("/desk/stories/" + story.id(), form(editor, "Budget leaks", "<p>Figures.</p>", scheduled.version(), "return"))
                .statusCode()).isEqualTo(303);
        Article back = stored(story.id());
        assertThat(back.status()).isEqualTo(Status.DRAFT);
        assertThat(back.scheduledAt()).isNull();

        site.clock.advance(java.time.Duration.ofHours(4));
        assertThat(site.content.publishDue("scheduler")).isZero();
        assertThat(stored(story.id()).status()).isEqualTo(Status.DRAFT);
        assertThat(editor.get("/desk/stories/" + story.id()).body()).contains("Eddie sent this story back to draft on");
    }

    @Test
    void a_writer_sees_their_story_in_review_read_only_and_can_withdraw_it_to_change_it() {
        HttpResponse<String> created = contributor.post("/desk/stories", form(contributor, "Harbour fees rise", "<p>Fees rise in May.</p>", 0, "save"));
        String id = created.headers().firstValue("Location").orElseThrow().replace("/desk/stories/", "");
        contributor.post("/desk/stories/" + id, form(contributor, "Harbour fees rise", "<p>Fees rise in May.</p>", 1, "submit"));
        assertThat(stored(id).status()).isEqualTo(Status.REVIEW);

        String page = contributor.get("/desk/stories/" + id).body();
        assertThat(page).contains("the editors have it now", "Fees rise in May.", "value=\"withdraw\"").doesNotContain("name=\"headline\"");
        assertThat(contributor.post("/desk/stories/" + id, form(contributor, "Harbour fees rise sharply", "<p>Fees rise in May.</p>", 2, "save"))
                .statusCode()).as("no edits while the editors have it").isEqualTo(403);
        accountsCreate("carl@example.org");
        DeskClient otherWriter = signedIn("carl@example.org");
        assertThat(otherWriter.get("/desk/stories/" + id).statusCode()).as("only its writer sees it").isEqualTo(403);
        assertThat(otherWriter.post("/desk/stories/" + id, "_csrf=" + otherWriter.csrf + "&version=2&action=withdraw").statusCode()).isEqualTo(403);

        HttpResponse<String> withdrawn = contributor.post("/desk/stories/" + id, "_csrf=" + contributor.csrf + "&version=2&action=withdraw");
        assertThat(withdrawn.statusCode()).isEqualTo(303);
        Article draft = stored(id);
        assertThat(draft.status()).isEqualTo(Status.DRAFT);
        assertThat(draft.headline()).as("taken back as it was").isEqualTo("Harbour fees rise");
        assertThat(draft.bodyHtml()).isEqualTo("<p>Fees rise in May.</p>");
        assertThat(contributor.get("/desk/stories/" + id).body()).contains("name=\"headline\"").doesNotContain("sent this story back");
        assertThat(contributor.get("/desk/stories/" + id + "/revisions").body()).contains("withdrawn from review");
        assertThat(contributor.post("/desk/stories/" + id, "_csrf=" + contributor.csrf + "&version=3&action=withdraw").body())
                .contains("Only a story in review can be withdrawn; this story is draft.");
    }

    private void accountsCreate(String email) {
        site.app.parts().accounts().create(email, "Carl", Role.CONTRIBUTOR, PASSWORD, "test");
    }
}
