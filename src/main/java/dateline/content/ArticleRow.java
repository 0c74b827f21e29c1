package dateline.content;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The articles table's own columns, as stored (times in epoch milliseconds). Built from a stored
 * story with {@link #of} and changed with the {@code with…} methods, never positionally.
 */
record ArticleRow(String id, String slug, String headline, String standfirst, String bodyHtml, String datelinePlace,
                  String sectionId, String leadImageId, String language, String source, String status, int version,
                  long createdAt, long modifiedAt, Long firstPublishedAt, Long updatedAt, Long scheduledAt) {

    static final RowMapper<ArticleRow> MAPPER = (rs, ctx) -> new ArticleRow(rs.getString("id"), rs.getString("slug"), rs.getString("headline"),
            rs.getString("standfirst"), rs.getString("body_html"), rs.getString("dateline_place"), rs.getString("section_id"),
            rs.getString("lead_image_id"), rs.getString("language"), rs.getString("source"), rs.getString("status"),
            rs.getInt("version"), rs.getLong("created_at"), rs.getLong("modified_at"),
            nullableLong(rs, "first_published_at"), nullableLong(rs, "updated_at"), nullableLong(rs, "scheduled_at"));

    /** A new story's first row: a draft at version 1 with the draft's (normalized) fields. */
    static ArticleRow created(String id, String slug, ArticleDraft normalized, Instant now) {
        return new ArticleRow(id, null, null, null, null, null, null, null, null, null, Status.DRAFT.dbValue(), 1,
                now.toEpochMilli(), now.toEpochMilli(), null, null, null).withFields(slug, normalized);
    }

    /** The stored state of a story. */
    static ArticleRow of(Article a) {
        return new ArticleRow(a.id(), a.slug(), a.headline(), a.standfirst(), a.bodyHtml(), a.datelinePlace(), a.section().id(),
                a.leadImage() == null ? null : a.leadImage().id(), a.language(), a.source(), a.status().dbValue(), a.version(),
                a.createdAt().toEpochMilli(), a.modifiedAt().toEpochMilli(), millis(a.firstPublishedAt()), millis(a.updatedAt()),
                millis(a.scheduledAt()));
    }

    /** The same row with the writer's fields (already normalized) and this slug. */
    ArticleRow withFields(String newSlug, ArticleDraft d) {
        return new ArticleRow(id, newSlug, d.headline(), d.standfirst(), d.bodyHtml(), d.datelinePlace(), d.sectionId(), d.leadImageId(),
                d.language(), d.source(), status, version, createdAt, modifiedAt, firstPublishedAt, updatedAt, scheduledAt);
    }

    /** The next version of this row: changed at {@code modified}, with this status and these times. */
    ArticleRow next(Status newStatus, Instant modified, Long newFirstPublished, Long newUpdated, Long newScheduled) {
        return new ArticleRow(id, slug, headline, standfirst, bodyHtml, datelinePlace, sectionId, leadImageId, language, source,
                newStatus.dbValue(), version + 1, createdAt, modified.toEpochMilli(), newFirstPublished, newUpdated, newScheduled);
    }

    /** Binds the columns by the names the SQL uses (typed, so a null time is a null BIGINT on PostgreSQL). */
    <T extends SqlStatement<T>> T bindTo(T statement) {
        return statement.bind("id", id).bind("slug", slug).bind("headline", headline).bind("standfirst", standfirst)
                .bind("bodyHtml", bodyHtml).bind("datelinePlace", datelinePlace).bind("sectionId", sectionId)
                .bind("leadImageId", leadImageId).bind("language", language).bind("source", source).bind("status", status)
                .bind("version", version).bind("createdAt", createdAt).bind("modifiedAt", modifiedAt)
                .bind("firstPublishedAt", firstPublishedAt).bind("updatedAt", updatedAt).bind("scheduledAt", scheduledAt);
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
