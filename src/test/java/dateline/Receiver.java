package dateline;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A real HTTP server on a random local port that records what it is sent: a stand-in for a CDN or a hub. */
public final class Receiver implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int failuresLeft;

    public Receiver() {
        this(0);
    }

    /** A receiver that answers 500 to its first {@code failures} requests, as a broken endpoint would. */
    public Receiver(int failures) {
        this.failuresLeft = failures;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
            boolean fail = failuresLeft > 0;
            if (fail) {
                failuresLeft--;
            }
            exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Waits (at most ten seconds) until a request matches, and returns every request so far. */
    public List<Request> await(Predicate<Request> wanted) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (requests.stream().anyMatch(wanted)) {
                return List.copyOf(requests);
            }
            try {
                Thread.sleep(20); // polling a list another thread fills
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no matching request within 10 s; received: " + requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
