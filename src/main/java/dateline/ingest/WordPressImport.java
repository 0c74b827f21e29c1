package dateline.ingest;

import dateline.content.ArticleDraft;
import dateline.content.ContentService;
import dateline.content.Image;
import dateline.content.ImportedStory;
import dateline.content.LegacyPaths;
import dateline.content.Section;
import dateline.content.Slugs;
import dateline.content.Status;
import dateline.content.TaxonomyRepository;
import dateline.ingest.WireFormat.Refused;
import dateline.platform.ValidationFailed;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jsoup.Jsoup;

/**
 * Imports a WordPress export (WXR 1.0, 1.1, 1.2), streaming: memory stays flat however large the file.
 * The file is read twice: first whole, to refuse one that is not well-formed or not WXR before anything
 * is written (with the line and column of the problem); then item by item, each story in its own
 * transaction through the content service, with a report of what came over and what did not.
 *
 * <p>Posts become stories keeping their state and times; categories sections; tags tags; authors
 * authors; the excerpt the standfirst. Every post's old addresses (its link, {@code ?p=ID}, its
 * {@code /yyyy/mm/dd/slug/} form) and category and tag archives answer 301. Identity is the site's
 * address and the post id, so the same export again changes nothing, and a later one updates only
 * stories nobody changed in Dateline since.
 */
public final class WordPressImport {
    private static final DateTimeFormatter WP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String ACTOR = "wordpress import";

    private final ContentService content;
    private final TaxonomyRepository taxonomy;

    public WordPressImport(ContentService content, TaxonomyRepository taxonomy) {
        this.content = content;
        this.taxonomy = taxonomy;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // text comes in pieces (CDATA too), so one enormous element is refused when it passes the limit instead of filling memory
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty("jdk.xml.cdataChunkSize", 1 << 16);
        return f;
    }

    /** Reads the whole file once: refused (nothing written) when it is not well-formed or not a WordPress export. */
    static String check(Path file) throws Refused, IOException {
        return check(file, new LinkedHashMap<>());
    }

    /** An attachment of the export: where its file is, and what it shows. */
    record Attachment(String id, String url, String file, String alt, String caption, String title) {}

