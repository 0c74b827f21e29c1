package dateline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.TestSite;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Author;
import dateline.content.Section;
import dateline.platform.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelatedStoriesTest {
    @TempDir
    Path tempDir;

    TestSite site;
    Author ada;

    @BeforeEach
    void setUp() {
        site = TestSite.start(TestDatabase.SQLITE, tempDir);
        ada = site.givenAuthor("Ada Reporter");
    }

    @AfterEach
    void tearDown() {
        site.close();
    }

    private Article publish(String headline, String body, Section section, List<String> tags, List<String> picks) {
        ArticleDraft draft = new ArticleDraft(headline, "", "<p>" + body + "</p>", "", section.id(), List.of(ada.id()), tags, null, "en",
                "staff", null, picks);
        Article created = site.content.create(draft, "ada");
        site.clock.advance(Duration.ofMinutes(7));
        return site.content.publish(created.id(), created.version(), "editor");
    }

    private List<Article> readMore(Article article) {
        site.awaitViews();
        return site.app.parts().related().forArticle(site.app.articles().findById(article.id()).orElseThrow());
    }

    @Test
    void the_desks_picks_come_first_and_the_story_itself_and_unpublished_stories_never_appear() {
        Section world = site.givenSection("World");
        Article pick = publish("Harbour reopens after the storm", "The harbour reopened on Monday after storm repairs.", world, List.of("Storms"), List.of());
        Article withdrawn = publish("Storm damage counted", "The storm damaged the harbour and the sea wall.", world, List.of("Storms"), List.of());
        Article alike = publish("Storm batters the harbour wall", "The storm battered the harbour wall overnight.", world, List.of("Storms"), List.of());
        Article page = publish("Storm season begins at the harbour", "Storm season brings storm surges to the harbour.", world,
                List.of("Storms"), List.of(pick.id(), withdrawn.id()));
        site.content.unpublish(withdrawn.id(), withdrawn.version(), "editor");

        List<Article> more = readMore(page);

        assertThat(more).extracting(Article::id).first().isEqualTo(pick.id());
        assertThat(more).extracting(Article::id).contains(alike.id()).doesNotContain(page.id(), withdrawn.id()).doesNotHaveDuplicates();
    }

    @Test
    void near_duplicate_headlines_are_shown_once() {
        Section world = site.givenSection("World");
        Article a = publish("Flood waters rise in the river valley", "Flood waters rose in the valley as rain continued.", world, List.of("Floods"), List.of());
        publish("Flood waters rise in the river valley again", "Flood waters rose in the valley again as rain continued.", world, List.of("Floods"), List.of());
        publish("Flood waters rise in river valley", "Flood waters rose in the river valley as the rain continued.", world, List.of("Floods"), List.of());

        List<Article> more = readMore(a);

        assertThat(more).hasSizeLessThanOrEqualTo(1);
    }

    /**
     * The quality measure: a corpus of 240 stories in 20 topics whose vocabularies overlap (each topic
     * shares a third of its words with its neighbour, four topics share a section's words, all share a large
     * common vocabulary, and a topic's own words are only a tenth of a body); tags are noisy. At least
     * 80% of automatic picks must be of the page's topic.
     */
    @Test
    void at_least_80_percent_of_automatic_picks_share_the_topic_of_the_page() {
        Random random = new Random(20261126);
        Vocabulary words = new Vocabulary(random);
        List<String> general = words.take(300);
        List<Section> sections = new ArrayList<>();
        List<List<String>> sectionWords = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            sections.add(site.givenSection("Section " + (char) ('A' + s)));
            sectionWords.add(words.take(40));
        }
        List<List<String>> topicWords = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            topicWords.add(words.take(15));
        }
        for (int t = 0; t < 20; t++) { // neighbouring topics share a third of their words
            int next = (t + 1) % 20;
            topicWords.get(next).addAll(topicWords.get(t).subList(0, 5));
        }
        Map<String, Integer> topicOf = new HashMap<>();
        List<Article> corpus = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            int topic = i % 20;
            int section = topic / 4;
            List<String> tw = topicWords.get(topic);
            List<String> sw = sectionWords.get(section);
            String headline = String.join(" ", pick(random, tw, 2)) + " " + String.join(" ", pick(random, sw, 1)) + " "
                    + String.join(" ", pick(random, general, 3));
            StringBuilder body = new StringBuilder();
            for (int w = 0; w < 90; w++) {
                double r = random.nextDouble();
                List<String> pool = r < 0.10 ? tw : r < 0.40 ? sw : general;
                body.append(pool.get(random.nextInt(pool.size()))).append(w % 12 == 11 ? ". " : " ");
            }
            List<String> tags = new ArrayList<>(List.of("Desk " + (char) ('A' + section)));
            if (random.nextDouble() < 0.4) {
                tags.add("Topic " + topic);
            }
            if (random.nextDouble() < 0.3) {
                tags.add("Analysis");
            }
            Article article = publish(capitalize(headline), body.toString(), sections.get(section), tags, List.of());
            topicOf.put(article.id(), topic);
            corpus.add(article);
        }
        site.awaitViews();

        int picks = 0;
        int sameTopic = 0;
        RelatedStories related = site.app.parts().related();
        for (Article article : corpus) {
            Article stored = site.app.articles().findById(article.id()).orElseThrow();
            for (Article more : related.forArticle(stored)) {
                picks++;
                if (topicOf.get(more.id()).equals(topicOf.get(article.id()))) {
                    sameTopic++;
                }
            }
        }
        double precision = sameTopic / (double) picks;
        System.out.printf("Read more quality: %d of %d automatic picks (%.1f%%) share the page's topic, over %d stories%n",
                sameTopic, picks, 100 * precision, corpus.size());

        assertThat(picks).isGreaterThanOrEqualTo(corpus.size() * 4);
        assertThat(precision).isGreaterThanOrEqualTo(0.80);
    }

    private static List<String> pick(Random random, List<String> pool, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pool.get(random.nextInt(pool.size())));
        }
        return out;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Pronounceable made-up words, all different, so topics differ only where the test says. */
    static final class Vocabulary {
        private static final String[] ONSETS = {"b", "br", "c", "d", "dr", "f", "g", "gr", "k", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v", "z"};
        private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou"};
        private static final String[] CODAS = {"", "n", "r", "l", "m", "x", "nd", "rt"};
        private final Random random;
        private final java.util.Set<String> used = new java.util.HashSet<>();

        Vocabulary(Random random) {
            this.random = random;
        }

        List<String> take(int n) {
            List<String> out = new ArrayList<>();
            while (out.size() < n) {
                String word = syllable() + syllable() + (random.nextBoolean() ? syllable() : "");
                if (used.add(word)) {
                    out.add(word);
                }
            }
            return out;
        }

        private String syllable() {
            return ONSETS[random.nextInt(ONSETS.length)] + VOWELS[random.nextInt(VOWELS.length)] + CODAS[random.nextInt(CODAS.length)];
        }
    }
}
