package dateline.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;

/** A response body ready to send: identity and gzip bytes, their ETags, and what it shows. */
public record Page(byte[] body, byte[] gzipped, String etag, Set<String> keys, String contentType, String cacheControl,
                   Instant lastModified, String surrogateKey) {

    public Page(byte[] body, byte[] gzipped, String etag, Set<String> keys, String contentType, String cacheControl, Instant lastModified) {
        this(body, gzipped, etag, keys, contentType, cacheControl, lastModified, String.join(" ", keys));
    }

    /** The ETag of the gzip variant: a different representation needs a different strong validator. */
    public String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gz\"";
    }

    public int weight() {
        return body.length + (gzipped == null ? 0 : gzipped.length) + 200;
    }

    /** For what never changes at its address (content-hashed files, image renditions): a year, immutable. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    public static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A strong validator made from the bytes: CRC-32C and CRC-32 (different polynomials, both
     * hardware-assisted) and the length. Cheap enough to compute on every render.
     */
    public static String etag(byte[] body) {
        CRC32C c1 = new CRC32C();
        c1.update(body);
        CRC32 c2 = new CRC32();
        c2.update(body);
        return "\"" + Long.toString(c1.getValue(), 36) + Long.toString(c2.getValue(), 36) + Integer.toString(body.length, 36) + "\"";
    }
}
