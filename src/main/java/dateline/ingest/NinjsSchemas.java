package dateline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPTC's JSON Schemas of ninjs, read from a folder on this machine (never fetched from the network):
 * the files as IPTC publishes them ({@code ninjs-schema_3.1.json}, …, and GeoJSON's schema, which 2.2
 * and 3.x refer to, as {@code external/GeoJSON-schema.json}). Each version's schema is compiled once.
 */
public final class NinjsSchemas {
    private static final Pattern FILE = Pattern.compile("ninjs-schema_(\\d+\\.\\d+)\\.json");
    private static final String IPTC = "http://www.iptc.org/std/ninjs/";
    private static final String GEOJSON = "https://geojson.org/schema/GeoJSON.json";

    private final Path folder;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final List<String> versions;

    private NinjsSchemas(Path folder) {
        this.folder = folder;
        this.versions = listVersions(folder);
        // Formats ("uri", "date-time") are annotations, as IPTC's own validation treats them: an agency's
        // odd date is warned about by the reader itself, where it is used.
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(this::local)
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build()));
    }

    /** The schemas in {@code folder}, or none (ninjs is then read without schema validation) when it is null or missing. */
    public static Optional<NinjsSchemas> in(Path folder) {
        return folder != null && Files.isDirectory(folder) ? Optional.of(new NinjsSchemas(folder)) : Optional.empty();
    }

    private String local(String iri) {
        String bare = iri.replaceFirst("#$", "");
        Path file = null;
        if (bare.equals(GEOJSON)) {
            file = folder.resolve("external/GeoJSON-schema.json");
        } else if (bare.startsWith(IPTC) || bare.startsWith(IPTC.replace("http:", "https:"))) {
            file = folder.resolve(bare.substring(bare.lastIndexOf('/') + 1));
        }
        try {
            return file != null && Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The versions there are usable schemas for, as "1.6", "3.1". ninjs 1.0's schema is written in JSON
     * Schema draft 3, which no maintained validator reads: 1.0 documents are checked against 1.1.
     */
    List<String> versions() {
        return versions;
    }

    private static List<String> listVersions(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(NinjsSchemas::usable).map(f -> FILE.matcher(f.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> m.group(1)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean usable(Path schema) {
        try (var in = Files.newInputStream(schema)) {
            return !new String(in.readNBytes(300), java.nio.charset.StandardCharsets.UTF_8).contains("draft-03");
        } catch (IOException e) {
            return false;
        }
    }

    /** The newest schema of this major version ("3" → "3.1"), or of this exact version ("2.1"). */
    Optional<String> schemaFor(String version) {
        List<String> all = versions();
        if (all.contains(version)) {
            return Optional.of(version);
        }
        String major = version.split("\\.")[0];
        return all.stream().filter(v -> v.startsWith(major + ".")).reduce((a, b) -> b);
    }

    /** The problems the schema of {@code version} finds in the document, as short sentences (at most {@code max}). */
    List<String> problems(String version, JsonNode document, int max) {
        Schema schema = compiled.computeIfAbsent(version, v -> registry.getSchema(com.networknt.schema.SchemaLocation.of(IPTC + "ninjs-schema_" + v + ".json")));
        return schema.validate(document).stream().limit(max).map(Error::toString).toList();
    }
}
