import dateline.Dateline;
import dateline.ingest.WordPressImport;
import dateline.ingest.ImportReport;
import dateline.platform.Config;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

/**
 * A generated WordPress export of N posts (categories, tags, authors, a featured image each) imported
 * into a fresh SQLite database, against a StAX pass that only reads the same file; peak heap reported.
 */
public final class WordPressImportBench {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path file = work.resolve("export.xml");
        write(file, n);
        long size = Files.size(file);

        long start = System.nanoTime();
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        int events = 0;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            while (r.hasNext()) {
                r.next();
                events++;
            }
        }
        double staxSeconds = (System.nanoTime() - start) / 1e9;

        Config config = Config.fromEnv(Map.of("DATELINE_DATA", work.resolve("data").toString(), "DATELINE_DEMO", "false", "DATELINE_LOG_LEVEL", "WARN"));
        try (Dateline.Core core = Dateline.Core.open(config, Clock.systemUTC())) {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            start = System.nanoTime();
            ImportReport report = new WordPressImport(core.content(), core.taxonomy()).run(file, false);
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            int imported = report.get("stories", "imported");
            System.out.printf("export: %,d posts, %,d MB, %,d XML events%n", n, size / 1024 / 1024, events);
            System.out.printf("StAX read only : %,9.0f posts/s (%.1f s)%n", n / staxSeconds, staxSeconds);
            System.out.printf("Dateline import: %,9.0f posts/s (%.1f s), %,d imported, ratio %.3f%n", imported / seconds, seconds, imported,
                    (imported / seconds) / (n / staxSeconds));
            System.out.printf("peak heap (sum of pools' peaks, -Xmx512m): %,d MB%n", peak / 1024 / 1024);
            System.out.println("goal: >= 2,000 posts/s, peak heap < 512 MB");
        }
    }

    static void write(Path file, int n) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("""
                    <?xml version="1.0" encoding="UTF-8" ?>
                    <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
                         xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
                    <channel><title>Bench</title><link>https://bench.example</link><language>en-US</language><wp:wxr_version>1.2</wp:wxr_version>
                    <wp:base_site_url>https://bench.example</wp:base_site_url><wp:base_blog_url>https://bench.example</wp:base_blog_url>
                    """);
            for (int a = 0; a < 20; a++) {
                w.write("<wp:author><wp:author_login>a" + a + "</wp:author_login><wp:author_display_name><![CDATA[Writer " + a + "]]></wp:author_display_name></wp:author>\n");
            }
            for (int c = 0; c < 12; c++) {
                w.write("<wp:category><wp:category_nicename>cat-" + c + "</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Category " + c + "]]></wp:cat_name></wp:category>\n");
            }
            for (int i = 1; i <= n; i++) {
                int day = 1 + i % 28;
                String date = "2020-%02d-%02d %02d:%02d:00".formatted(1 + i % 12, day, i % 24, i % 60);
                w.write("""
                        <item><title><![CDATA[Post number %d about the harbour]]></title><link>https://bench.example/?p=%d</link>
                        <dc:creator><![CDATA[a%d]]></dc:creator><content:encoded><![CDATA[<!-- wp:paragraph --><p>First paragraph of post %d.</p><!-- /wp:paragraph -->

                        Second paragraph, with the council, the harbour and the tram.

                        Third paragraph.]]></content:encoded><excerpt:encoded><![CDATA[Summary of post %d.]]></excerpt:encoded>
                        <wp:post_id>%d</wp:post_id><wp:post_date>%s</wp:post_date><wp:post_date_gmt>%s</wp:post_date_gmt><wp:post_name>post-%d</wp:post_name>
                        <wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
                        <category domain="category" nicename="cat-%d"><![CDATA[Category %d]]></category>
                        <category domain="post_tag" nicename="tag-%d"><![CDATA[Tag %d]]></category><category domain="post_tag" nicename="tag-%d"><![CDATA[Tag %d]]></category>
                        <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>%d</wp:meta_value></wp:postmeta></item>
                        <item><title>image-%d.jpg</title><wp:post_id>%d</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
                        <wp:attachment_url>https://bench.example/wp-content/uploads/image-%d.jpg</wp:attachment_url></item>
                        """.formatted(i, i, i % 20, i, i, i, date, date, i, i % 12, i % 12, i % 500, i % 500, (i + 7) % 500, (i + 7) % 500, n + i, i, n + i, i));
            }
            w.write("</channel></rss>\n");
        }
    }
}
