package dateline.content;

import java.util.Locale;
import dateline.platform.ValidationFailed;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dateline.platform.Database;
import dateline.platform.ValidationErrors;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The whole site as one JSON document: every content table, row by row, in a fixed order.
 *
 * <p>Lossless by construction: values are written as stored (times as epoch milliseconds, image
 * bytes as base64), rows sorted by key, so export → import → export gives the same bytes. The event
 * log, consumer cursors and view counts are not content and are not exported; an import appends one event.
 */
public final class SiteArchive {
    static final String FORMAT = "dateline-site";
    static final int VERSION = 1;

    /** A table in the archive: its sort order, and columns that are not copied or need encoding. */
    private record TableSpec(String name, String orderBy, Set<String> skipped, Set<String> binary) {}

    private static final List<TableSpec> TABLES = List.of(
            new TableSpec("site_settings", "name", Set.of(), Set.of()),
            new TableSpec("sections", "id", Set.of(), Set.of()),
            new TableSpec("authors", "id", Set.of(), Set.of()),
            new TableSpec("tags", "id", Set.of(), Set.of()),
            new TableSpec("images", "id", Set.of(), Set.of("data")),
            new TableSpec("articles", "id", Set.of(), Set.of()),
            new TableSpec("article_authors", "article_id, position", Set.of(), Set.of()),
            new TableSpec("article_tags", "article_id, position", Set.of(), Set.of()),
            new TableSpec("article_related", "article_id, position", Set.of(), Set.of()),
            new TableSpec("corrections", "article_id, created_at, id", Set.of(), Set.of()),
            new TableSpec("slug_redirects", "slug", Set.of(), Set.of()),
            new TableSpec("front_page", "position", Set.of(), Set.of()),
            // Revision ids are the database's own counter: order is kept, the numbers are not.
            new TableSpec("revisions", "article_id, version", Set.of("id"), Set.of()));

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final ObjectNode document;

    private SiteArchive(ObjectNode document) {
        this.document = document;
    }

    /** Reads every content table into an archive. */
    public static SiteArchive read(Database db) {
        return db.jdbi().withHandle(h -> {
            ObjectNode doc = JSON.createObjectNode();
            doc.put("format", FORMAT);
            doc.put("version", VERSION);
            ObjectNode tables = doc.putObject("tables");
            for (TableSpec spec : TABLES) {
                ArrayNode rows = tables.putArray(spec.name());
                h.createQuery("SELECT * FROM " + spec.name() + " ORDER BY " + spec.orderBy()).map((rs, ctx) -> {
                    ObjectNode row = JSON.createObjectNode();
                    var meta = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
                    }
                    columns.sort(null);
                    for (String column : columns) {
                        if (spec.skipped().contains(column)) {
                            continue;
                        }
                        Object value = rs.getObject(column);
                        if (value == null) {
                            row.putNull(column);
                        } else if (spec.binary().contains(column)) {
                            row.put(column, Base64.getEncoder().encodeToString(rs.getBytes(column)));
                        } else if (value instanceof Number n) {
                            row.put(column, n.longValue());
                        } else {
                            row.put(column, value.toString());
                        }
                    }
                    return row;
                }).forEach(rows::add);
            }
            return new SiteArchive(doc);
        });
    }

    /** Parses an archive, refusing anything that is not one with a message that says what is wrong. */
    public static SiteArchive parse(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw invalid("file", "Not valid JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")");
        } catch (CharConversionException e) { // bytes that are no text in the encoding they seem to be in (found by fuzzing)
            throw invalid("file", "Not valid JSON: the bytes are not UTF-8 text (" + e.getMessage() + ").");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw invalid("format", "Not a Dateline site export: expected \"format\": \"" + FORMAT + "\".");
        }
        if (root.path("version").asInt() != VERSION) {
            throw invalid("version", "Export version " + root.path("version") + " is not supported; this Dateline reads version " + VERSION + ".");
        }
        JsonNode tables = root.path("tables");
        for (Iterator<String> names = tables.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (TABLES.stream().noneMatch(t -> t.name().equals(name))) {
                throw invalid("tables", "Unknown table '" + name + "'.");
            }
            if (!tables.get(name).isArray()) {
                throw invalid("tables." + name, "Expected a list of rows.");
            }
        }
        return new SiteArchive((ObjectNode) root);
    }

    public void write(OutputStream out) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        JSON.writer(printer).writeValue(out, document);
        out.write('\n');
        out.flush();
    }

    public int rowCount(String table) {
        return document.path("tables").path(table).size();
    }

    /** Inserts every row, inside the caller's transaction. Called by {@link ContentService#importSite}. */
    void insertInto(Handle h) {
        JsonNode tables = document.path("tables");
        for (TableSpec spec : TABLES) {
            Set<String> allowed = columnsOf(h, spec.name());
            int index = 0;
            for (JsonNode row : tables.path(spec.name())) {
                String where = spec.name() + "[" + index++ + "]";
                if (!row.isObject()) {
                    throw invalid(where, "Expected an object.");
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String column = field.getKey();
                    if (!allowed.contains(column) || spec.skipped().contains(column)) {
                        throw invalid(where, "Unknown column '" + column + "'.");
                    }
                    values.put(column, value(field.getValue(), spec.binary().contains(column), where + "." + column));
                }
                ArchiveRows.check(spec.name(), where, values);
                String columns = String.join(", ", values.keySet());
                String params = String.join(", ", values.keySet().stream().map(c -> ":" + c).toList());
                var update = h.createUpdate("INSERT INTO " + spec.name() + " (" + columns + ") VALUES (" + params + ")");
                values.forEach(update::bind);
                update.execute();
            }
        }
    }

    private static Object value(JsonNode node, boolean binary, String where) {
        if (node.isNull()) {
            return null;
        }
        if (binary) {
            try {
                return Base64.getDecoder().decode(node.asText());
            } catch (IllegalArgumentException e) {
                throw invalid(where, "Not valid base64.");
            }
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isTextual()) {
            return node.asText();
        }
        throw invalid(where, "Expected text, a whole number or null, got " + node.getNodeType() + ".");
    }

    private static Set<String> columnsOf(Handle h, String table) {
        try (var stmt = h.getConnection().createStatement(); var rs = stmt.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            var meta = rs.getMetaData();
            Set<String> names = new java.util.HashSet<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            return names;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read the columns of " + table, e);
        }
    }

    private static ValidationFailed invalid(String where, String message) {
        return new ValidationFailed(new ValidationErrors().add(where, message));
    }
}
