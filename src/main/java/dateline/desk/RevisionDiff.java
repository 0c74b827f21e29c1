package dateline.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import dateline.content.ArticleDraft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jsoup.nodes.Entities;

/**
 * The difference between two saved states of a story, field by field, with changed words marked
 * ({@code <del>} and {@code <ins>}, everything else escaped); and a state turned back into a draft
 * for restoring it.
 */
public final class RevisionDiff {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DiffRowGenerator GENERATOR = DiffRowGenerator.create()
            .showInlineDiffs(true)
            .inlineDiffByWord(true)
            .mergeOriginalRevised(true)
            .lineNormalizer(Entities::escape)
            .oldTag(start -> start ? "<del>" : "</del>")
            .newTag(start -> start ? "<ins>" : "</ins>")
            .build();

    /** One changed field: its name and the lines of its diff, as safe HTML. */
    public record FieldDiff(String field, List<String> lines) {}

    private RevisionDiff() {}

    static List<FieldDiff> between(String beforeJson, String afterJson) {
        JsonNode before = read(beforeJson);
        JsonNode after = read(afterJson);
        List<FieldDiff> diffs = new ArrayList<>();
        after.fieldNames().forEachRemaining(field -> {
            String was = text(before.get(field));
            String now = text(after.get(field));
            if (!was.equals(now)) {
                List<String> lines = new ArrayList<>();
                for (DiffRow row : GENERATOR.generateDiffRows(lines(was), lines(now))) {
                    if (row.getTag() != DiffRow.Tag.EQUAL) {
                        lines.add(row.getOldLine());
                    }
                }
                diffs.add(new FieldDiff(field, lines));
            }
        });
        return diffs;
    }

    /** The editable fields of a saved state, as a draft to save again. */
    static ArticleDraft draft(String snapshotJson) {
        JsonNode s = read(snapshotJson);
        return new ArticleDraft(s.path("headline").asText(), s.path("standfirst").asText(), s.path("bodyHtml").asText(),
                s.path("datelinePlace").asText(), s.path("sectionId").asText(), strings(s.path("authorIds")), strings(s.path("tags")),
                s.path("leadImageId").isNull() ? null : s.path("leadImageId").asText(null), s.path("language").asText(),
                s.path("source").asText(), s.path("slug").asText(), strings(s.path("relatedIds")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    /** HTML is compared a block at a time: one line per tag-delimited piece. */
    private static List<String> lines(String text) {
        return Arrays.asList(text.replace("><", ">\n<").split("\n", -1));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