    /** The same, gathering the export's attachments (they may come after the posts that lead with them). */
    static String check(Path file, Map<String, Attachment> attachments) throws Refused, IOException {
        String version = null;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory().createXMLStreamReader(in);
            int depth = 0;
            boolean rss = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new Refused("the file declares a DOCTYPE (line " + r.getLocation().getLineNumber() + "): refused, as entities could read files or expand without end");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 1) {
                        rss = r.getLocalName().equals("rss");
                    }
                    if (r.getLocalName().equals("wxr_version") && depth == 3) {
                        version = text(r).strip();
                        depth--;
                    } else if (r.getLocalName().equals("item") && depth == 3) {
                        Item item = readItem(r, ATTACHMENT_FIELDS);
                        depth--;
                        if (item.get("post_type").strip().equals("attachment")) {
                            String id = item.get("post_id").strip();
                            attachments.put(id, new Attachment(id, item.get("attachment_url").strip(), item.meta().getOrDefault("_wp_attached_file", ""),
                                    item.meta().getOrDefault("_wp_attachment_image_alt", ""), WireText.plain(item.get("excerpt:encoded")),
                                    WireText.plain(item.get("title"))));
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            if (!rss) {
                throw new Refused("the file is not a WordPress export: its root element is not <rss>");
            }
        } catch (TooLarge e) {
            throw new Refused(e.getMessage());
        } catch (XMLStreamException e) {
            var at = e.getLocation();
            String message = e.getMessage() == null ? "" : e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
            throw new Refused(at == null ? "the file is not well-formed XML: " + message
                    : "the file is not well-formed XML at line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": " + message);
        }
        if (version == null) {
            throw new Refused("the file is not a WordPress export (WXR): it has no <wp:wxr_version> in its channel");
        }
        return version;
    }

    /** Imports the file (or, with {@code dryRun}, reads it and reports what an import would do, writing nothing). */
    public ImportReport run(Path file, boolean dryRun) throws Refused, IOException {
        return run(file, dryRun, done -> { });
    }

    /** The same, telling {@code progress} how much of the file has been imported (0 to 1) as it goes. */
    public ImportReport run(Path file, boolean dryRun, java.util.function.DoubleConsumer progress) throws Refused, IOException {
        return run(file, null, dryRun, progress);
    }

    /**
     * The same, taking image files from {@code media} (a copy of {@code wp-content/uploads}) when given,
     * else from the attachment's address when it answers, else listing the image as missing.
     */
    public ImportReport run(Path file, Path media, boolean dryRun, java.util.function.DoubleConsumer progress) throws Refused, IOException {
        ImportReport report = new ImportReport("WordPress export", dryRun);
        Channel channel = new Channel();
        report.version("WXR " + check(file, channel.attachments));
        long size = Math.max(1, Files.size(file));
        try (InputStream in = new ProgressInput(Files.newInputStream(file), read -> progress.accept(Math.min(1.0, (double) read / size)))) {
            XMLStreamReader r = factory().createXMLStreamReader(in);
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "link" -> {
                        if (channel.link.isEmpty() && channel.items == 0) {
                            channel.link = text(r).strip();
                        }
                    }
                    case "language" -> channel.language = text(r).strip();
                    case "base_site_url" -> channel.baseSite = text(r).strip();
                    case "base_blog_url" -> channel.baseBlog = text(r).strip();
                    case "author" -> author(fields(r, "author"), channel, report, dryRun);
                    case "category" -> category(fields(r, "category"), channel, report, dryRun);
                    case "tag" -> tag(fields(r, "tag"), channel);
                    case "term" -> skipElement(r); // other taxonomies (nav menus, formats)
                    case "item" -> {
                        channel.items++;
                        if (channel.items == 1) {
                            report.site(channel.site());
                            channel.media = new ImportMedia(content, report, media, dryRun, channel.site() + "#attachment-");
                            sectionsReady(channel, report, dryRun);
                        }
                        item(readItem(r), channel, report, dryRun);
                    }
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            throw new Refused("the file could not be read at line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNumber()) + ": " + e.getMessage());
        }
        if (channel.items == 0) {
            report.site(channel.site());
            sectionsReady(channel, report, dryRun);
        }
        report.flush(content, ACTOR);
        tagArchives(channel, report, dryRun);
        return report;
    }

    /** What the channel says of the site, and what was made of its authors, categories and tags so far. */
    private static final class Channel {
        String link = "";
        String baseSite = "";
        String baseBlog = "";
        String language = "";
        int items;
        final Map<String, String> authorIds = new LinkedHashMap<>();        // login → Dateline author id
        final Map<String, String[]> categories = new LinkedHashMap<>();    // nicename → {name, parent}
        final Map<String, String> sectionIds = new LinkedHashMap<>();      // nicename → section id
        final Map<String, String> tagNames = new LinkedHashMap<>();        // slug → name
        boolean sectionsMade;
        final Map<String, Attachment> attachments = new LinkedHashMap<>();
        final java.util.Set<String> missing = new java.util.HashSet<>();                // attachments named but not in the export
        Map<String, String> attachmentsByFile;
        java.util.Set<String> importedImages;                                  // origins of this site's images imported before                                  // an upload's path without size suffix → attachment id
        ImportMedia media;
        final java.util.Set<String> seen = new java.util.HashSet<>();                 // categories already made or counted

        private String site;
        private String basePath;

        /** The old site's address, without a trailing slash (exports of one site differ in it); known once the first item comes. */
        String site() {
            if (site == null || items == 0) {
                site = (!baseBlog.isEmpty() ? baseBlog : !link.isEmpty() ? link : baseSite).replaceFirst("/+$", "");
            }
            return site;
        }

        /** The path the old site lived under ("" at a domain's root, "/news" under a folder). */
        String basePath() {
            if (basePath == null || items == 0) {
                basePath = path();
            }
            return basePath;
        }

        private String path() {
            try {
                String path = URI.create(site().strip()).getPath();
                return path == null ? "" : path.replaceFirst("/+$", "");
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
    }

    private void author(Map<String, String> f, Channel channel, ImportReport report, boolean dryRun) {
        String login = f.getOrDefault("author_login", "");
        String name = f.getOrDefault("author_display_name", "").isBlank() ? login : f.get("author_display_name").strip();
        if (name.isBlank()) {
            return;
        }
        String authorId = report.author(content, taxonomy, name, "", dryRun);
        if (authorId != null) {
            channel.authorIds.put(login, authorId);
        }
    }

    private static void category(Map<String, String> f, Channel channel, ImportReport report, boolean dryRun) {
        String nicename = decodeSlug(f.getOrDefault("category_nicename", ""));
        String name = f.getOrDefault("cat_name", nicename).strip();
        if (!nicename.isEmpty() && !name.isEmpty()) {
            channel.categories.put(nicename, new String[] {name, decodeSlug(f.getOrDefault("category_parent", ""))});
        }
    }

    private static void tag(Map<String, String> f, Channel channel) {
        String slug = decodeSlug(f.getOrDefault("tag_slug", ""));
        String name = f.getOrDefault("tag_name", slug).strip();
        if (!slug.isEmpty() && !name.isEmpty()) {
            channel.tagNames.put(slug, name);
        }
    }

    /** Categories become sections (a child its own section, its parent noted), their archives 301 to them. */
    private void sectionsReady(Channel channel, ImportReport report, boolean dryRun) {
        if (channel.sectionsMade) {
            return;
        }
        channel.sectionsMade = true;
        for (var e : channel.categories.entrySet()) {
            String nicename = e.getKey();
            if (channel.sectionIds.containsKey(nicename) || channel.seen.contains(nicename)) {
                continue;
            }
            channel.seen.add(nicename);
            String name = e.getValue()[0];
            String parent = e.getValue()[1];
            String slug = Slugs.isValid(nicename) ? nicename : Slugs.slugify(name);
            Optional<Section> existing = taxonomy.sectionBySlug(slug);
            String id;
            if (existing.isPresent()) {
                id = existing.get().id();
                report.count("sections", "unchanged");
            } else if (dryRun) {
                report.count("sections", "imported");
                continue;
            } else {
                try {
                    id = content.createSection(name, slug, "", taxonomy.sections().size()).id();
                } catch (ValidationFailed refused) {
                    try {
                        id = content.createSection(name, slug + "-section", "", taxonomy.sections().size()).id();
                        report.line("category \"" + name + "\": its address /" + slug + " is taken by the site itself, so the section is /" + slug + "-section");
                    } catch (ValidationFailed again) {
                        report.count("sections", "failed");
                        report.line("category \"" + name + "\": failed: " + again.getMessage());
                        continue;
                    }
                }
                report.count("sections", "imported");
                if (!parent.isEmpty()) {
                    report.line("category \"" + name + "\" is a child of \"" + parent + "\": it became a section of its own");
                }
            }
            channel.sectionIds.put(nicename, id);
            if (!dryRun) {
                content.addLegacyPath(channel.basePath() + "/category/" + nicename, LegacyPaths.Kind.SECTION, id);
                if (!parent.isEmpty()) {
                    content.addLegacyPath(channel.basePath() + "/category/" + parent + "/" + nicename, LegacyPaths.Kind.SECTION, id);
                }
            }
        }
    }

    private void tagArchives(Channel channel, ImportReport report, boolean dryRun) {
        for (var e : channel.tagNames.entrySet()) {
            var tag = taxonomy.tagBySlug(Slugs.slugify(e.getValue()));
            if (tag.isPresent() && !dryRun) {
                content.addLegacyPath(channel.basePath() + "/tag/" + e.getKey(), LegacyPaths.Kind.TAG, tag.get().id());
            }
        }
    }

    /** One {@code <item>}: its simple fields by local name, its categories and tags, its meta and comment count. */
    private record Item(Map<String, String> fields, List<String[]> terms, Map<String, String> meta, int comments) {
        String get(String name) {
            return fields.getOrDefault(name, "");
        }
    }

    /** What the first pass keeps of an item: enough to know an attachment; the rest (bodies) is read past, its size still checked. */
    private static final java.util.Set<String> ATTACHMENT_FIELDS = java.util.Set.of("post_id", "post_type", "attachment_url", "title", "excerpt:encoded");

    private static Item readItem(XMLStreamReader r) throws XMLStreamException {
        return readItem(r, null);
    }

    /** An item; with {@code keep}, only those simple fields (and its meta), the others read past. */
    private static Item readItem(XMLStreamReader r, java.util.Set<String> keep) throws XMLStreamException {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String[]> terms = new ArrayList<>();
        Map<String, String> meta = new LinkedHashMap<>();
        int comments = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("item")) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = r.getLocalName();
            switch (name) {
                case "category" -> {
                    if (keep != null) {
                        text(r, false);
                        continue;
                    }
                    terms.add(new String[] {r.getAttributeValue(null, "domain"), decodeSlug(Optional.ofNullable(r.getAttributeValue(null, "nicename")).orElse("")),
                        text(r).strip()});
                }
                case "postmeta" -> {
                    Map<String, String> m = fields(r, "postmeta");
                    meta.put(m.getOrDefault("meta_key", ""), m.getOrDefault("meta_value", ""));
                }
                case "comment" -> {
                    comments++;
                    skipElement(r);
                }
                default -> {
                    String prefix = r.getPrefix() == null ? "" : r.getPrefix();
                    String key = prefix.equals("content") || prefix.equals("excerpt") ? prefix + ":" + name : name;
                    if (keep == null || keep.contains(key)) {
                        fields.put(key, text(r));
                    } else {
                        text(r, false);
                    }
                }
            }
        }
        return new Item(fields, terms, meta, comments);
    }

    private void item(Item item, Channel channel, ImportReport report, boolean dryRun) {
        String type = item.get("post_type").strip();
        String status = item.get("status").strip();
        String id = item.get("post_id").strip();
        String title = WireText.plain(item.get("title")).strip();
        String label = "post " + id + (title.isEmpty() ? "" : " \"" + title + "\"");
        for (int i = 0; i < item.comments(); i++) {
            report.count("comments", "skipped");
        }
        switch (type) {
            case "post" -> { }
            case "page" -> {
                page(item, channel, report, dryRun, title, id, label.replaceFirst("^post", "page"));
                return;
            }
            case "attachment" -> {
                image(id, channel, report, dryRun);
                return;
            }
            default -> {
                report.count("other items", "skipped");
                if (!type.equals("nav_menu_item") && !type.equals("revision")) {
                    report.line(label + ": skipped: post type \"" + type + "\" is not imported");
                }
                return;
            }
        }
        Status state = switch (status) {
            case "publish" -> Status.PUBLISHED;
            case "draft", "private", "auto-draft" -> Status.DRAFT;
            case "pending" -> Status.REVIEW;
            case "future" -> Status.SCHEDULED;
            default -> null;
        };
        if (state == null || status.equals("auto-draft")) {
            report.count("stories", "skipped");
            report.line(label + ": skipped: status \"" + status + "\"");
            return;
        }
        if (status.equals("private")) {
            report.line(label + ": private in WordPress, imported as a draft (never public)");
        }
        WordPressBodies.Converted body = WordPressBodies.convert(item.get("content:encoded"));
        for (int i = 0; i < body.shortcodesKept(); i++) {
            report.count("shortcodes kept as text", "kept");
        }
        // a category the channel did not list (older exports list only some) still becomes a section
        item.terms().stream().filter(t -> "category".equals(t[0]) && !t[1].isEmpty() && !channel.sectionIds.containsKey(t[1]))
                .findFirst().ifPresent(t -> {
                    channel.categories.put(t[1], new String[] {t[2].isEmpty() ? t[1] : t[2], ""});
                    channel.sectionsMade = false;
                    sectionsReady(channel, report, dryRun);
                });
        String sectionId = item.terms().stream().filter(t -> "category".equals(t[0])).map(t -> channel.sectionIds.get(t[1]))
                .filter(java.util.Objects::nonNull).findFirst()
                .or(() -> taxonomy.sections().stream().findFirst().map(Section::id)).orElse(dryRun ? "(new section)" : null);
        List<String> tags = item.terms().stream().filter(t -> "post_tag".equals(t[0])).map(t -> t[2]).filter(t -> !Slugs.slugify(t).isEmpty()).distinct()
                .limit(30).toList();
        String author = channel.authorIds.get(item.get("creator").strip());
        Instant posted = time(item.get("post_date_gmt"), item.get("post_date"));
        Instant modified = Optional.ofNullable(time(item.get("post_modified_gmt"), item.get("post_modified"))).orElse(posted);
        if (posted == null) {
            posted = Optional.ofNullable(modified).orElse(Instant.EPOCH);
            modified = posted;
        }
        String headline = title.isEmpty() ? "Untitled (WordPress post " + id + ")" : title;
        String language = channel.language.toLowerCase(Locale.ROOT).matches("[a-z]{2,3}(-[a-z0-9]{2,8})*") ? channel.language : "en";
        String thumbnail = item.meta().getOrDefault("_thumbnail_id", "").strip();
        Image leadImage = thumbnail.isEmpty() ? null : image(thumbnail, channel, report, dryRun);
        ArticleDraft draft = new ArticleDraft(WireText.cut(headline, 300), WireText.cut(WireText.plain(item.get("excerpt:encoded")), 2000),
                inlineImages(body.html(), channel, report, dryRun), "", sectionId, author == null ? List.of() : List.of(author), tags,
                dryRun || leadImage == null ? null : leadImage.id(), language, "staff", null);
        String slug = decodeSlug(item.get("post_name"));
        ImportedStory story = new ImportedStory(channel.site() + "#" + id, draft, slug, state, posted, modified.isBefore(posted) ? posted : modified,
                state == Status.PUBLISHED ? posted : null, state == Status.SCHEDULED ? posted : null, oldPaths(item, channel, slug, id),
                hash(item));
        if (sectionId == null) {
            report.count("stories", "failed");
            report.line(label + ": failed: there is no section to put it in (the export has no categories and the site no sections)");
            return;
        }
        if (dryRun) {
            report.count("stories", "read");
            return;
        }
        report.story(content, story, ACTOR, label);
    }

    /** A WordPress page becomes a static page: published, or a draft for every other state; its old addresses answer 301. */
    private void page(Item item, Channel channel, ImportReport report, boolean dryRun, String title, String id, String label) {
        String status = item.get("status").strip();
        if (status.equals("trash") || status.equals("auto-draft") || status.equals("inherit")) {
            report.count("pages", "skipped");
            report.line(label + ": skipped: status \"" + status + "\"");
            return;
        }
        if (dryRun) {
            report.count("pages", "read");
            return;
        }
        String slug = decodeSlug(item.get("post_name"));
        List<String> oldPaths = new ArrayList<>();
        linkPath(item).ifPresent(oldPaths::add);
        oldPaths.add(channel.basePath() + "/?page_id=" + id);
        if (!slug.isEmpty()) {
            oldPaths.add(channel.basePath() + "/" + slug);
        }
        int position;
        try {
            position = Integer.parseInt(item.get("menu_order").strip());
        } catch (NumberFormatException e) {
            position = 0;
        }
        String title2 = title.isEmpty() ? "Untitled page " + id : WireText.cut(title, 300);
        int order = position;
        report.store("pages", label, () -> content.importPage(channel.site() + "#" + id, title2, slug,
                WordPressBodies.convert(item.get("content:encoded")).html(), status.equals("publish"), order, hash(item), oldPaths.stream().distinct().toList()));
    }

    /**
     * The Dateline image of an attachment, importing it the first time (from the media folder, else its
     * address), or null when it cannot be had (listed in the report once).
     */
    private Image image(String attachmentId, Channel channel, ImportReport report, boolean dryRun) {
        Attachment a = channel.attachments.get(attachmentId);
        if (a == null) {
            if (channel.missing.add(attachmentId)) {
                report.count("images", "missing");
                report.line("image " + attachmentId + ": missing: the export does not hold this attachment");
            }
            return null;
        }
        String alt = !a.alt().isBlank() ? a.alt() : a.title();
        return channel.media.image(new ImportMedia.Source("image " + a.id() + " (" + (a.url().isEmpty() ? a.file() : a.url()) + ")",
                channel.site() + "#attachment-" + a.id(), a.file(), a.url(), alt, a.caption())).orElse(null);
    }

    private static final java.util.regex.Pattern SIZE_SUFFIX = java.util.regex.Pattern.compile("-\\d+x\\d+(\\.\\w+)$");

    /** An upload's path as attachments and bodies both name it: after wp-content/uploads/, without "-300x200" or a query. */
    private static String uploadKey(String url) {
        String u = url.replaceFirst("[?#].*$", "");
        int at = u.indexOf("/uploads/");
        String path = at >= 0 ? u.substring(at + "/uploads/".length()) : u.contains("://") ? u.replaceFirst("^.*/", "") : u.replaceFirst("^/+", "");
        return SIZE_SUFFIX.matcher(path).replaceFirst("$1");
    }

    /**
     * Inline images whose file was imported point at Dateline's copy, with its width and height (a
     * resized "-300x200" copy of an upload is the same image); others are left as they were.
     */
    private String inlineImages(String html, Channel channel, ImportReport report, boolean dryRun) {
        if (!html.contains("<img") || dryRun) {
            return html;
        }
        if (channel.attachmentsByFile == null) {
            channel.attachmentsByFile = new java.util.HashMap<>();
            channel.attachments.values().forEach(a -> channel.attachmentsByFile.put(uploadKey(a.file().isBlank() ? a.url() : a.file()), a.id()));
        }
        return channel.media.inline(html, (src, alt) -> {
            String id = channel.attachmentsByFile.get(uploadKey(src));
            return Optional.ofNullable(id == null ? null : image(id, channel, report, false));
        });
    }

    /** Its link, its ?p=ID form and its /yyyy/mm/dd/slug/ form, under the old site's path. */
    private static List<String> oldPaths(Item item, Channel channel, String slug, String id) {
        List<String> paths = new ArrayList<>();
        linkPath(item).ifPresent(paths::add);
        paths.add(channel.basePath() + "/?p=" + id);
        String local = item.get("post_date").strip();
        if (!slug.isEmpty() && local.matches("\\d{4}-\\d{2}-\\d{2}.*") && !local.startsWith("0000")) {
            paths.add(channel.basePath() + "/" + local.substring(0, 4) + "/" + local.substring(5, 7) + "/" + local.substring(8, 10) + "/" + slug);
        }
        return paths.stream().distinct().toList();
    }

    /** The path (and query) of an item's {@code <link>}, decoded; empty when WordPress wrote it badly (its other forms still work). */
    private static Optional<String> linkPath(Item item) {
        try {
            URI uri = URI.create(item.get("link").strip().replace(" ", "%20"));
            return uri.getRawPath() == null ? Optional.empty()
                    : Optional.of(URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** WordPress percent-encodes slugs in other scripts: decoded to the text they stand for. */
    static String decodeSlug(String slug) {
        try {
            return URLDecoder.decode(slug.strip(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return slug.strip();
        }
    }

    private static Instant time(String gmt, String local) {
        for (String v : new String[] {gmt, local}) {
            String s = v == null ? "" : v.strip();
            if (!s.isEmpty() && !s.startsWith("0000")) {
                try {
                    return LocalDateTime.parse(s, WP_TIME).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    // try the other
                }
            }
        }
        return null;
    }

    private static String hash(Item item) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (var e : item.fields().entrySet()) {
                digest.update((e.getKey() + "\u0000" + e.getValue() + "\u0001").getBytes(StandardCharsets.UTF_8));
            }
            for (String[] t : item.terms()) {
                digest.update(String.join("\u0000", t).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The simple child elements of the element the reader is on, by local name, up to its end. */
    private static Map<String, String> fields(XMLStreamReader r, String element) throws XMLStreamException {
        Map<String, String> out = new LinkedHashMap<>();
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals(element)) {
                break;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                out.put(r.getLocalName(), text(r));
            }
        }
        return out;
    }

    /** More text in one element than any post holds: 16 million characters. */
    static final int MAX_FIELD = 16 * 1024 * 1024;

    /** An element of more than {@link #MAX_FIELD} characters: the file is refused (it would fill memory, and no post is that large). */
    private static final class TooLarge extends XMLStreamException {
        TooLarge(String element, int line) {
            super("the element <" + element + "> at line " + line + " holds more than "
                    + MAX_FIELD / 1024 / 1024 + " million characters, more than any post: refused");
        }
    }

    /** The text of the element the reader is on; an element nested in it (not in WXR's simple fields) is skipped. */
    private static String text(XMLStreamReader r) throws XMLStreamException {
        return text(r, true);
    }

    /** The same; without {@code keep}, the text is only measured (refused past the limit all the same) and null is returned. */
    private static String text(XMLStreamReader r, boolean keep) throws XMLStreamException {
        String element = r.getLocalName();
        int line = r.getLocation().getLineNumber();
        StringBuilder text = keep ? new StringBuilder() : null;
        long length = 0;
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth == 1) {
                        length += r.getTextLength();
                        if (length > MAX_FIELD) {
                            throw new TooLarge(element, line);
                        }
                        if (keep) {
                            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                    }
                }
                default -> { }
            }
        }
        return keep ? text.toString() : null;
    }

    private static void skipElement(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
