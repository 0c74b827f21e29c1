package dateline.content;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns headlines and names into URL slugs, in every script: words joined by single hyphens, lower-case
 * where the script has case, Unicode NFC. Latin letters lose their accents ("Café" → "cafe", as
 * readers type them); other scripts keep their letters ("Ελληνικά" → "ελληνικά", "Новости" →
 * "новости", "أخبار" → "أخبار"). Addresses print them percent-encoded ({@link Urls}); requests may use
 * either form.
 */
public final class Slugs {
    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*(-[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}]*)*");
    private static final Map<Integer, String> LATIN_SPECIALS = Map.of((int) 'ß', "ss", (int) 'æ', "ae", (int) 'œ', "oe", (int) 'ø', "o",
            (int) 'đ', "d", (int) 'ł', "l", (int) 'þ', "th", (int) 'ð', "d", (int) 'ı', "i");
    private static final int MAX_LENGTH = 80;

    private Slugs() {}

    /** The slug of a text; empty when the text has no letters or digits at all. */
    public static String slugify(String text) {
        String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder();
        boolean latinBase = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
            if (mark) {
                if (!latinBase && !out.isEmpty() && out.charAt(out.length() - 1) != '-') {
                    out.appendCodePoint(cp); // a vowel sign of Devanagari, Arabic harakat …: part of the word
                }
            } else if (Character.isLetterOrDigit(cp)) {
                int lower = Character.toLowerCase(cp);
                latinBase = Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN || cp < 128;
                String special = LATIN_SPECIALS.get(lower);
                if (special != null) {
                    out.append(special);
                } else {
                    out.appendCodePoint(lower);
                }
            } else if (cp == '\'' || cp == '\u2019') {
                // "don't" → "dont"
            } else if (!out.isEmpty() && out.charAt(out.length() - 1) != '-') {
                out.append('-');
                latinBase = false;
            }
        }
        String slug = Normalizer.normalize(out.toString(), Normalizer.Form.NFC).replaceAll("(^-+|-+$)", "");
        if (slug.codePointCount(0, slug.length()) <= MAX_LENGTH) {
            return slug;
        }
        String cut = slug.substring(0, slug.offsetByCodePoints(0, MAX_LENGTH));
        int lastHyphen = cut.lastIndexOf('-');
        return lastHyphen > 20 ? cut.substring(0, lastHyphen) : cut;
    }

    /** A slug as stored: letters (any script), marks and digits in hyphen-joined words, lower-case, NFC. */
    public static boolean isValid(String slug) {
        return slug != null && !slug.isEmpty() && slug.length() <= 200 && VALID.matcher(slug).matches()
                && slug.equals(slug.toLowerCase(Locale.ROOT)) && Normalizer.isNormalized(slug, Normalizer.Form.NFC);
    }
}
