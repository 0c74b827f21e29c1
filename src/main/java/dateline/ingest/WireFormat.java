package dateline.ingest;

import java.util.List;

/**
 * One format agencies send copy in: a document's bytes in, its items out, or {@link Refused} with the
 * reason. Readers are lenient where real agencies are sloppy (they record a warning on the item) and
 * strict where the copy cannot be trusted (not well-formed, hostile, no identity). Another agency
 * format is one more class behind this interface, added to {@link WireFormats}.
 */
public interface WireFormat {
    /** The name sources are configured with ({@code ninjs}, {@code newsml-g2}, …). */
    String name();

    /** Whether a document starting with these bytes looks like this format (for sources set to auto). */
    boolean recognizes(byte[] head);

    /** Reads a whole document: one item or several (a NewsML-G2 news message, a feed). Never returns an empty list. */
    List<WireItem> read(byte[] document) throws Refused;

    /** A document that cannot be read, with the reason an editor or the agency can act on. */
    final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }

        public Refused(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
