package dateline.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends fire-and-forget HTTP POSTs to outside services (CDN purges, WebSub pings): asynchronous,
 * with a timeout, and a failure is logged, never thrown, so nothing a writer does waits on them.
 */
public final class Notifier {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Posts without waiting; any failure, an address that does not parse included, is logged and never thrown. */
    public void post(String what, String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
        } catch (IllegalArgumentException e) {
            log.warn("{} not sent: bad address or header url={} error=\"{}\"", what, url, e.getMessage());
            return;
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                log.warn("{} failed url={} error=\"{}\"", what, url, error.toString());
            } else if (response.statusCode() >= 300) {
                log.warn("{} refused url={} status={}", what, url, response.statusCode());
            }
        });
    }
}
