package dateline.content;

import java.text.Normalizer;
import java.util.Locale;

/** Turns headlines and names into URL slugs: lower-case ASCII letters, digits and single hyphens. */
public final class Slugs {
    public static final String PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";
    private static final int MAX_LENGTH = 80;

    private Slugs() {}

    /** The slug of a text; empty when the text has no Latin letters or digits (e.g. Arabic script). */
    public static String slugify(String text) {
        String ascii = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replace("'", "")
                .replace("\u2019", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (ascii.length() <= MAX_LENGTH) {
            return ascii;
        }
        String cut = ascii.substring(0, MAX_LENGTH);
        int lastHyphen = cut.lastIndexOf('-');
        return lastHyphen > 20 ? cut.substring(0, lastHyphen) : cut;
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= 200 && slug.matches(PATTERN);
    }
}
