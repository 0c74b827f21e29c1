package dateline.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * A WordPress post's body as Dateline's editor writes it: block-editor comments removed, {@code [caption]}
 * shortcodes as figures, {@code [embed]} and bare links on their own line as link paragraphs, the
 * automatic paragraphs WordPress adds on display (bare text parted by blank lines) made real. Other
 * shortcodes stay as text and are counted. The result still goes through the editor's sanitizer.
 */
final class WordPressBodies {
    private static final Pattern BLOCK_COMMENT = Pattern.compile("<!--\\s*/?wp:[^>]*?-->");
    private static final Pattern CAPTION = Pattern.compile("\\[caption[^\\]]*\\](.*?)\\[/caption\\]", Pattern.DOTALL);
    private static final Pattern CAPTION_PARTS = Pattern.compile("^\\s*((?:<a[^>]*>)?\\s*<img[^>]*>\\s*(?:</a>)?)(.*)$", Pattern.DOTALL);
    private static final Pattern EMBED = Pattern.compile("\\[embed[^\\]]*\\](.*?)\\[/embed\\]", Pattern.DOTALL);
    private static final Pattern BARE_LINK = Pattern.compile("(?m)^\\s*(https?://[^\\s<>\"]+)\\s*$");
    private static final Pattern SHORTCODE = Pattern.compile("\\[/?[a-zA-Z_][\\w-]*(?:\\s[^\\]]*)?\\]");
    private static final Pattern BLOCK_START = Pattern.compile("(?is)^\\s*<(p|div|h[1-6]|ul|ol|blockquote|figure|table|pre|hr)\\b");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");

    /** The body, and how many shortcodes were kept as text. */
    record Converted(String html, int shortcodesKept) {}

    private WordPressBodies() {
    }

    static Converted convert(String content) {
        String html = BLOCK_COMMENT.matcher(content == null ? "" : content.replace("\r\n", "\n")).replaceAll("");
        html = replace(CAPTION, html, m -> {
            Matcher parts = CAPTION_PARTS.matcher(m.group(1));
            return parts.matches() ? "\n\n<figure>" + parts.group(1).strip() + "<figcaption>" + parts.group(2).strip() + "</figcaption></figure>\n\n"
                    : m.group(1);
        });
        html = replace(EMBED, html, m -> link(m.group(1).strip()));
        html = replace(BARE_LINK, html, m -> link(m.group(1)));
        int kept = 0;
        Matcher shortcodes = SHORTCODE.matcher(html);
        while (shortcodes.find()) {
            kept++;
        }
        return new Converted(autop(html), kept);
    }

    private static String link(String url) {
        String escaped = Entities.escape(url);
        return "\n\n<p><a href=\"" + escaped + "\">" + escaped + "</a></p>\n\n";
    }

    /** WordPress's wpautop, in short: every run of text between blank lines that is not a block becomes a paragraph. */
    static String autop(String html) {
        StringBuilder out = new StringBuilder();
        for (String chunk : PARAGRAPH_BREAK.split(html.strip())) {
            String c = chunk.strip();
            if (c.isEmpty()) {
                continue;
            }
            out.append(BLOCK_START.matcher(c).find() ? c : "<p>" + c.replace("\n", "<br>") + "</p>");
        }
        return out.toString();
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
