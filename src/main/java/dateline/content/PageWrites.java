package dateline.content;

import dateline.platform.Ids;
import dateline.platform.NotFound;
import dateline.platform.ValidationErrors;
import java.util.List;

/** Writing static pages: one transaction and event each; every page shows the footer, so all are refreshed. */
record PageWrites(Writes writes, StaticPages pages, TaxonomyRepository taxonomy, ReservedSlugs reserved) {
    StaticPage save(String id, String title, String slug, String bodyHtml, boolean published, int position) {
        return writes.run(h -> {
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
        });
    }
}
