package dateline.content;

import dateline.platform.Ids;
import dateline.platform.NotFound;
import dateline.platform.ValidationErrors;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Writing static pages: one transaction and event each; every page shows the footer, so all are refreshed. */
record PageWrites(Writes writes, StaticPages pages, TaxonomyRepository taxonomy, ReservedSlugs reserved) {
    StaticPage save(String id, String title, String slug, String bodyHtml, boolean published, int position) {
        return writes.run(h -> save(h, id, title, slug, bodyHtml, published, position), pages::forget);
    }

    private StaticPage save(Handle h, String id, String title, String slug, String bodyHtml, boolean published, int position) {
        {
            StaticPage before = id == null ? null : pages.byId(h, id).orElseThrow(() -> new NotFound("There is no page with this id."));
            String name = title == null ? "" : title.strip();
            String wanted = slug == null || slug.isBlank() ? Slugs.slugify(name) : slug.strip();
            ValidationErrors errors = new ValidationErrors();
            if (name.isEmpty()) {
                errors.add("title", "Give the page a title.");
            } else if (name.length() > 300) {
                errors.add("title", "The title is at most 300 characters.");
            }
            if (!Slugs.isValid(wanted) || wanted.matches("\\d+") || reserved.contains(wanted)) {
                errors.add("slug", "'" + wanted + "' cannot be a page's address: use lower-case words and hyphens, not a number or a reserved word.");
            } else if (taxonomy.slugTaken(h, "sections", wanted)) {
                errors.add("slug", "The section /" + wanted + " already has this address.");
            } else if (h.createQuery("SELECT COUNT(*) FROM static_pages WHERE slug = :slug AND id <> :id").bind("slug", wanted)
                    .bind("id", id == null ? "" : id).mapTo(Integer.class).one() > 0) {
                errors.add("slug", "Another page already uses /" + wanted + ".");
            }
            if (bodyHtml != null && bodyHtml.length() > ArticleDraftValidator.MAX_BODY) {
                errors.add("bodyHtml", "The page is too long.");
            }
            errors.throwIfAny();
            String body = BodySanitizer.sanitize(bodyHtml == null ? "" : bodyHtml);
            long now = writes.now().toEpochMilli();
            String pageId = id == null ? Ids.newId() : id;
            if (before == null) {
                h.createUpdate("""
                        INSERT INTO static_pages (id, slug, title, body_html, published, position, created_at, updated_at)
                        VALUES (:id, :slug, :title, :body, :published, :position, :now, :now)""")
                        .bind("id", pageId).bind("slug", wanted).bind("title", name).bind("body", body).bind("published", published ? 1 : 0)
                        .bind("position", position).bind("now", now).execute();
            } else {
                h.createUpdate("""
                        UPDATE static_pages SET slug = :slug, title = :title, body_html = :body, published = :published, position = :position,
                            updated_at = :now WHERE id = :id""")
                        .bind("id", pageId).bind("slug", wanted).bind("title", name).bind("body", body).bind("published", published ? 1 : 0)
                        .bind("position", position).bind("now", now).execute();
            }
            writes.append(h, writes.now(), EventTypes.PAGE_CHANGED, pageId, List.of(SurrogateKeys.NAV, SurrogateKeys.page(pageId)));
            return pages.byId(h, pageId).orElseThrow();
        }
    }

    /** The slug, or the first of slug-2, slug-3 … that no page, section or route has. */
    private String freeSlug(Handle h, String base) {
        String candidate = base;
        for (int n = 2; taken(h, candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    private boolean taken(Handle h, String slug) {
        return reserved.contains(slug) || slug.matches("\\d+") || taxonomy.slugTaken(h, "sections", slug) || taxonomy.slugTaken(h, "static_pages", slug);
    }

    /**
     * A page from another system: imported once, then updated by later exports only while nobody changed
     * it in Dateline; its old addresses answer 301. Returns the outcome and the page's id.
     */
    ImportedStory.Result importPage(String origin, String title, String slug, String bodyHtml, boolean published, int position, String hash,
                                    List<String> oldPaths) {
        return writes.run(h -> {
            var known = h.createQuery("SELECT page_id, updated_at, content_hash FROM imported_pages WHERE origin = :origin")
                    .bind("origin", origin).map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3)}).findOne();
            ImportedStory.Outcome outcome;
            StaticPage page;
            if (known.isEmpty()) {
                String base = slug != null && Slugs.isValid(slug) ? slug : Slugs.slugify(title);
                page = save(h, null, title, freeSlug(h, base.isEmpty() ? "page" : base), bodyHtml, published, position);
                outcome = ImportedStory.Outcome.IMPORTED;
            } else {
                StaticPage current = pages.byId(h, (String) known.get()[0]).orElseThrow();
                if (hash.equals(known.get()[2])) {
                    return new ImportedStory.Result(ImportedStory.Outcome.UNCHANGED, current.id());
                }
                if (current.updatedAt().toEpochMilli() != (Long) known.get()[1]) {
                    return new ImportedStory.Result(ImportedStory.Outcome.CONFLICT, current.id());
                }
                page = save(h, current.id(), title, current.slug(), bodyHtml, published, current.position());
                outcome = ImportedStory.Outcome.UPDATED;
            }
            h.createUpdate("DELETE FROM imported_pages WHERE origin = :origin").bind("origin", origin).execute();
            h.createUpdate("INSERT INTO imported_pages (origin, page_id, updated_at, content_hash) VALUES (:origin, :id, :at, :hash)")
                    .bind("origin", origin).bind("id", page.id()).bind("at", page.updatedAt().toEpochMilli()).bind("hash", hash).execute();
            for (String path : oldPaths) {
                LegacyPaths.put(h, path, LegacyPaths.Kind.PAGE, page.id());
            }
            return new ImportedStory.Result(outcome, page.id());
        }, pages::forget);
    }
}
