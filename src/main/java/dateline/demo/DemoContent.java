package dateline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Author;
import dateline.content.ContentService;
import dateline.content.Image;
import dateline.content.ImageUpload;
import dateline.content.Section;
import dateline.content.SiteSettings;
import dateline.platform.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo site (sections, authors and about thirty stories written for Dateline) through the
 * content service, backdating each story so the site looks like a working day's news.
 *
 * <p>The content service it is given must run on {@code clock}, which this class moves back and
 * forth in time as it publishes.
 */
public final class DemoContent {
    private static final Logger log = LoggerFactory.getLogger(DemoContent.class);
    private static final String ACTOR = "demo";

    private final ContentService content;
    private final MutableClock clock;

    public DemoContent(ContentService content, MutableClock clock) {
        this.content = content;
        this.clock = clock;
    }

    /** A published demo story: its id and when it went up. */
    public record Published(String id, Instant at) {}

    /**
     * Loads everything, as of {@code now}: the published stories (returned), then a draft, a story in
     * review and a scheduled one, so every list of the desk home has something in it.
     */
    public List<Published> load(Instant now) {
        List<Published> published = new ArrayList<>();
        JsonNode demo = read();
        clock.set(now.minus(Duration.ofDays(30)));
        content.saveSettings(new SiteSettings(demo.path("settings").path("googleNewsUrl").asText(""), demo.path("settings").path("appUrl").asText("")));
        Map<String, Section> sections = new HashMap<>();
        int position = 0;
        for (JsonNode s : demo.path("sections")) {
            sections.put(s.path("slug").asText(),
                    content.createSection(s.path("name").asText(), s.path("slug").asText(), s.path("description").asText(), position++));
        }
        List<Author> authors = new ArrayList<>();
        for (JsonNode a : demo.path("authors")) {
            authors.add(content.createAuthor(a.path("name").asText(), a.path("jobTitle").asText(), a.path("bio").asText()));
        }
        int count = 0;
        for (JsonNode a : demo.path("articles")) {
            Instant at = now.minus(Duration.ofHours(a.path("hoursAgo").asLong()));
            clock.set(at.minus(Duration.ofMinutes(40)));
            JsonNode img = a.path("image");
            Image image = content.addImage(ImageUpload.check(DemoImages.landscape(img.path("seed").asLong())), img.path("alt").asText(),
                    img.path("caption").asText(), img.path("credit").asText());
            List<String> authorIds = new ArrayList<>();
            a.path("authors").forEach(i -> authorIds.add(authors.get(i.asInt()).id()));
            List<String> tags = new ArrayList<>();
            a.path("tags").forEach(t -> tags.add(t.asText()));
            ArticleDraft draft = new ArticleDraft(a.path("headline").asText(), a.path("standfirst").asText(), bodyHtml(a.path("body")),
                    a.path("dateline").asText(), sections.get(a.path("section").asText()).id(), authorIds, tags, image.id(),
                    a.path("language").asText("en"), a.path("source").asText("staff"), a.path("slug").asText(null));
            Article article = content.create(draft, ACTOR);
            clock.set(at);
            article = content.publish(article.id(), article.version(), ACTOR);
            published.add(new Published(article.id(), at));
            if (a.has("update")) {
                clock.set(at.plus(Duration.ofMinutes(a.path("update").path("hoursAfter").asLong() * 60)));
                String body = article.bodyHtml() + "<p>" + escape(a.path("update").path("paragraph").asText()) + "</p>";
                article = content.edit(article.id(), article.version(), ArticleDraft.of(article).withBodyHtml(body), ACTOR);
            }
            if (a.has("correction")) {
                clock.set(at.plus(Duration.ofMinutes(a.path("correction").path("hoursAfter").asLong() * 60 + 5)));
                content.correct(article.id(), article.version(), a.path("correction").path("note").asText(), ACTOR);
            }
            count++;
        }
        for (JsonNode a : demo.path("desk")) {
            clock.set(now.minus(Duration.ofMinutes(30)));
            List<String> authorIds = new ArrayList<>();
            a.path("authors").forEach(i -> authorIds.add(authors.get(i.asInt()).id()));
            List<String> tags = new ArrayList<>();
            a.path("tags").forEach(t -> tags.add(t.asText()));
            Article story = content.create(new ArticleDraft(a.path("headline").asText(), a.path("standfirst").asText(), bodyHtml(a.path("body")),
                    a.path("dateline").asText(), sections.get(a.path("section").asText()).id(), authorIds, tags, null, "en", "staff", null), ACTOR);
            switch (a.path("status").asText()) {
                case "review" -> content.submitForReview(story.id(), story.version(), ACTOR);
                case "scheduled" -> content.schedule(story.id(), story.version(), now.plus(Duration.ofHours(a.path("hoursAhead").asLong(3))), ACTOR);
                default -> { }
            }
        }
        clock.set(now);
        log.info("demo content loaded sections={} authors={} articles={} unpublished={}", sections.size(), authors.size(), count, demo.path("desk").size());
        return published;
    }

    private static String bodyHtml(JsonNode paragraphs) {
        StringBuilder html = new StringBuilder();
        for (JsonNode p : paragraphs) {
            String text = p.asText();
            if (text.startsWith("h2:")) {
                html.append("<h2>").append(escape(text.substring(3))).append("</h2>\n");
            } else if (text.startsWith("quote:")) {
                html.append("<blockquote><p>").append(escape(text.substring(6))).append("</p></blockquote>\n");
            } else {
                html.append("<p>").append(escape(text)).append("</p>\n");
            }
        }
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static JsonNode read() {
        try (InputStream in = DemoContent.class.getResourceAsStream("/demo/content.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
