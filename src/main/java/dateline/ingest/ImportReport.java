package dateline.ingest;

import dateline.content.Author;
import dateline.content.ContentService;
import dateline.content.ImportedStory;
import dateline.content.TaxonomyRepository;
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

    /** Stories waiting to be imported together (one transaction per batch): their labels, in the same order. */
    private final List<ImportedStory> queued = new ArrayList<>();
    private final List<String> queuedLabels = new ArrayList<>();
    private static final int BATCH = 500;

    /**
     * Imports a story through the content service, with others in a batch, and counts what happened to
     * it under "stories"; {@link #flush} stores what is still waiting.
     */
    void story(ContentService content, ImportedStory story, String actor, String label) {
        queued.add(story);
        queuedLabels.add(label);
        if (queued.size() >= BATCH) {
            flush(content, actor);
        }
    }

    /** Stores the stories still waiting and counts their outcomes. */
    void flush(ContentService content, String actor) {
        if (queued.isEmpty()) {
            return;
        }
        List<ImportedStory.Result> results = content.importStories(List.copyOf(queued), actor);
        for (int i = 0; i < results.size(); i++) {
            count("stories", results.get(i), queuedLabels.get(i));
        }
        queued.clear();
        queuedLabels.clear();
    }

    private void count(String kind, ImportedStory.Result result, String label) {
        count(kind, switch (result.outcome()) {
            case IMPORTED -> "imported";
            case UPDATED -> "updated";
            case UNCHANGED -> "unchanged";
            case CONFLICT -> "conflicts";
            case FAILED -> "failed";
        });
        if (result.outcome() == ImportedStory.Outcome.CONFLICT) {
            line(label + ": changed in Dateline since it was imported: kept as it is there (" + result.articleId() + ")");
        } else if (result.outcome() == ImportedStory.Outcome.FAILED) {
            line(label + ": failed: " + result.reason());
        }
    }

    /** Runs one import (a story, a page) and counts its outcome under {@code kind}; a refusal is counted as failed, with its reason. */
    void store(String kind, String label, java.util.function.Supplier<ImportedStory.Result> importing) {
        try {
            count(kind, importing.get(), label);
        } catch (ValidationFailed | Conflict e) {
            count(kind, "failed");
            line(label + ": failed: " + e.getMessage());
        }
    }

    /**
     * The Dateline author of this name, made if there is none (counted under "authors"); null in a dry
     * run when it would be made.
     */
    String author(ContentService content, TaxonomyRepository taxonomy, String name, String bio, boolean dryRun) {
        java.util.Optional<Author> existing = taxonomy.authors().stream().filter(a -> a.name().equals(name)).findFirst();
        if (existing.isPresent()) {
            count("authors", "unchanged");
            return existing.get().id();
        }
        count("authors", "imported");
        return dryRun ? null : content.createAuthor(name, "", bio).id();
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
