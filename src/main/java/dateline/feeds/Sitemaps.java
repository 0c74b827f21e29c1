package dateline.feeds;

import java.util.Locale;
import dateline.content.StaticPage;
import dateline.content.Urls;
import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.ArticleRepository.SitemapEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * robots.txt, the sitemap index, one sitemap per month of first publication (split so that no file
 * holds more than 50,000 addresses), and the Google News sitemap (the last 48 hours, at most 1,000).
 */
public final class Sitemaps {
    static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";
    public static final int MAX_URLS = 50_000;
    public static final int MAX_NEWS = 1_000;
    static final Duration NEWS_WINDOW = Duration.ofHours(48);

    /** One sitemap file in the index: a month, and which 50,000-address part of it. */
    public record Part(YearMonth month, int part, Instant lastModified) {
        public String path() {
            return "/sitemaps/" + month + (part == 1 ? "" : "-" + part) + ".xml";
        }
    }

    private final ArticleRepository articles;
    private final String siteName;
    private final String siteUrl;
    private final ZoneId zone;
    private final Clock clock;
    private final java.util.function.Function<Article, String> articlePath;
    private final int maxUrls;

    public Sitemaps(ArticleRepository articles, String siteName, String siteUrl, ZoneId zone, Clock clock,
                    java.util.function.Function<Article, String> articlePath) {
        this(articles, siteName, siteUrl, zone, clock, articlePath, MAX_URLS);
    }

    /** @param maxUrls addresses per sitemap file (50,000 by the protocol; smaller in tests) */
    public Sitemaps(ArticleRepository articles, String siteName, String siteUrl, ZoneId zone, Clock clock,
                    java.util.function.Function<Article, String> articlePath, int maxUrls) {
        this.maxUrls = maxUrls;
        this.articles = articles;
        this.siteName = siteName;
        this.siteUrl = siteUrl;
        this.zone = zone;
        this.clock = clock;
        this.articlePath = articlePath;
    }

    private java.util.function.Supplier<List<StaticPage>> pages = List::of;

    /** The published static pages, listed in their own sitemap ({@value #PAGES_PATH}). */
    public Sitemaps withPages(java.util.function.Supplier<List<StaticPage>> published) {
        this.pages = published;
        return this;
    }

    public static final String PAGES_PATH = "/sitemaps/pages.xml";

    /** The sitemap of the static pages, or null when none is published. */
    public byte[] pages() {
        List<StaticPage> published = pages.get();
        if (published.isEmpty()) {
            return null;
        }
        return urlset(published.stream().map(p -> new Url(p.path(), p.updatedAt())).toList());
    }

    /** One address of a sitemap: its path on the site and when it last changed. */
    private record Url(String path, Instant lastModified) {}

    private byte[] urlset(List<Url> urls) {
        return FeedWriter.xml(w -> {
            w.setDefaultNamespace(SITEMAP_NS);
            w.writeStartElement(SITEMAP_NS, "urlset");
            w.writeDefaultNamespace(SITEMAP_NS);
            for (Url url : urls) {
                w.writeStartElement(SITEMAP_NS, "url");
                FeedWriter.element(w, "loc", siteUrl + url.path());
                FeedWriter.element(w, "lastmod", FeedWriter.iso(url.lastModified()));
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    public byte[] robots() {
        return ("User-agent: *\nDisallow: /desk/\nDisallow: /search\nDisallow: /v/\n\n"
                + "Sitemap: " + siteUrl + "/sitemap.xml\nSitemap: " + siteUrl + "/news-sitemap.xml\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The parts of the index, oldest month first. */
    public List<Part> parts() {
        Map<YearMonth, long[]> months = new TreeMap<>(); // count, newest change
        for (Instant[] times : articles.publicationTimes()) {
            long[] m = months.computeIfAbsent(YearMonth.from(times[0].atZone(zone)), k -> new long[2]);
            m[0]++;
            m[1] = Math.max(m[1], times[1].toEpochMilli());
        }
        List<Part> parts = new java.util.ArrayList<>();
        months.forEach((month, m) -> {
            int count = (int) ((m[0] + maxUrls - 1) / maxUrls);
            for (int p = 1; p <= count; p++) {
                parts.add(new Part(month, p, Instant.ofEpochMilli(m[1])));
            }
        });
        return parts;
    }

    public byte[] index() {
        List<Part> parts = parts();
        return FeedWriter.xml(w -> {
            w.setDefaultNamespace(SITEMAP_NS);
            w.writeStartElement(SITEMAP_NS, "sitemapindex");
            w.writeDefaultNamespace(SITEMAP_NS);
            for (Part part : parts) {
                w.writeStartElement(SITEMAP_NS, "sitemap");
                FeedWriter.element(w, "loc", siteUrl + part.path());
                FeedWriter.element(w, "lastmod", FeedWriter.iso(part.lastModified()));
                w.writeEndElement();
            }
            List<StaticPage> published = pages.get();
            if (!published.isEmpty()) {
                w.writeStartElement(SITEMAP_NS, "sitemap");
                FeedWriter.element(w, "loc", siteUrl + PAGES_PATH);
                FeedWriter.element(w, "lastmod", FeedWriter.iso(published.stream().map(StaticPage::updatedAt).max(Instant::compareTo).orElseThrow()));
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    /** The sitemap of one month's stories, or null when there is no such part. */
    public byte[] month(YearMonth month, int part) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<SitemapEntry> entries = articles.sitemapEntries(from, to);
        int start = (part - 1) * maxUrls;
        if (part < 1 || start >= entries.size()) {
            return null;
        }
        List<SitemapEntry> slice = entries.subList(start, Math.min(entries.size(), start + maxUrls));
        return urlset(slice.stream().map(e -> new Url(Urls.article(e.firstPublishedAt(), e.slug(), zone), e.lastModified())).toList());
    }

    /** Google News: stories first published in the last 48 hours, newest first, at most 1,000. */
    public byte[] news() {
        List<Article> recent = articles.publishedSince(clock.instant().minus(NEWS_WINDOW), MAX_NEWS);
        return FeedWriter.xml(w -> {
            w.setDefaultNamespace(SITEMAP_NS);
            w.writeStartElement(SITEMAP_NS, "urlset");
            w.writeDefaultNamespace(SITEMAP_NS);
            w.writeNamespace("news", NEWS_NS);
            for (Article a : recent) {
                w.writeStartElement(SITEMAP_NS, "url");
                FeedWriter.element(w, "loc", siteUrl + articlePath.apply(a));
                w.writeStartElement(NEWS_NS, "news");
                w.writeStartElement(NEWS_NS, "publication");
                w.writeStartElement(NEWS_NS, "name");
                w.writeCharacters(siteName);
                w.writeEndElement();
                w.writeStartElement(NEWS_NS, "language");
                w.writeCharacters(a.language().split("-")[0].toLowerCase(Locale.ROOT));
                w.writeEndElement();
                w.writeEndElement();
                w.writeStartElement(NEWS_NS, "publication_date");
                w.writeCharacters(FeedWriter.iso(a.firstPublishedAt()));
                w.writeEndElement();
                w.writeStartElement(NEWS_NS, "title");
                w.writeCharacters(a.headline());
                w.writeEndElement();
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
        });
    }

    public static YearMonth parseMonth(String text) {
        try {
            return YearMonth.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
