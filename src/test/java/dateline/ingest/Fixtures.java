package dateline.ingest;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real samples of the formats Dateline reads, kept beside the project (never in it): in
 * {@code ../shared/fixtures}, or where {@code DATELINE_FIXTURES} says. Tests that need them are
 * skipped when they are absent, except under {@code CI=true}, where their absence fails the run.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path dir() {
        String configured = System.getenv("DATELINE_FIXTURES");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("..", "shared", "fixtures");
        if (!Files.isDirectory(dir)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("The format fixtures are required under CI=true, and there are none at " + dir.toAbsolutePath());
            }
            assumeTrue(false, "no fixtures at " + dir.toAbsolutePath());
        }
        return dir;
    }

    public static Path ninjsSchemas() {
        return dir().resolve("ninjs/schemas");
    }

    /** The regular files under a folder of the fixtures, sorted, except licences and notices. */
    public static List<Path> files(String folder, String suffix) {
        try (Stream<Path> walk = Files.walk(dir().resolve(folder))) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
