package dateline.platform;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.server.Request;

/**
 * Who is really asking: the address of the connection, or, when that connection comes from a proxy
 * listed in {@code DATELINE_TRUSTED_PROXIES}, the client address and scheme the proxy forwarded
 * ({@code X-Forwarded-For}, {@code X-Forwarded-Proto}). Forwarding headers from anyone else are
 * ignored, since any client can send them.
 */
public final class ClientAddress {
    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final List<Range> trusted;

    private ClientAddress(List<Range> trusted) {
        this.trusted = trusted;
    }

    /**
     * Parses a comma-separated list of addresses and CIDR ranges ({@code 10.0.0.0/8, ::1}); throws
     * {@link IllegalArgumentException} naming the entry that is not one.
     */
    public static ClientAddress trusting(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            String[] parts = item.split("/", 2);
            byte[] network = literal(parts[0]);
            int bits = network == null ? -1 : network.length * 8;
            if (network != null && parts.length == 2) {
                bits = parts[1].matches("\\d{1,3}") ? Integer.parseInt(parts[1]) : -1;
            }
            if (network == null || bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("'" + item + "' is not an IP address or CIDR range");
            }
            ranges.add(new Range(network, bits));
        }
        return new ClientAddress(List.copyOf(ranges));
    }

    /** The client's address: the connection's, or the nearest untrusted one a trusted proxy forwarded. */
    public String of(String connectionAddress, String forwardedFor) {
        if (!isTrusted(connectionAddress) || forwardedFor == null || forwardedFor.isBlank()) {
            return connectionAddress;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) { // the right-most entries were added by our own proxies
            String hop = hops[i].strip();
            if (!isTrusted(hop)) {
                return literal(hop) == null ? connectionAddress : hop;
            }
        }
        return hops[0].strip();
    }

    /** The client's address of a request routed by Javalin. */
    public String of(Context ctx) {
        return of(ctx.req().getRemoteAddr(), ctx.header(FORWARDED_FOR));
    }

    /** The client's address of a request taken by a Jetty handler in front of Javalin. */
    public String of(Request request) {
        return of(Request.getRemoteAddr(request), request.getHeaders().get(FORWARDED_FOR));
    }

    public boolean secure(Context ctx) {
        return secure(ctx.scheme(), ctx.req().getRemoteAddr(), ctx.header(FORWARDED_PROTO));
    }

    public boolean secure(Request request) {
        return secure(request.getHttpURI().getScheme(), Request.getRemoteAddr(request), request.getHeaders().get(FORWARDED_PROTO));
    }

    /** Whether the request reached the site over TLS: directly, or as a trusted proxy says. */
    public boolean secure(String scheme, String connectionAddress, String forwardedProto) {
        if ("https".equalsIgnoreCase(scheme)) {
            return true;
        }
        return isTrusted(connectionAddress) && forwardedProto != null && forwardedProto.strip().toLowerCase(Locale.ROOT).startsWith("https");
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(r -> r.contains(bytes));
    }

    /** The bytes of an IP address literal, or null for anything else (never a DNS look-up). */
    private static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
