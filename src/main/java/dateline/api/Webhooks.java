package dateline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.SurrogateKeys;
import dateline.content.Urls;
import dateline.platform.Database;
import dateline.platform.Ids;
import dateline.platform.ValidationErrors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks: endpoints an admin registers to hear of publishes, updates, corrections and
 * unpublishes. {@link #run()} (a job on its own thread, so publishing never waits on a receiver)
 * first turns new content events into stored deliveries, one per endpoint, then sends the due ones.
 *
 * <p>Deliveries are rows in SQL, so they survive restarts. Each is signed (HMAC-SHA256 of
 * "timestamp.body" with the endpoint's secret), retried with exponential backoff until it succeeds
 * or runs out of attempts, and claimed before sending so that two nodes never send the same one.
 * The event cursor is shared by all nodes and moved under a run-once lock.
 */
public final class Webhooks implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    static final Map<String, String> EVENTS = Map.of(
            "article.published", "published", "article.updated", "updated",
            "article.corrected", "corrected", "article.unpublished", "unpublished");
    static final int MAX_ATTEMPTS = 12;
    private static final String CURSOR = "webhooks";
    private static final long JOB_LOCK = 0x0da7e11e_0002L;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LAST_RETRY = Duration.ofHours(6);
    private static final Duration CLAIM = Duration.ofMinutes(2);

    /** The event names an endpoint may subscribe to, sorted. */
    public static List<String> eventNames() {
        return EVENTS.values().stream().sorted().toList();
    }

    /** A registered endpoint as an admin sees it (the secret is shown only when it is made). */
    public record Endpoint(String id, String url, Set<String> events, Instant createdAt) {}

    /** One row of the delivery log. */
    public record Delivery(long id, String webhookId, String eventType, int attempts, Instant deliveredAt, Integer lastStatus,
                           String lastError, Instant nextAttemptAt) {}

    private final Database db;
    private final ArticleRepository articles;
    private final Clock clock;
    private final String siteUrl;
    private final ZoneId zone;
    private final boolean allowPrivate;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param allowPrivate whether endpoints may be on loopback, private or link-local addresses (tests, an
     *                     intranet); off, a webhook cannot be pointed at the servers behind the site
     */
    public Webhooks(Database db, ArticleRepository articles, Clock clock, String siteUrl, ZoneId zone,
                    boolean allowPrivate) {
        this.db = db;
        this.articles = articles;
        this.clock = clock;
        this.siteUrl = siteUrl;
        this.zone = zone;
        this.allowPrivate = allowPrivate;
    }

    static final String BAD_URL = "Give the endpoint's full http(s):// address.";
    static final String PRIVATE_URL = "The endpoint's address is on this network (loopback, private or link-local); webhooks go to partners outside it.";

    /** Registers an endpoint and returns its secret, shown this once. It hears only of events from now on. */
    public String register(String url, Set<String> events) {
        ValidationErrors errors = new ValidationErrors();
        String problem = addressProblem(url);
        if (problem != null) {
            errors.add("url", problem);
        }
        if (events.isEmpty() || !EVENTS.values().containsAll(events)) {
            errors.add("events", "Choose among " + String.join(", ", EVENTS.values().stream().sorted().toList()) + ".");
        }
        errors.throwIfAny();
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String secretText = "whsec_" + HexFormat.of().formatHex(secret);
        db.jdbi().useTransaction(h -> {
            ensureCursor(h);
            h.createUpdate("INSERT INTO webhooks (id, url, secret, events, created_at) VALUES (:id, :url, :secret, :events, :at)")
                    .bind("id", Ids.newId()).bind("url", url).bind("secret", secretText)
                    .bind("events", String.join(" ", events.stream().sorted().toList())).bind("at", clock.millis()).execute();
        });
        return secretText;
    }

    /** Stops deliveries to an endpoint; its log stays. Returns whether there was such an endpoint in use. */
    public boolean disable(String id) {
        return db.jdbi().withHandle(h -> h.createUpdate("UPDATE webhooks SET disabled_at = :at WHERE id = :id AND disabled_at IS NULL")
                .bind("at", clock.millis()).bind("id", id).execute()) == 1;
    }

    public List<Endpoint> endpoints() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, url, events, created_at FROM webhooks WHERE disabled_at IS NULL ORDER BY created_at, id")
                .map((rs, ctx) -> new Endpoint(rs.getString(1), rs.getString(2), Set.of(rs.getString(3).split(" ")), Instant.ofEpochMilli(rs.getLong(4))))
                .list());
    }

    /** The most recent deliveries, newest first: what was sent, how often, and how it went. */
    public List<Delivery> log(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM webhook_deliveries ORDER BY id DESC LIMIT :limit").bind("limit", limit)
                .map((rs, ctx) -> {
                    long delivered = rs.getLong("delivered_at");
                    Instant deliveredAt = rs.wasNull() ? null : Instant.ofEpochMilli(delivered);
                    int status = rs.getInt("last_status");
                    Integer lastStatus = rs.wasNull() ? null : status;
                    long next = rs.getLong("next_attempt_at");
                    Instant nextAt = rs.wasNull() ? null : Instant.ofEpochMilli(next);
                    return new Delivery(rs.getLong("id"), rs.getString("webhook_id"), rs.getString("event_type"), rs.getInt("attempts"),
                            deliveredAt, lastStatus, rs.getString("last_error"), nextAt);
                }).list());
    }

    /** What is wrong with an endpoint address, or null: not an http(s) URI with a host, or (unless allowed) a local one. */
    String addressProblem(String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url.strip());
        } catch (URISyntaxException e) {
            return BAD_URL;
        }
        if (uri == null || uri.getHost() == null || uri.getScheme() == null || uri.getPort() > 65535
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            return BAD_URL;
        }
        if (!allowPrivate) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                            || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc)) { // IPv6 unique local
                        return PRIVATE_URL;
                    }
                }
            } catch (UnknownHostException e) {
                return null; // not known yet (or no resolver here): checked again at each send
            }
        }
        return null;
    }

    /** Turns new events into deliveries, then sends the due ones; a failure is logged and never ends the job. */
    @Override
    public void run() {
        try {
            enqueue();
            deliverDue();
        } catch (RuntimeException e) {
            log.error("webhooks job failed; it runs again shortly", e);
        }
    }

    private void ensureCursor(Handle h) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM consumer_cursors WHERE consumer = :c").bind("c", CURSOR).mapTo(Integer.class).one() > 0;
        if (!exists) {
            long head = h.createQuery("SELECT COALESCE(MAX(id), 0) FROM content_events").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO consumer_cursors (consumer, last_event_id) VALUES (:c, :id)").bind("c", CURSOR).bind("id", head).execute();
        }
    }

    /** Turns content events after the shared cursor into deliveries, on one node at a time. */
    void enqueue() {
        db.jdbi().useTransaction(h -> {
            if (!db.tryJobLock(h, JOB_LOCK)) {
                return;
            }
            ensureCursor(h);
            long cursor = h.createQuery("SELECT last_event_id FROM consumer_cursors WHERE consumer = :c").bind("c", CURSOR).mapTo(Long.class).one();
            var events = h.createQuery("SELECT id, type, subject_id, created_at, keys FROM content_events WHERE id > :after ORDER BY id LIMIT 500")
                    .bind("after", cursor).mapToMap().list();
            if (events.isEmpty()) {
                return;
            }
            var endpoints = h.createQuery("SELECT id, events FROM webhooks WHERE disabled_at IS NULL").mapToMap().list();
            long last = cursor;
            for (Map<String, Object> event : events) {
                long eventId = ((Number) event.get("id")).longValue();
                last = eventId;
                String name = EVENTS.get((String) event.get("type"));
                // Only changes to what readers can see, or could see until this change: a draft's saves stay in the building.
                boolean isOrWasPublic = Set.of(String.valueOf(event.get("keys")).split(" ")).contains(SurrogateKeys.HOME);
                if (name == null || endpoints.isEmpty() || !isOrWasPublic) {
                    continue;
                }
                String payload = payload(h, eventId, name, (String) event.get("subject_id"), ((Number) event.get("created_at")).longValue());
                for (Map<String, Object> endpoint : endpoints) {
                    if (Set.of(((String) endpoint.get("events")).split(" ")).contains(name)) {
                        h.createUpdate("INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, payload, attempts, next_attempt_at, created_at) "
                                        + "VALUES (:w, :e, :t, :p, 0, :now, :now)")
                                .bind("w", (String) endpoint.get("id")).bind("e", eventId).bind("t", name).bind("p", payload)
                                .bind("now", clock.millis()).execute();
                    }
                }
            }
            h.createUpdate("UPDATE consumer_cursors SET last_event_id = :id WHERE consumer = :c").bind("id", last).bind("c", CURSOR).execute();
        });
    }

    /** The event's payload with the story as it was at the event (its revision then), not as it is now. */
    private String payload(Handle h, long eventId, String name, String articleId, long at) {
        ObjectNode body = ArticleJson.JSON.createObjectNode();
        body.put("event", name);
        body.put("event_id", eventId);
        body.put("occurred_at", ArticleJson.iso(Instant.ofEpochMilli(at)));
        ObjectNode story = body.putObject("article");
        story.put("id", articleId);
        Optional<Map<String, Object>> revision = h.createQuery("SELECT version, snapshot FROM revisions WHERE article_id = :id AND created_at <= :at "
                        + "ORDER BY version DESC LIMIT 1").bind("id", articleId).bind("at", at).mapToMap().findOne();
        Optional<Article> now = articles.findById(h, articleId);
        if (revision.isPresent() && now.isPresent()) {
            try {
                JsonNode then = ArticleJson.JSON.readTree((String) revision.get().get("snapshot"));
                story.put("headline", then.path("headline").asText());
                story.put("status", then.path("status").asText());
                if (now.get().firstPublishedAt() != null) {
                    story.put("url", siteUrl + Urls.article(now.get().firstPublishedAt(), then.path("slug").asText(now.get().slug()), zone));
                }
                story.put("version", ((Number) revision.get().get("version")).intValue());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            return ArticleJson.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends every delivery whose time has come; each is claimed first so that no other node sends it too. */
    void deliverDue() {
        long now = clock.millis();
        var due = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT d.id, d.next_attempt_at, d.attempts, d.event_type, d.payload, w.url, w.secret FROM webhook_deliveries d "
                                + "JOIN webhooks w ON w.id = d.webhook_id WHERE d.delivered_at IS NULL AND d.attempts < :max "
                                + "AND d.next_attempt_at <= :now AND w.disabled_at IS NULL ORDER BY d.next_attempt_at, d.id LIMIT 50")
                .bind("max", MAX_ATTEMPTS).bind("now", now).mapToMap().list());
        for (Map<String, Object> d : due) {
            long id = ((Number) d.get("id")).longValue();
            long claimedUntil = now + CLAIM.toMillis();
            boolean claimed = db.jdbi().withHandle(h -> h.createUpdate(
                            "UPDATE webhook_deliveries SET next_attempt_at = :until WHERE id = :id AND next_attempt_at = :seen AND delivered_at IS NULL")
                    .bind("until", claimedUntil).bind("id", id).bind("seen", ((Number) d.get("next_attempt_at")).longValue()).execute()) == 1;
            if (claimed) {
                send(id, ((Number) d.get("attempts")).intValue(), (String) d.get("event_type"), (String) d.get("payload"),
                        (String) d.get("url"), (String) d.get("secret"));
            }
        }
    }

    private void send(long id, int attempts, String eventType, String payload, String url, String secret) {
        long timestamp = clock.instant().getEpochSecond();
        Integer status = null;
        String error = null;
        try {
            String problem = addressProblem(url); // again at send time: a name may resolve elsewhere since it was registered
            if (problem != null) {
                throw new IOException(problem);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Dateline-Webhooks/1")
                    .header("X-Dateline-Event", eventType)
                    .header("X-Dateline-Delivery", Long.toString(id))
                    .header("X-Dateline-Timestamp", Long.toString(timestamp))
                    .header("X-Dateline-Signature", "sha256=" + sign(secret, timestamp, payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 300) {
                error = "HTTP " + status;
            }
        } catch (IOException | RuntimeException e) { // an address that cannot be sent to is a failed attempt, never a stuck batch
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        int tries = attempts + 1;
        long now = clock.millis();
        Integer finalStatus = status;
        String finalError = error;
        if (error == null) {
            db.jdbi().useHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET delivered_at = :now, attempts = :a, last_status = :s, "
                            + "last_error = NULL, next_attempt_at = NULL WHERE id = :id")
                    .bind("now", now).bind("a", tries).bind("s", finalStatus).bind("id", id).execute());
        } else {
            long backoff = Math.min(LAST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempts, 20));
            Long next = tries >= MAX_ATTEMPTS ? null : now + backoff;
            db.jdbi().useHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET attempts = :a, last_status = :s, last_error = :e, "
                            + "next_attempt_at = :next WHERE id = :id")
                    .bind("a", tries).bind("s", finalStatus).bind("e", finalError).bind("next", next).bind("id", id).execute());
            log.warn("webhook delivery failed id={} attempt={} error=\"{}\"", id, tries, finalError);
        }
    }

    /** The signature a receiver recomputes: hex HMAC-SHA256 of "timestamp.body" keyed with the endpoint's secret. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
