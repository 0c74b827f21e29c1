package dateline.ingest;

import dateline.content.ContentService;
import dateline.content.ImportedStory;
import dateline.platform.Conflict;
import dateline.platform.ValidationFailed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import (WordPress, Ghost) did: counts per kind of thing and outcome (imported, updated,
 * unchanged, conflicts, skipped, failed), and a line for each item skipped, failed or in conflict.
 */
public final class ImportReport {
    private final String what;
    private final boolean dryRun;
    private final Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private String site = "";
    private String version = "";

    ImportReport(String what, boolean dryRun) {
        this.what = what;
        this.dryRun = dryRun;
    }

    void site(String value) {
        site = value;
    }

    void version(String value) {
        version = value;
    }

    void count(String kind, String outcome) {
        counts.computeIfAbsent(kind, k -> new LinkedHashMap<>()).merge(outcome, 1, Integer::sum);
    }

    void line(String text) {
        lines.add(text);
    }

    /** Imports one story through the content service and counts what happened to it under {@code kind}. */
    void store(ContentService content, ImportedStory story, String actor, String kind, String label) {
        try {
            ImportedStory.Result result = content.importStory(story, actor);
            count(kind, switch (result.outcome()) {
                case IMPORTED -> "imported";
                case UPDATED -> "updated";
                case UNCHANGED -> "unchanged";
                case CONFLICT -> "conflicts";
            });
            if (result.outcome() == ImportedStory.Outcome.CONFLICT) {
                line(label + ": changed in Dateline since it was imported: kept as it is there (story " + result.articleId() + ")");
            }
        } catch (ValidationFailed | Conflict e) {
            count(kind, "failed");
            line(label + ": failed: " + e.getMessage());
        }
    }

    /** How many things of a kind had an outcome ("stories", "imported"). */
    public int get(String kind, String outcome) {
        return counts.getOrDefault(kind, Map.of()).getOrDefault(outcome, 0);
    }

    public Map<String, Map<String, Integer>> counts() {
        return counts;
    }

    public List<String> lines() {
        return lines;
    }

    /** The report as printed: a line per kind, then one per item skipped, failed or in conflict. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(what).append(" of ").append(site.isEmpty() ? "an unnamed site" : site).append(version.isEmpty() ? "" : " (" + version + ")")
                .append(dryRun ? ": dry run, nothing written\n" : "\n");
        counts.forEach((kind, outcomes) -> {
            out.append(kind).append(":");
            outcomes.forEach((outcome, n) -> out.append(' ').append(outcome).append(' ').append(n).append(','));
            out.setLength(out.length() - 1);
            out.append('\n');
        });
        lines.forEach(l -> out.append("- ").append(l).append('\n'));
        return out.toString();
    }
}
