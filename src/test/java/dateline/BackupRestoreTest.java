package dateline;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Section;
import dateline.content.Urls;
import dateline.platform.Config;
import dateline.platform.MutableClock;
import dateline.platform.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restore drill: back up a SQLite site while it serves, change things, restore the backup into an
 * empty database, start: the site shows the backup's state, and every derived view agrees with it
 * (the search index, kept in the data folder from the later state, rebuilds itself).
 */
class BackupRestoreTest {
    @TempDir
    Path tempDir;

    record Ran(int status, String out, String err) {}

    static Ran run(Config config, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("DATELINE_DB_URL", config.dbUrl(), "DATELINE_DATA", config.dataDir().toString(),
                "DATELINE_DEMO", "false", "DATELINE_LOG_LEVEL", "WARN"));
        if (config.dbUser() != null) {
            env.put("DATELINE_DB_USER", config.dbUser());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_backup_taken_while_serving_restores_into_an_empty_database_and_every_view_agrees() throws Exception {
        Path backup = tempDir.resolve("backups/site.db");
        Config config;
        Article harbour;
        Article later;
        try (TestSite site = TestSite.start(TestDatabase.SQLITE, tempDir.resolve("site"))) {
            config = site.config();
            Section world = site.givenSection("World");
            harbour = publish(site, "Harbour reopens after the storm", world);
            site.awaitViews();

            Ran backedUp = run(config, "backup", backup.toString()); // the site is serving meanwhile
            assertThat(backedUp.status()).as(backedUp.err()).isZero();
            assertThat(run(config, "backup", backup.toString()).err()).contains("exists already");

            site.content.edit(harbour.id(), site.app.articles().findById(harbour.id()).orElseThrow().version(),
                    ArticleDraft.of(harbour).withHeadline("Harbour reopens to the fishing fleet"), "test");
            later = publish(site, "Lighthouse gets a new lamp", world);
            site.awaitViews();
            assertThat(site.get("/search?q=lighthouse").body()).contains("Lighthouse gets a new lamp");
        }
        assertThat(run(config, "restore", backup.toString()).err()).as("the database in use is not empty").contains("not empty");

        // An empty database (a new file), the same data folder: its search index holds the later state.
        Config restored = TestDatabase.SQLITE.config(config.dataDir(), Map.of("DATELINE_DB_URL", "jdbc:sqlite:" + tempDir.resolve("new/site.db")));
        Ran ran = run(restored, "restore", backup.toString());
        assertThat(ran.status()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("Restored from");

        try (TestSite site = TestSite.restart(restored, new MutableClock(TestSite.START))) {
            site.awaitViews();
            assertThat(site.app.articles().findById(harbour.id()).orElseThrow().headline()).isEqualTo("Harbour reopens after the storm");
            assertThat(site.app.articles().findById(later.id())).isEmpty();
            assertThat(site.get(Urls.article(harbour, ZoneOffset.UTC)).body()).contains("Harbour reopens after the storm");
            assertThat(site.get("/search?q=lighthouse").body()).doesNotContain("Lighthouse gets a new lamp");
            assertThat(site.get("/search?q=harbour").body()).contains("Harbour reopens after the storm").doesNotContain("fishing fleet");
            assertThat(site.get("/feed.xml").body()).contains("Harbour reopens after the storm").doesNotContain("Lighthouse");
            assertThat(site.get("/").body()).doesNotContain("Lighthouse gets a new lamp");
        }
        assertThat(run(restored, "restore", tempDir.resolve("nothing.db").toString()).err()).contains("No backup file");
        Path notBackup = Files.writeString(tempDir.resolve("notes.txt"), "not a database");
        Config empty = TestDatabase.SQLITE.config(tempDir.resolve("empty"));
        assertThat(run(empty, "restore", notBackup.toString()).err()).contains("not a SQLite database");
    }

    @Test
    void on_postgresql_backup_points_to_pg_dump() {
        Config config = TestDatabase.POSTGRESQL.config(tempDir);
        Ran ran = run(config, "backup", tempDir.resolve("x.db").toString());
        assertThat(ran.status()).isEqualTo(1);
        assertThat(ran.err()).contains("pg_dump");
    }

    private static Article publish(TestSite site, String headline, Section section) {
        Article a = site.content.create(new ArticleDraft(headline, "About " + headline + ".", "<p>" + headline + ".</p>", "", section.id(),
                List.of(), List.of(), null, "en", "staff", null), "test");
        return site.content.publish(a.id(), a.version(), "test");
    }
}
