import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.Dateline;
import dateline.ingest.WirePoller;
import dateline.ingest.WireQueue;
import dateline.ingest.WireSources;
import dateline.platform.Config;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

/**
 * Drop folder to wire queue: N ninjs files and N NewsML-G2 files, items per second from the folder to
 * the queue (read, validate, sanitize, store, move to done/), against the same files only parsed
 * (Jackson readTree, resp. a StAX pass), in the same run, on the same core.
 */
public final class IngestBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM = 4000;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path schemas = args.length > 2 && !args[2].isEmpty() ? Path.of(args[2]) : null;
        Path ninjs = Files.createDirectories(work.resolve("drop-ninjs"));
        Path newsml = Files.createDirectories(work.resolve("drop-newsml"));
        for (int i = 0; i < n; i++) {
            Files.writeString(ninjs.resolve("item-" + i + ".json"), ninjs(i));
            Files.writeString(newsml.resolve("item-" + i + ".xml"), newsml(i));
        }
        // Warm both paths first (a server runs for days: the figure wanted is its steady state, not the
        // first seconds of a JVM compiling on the same single core)
        Path warm = Files.createDirectories(work.resolve("warm"));
        for (int i = 0; i < WARM; i++) {
            Files.writeString(warm.resolve("w-" + i + ".json"), ninjs(1_000_000 + i));
            Files.writeString(warm.resolve("w-" + i + ".xml"), newsml(1_000_000 + i));
        }
        parseJson(warm, ".json");
        parseXml(warm, ".xml");

        double jsonParse = rate(n, () -> parseJson(ninjs, ".json"));
        double xmlParse = rate(n, () -> parseXml(newsml, ".xml"));

        Map<String, String> env = new java.util.HashMap<>(Map.of("DATELINE_DATA", work.resolve("data").toString(), "DATELINE_DEMO", "false",
                "DATELINE_LOG_LEVEL", "WARN"));
        if (schemas != null) {
            env.put("DATELINE_NINJS_SCHEMAS", schemas.toString());
        }
        Config config = Config.fromEnv(env);
        try (Dateline.Core core = Dateline.Core.open(config, Clock.systemUTC())) {
            var wire = core.wire();
            core.content().createSection("World", "world", "", 0);
            WirePoller poller = new WirePoller(wire.sources(), wire.queue(), Duration.ofSeconds(20));
            var warmSource = wire.sources().add(new WireSources.NewSource("warm", "folder", null, warm.toString(), 1, null, "auto", "Warm", null, false));
            firstLook(poller);
            drain(poller, wire.sources(), warmSource, 2L * WARM);
            var jsonSource = wire.sources().add(new WireSources.NewSource("bench-ninjs", "folder", null, ninjs.toString(), 1, null, "ninjs", "Bench", null, false));
            firstLook(poller);
            double jsonIngest = rate(n, () -> drain(poller, wire.sources(), jsonSource, n));
            var xmlSource = wire.sources().add(new WireSources.NewSource("bench-newsml", "folder", null, newsml.toString(), 1, null, "newsml-g2", "Bench", null, false));
            firstLook(poller);
            double xmlIngest = rate(n, () -> drain(poller, wire.sources(), xmlSource, n));
            int queued = wire.queue().list(WireQueue.Filter.none(), null, 1).items().size();
            System.out.printf("items: %,d ninjs and %,d NewsML-G2 (schema validation %s)%n", n, n, schemas == null ? "off" : "on");
            System.out.printf("ninjs      drop->queue %,8.0f items/s | Jackson parse only %,9.0f items/s | ratio %.2f%n", jsonIngest, jsonParse, jsonIngest / jsonParse);
            System.out.printf("NewsML-G2  drop->queue %,8.0f items/s | StAX parse only    %,9.0f items/s | ratio %.2f%n", xmlIngest, xmlParse, xmlIngest / xmlParse);
            System.out.println("goal: >= 1,000 items/s and ratio >= 0.33" + (queued == 0 ? " (nothing queued: the run is void)" : ""));
        }
    }

    interface Work {
        void run() throws Exception;
    }

    private static double rate(int items, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return items / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The poller's first look at a folder only notes each file's size (a file is read once it stopped
     * changing between two looks): that look and the wait for the next are latency, not work, and are
     * left out of the rate.
     */
    private static void firstLook(WirePoller poller) throws InterruptedException {
        poller.tick();
        Thread.sleep(1100);
    }

    /** Polls the source until it has received {@code count} items. */
    private static void drain(WirePoller poller, WireSources sources, WireSources.Source source, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (sources.byId(source.id()).orElseThrow().received() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the folder was not drained in 10 minutes");
            }
            poller.tick();
            Thread.sleep(1000); // a source is due again after its interval (1 s)
        }
    }

    private static void parseJson(Path folder, String suffix) throws Exception {
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
                JSON.readTree(Files.readAllBytes(f));
            }
        }
    }

    private static void parseXml(Path folder, String suffix) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(suffix)).toList()) {
                XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(Files.readAllBytes(f)));
                while (r.hasNext()) {
                    r.next();
                }
                r.close();
            }
        }
    }

    private static String body(int i) {
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < 8; p++) {
            b.append("<p>Paragraph ").append(p).append(" of item ").append(i)
                    .append(": the council met on Tuesday and voted on the budget, the harbour and the new tram line.</p>");
        }
        return b.toString();
    }

    private static String ninjs(int i) {
        return """
                {"uri": "urn:bench:ninjs:%d", "version": "1", "type": "text", "language": "en", "versioncreated": "2026-11-30T08:00:00Z",
                 "pubstatus": "usable", "urgency": 4, "headlines": [{"role": "main", "value": "Council votes on budget, item %d"}],
                 "subjects": [{"name": "Politics", "uri": "http://cv.iptc.org/newscodes/mediatopic/11000000"}],
                 "bodies": [{"contenttype": "text/html", "value": "%s"}]}
                """.formatted(i, i, body(i));
    }

    private static String newsml(int i) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:bench:newsml:%d" version="1" standard="NewsML-G2" xml:lang="en">
                  <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-11-30T08:00:00Z</versionCreated><pubStatus qcode="stat:usable"/></itemMeta>
                  <contentMeta><urgency>4</urgency><language tag="en"/><subject qcode="medtop:11000000"><name>Politics</name></subject>
                    <slugline>COUNCIL-BUDGET</slugline><headline>Council votes on budget, item %d</headline></contentMeta>
                  <contentSet><inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>%s</body.content></body></nitf></inlineXML></contentSet>
                </newsItem>
                """.formatted(i, i, body(i));
    }
}
