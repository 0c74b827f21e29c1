package dateline.content;

import dateline.content.ImportedStory.Outcome;
import dateline.content.ImportedStory.Result;
import dateline.platform.Ids;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Stories brought over from another system, with their state and their own times (first published,
 * last modified), each in its own transaction with its revision and event like any story. Importing an
 * origin again updates the story only if nobody changed it in Dateline since the last import.
 */
record StoryImports(Writes writes, StoryStore store, TaxonomyWrites taxonomy, ArticleDraftValidator validator) {
    Result importStory(ImportedStory s, String actor) {
        return writes.run(h -> {
            var known = h.createQuery("SELECT article_id, article_version, content_hash FROM imported_stories WHERE origin = :origin")
                    .bind("origin", s.origin()).map((rs, ctx) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3)}).findOne();
            if (known.isEmpty()) {
                return new Result(Outcome.IMPORTED, create(h, s, actor));
            }
            String id = (String) known.get()[0];
            Article before = store.find(h, id);
            if (s.contentHash().equals(known.get()[2])) {
                return new Result(Outcome.UNCHANGED, id);
            }
            if (before.version() != (Integer) known.get()[1]) {
                return new Result(Outcome.CONFLICT, id); // changed in Dateline since: kept as it is
            }
            update(h, before, s, actor);
            return new Result(Outcome.UPDATED, id);
        });
    }

    private String create(Handle h, ImportedStory s, String actor) {
        validator.validate(h, s.draft().withSlug(null), null);
        ArticleDraft d = s.draft().normalized();
        String id = Ids.newId();
        String slug = freeSlug(h, s.slug(), d.headline(), id);
        ArticleRow row = ArticleRow.created(id, slug, d, s.createdAt());
        row = new ArticleRow(row.id(), row.slug(), row.headline(), row.standfirst(), row.bodyHtml(), row.datelinePlace(), row.sectionId(),
                row.leadImageId(), row.language(), row.source(), s.status().dbValue(), 1, s.createdAt().toEpochMilli(),
                s.modifiedAt().toEpochMilli(), ArticleRow.millis(s.publishedAt()), updatedAt(s), ArticleRow.millis(s.scheduledAt()));
        store.rows().insert(h, row);
        lists(h, id, d);
        Article after = store.record(h, null, id, "import", null, actor,
                s.status() == Status.PUBLISHED ? EventTypes.ARTICLE_PUBLISHED : EventTypes.ARTICLE_CREATED);
        remember(h, s, after);
        return id;
    }

    private void update(Handle h, Article before, ImportedStory s, String actor) {
        validator.validate(h, s.draft().withSlug(null), before.id());
        ArticleDraft d = s.draft().normalized();
        ArticleRow was = ArticleRow.of(before);
        ArticleRow row = was.withFields(before.slug(), d).next(s.status(), s.modifiedAt(), ArticleRow.millis(s.publishedAt()), updatedAt(s),
                ArticleRow.millis(s.scheduledAt()));
        store.update(h, row, before.version());
        lists(h, before.id(), d);
        Article after = store.record(h, before, before.id(), "import", null, actor,
                s.status() == Status.PUBLISHED && !before.isPublished() ? EventTypes.ARTICLE_PUBLISHED
                        : before.isPublished() && s.status() != Status.PUBLISHED ? EventTypes.ARTICLE_UNPUBLISHED : EventTypes.ARTICLE_UPDATED);
        remember(h, s, after);
    }

    /** The public "Updated" time: the old system's last modification, when it came after publication. */
    private static Long updatedAt(ImportedStory s) {
        return s.publishedAt() != null && s.modifiedAt().isAfter(s.publishedAt().plusSeconds(60)) ? s.modifiedAt().toEpochMilli() : null;
    }

    private void lists(Handle h, String id, ArticleDraft d) {
        store.rows().replaceAuthors(h, id, d.authorIds());
        store.rows().replaceTags(h, id, taxonomy.tagIds(h, d.tagNames()));
        store.rows().replaceRelated(h, id, d.relatedIds());
    }

    private void remember(Handle h, ImportedStory s, Article after) {
        h.createUpdate("DELETE FROM imported_stories WHERE origin = :origin").bind("origin", s.origin()).execute();
        h.createUpdate("INSERT INTO imported_stories (origin, article_id, article_version, content_hash) VALUES (:origin, :id, :version, :hash)")
                .bind("origin", s.origin()).bind("id", after.id()).bind("version", after.version()).bind("hash", s.contentHash()).execute();
        for (String path : s.oldPaths()) {
            LegacyPaths.put(h, path, LegacyPaths.Kind.STORY, after.id());
        }
    }

    /** The old slug when it is valid and free, else one made from the headline. */
    private String freeSlug(Handle h, String wanted, String headline, String id) {
        String base = Optional.ofNullable(wanted).filter(Slugs::isValid).orElseGet(() -> {
            String made = Slugs.slugify(headline);
            return made.isEmpty() ? id : made;
        });
        return taxonomy.uniqueStorySlug(h, base, id);
    }

    /** Points an old address (a category or tag archive) at a section or tag. */
    void legacyPath(String path, LegacyPaths.Kind kind, String id) {
        writes.run(h -> {
            LegacyPaths.put(h, path, kind, id);
            return null;
        });
    }
}
