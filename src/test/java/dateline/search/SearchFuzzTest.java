package dateline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.SiteTestCase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import dateline.platform.TestDatabase;

/**
 * Whatever a reader (or a scanner) types into search, the page answers without a server error: long
 * words, many unknown words (each a typo-tolerant query), Lucene syntax, control characters and
 * every script, generated from a fixed seed so that a failure can be replayed.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SearchFuzzTest extends SiteTestCase {
    private static final String[] PIECES = {"rates", "ratse", "r", "*", "?", "~2", "\"", "(", ")", "[", "]", "{", "}", "AND", "OR", "NOT", "-", "+",
            ":", "\\", "/", "^", "\u0000", "\u0007", "\uFFFF", "\uD800", "العربية", "中文新闻", "Ελληνικά", "émigré", "🙂", "%00", "&", "<script>",
            "a".repeat(300), "longwordthatisnotinanyindexanywhere", "\t", "\n", " "};

    @Test
    void no_query_string_produces_a_server_error() {
        site.givenPublished("Rates held steady as markets wait", world);
        site.givenPublished("Storm season begins early on the coast", world);
        site.awaitViews();
        Random random = new Random(20261129);
        List<String> queries = new ArrayList<>(List.of("a".repeat(7000), "x ".repeat(2000),
                String.join(" ", java.util.Collections.nCopies(40, "unknownword")), "ratse stomr seasno markest coasst walt"));
        for (int i = 0; i < 300; i++) {
            StringBuilder q = new StringBuilder();
            int parts = 1 + random.nextInt(14);
            for (int p = 0; p < parts; p++) {
                q.append(PIECES[random.nextInt(PIECES.length)]);
                if (random.nextBoolean()) {
                    q.append(' ');
                }
            }
            queries.add(q.toString());
        }

        for (String q : queries) {
            int status = site.get("/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).statusCode();
            assertThat(status).as("search for %s", q.length() > 80 ? q.substring(0, 80) + "…" : q).isIn(200, 400, 414, 431);
        }
        assertThat(site.get("/search?q=ratse").body()).contains("Rates held steady");
    }
}
