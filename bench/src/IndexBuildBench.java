import dateline.Dateline;
import dateline.ingest.WordPressImport;
import dateline.platform.Config;
import dateline.search.SearchIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The search index built from SQL, as a node joining the site does when its index is missing: N
 * published stories (imported from a generated WordPress export, once), then a full build timed,
 * against reading the same stories from SQL without indexing them (the baseline).
 */
public final class IndexBuildBench {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Config config = Config.fromEnv(Map.of("DATELINE_DATA", work.resolve("data").toString(), "DATELINE_DEMO", "false", "DATELINE_LOG_LEVEL", "WARN"));
        try (Dateline.Core core = Dateline.Core.open(config, Clock.systemUTC())) {
            if (core.articles().countPublished(dateline.content.Listing.ALL) < n) {
                Path file = work.resolve("export.xml");
                WordPressImportBench.write(file, n);
                long t = System.nanoTime();
                new WordPressImport(core.content(), core.taxonomy()).run(file, false);
                System.out.printf("imported %,d posts in %.1f s%n", n, (System.nanoTime() - t) / 1e9);
                Files.delete(file);
            }
            long start = System.nanoTime();
            int read = 0;
            String after = "";
            while (true) {
                var batch = core.articles().publishedBatch(after, 500);
                read += batch.size();
                if (batch.size() < 500) {
                    break;
                }
                after = batch.get(batch.size() - 1).id();
            }
            double readSeconds = (System.nanoTime() - start) / 1e9;
            Path dir = work.resolve("index-" + System.nanoTime());
            start = System.nanoTime();
            try (SearchIndex index = SearchIndex.open(dir, core.articles(), core.events())) {
                double buildSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("read from SQL only : %,7d stories in %6.1f s%n", read, readSeconds);
                System.out.printf("full index build   : %,7d stories in %6.1f s (ratio to reading alone %.1f)%n", index.size(), buildSeconds,
                        buildSeconds / readSeconds);
                long bytes;
                try (var files = Files.walk(dir)) {
                    bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
                System.out.printf("index on disk      : %,d MB; database file %,d MB%n", bytes / 1024 / 1024,
                        Files.size(work.resolve("data/dateline.db")) / 1024 / 1024);
                System.out.println("goal: <= 60 s at 100,000 stories");
            }
        }
    }
}
