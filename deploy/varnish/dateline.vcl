# Varnish in front of Dateline's nodes (Debian: apt-get install varnish varnish-modules).
#
# - caches what Dateline marks cacheable (Cache-Control: public, s-maxage=…), for as long as it says;
# - purges by surrogate key: every node POSTs its changed keys to /.dateline/purge (set
#   DATELINE_PURGE_URL=http://VARNISH/.dateline/purge on each node), and the pages that carry any of
#   them (Dateline's Surrogate-Key header, kept as xkey) are dropped at once;
# - serves a stale copy for stale-while-revalidate while a fresh one is fetched, and for
#   stale-if-error when no node answers;
# - passes the desk, the APIs, the beacons, /healthz and /metrics straight through, uncached.
#
# The nodes are in dateline-backends.vcl, next to this file (see backends.example.vcl).
vcl 4.1;

import std;
import xkey;
import directors;

include "dateline-backends.vcl";

# Who may purge: the nodes. Add their addresses when they run on other machines.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = nodes.backend();

    if (req.url == "/.dateline/purge") {
        if (req.method != "POST" && req.method != "PURGE") {
            return (synth(405, "Method Not Allowed"));
        }
        if (!client.ip ~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.Surrogate-Key) {
            return (synth(400, "No Surrogate-Key header"));
        }
        set req.http.X-Purged = xkey.purge(req.http.Surrogate-Key);
        return (synth(200, "Purged " + req.http.X-Purged + " objects"));
    }

    # The newsroom's pages, the APIs and the view beacons are never cached.
    if (req.url ~ "^/(desk|api|v|healthz|metrics)(/|\?|$)") {
        return (pass);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Public pages set no cookies and read none: a reader's cookies (analytics, a desk session on the
    # same domain) must not split the cache or reach a cached page.
    unset req.http.Cookie;

    # While the nodes answer, a stale copy is served only briefly, while a fresh one is fetched
    # (stale-while-revalidate); when none answers, for as long as the page allows (stale-if-error).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    }
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Varnish takes the time to live from s-maxage (else max-age); the grace from stale-if-error.
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 0s);
    }
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Readers' browsers and other caches see Dateline's own Cache-Control; the keys are Varnish's business.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
