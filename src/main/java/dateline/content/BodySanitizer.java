package dateline.content;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Cleans story HTML from editors, agencies and imports down to the markup the site renders.
 *
 * <p>Runs on every save, so nothing unsafe is ever stored; pages print the stored body as-is.
 */
public final class BodySanitizer {
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s",
                    "sub", "sup", "br", "hr", "figure", "figcaption", "cite", "q", "code", "pre", "a", "img",
                    "table", "thead", "tbody", "tr", "th", "td", "caption")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href").onElements("a")
            .allowAttributes("src", "alt", "width", "height").onElements("img")
            .allowAttributes("cite").onElements("blockquote", "q")
            .allowAttributes("scope").onElements("th")
            .allowAttributes("class").matching(java.util.regex.Pattern.compile("embed")).onElements("figure")
            .requireRelsOnLinks("noopener")
            .toFactory();

    private BodySanitizer() {}

    public static String sanitize(String html) {
        return html == null ? "" : POLICY.sanitize(html).trim();
    }
}
