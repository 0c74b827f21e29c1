package dateline.site;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.content.Article;
import dateline.content.Author;
import dateline.content.Correction;
import dateline.content.Section;
import dateline.content.SiteSettings;
import dateline.content.Status;
import dateline.content.Tag;
import dateline.platform.StaticAssets;
import dateline.platform.Templates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The article template rendered from a page record built in memory, compared as exact HTML: what a
 * reader sees of the story's head and its end, escaping included.
 */
class ArticleTemplateTest {
    static final Templates TEMPLATES = Templates.forMode(false);
    static final StaticAssets ASSETS = new StaticAssets();
    static final Instant PUBLISHED = Instant.parse("2026-03-02T09:00:00Z");
    static final Section WORLD = new Section("s1", "world", "World & Europe", "", 0);

    private static Article givenArticle(String headline, String standfirst, List<Author> authors, String source, Instant updatedAt,
                                        List<Correction> corrections, List<Tag> tags, String language) {
        return new Article("a1", "a-story", headline, standfirst, "<p>Body.</p>", "Paris", WORLD, authors, tags, null, language, source,
                Status.PUBLISHED, 3, PUBLISHED, PUBLISHED, PUBLISHED, updatedAt, null, corrections, List.of());
    }

    private static String render(Article article, SiteSettings settings) {
        Chrome chrome = new Chrome("The Daily <Test>", "https://news.example.org", List.of(WORLD), ASSETS, settings,
                ZoneId.of("Europe/Paris"), "/2026/03/02/a-story", null);
        return new String(TEMPLATES.render("site/article.jte", new ArticlePage(chrome, article, List.of(), List.of())), StandardCharsets.UTF_8);
    }

    private static String between(String html, String from, String to) {
        int start = html.indexOf(from);
        assertThat(start).as("'%s' in the page", from).isNotNegative();
        return html.substring(start, html.indexOf(to, start) + to.length());
    }

    @Test
    void the_story_head_escapes_text_and_shows_bylines_source_and_both_times() {
        Article article = givenArticle("Tom & Jerry <script>alert(1)</script>", "\"Quoted\" standfirst", List.of(
                new Author("u1", "ada-reporter", "Ada <Reporter>", "", ""), new Author("u2", "bo", "Bo", "", ""),
                new Author("u3", "cy", "Cy", "", "")), "Agence \"X\"", PUBLISHED.plusSeconds(3600), List.of(), List.of(), "en");

        String head = between(render(article, SiteSettings.NONE), "<header class=\"story-head\">", "</header>");

        assertThat(head).isEqualTo("""
                <header class="story-head">
                    <p class="kicker"><a href="/world">World &amp; Europe</a></p>
                    <h1 class="story-headline">Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;</h1>
                    <p class="standfirst">"Quoted" standfirst</p>
                    <div class="story-meta">
                     \s
                      <p class="byline">By <a rel="author" href="/author/ada-reporter">Ada &lt;Reporter&gt;</a>, <a rel="author" href="/author/bo">Bo</a> and <a rel="author" href="/author/cy">Cy</a></p>
                     \s
                      <p class="source">Source: Agence "X"</p>
                      <p class="times">
                        <span>Published <time datetime="2026-03-02T10:00:00+01:00">2 March 2026, 10:00 CET</time></span>
                        <span>Updated <time datetime="2026-03-02T11:00:00+01:00">2 March 2026, 11:00 CET</time></span>
                      </p>
                    </div>
                    <div class="story-tools">
                      <a class="read-mode-link" href="/2026/03/02/a-story/read">Read mode</a>
                      <button type="button" class="read-mode-toggle" aria-pressed="false" hidden>Read mode</button>
                      <div class="font-size" role="group" aria-label="Text size" hidden>
                        <button type="button" data-font-step="-10" aria-label="Smaller text">A&minus;</button>
                        <output class="font-size-value" aria-live="polite">100%</output>
                        <button type="button" data-font-step="10" aria-label="Larger text">A+</button>
                        <button type="button" data-font-reset>Reset</button>
                      </div>
                    </div>
                  </header>""");
    }

    @Test
    void a_staff_story_never_updated_shows_neither_source_nor_updated_time_and_its_frame_says_its_language() {
        Article article = givenArticle("Un titre", "", List.of(), "staff", null, List.of(), List.of(), "fr");

        String head = between(render(article, SiteSettings.NONE), "<header class=\"story-head\">", "</header>");

        assertThat(head).doesNotContain("Updated", "Source:", "byline", "standfirst");
        assertThat(head).contains("<p class=\"kicker\" lang=\"en\">", "<div class=\"story-meta\" lang=\"en\">");
    }

    @Test
    void corrections_tags_and_the_follow_line_end_the_story() {
        Article article = givenArticle("Headline", "", List.of(), "staff", null,
                List.of(new Correction("c1", "An earlier version misspelt <b>Jerry</b>.", PUBLISHED.plusSeconds(60))),
                List.of(new Tag("t1", "trade", "Trade & Ports")), "en");

        String end = between(render(article, new SiteSettings("https://news.google.com/x?a=1&b=2", "")),
                "<aside class=\"corrections\"", "</article>");

        assertThat(end).isEqualTo("""
                <aside class="corrections" aria-labelledby="corrections-heading">
                    <h2 id="corrections-heading">Corrections</h2>
                    <ul>
                     \s
                      <li><time datetime="2026-03-02T10:01:00+01:00">2 March 2026, 10:01 CET</time>: An earlier version misspelt &lt;b&gt;Jerry&lt;/b&gt;.</li>
                     \s
                    </ul>
                  </aside>
                 \s
                 \s
                  <nav class="story-tags" aria-label="Topics">
                    <ul>
                      <li><a href="/tag/trade">Trade &amp; Ports</a></li>
                     \s
                    </ul>
                  </nav>
                 \s
                 \s
                  <p class="follow-line">Follow The Daily &lt;Test&gt; on
                    <a href="https://news.google.com/x?a=1&amp;b=2">Google News</a>
                   \s
                   \s
                  </p>
                 \s
                </article>""");
    }
}
