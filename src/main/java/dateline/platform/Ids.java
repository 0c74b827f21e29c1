package dateline.platform;

import java.security.SecureRandom;

/**
 * Makes stable identifiers: 16 characters of Crockford base32, random (80 bits).
 *
 * <p>Ids are made by the application rather than the database so that both SQLite and PostgreSQL
 * store the same values and an export can be imported anywhere unchanged.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String newId() {
        char[] out = new char[16];
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (bytes[i] & 0xff);
            lo = (lo << 8) | (bytes[i + 5] & 0xff);
        }
        for (int i = 7; i >= 0; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
            out[i + 8] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }

    /** Whether the text has the form of an id (16 characters of the alphabet); cheap, for every beacon. */
    public static boolean looksLikeId(String s) {
        if (s == null || s.length() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z' && c != 'i' && c != 'l' && c != 'o' && c != 'u'))) {
                return false;
            }
        }
        return true;
    }
}
