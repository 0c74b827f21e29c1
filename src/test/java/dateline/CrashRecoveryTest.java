package dateline;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.content.Article;
import dateline.content.Section;
import dateline.content.Urls;
import dateline.desk.Role;
import dateline.platform.Config;
import dateline.platform.MutableClock;
import dateline.platform.TestDatabase;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The app as a separate process, killed with SIGKILL in the middle of a storm of desk writes from
 * several threads, then started again on the same database and data folder: every write the desk
 * acknowledged (a 303) is there, nothing is half-written (each story's revisions match its version),
 * and the search index, pages and feeds catch up without a rebuild.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CrashRecoveryTest {
    static final String PASSWORD = AppProcess.PASSWORD;
    static final int WRITERS = 4;

    @Parameter
    TestDatabase database;
    @TempDir
    Path tempDir;

    /** What one writer had acknowledged, and what it was sending when the process died. */
    record Progress(String storyId, int acknowledged, int attempted) {}

    @Test
    void every_acknowledged_write_survives_a_kill_and_the_derived_views_catch_up() throws Exception {
        Config config = database.config(tempDir);
        String sectionId;
        try (Dateline.Core core = Dateline.Core.open(config, new MutableClock(Instant.now()))) {
            core.accounts().create("eddie@example.org", "Eddie", Role.EDITOR, PASSWORD, "test");
            Section world = core.content().createSection("World", null, "", 0);
            sectionId = world.id();
        }
        AppProcess app = AppProcess.start(config);
        Map<Integer, Progress> progress = new ConcurrentHashMap<>();
        AtomicBoolean storming = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        try {
            app.awaitHealthy(Duration.ofSeconds(60));
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread thread = new Thread(() -> storm(app, writer, sectionId, progress, storming), "writer-" + w);
                writers.add(thread);
                thread.start();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && (progress.size() < WRITERS || progress.values().stream().anyMatch(p -> p.acknowledged() < 3))) {
                Thread.sleep(50); // waiting for every writer to have saved a few times
            }
            Thread.sleep(300); // then the kill lands in the middle of their writes
        } finally {
            app.kill(); // SIGKILL: no shutdown hook, no flush
            storming.set(false);
        }
        for (Thread thread : writers) {
            thread.join(10_000);
        }
        assertThat(progress).as("every writer got going before the kill").hasSize(WRITERS);

        app.restart();
        try {
            app.awaitHealthy(Duration.ofSeconds(60));
            try (Dateline.Core core = Dateline.Core.open(config, new MutableClock(Instant.now()))) {
                for (Progress p : progress.values()) {
                    Article story = core.articles().findById(p.storyId()).orElseThrow();
                    int version = Integer.parseInt(story.headline().replaceAll("\\D+", " ").strip().split(" ")[1]);
                    assertThat(version).as("story of writer %s: acknowledged %d, sending %d", p.storyId(), p.acknowledged(), p.attempted())
                            .isBetween(p.acknowledged(), p.attempted());
                    assertThat(core.revisions().count(story.id())).as("one revision per version, nothing half-written").isEqualTo(story.version());
                    String path = Urls.article(story, config.zone());
                    String page = app.awaitBody(path, story.headline(), Duration.ofSeconds(15));
                    assertThat(page).contains(story.headline());
                    app.awaitBody("/search?q=" + URLEncoder.encode(story.headline().split(" ")[0], StandardCharsets.UTF_8), story.headline(), Duration.ofSeconds(15));
                    app.awaitBody("/feed.xml", story.headline(), Duration.ofSeconds(15));
                }
            }
        } finally {
            app.stop();
        }
    }

    /**
     * One writer: signs in, makes and publishes a story, then saves new headlines until the process is
     * gone. A save that fails without an answer may still have been stored: the writer reads the story's
     * version again and goes on, so only answered saves count as acknowledged.
     */
    private void storm(AppProcess app, int writer, String sectionId, Map<Integer, Progress> progress, AtomicBoolean storming) {
        AppProcess.Desk desk = new AppProcess.Desk(app);
        String id = null;
        int acknowledged = 0;
        int attempted = 0;
        for (int failures = 0; storming.get() && failures < 50; ) {
            try {
                if (id == null) {
                    desk.signIn("eddie@example.org");
                    id = desk.create(sectionId, "Writer" + writer + " version 1");
                    HttpResponse<String> published = desk.post("/desk/stories/" + id, desk.form(sectionId, "Writer" + writer + " version 1", 1, "publish"));
                    if (published.statusCode() != 303) {
                        throw new IOException("publish answered " + published.statusCode());
                    }
                    acknowledged = 1;
                    attempted = 1;
                    progress.put(writer, new Progress(id, acknowledged, attempted));
                }
                int version = desk.version(id);
                attempted++;
                progress.put(writer, new Progress(id, acknowledged, attempted));
                HttpResponse<String> saved = desk.post("/desk/stories/" + id,
                        desk.form(sectionId, "Writer" + writer + " version " + attempted, version, "save"));
                if (saved.statusCode() != 303) {
                    throw new IOException("save answered " + saved.statusCode());
                }
                acknowledged = attempted;
                progress.put(writer, new Progress(id, acknowledged, attempted));
            } catch (IOException | InterruptedException | RuntimeException e) {
                failures++; // the process being killed, or a busy moment: try again while the storm lasts
                if (storming.get() && failures <= 3) {
                    System.err.println("writer " + writer + ": " + e);
                }
            }
        }
    }
}
