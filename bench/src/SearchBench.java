import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dateline.Dateline;
import dateline.content.SiteArchive;
import dateline.platform.Config;
import dateline.search.SearchQuery;
import dateline.search.SearchResults;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Search benchmark: loads N generated stories through the site import (one transaction), times a full
 * index build from SQL, then times queries (1–3 words, some with typos, filters or newest-first) through
 * the same Searcher the search page uses, highlighting included. Prints p50/p95/p99.
 */
public class SearchBench {
    public static void main(String[] args) throws Exception {
        int stories = Integer.parseInt(args[1]);
        int queries = Integer.parseInt(args[2]);
        Path data = Path.of(args[0]);
        Random random = new Random(42);
        String[] words = vocabulary(random, 6000);
        String[] sections = {"s000000000000001", "s000000000000002", "s000000000000003", "s000000000000004", "s000000000000005"};

        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode().put("format", "dateline-site").put("version", 1);
        ObjectNode tables = doc.putObject("tables");
        ArrayNode sectionRows = tables.putArray("sections");
        for (int i = 0; i < sections.length; i++) {
            sectionRows.addObject().put("id", sections[i]).put("slug", "section-" + i).put("name", "Section " + i).put("description", "").put("position", i);
        }
        ArrayNode articles = tables.putArray("articles");
        long start = LocalDate.of(2020, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long span = LocalDate.of(2026, 11, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - start;
        for (int i = 0; i < stories; i++) {
            String id = String.format("a%015d", i);
            StringBuilder body = new StringBuilder("<p>");
            int topic = random.nextInt(200);
            for (int w = 0; w < 140; w++) {
                // Zipf-ish: a few words are everywhere, a topic's words cluster, the tail is long.
                int index = random.nextDouble() < 0.3 ? topic * 25 + random.nextInt(25) : (int) Math.min(words.length - 1, Math.abs(random.nextGaussian()) * 1500);
                body.append(words[index]).append(w % 14 == 13 ? ".</p><p>" : " ");
            }
            body.append("</p>");
            long published = start + (long) (random.nextDouble() * span);
            String headline = words[topic * 25 + random.nextInt(25)] + " " + words[random.nextInt(3000)] + " " + words[topic * 25 + random.nextInt(25)];
            articles.addObject().put("id", id).put("slug", "story-" + i).put("headline", headline).put("standfirst", "")
                    .put("body_html", body.toString()).put("dateline_place", "").put("section_id", sections[i % sections.length])
                    .putNull("lead_image_id").put("language", "en").put("source", "staff").put("status", "published").put("version", 1)
                    .put("created_at", published).put("modified_at", published).put("first_published_at", published)
                    .putNull("updated_at").putNull("scheduled_at");
        }
        byte[] archive = json.writeValueAsBytes(doc);
        doc = null;
        articles = null;

        Config config = Config.fromEnv(Map.of("DATELINE_PORT", "0", "DATELINE_DATA", data.toString(), "DATELINE_DEMO", "false"));
        try (Dateline app = Dateline.create(config, Clock.systemUTC())) {
            long t0 = System.nanoTime();
            app.importSite(SiteArchive.parse(new ByteArrayInputStream(archive)));
            long t1 = System.nanoTime();
            app.parts().search().rebuild();
            long t2 = System.nanoTime();
            System.out.printf("stories: %d%nimport into SQLite: %.1f s%nindex build from SQL: %.1f s (%d documents)%n",
                    stories, (t1 - t0) / 1e9, (t2 - t1) / 1e9, app.parts().search().size());

            List<SearchQuery> mix = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                int n = 1 + random.nextInt(3);
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < n; w++) {
                    String word = words[random.nextDouble() < 0.6 ? random.nextInt(5000) : random.nextInt(1500)];
                    if (random.nextDouble() < 0.15 && word.length() > 4) { // a typo: two letters swapped
                        char[] c = word.toCharArray();
                        char tmp = c[1]; c[1] = c[2]; c[2] = tmp;
                        word = new String(c);
                    }
                    text.append(word).append(' ');
                }
                String section = random.nextDouble() < 0.2 ? sections[random.nextInt(sections.length)] : null;
                LocalDate from = random.nextDouble() < 0.2 ? LocalDate.of(2020 + random.nextInt(6), 1 + random.nextInt(12), 1) : null;
                mix.add(new SearchQuery(text.toString().trim(), section, from, from == null ? null : from.plusMonths(6), random.nextDouble() < 0.2, 1));
            }
            for (SearchQuery q : mix.subList(0, Math.min(500, mix.size()))) { // warm-up
                app.parts().searcher().search(q, ZoneOffset.UTC);
            }
            long[] times = new long[mix.size()];
            long hits = 0;
            for (int i = 0; i < mix.size(); i++) {
                long s = System.nanoTime();
                SearchResults r = app.parts().searcher().search(mix.get(i), ZoneOffset.UTC);
                times[i] = System.nanoTime() - s;
                hits += r.total();
            }
            Arrays.sort(times);
            System.out.printf("queries: %d (mean %.0f matches each)%np50: %.2f ms%np95: %.2f ms%np99: %.2f ms%n", times.length,
                    hits / (double) times.length, times[times.length / 2] / 1e6, times[(int) (times.length * 0.95)] / 1e6,
                    times[(int) (times.length * 0.99)] / 1e6);
        }
    }

    static String[] vocabulary(Random random, int n) {
        String[] onsets = {"b", "br", "c", "d", "dr", "f", "g", "gr", "k", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v", "z"};
        String[] vowels = {"a", "e", "i", "o", "u", "ai", "ou"};
        String[] codas = {"", "n", "r", "l", "m", "x", "nd", "rt"};
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        while (out.size() < n) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + random.nextInt(2);
            for (int s = 0; s < syllables; s++) {
                w.append(onsets[random.nextInt(onsets.length)]).append(vowels[random.nextInt(vowels.length)]).append(codas[random.nextInt(codas.length)]);
            }
            out.add(w.toString());
        }
        return out.toArray(String[]::new);
    }
}
