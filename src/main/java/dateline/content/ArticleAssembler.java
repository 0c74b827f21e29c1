package dateline.content;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Builds whole {@link Article}s from rows of {@link #SELECT}: one more query fetches the authors, tags,
 * corrections and Read-more picks of every row together, whatever the number of rows.
 */
final class ArticleAssembler {
    /** The article columns plus its lead image's description (never the image bytes). */
    static final String SELECT = "SELECT a.*, i.content_type AS img_content_type, i.width AS img_width, i.height AS img_height, "
            + "i.alt_text AS img_alt_text, i.caption AS img_caption, i.credit AS img_credit, i.created_at AS img_created_at "
            + "FROM articles a LEFT JOIN images i ON i.id = a.lead_image_id ";

    /** A row with its lead image, as read by {@link #SELECT}. */
    record Joined(ArticleRow row, Image image) {}

    static final RowMapper<Joined> JOINED = (rs, ctx) -> {
        ArticleRow row = ArticleRow.MAPPER.map(rs, ctx);
        Image image = row.leadImageId() == null ? null : new Image(row.leadImageId(), rs.getString("img_content_type"),
                rs.getInt("img_width"), rs.getInt("img_height"), rs.getString("img_alt_text"), rs.getString("img_caption"),
                rs.getString("img_credit"), Instant.ofEpochMilli(rs.getLong("img_created_at")));
        return new Joined(row, image);
    };

    private final TaxonomyRepository taxonomy;

    ArticleAssembler(TaxonomyRepository taxonomy) {
        this.taxonomy = taxonomy;
    }

    /** Whole articles for these rows, in their order. Sections come from the taxonomy's memory. */
    List<Article> assemble(Handle h, List<Joined> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(j -> j.row().id()).toList();
        Map<String, List<Author>> authors = new HashMap<>();
        Map<String, List<Tag>> tags = new HashMap<>();
        Map<String, List<Correction>> corrections = new HashMap<>();
        Map<String, List<String>> related = new HashMap<>();
        h.createQuery("SELECT 'a' AS kind, aa.article_id, aa.position AS ord, au.id, au.slug, au.name, au.job_title AS extra, au.bio AS more "
                        + "FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE aa.article_id IN (<ids>) "
                        + "UNION ALL SELECT 't', at.article_id, at.position, t.id, t.slug, t.name, NULL, NULL "
                        + "FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id IN (<ids>) "
                        + "UNION ALL SELECT 'c', c.article_id, c.created_at, c.id, NULL, c.note, NULL, NULL "
                        + "FROM corrections c WHERE c.article_id IN (<ids>) "
                        + "UNION ALL SELECT 'r', r.article_id, r.position, r.related_id, NULL, NULL, NULL, NULL "
                        + "FROM article_related r WHERE r.article_id IN (<ids>) "
                        + "ORDER BY 1, 2, 3, 4")
                .bindList("ids", ids)
                .map((rs, ctx) -> {
                    String articleId = rs.getString("article_id");
                    switch (rs.getString("kind")) {
                        case "a" -> authors.computeIfAbsent(articleId, k -> new ArrayList<>()).add(new Author(rs.getString("id"),
                                rs.getString("slug"), rs.getString("name"), rs.getString("extra"), rs.getString("more")));
                        case "t" -> tags.computeIfAbsent(articleId, k -> new ArrayList<>()).add(new Tag(rs.getString("id"),
                                rs.getString("slug"), rs.getString("name")));
                        case "r" -> related.computeIfAbsent(articleId, k -> new ArrayList<>()).add(rs.getString("id"));
                        default -> corrections.computeIfAbsent(articleId, k -> new ArrayList<>()).add(new Correction(rs.getString("id"),
                                rs.getString("name"), Instant.ofEpochMilli(rs.getLong("ord"))));
                    }
                    return articleId;
                })
                .list();
        Map<String, Section> sections = new HashMap<>();
        taxonomy.sections().forEach(s -> sections.put(s.id(), s));
        List<Article> result = new ArrayList<>(rows.size());
        for (Joined joined : rows) {
            ArticleRow r = joined.row();
            Section section = sections.get(r.sectionId());
            if (section == null) { // created since the section list was read: this node has not applied that event yet
                section = taxonomy.section(h, r.sectionId()).orElseThrow();
            }
            result.add(new Article(r.id(), r.slug(), r.headline(), r.standfirst(), r.bodyHtml(), r.datelinePlace(), section,
                    authors.getOrDefault(r.id(), List.of()), tags.getOrDefault(r.id(), List.of()), joined.image(),
                    r.language(), r.source(), Status.fromDb(r.status()), r.version(), Instant.ofEpochMilli(r.createdAt()),
                    Instant.ofEpochMilli(r.modifiedAt()), instant(r.firstPublishedAt()), instant(r.updatedAt()),
                    instant(r.scheduledAt()), corrections.getOrDefault(r.id(), List.of()), related.getOrDefault(r.id(), List.of())));
        }
        return result;
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
