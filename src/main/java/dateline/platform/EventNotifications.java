package dateline.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this node's tailers when another node appends to the event log, on PostgreSQL: every append
 * sends {@code NOTIFY} in its own transaction ({@link Database#notifyEvents}), so the notice arrives
 * when, and only if, the event is committed, and every node waiting with {@code LISTEN} on its own
 * connection hears of it in milliseconds. The tailers' slow poll stays as the fallback: a notice lost
 * while this connection was down costs at most one poll interval. On SQLite (one node) it does nothing.
 */
public final class EventNotifications implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventNotifications.class);
    static final String CHANNEL = "dateline_events";
    private static final int WAIT_MILLIS = 5_000;

    private final Database db;
    private final Runnable onChange;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean listening = new AtomicBoolean(false);
    private final Thread thread;
    private volatile Connection connection;

    private EventNotifications(Database db, Runnable onChange) {
        this.db = db;
        this.onChange = onChange;
        this.thread = Thread.ofPlatform().daemon().name("dateline-event-notifications").unstarted(this::loop);
    }

    /** Starts listening (PostgreSQL); {@code onChange} runs on the listener's thread for each batch of notices. */
    public static EventNotifications start(Database db, Runnable onChange) {
        EventNotifications notifications = new EventNotifications(db, onChange);
        if (db.dialect() == Database.Dialect.POSTGRESQL) {
            notifications.thread.start();
        }
        return notifications;
    }

    /** Whether this node is waiting for notices now (false on SQLite, and while the connection is being made again). */
    public boolean listening() {
        return listening.get();
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(250);
        while (running.get()) {
            try (Connection opened = DriverManager.getConnection(db.url(), db.user(), db.password());
                 Statement statement = opened.createStatement()) {
                connection = opened;
                statement.execute("LISTEN " + CHANNEL);
                listening.set(true);
                backoff = Duration.ofMillis(250);
                onChange.run(); // whatever was appended while this node was not listening
                PGConnection pg = opened.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
                    if (notices != null && notices.length > 0) {
                        onChange.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening.set(false);
                if (!running.get()) {
                    return;
                }
                log.warn("event notifications: connection lost ({}); listening again in {} ms, polling meanwhile", e.getMessage(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis()); // waiting before connecting again
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
            } finally {
                listening.set(false);
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        Connection open = connection;
        if (open != null) {
            try {
                open.close(); // ends the wait for notices at once
            } catch (SQLException e) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(WAIT_MILLIS + 1_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
