package dateline.ingest;

import dateline.ingest.WireQueue.Document;
import dateline.ingest.WireSources.Kind;
import dateline.ingest.WireSources.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the HTTP and folder sources whose time has come, on a thread of its own (a slow agency server
 * must not hold up the page cache or the index). Each poll is claimed in the database first, so with
 * several nodes on one database exactly one of them polls a source each time. A source added while
 * the site runs (on the command line, or on another node) is seen at the next tick.
 */
public final class WirePoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WirePoller.class);
    /** How long a claimed poll may take before another node may take the source again. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** How long one HTTP poll may take, answer and body together. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Files read per transaction from a folder: a burst of thousands is stored in batches. */
    static final int BATCH = 200;

    private final WireSources sources;
    private final WireQueue queue;
    private final Duration timeout;
    private final HttpClient http;
    /** Sizes and times of files seen in each folder at the last look: a file is read once they stop changing. */
    private final Map<Path, long[]> seen = new HashMap<>();
    private ScheduledExecutorService executor;

    public WirePoller(WireSources sources, WireQueue queue, Duration timeout) {
        this.sources = sources;
        this.queue = queue;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public void start(Duration tick) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dateline-ingest");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Polls every due source once: what the thread does each tick. Tests call it too; a call waits for a
     * tick under way, so when it returns every source that was due has been polled.
     */
    public synchronized void tick() {
        try {
            for (Source s : sources.due()) {
                if (sources.claim(s, LEASE)) {
                    poll(s);
                }
            }
        } catch (RuntimeException e) {
            log.error("wire polling failed", e);
        }
    }

    private void poll(Source s) {
        try {
            if (s.kind() == Kind.FOLDER) {
                pollFolder(s);
            } else if (s.kind() == Kind.HTTP) {
                pollHttp(s);
            }
        } catch (IOException | RuntimeException e) {
            String error = e instanceof HttpTimeoutException ? "no answer within " + timeout.toSeconds() + " s" : describe(e);
            Duration backoff = sources.failed(s, error);
            log.warn("wire source={} failed: {} (next try in {} s)", s.name(), error, backoff.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    // ---- HTTP

    private void pollHttp(Source s) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.url())).timeout(timeout).GET()
                .header("User-Agent", "Dateline wire ingest").header("Accept", "*/*");
        if (s.etag() != null) {
            request.header("If-None-Match", s.etag());
        }
        if (s.lastModified() != null) {
            request.header("If-Modified-Since", s.lastModified());
        }
        if (s.header() != null) {
            int colon = s.header().indexOf(':');
            request.header(s.header().substring(0, colon).strip(), s.header().substring(colon + 1).strip());
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 304) {
                sources.succeeded(s, s.etag(), s.lastModified());
                return;
            }
            if (response.statusCode() != 200) {
                throw new IOException("the server answered " + response.statusCode());
            }
            byte[] bytes = readBefore(body, deadline);
            if (bytes != null) {
                try {
                    queue.receive(s, new Document(s.url(), bytes));
                } catch (WireFormat.Refused refused) {
                    // recorded on the source; the poll itself worked, so the source is not failing
                }
            } else {
                sources.refused(s.id(), s.url(), "the response is over the " + WireFormats.MAX_BYTES / 1024 / 1024 + " MB limit: not read");
            }
        }
        sources.succeeded(s, response.headers().firstValue("ETag").orElse(null), response.headers().firstValue("Last-Modified").orElse(null));
    }

    /**
     * The whole body, or null once it passes the size limit (the rest is not read). A body that trickles
     * in past the poll's deadline is given up on (the request's own timeout covers only the headers).
     */
    private static byte[] readBefore(InputStream in, long deadline) throws IOException, InterruptedException {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                byte[] bytes = in.readNBytes(WireFormats.MAX_BYTES + 1);
                return bytes.length > WireFormats.MAX_BYTES ? null : bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, READERS);
        try {
            return read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            in.close(); // ends the read under way
            throw new HttpTimeoutException("the body did not arrive in time");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
    }

    private static final java.util.concurrent.ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dateline-ingest-read");
        t.setDaemon(true);
        return t;
    });

    // ---- drop folder

    private void pollFolder(Source s) throws IOException {
        Path folder = Path.of(s.path());
        if (!Files.isDirectory(folder)) {
            throw new IOException("the folder " + folder + " is not there");
        }
        Path done = Files.createDirectories(folder.resolve("done"));
        Path failed = Files.createDirectories(folder.resolve("failed"));
        List<Path> stable = new ArrayList<>();
        java.util.Set<Path> present = new java.util.HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(file)) {
                    continue; // hidden files are uploads in progress by convention
                }
                present.add(file);
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                long[] now = {attrs.size(), attrs.lastModifiedTime().toMillis()};
                long[] before = seen.put(file, now);
                if (before != null && before[0] == now[0] && before[1] == now[1]) {
                    stable.add(file);
                }
            }
        }
        seen.keySet().removeIf(p -> p.startsWith(folder) && !present.contains(p));
        stable.sort(null);
        for (int from = 0; from < stable.size(); from += BATCH) {
            List<Path> batch = new ArrayList<>();
            List<Document> documents = new ArrayList<>();
            for (Path file : stable.subList(from, Math.min(stable.size(), from + BATCH))) {
                if (Files.size(file) > WireFormats.MAX_BYTES) { // refused unread: the file may be any size
                    String reason = "the file is " + Files.size(file) / 1024 + " KB, over the " + WireFormats.MAX_BYTES / 1024 / 1024
                            + " MB limit for one item: not read";
                    sources.refused(s.id(), file.getFileName().toString(), reason);
                    moveAside(file, failed, reason);
                } else {
                    batch.add(file);
                    documents.add(new Document(file.getFileName().toString(), Files.readAllBytes(file)));
                }
            }
            List<String> reasons = queue.receiveAll(s, documents);
            for (int i = 0; i < batch.size(); i++) {
                if (reasons.get(i) == null) {
                    Files.move(batch.get(i), done.resolve(batch.get(i).getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    seen.remove(batch.get(i));
                } else {
                    moveAside(batch.get(i), failed, reasons.get(i));
                }
            }
        }
        sources.succeeded(s, null, null);
    }

    /** A refused file goes to failed/, with NAME.reason beside it saying why. */
    private void moveAside(Path file, Path failed, String reason) throws IOException {
        Files.move(file, failed.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(failed.resolve(file.getFileName() + ".reason"), reason + "\n");
        seen.remove(file);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS); // a poll under way is interrupted; its file moves finish or roll forward next time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
