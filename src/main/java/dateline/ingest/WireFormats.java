package dateline.ingest;

import dateline.ingest.WireFormat.Refused;
import java.util.List;
import java.util.Optional;

/**
 * The formats Dateline reads, by name, with auto-detection and the size limit every document is held
 * to before any reader sees it.
 */
public final class WireFormats {
    /** The largest document accepted: agency items are kilobytes; 5 MB is room for any real one. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final String AUTO = "auto";

    private final List<WireFormat> formats;

    public WireFormats(Optional<NinjsSchemas> ninjsSchemas) {
        this.formats = List.of(new NinjsFormat(ninjsSchemas), new NewsMlG2Format(), new Iptc7901Format(), new FeedFormat());
    }

    /** The names a source can be set to: auto, then each format's. */
    public List<String> names() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(AUTO), formats.stream().map(WireFormat::name)).toList();
    }

    public boolean knows(String name) {
        return names().contains(name);
    }

    /** The format named, or the one the document looks like for {@link #AUTO}. */
    public WireFormat pick(String name, byte[] document) throws Refused {
        if (!AUTO.equals(name)) {
            return formats.stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new Refused("no format is called \"" + name + "\"; known: " + String.join(", ", names())));
        }
        byte[] head = java.util.Arrays.copyOf(document, Math.min(document.length, 4096));
        int skip = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        byte[] start = java.util.Arrays.copyOfRange(head, skip, head.length);
        return formats.stream().filter(f -> f.recognizes(start)).findFirst()
                .orElseThrow(() -> new Refused("the document is none of the formats read here (ninjs, NewsML-G2, IPTC 7901, RSS/Atom)"));
    }

    /** Reads a document in the named format (or the detected one), refusing one over the size limit unread. */
    public List<WireItem> read(String format, byte[] document) throws Refused {
        if (document.length > MAX_BYTES) {
            throw new Refused("the document is " + document.length / 1024 + " KB, over the " + MAX_BYTES / 1024 / 1024 + " MB limit for one item");
        }
        if (document.length == 0) {
            throw new Refused("the document is empty");
        }
        return pick(format, document).read(document);
    }
}
