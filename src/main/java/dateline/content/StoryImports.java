package dateline.content;

import dateline.content.ImportedStory.Outcome;
import dateline.content.ImportedStory.Result;
import dateline.platform.Conflict;
import dateline.platform.EventLog;
import dateline.platform.Ids;
import dateline.platform.ValidationFailed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;


/**
 * Stories brought over from another system, with their state and their own times (first published,
 * last modified), each with its revision and event like any story. Importing an origin again updates
 * the story only if nobody changed it in Dateline since the last import.
 *
 * <p>Stories come in batches, one transaction each: a new story's rows, lists, revision, event, origin
 * and old addresses are written with JDBC batches, so an archive of 100,000 posts moves in about a
 * minute. A story that breaks a rule is refused on its own before anything is written; should the
 * database refuse the batch anyway, each of its stories is tried again on its own, so one bad story
 * never sinks the others.
 */
record StoryImports(Writes writes, StoryStore store, TaxonomyWrites taxonomy, ArticleDraftValidator validator) {
    private record Known(String articleId, int version, String hash) {}

    /** A new story checked and ready to be written with the rest of its batch. */
    private record Pending(int index, ImportedStory story, ArticleRow row, ArticleDraft draft, List<String> tagIds) {}

    List<Result> importAll(List<ImportedStory> stories, String actor) {
        try {
            return writes.run(h -> batch(h, stories, actor));
        } catch (RuntimeException e) {
            if (stories.size() == 1) {
                return List.of(Result.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
            List<Result> results = new ArrayList<>(stories.size());
            for (ImportedStory s : stories) {
                results.addAll(importAll(List.of(s), actor));
            }
            return results;
        }
    }

    private List<Result> batch(Handle h, List<ImportedStory> stories, String actor) {
        Map<String, Known> known = new HashMap<>();
        h.createQuery("SELECT origin, article_id, article_version, content_hash FROM imported_stories WHERE origin IN (<origins>)")
                .bindList("origins", stories.stream().map(ImportedStory::origin).distinct().toList())
                .map((rs, ctx) -> known.put(rs.getString(1), new Known(rs.getString(2), rs.getInt(3), rs.getString(4)))).list();
        // what the new stories need, read once for the batch: the tags they name, whether their slugs are free
        List<ImportedStory> fresh = stories.stream().filter(s -> !known.containsKey(s.origin())).toList();
        Map<String, Tag> tags = new HashMap<>();
        taxonomy.taxonomy().tagsBySlug(h, fresh.stream().flatMap(s -> s.draft().tagNames().stream()).map(Slugs::slugify).distinct().toList())
                .forEach(t -> tags.put(t.slug(), t));
        Set<String> slugsTaken = store.rows().slugsTaken(h, fresh.stream().map(StoryImports::baseSlug).distinct().toList());
        ArticleDraftValidator.Found found = new ArticleDraftValidator.Found();
        Result[] results = new Result[stories.size()];
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < stories.size(); i++) {
            ImportedStory s = stories.get(i);
            try {
                Known k = known.get(s.origin());
                if (k != null) {
                    results[i] = again(h, s, k, actor);
                } else {
                    validator.validate(h, s.draft().withSlug(null), null, found);
                    ArticleDraft d = s.draft().normalized();
                    String id = Ids.newId();
                    String slug = freeSlug(h, baseSlug(s), id, slugsTaken);
                    slugsTaken.add(slug);
                    ArticleRow row = ArticleRow.created(id, slug, d, s.createdAt());
                    row = new ArticleRow(row.id(), row.slug(), row.headline(), row.standfirst(), row.bodyHtml(), row.datelinePlace(), row.sectionId(),
                            row.leadImageId(), row.language(), row.source(), s.status().dbValue(), 1, s.createdAt().toEpochMilli(),
                            s.modifiedAt().toEpochMilli(), ArticleRow.millis(s.publishedAt()), updatedAt(s), ArticleRow.millis(s.scheduledAt()));
                    pending.add(new Pending(i, s, row, d, taxonomy.tagIds(h, d.tagNames(), tags)));
                    known.put(s.origin(), new Known(id, 1, s.contentHash())); // the same origin twice in one batch: the second is "unchanged" or updates it
                    results[i] = new Result(Outcome.IMPORTED, id);
                }
            } catch (ValidationFailed | Conflict refused) { // found before this story wrote anything
                results[i] = Result.failed(refused.getMessage());
            }
        }
        create(h, pending, actor);
        return List.of(results);
    }

    /** Writes the batch's new stories: rows, lists, then each one's revision, event, origin and old addresses. */
    private void create(Handle h, List<Pending> pending, String actor) {
        if (pending.isEmpty()) {
            return;
        }
        store.rows().insertAll(h, pending.stream().map(Pending::row).toList());
        Map<String, List<String>> authors = new java.util.LinkedHashMap<>();
        Map<String, List<String>> tagLists = new java.util.LinkedHashMap<>();
        for (Pending p : pending) {
            authors.put(p.row().id(), p.draft().authorIds());
            tagLists.put(p.row().id(), p.tagIds());
        }
        store.rows().insertLists(h, "article_authors", "author_id", authors);
        store.rows().insertLists(h, "article_tags", "tag_id", tagLists);
        Map<String, Article> after = new HashMap<>();
        store.articles().findByIds(h, pending.stream().map(p -> p.row().id()).toList()).forEach(a -> after.put(a.id(), a));
        List<Article> created = pending.stream().map(p -> after.get(p.row().id())).toList();
        store.revisions().insertAll(h, created, actor, "import");
        writes.appendAll(h, created.stream().map(a -> new EventLog.NewEvent(a.modifiedAt(),
                a.isPublished() ? EventTypes.ARTICLE_PUBLISHED : EventTypes.ARTICLE_CREATED, a.id(), StoryStore.keys(a, null))).toList());
        List<LegacyPaths.Path> paths = new ArrayList<>();
        var origins = h.prepareBatch("INSERT INTO imported_stories (origin, article_id, article_version, content_hash) VALUES (:origin, :id, 1, :hash)");
        for (Pending p : pending) {
            origins.bind("origin", p.story().origin()).bind("id", p.row().id()).bind("hash", p.story().contentHash()).add();
            p.story().oldPaths().forEach(path -> paths.add(new LegacyPaths.Path(path, LegacyPaths.Kind.STORY, p.row().id())));
        }
        origins.execute();
        LegacyPaths.putAll(h, paths);
    }

    /** An origin imported before: unchanged, changed in Dateline since (a conflict, left alone), or updated. */
    private Result again(Handle h, ImportedStory s, Known k, String actor) {
        if (s.contentHash().equals(k.hash())) {
            return new Result(Outcome.UNCHANGED, k.articleId());
        }
        Article before = store.find(h, k.articleId());
        if (before.version() != k.version()) {
            return new Result(Outcome.CONFLICT, k.articleId()); // changed in Dateline since: kept as it is
        }
        validator.validate(h, s.draft().withSlug(null), before.id());
        ArticleDraft d = s.draft().normalized();
        ArticleRow was = ArticleRow.of(before);
        ArticleRow row = was.withFields(before.slug(), d).next(s.status(), s.modifiedAt(), ArticleRow.millis(s.publishedAt()), updatedAt(s),
                ArticleRow.millis(s.scheduledAt()));
        store.update(h, row, before.version());
        store.rows().replaceAuthors(h, before.id(), d.authorIds());
        store.rows().replaceTags(h, before.id(), taxonomy.tagIds(h, d.tagNames()));
        store.rows().replaceRelated(h, before.id(), d.relatedIds());
        Article after = store.record(h, before, before.id(), "import", null, actor,
                s.status() == Status.PUBLISHED && !before.isPublished() ? EventTypes.ARTICLE_PUBLISHED
                        : before.isPublished() && s.status() != Status.PUBLISHED ? EventTypes.ARTICLE_UNPUBLISHED : EventTypes.ARTICLE_UPDATED);
        h.createUpdate("UPDATE imported_stories SET article_version = :version, content_hash = :hash WHERE origin = :origin")
                .bind("origin", s.origin()).bind("version", after.version()).bind("hash", s.contentHash()).execute();
        LegacyPaths.putAll(h, s.oldPaths().stream().map(path -> new LegacyPaths.Path(path, LegacyPaths.Kind.STORY, after.id())).toList());
        return new Result(Outcome.UPDATED, after.id());
    }

    /** The public "Updated" time: the old system's last modification, when it came after publication. */
    private static Long updatedAt(ImportedStory s) {
        return s.publishedAt() != null && s.modifiedAt().isAfter(s.publishedAt().plusSeconds(60)) ? s.modifiedAt().toEpochMilli() : null;
    }

    /** The slug a story would like: its old one when valid, else one made from its headline ("" when neither gives one). */
    private static String baseSlug(ImportedStory s) {
        return Optional.ofNullable(s.slug()).filter(Slugs::isValid).orElseGet(() -> Slugs.slugify(s.draft().headline() == null ? "" : s.draft().headline()));
    }

    /** {@code base} when it is free (neither in {@code taken}, read for the batch, nor claimed in it), else the next free one. */
    private String freeSlug(Handle h, String base, String id, Set<String> taken) {
        String root = base.isEmpty() ? id : base;
        String slug = root;
        for (int n = 2; taken.contains(slug) || (!slug.equals(root) && store.rows().slugOwner(h, slug).isPresent()); n++) {
            slug = root + "-" + n; // base-2, base-3 …: the first that no story has now or had once, nor one of this batch
        }
        return slug;
    }

    /** Points an old address (a category or tag archive) at a section or tag. */
    void legacyPath(String path, LegacyPaths.Kind kind, String id) {
        writes.run(h -> {
            LegacyPaths.put(h, path, kind, id);
            return null;
        });
    }
}
