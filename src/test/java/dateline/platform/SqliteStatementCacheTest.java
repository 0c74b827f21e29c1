package dateline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reused SQLite statements give the same answers as fresh ones, also nested and across threads. */
class SqliteStatementCacheTest {
    @TempDir
    Path tempDir;
    Database db;

    @BeforeEach
    void setUp() {
        db = Database.open("jdbc:sqlite:" + tempDir.resolve("cache.db"), null, null);
        db.jdbi().useHandle(h -> {
            for (int i = 0; i < 50; i++) {
                h.createUpdate("INSERT INTO tags (id, slug, name) VALUES (:id, :slug, :name)")
                        .bind("id", String.format("%016d", i)).bind("slug", "tag-" + i).bind("name", "Tag " + i).execute();
            }
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private String name(String slug) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT name FROM tags WHERE slug = :slug").bind("slug", slug).mapTo(String.class).one());
    }

    @Test
    void a_reused_statement_binds_fresh_parameters_each_time() {
        assertThat(name("tag-1")).isEqualTo("Tag 1");
        assertThat(name("tag-2")).isEqualTo("Tag 2");
        assertThat(name("tag-1")).isEqualTo("Tag 1");
    }

    @Test
    void the_same_query_inside_its_own_iteration_gets_a_statement_of_its_own() {
        List<String> pairs = db.jdbi().withHandle(h -> {
            List<String> out = new ArrayList<>();
            h.createQuery("SELECT name FROM tags WHERE slug = :slug OR slug = :other ORDER BY slug").bind("slug", "tag-3").bind("other", "tag-4")
                    .mapTo(String.class)
                    .forEach(outer -> out.add(outer + "/" + h.createQuery("SELECT name FROM tags WHERE slug = :slug OR slug = :other ORDER BY slug")
                            .bind("slug", "tag-5").bind("other", "tag-5").mapTo(String.class).one()));
            return out;
        });

        assertThat(pairs).containsExactly("Tag 3/Tag 5", "Tag 4/Tag 5");
    }

    @Test
    void threads_reading_at_once_each_get_their_own_answers() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            results.add(pool.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    int n = (i * 7) % 50;
                    if (!name("tag-" + n).equals("Tag " + n)) {
                        return false;
                    }
                }
                return true;
            }));
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get()).isTrue();
        }
        pool.shutdown();
    }
}
