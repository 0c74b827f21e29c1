package dateline.content;

import dateline.platform.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** SQL for images: their descriptions, and their bytes kept in the database with everything else. */
public final class ImageRepository {
    static final RowMapper<Image> IMAGE = (rs, ctx) -> new Image(rs.getString("id"), rs.getString("content_type"),
            rs.getInt("width"), rs.getInt("height"), rs.getString("alt_text"), rs.getString("caption"),
            rs.getString("credit"), Instant.ofEpochMilli(rs.getLong("created_at")));
    private static final String COLUMNS = "id, content_type, width, height, alt_text, caption, credit, created_at";

    private final Database db;

    public ImageRepository(Database db) {
        this.db = db;
    }

    public Optional<Image> find(String id) {
        return db.jdbi().withHandle(h -> find(h, id));
    }

    /** The image another system knew as {@code origin} (a WordPress attachment), if it was imported before. */
    public Optional<Image> imported(String origin) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT image_id FROM imported_images WHERE origin = :origin").bind("origin", origin)
                .mapTo(String.class).findOne().flatMap(id -> find(h, id)));
    }

    /** The origins of images imported before whose origin starts with {@code prefix} (one site's attachments): asked once per import. */
    public java.util.Set<String> importedOrigins(String prefix) {
        return db.jdbi().withHandle(h -> new java.util.HashSet<>(h.createQuery("SELECT origin FROM imported_images WHERE substr(origin, 1, :n) = :prefix")
                .bind("n", prefix.length()).bind("prefix", prefix).mapTo(String.class).list()));
    }

    Optional<Image> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM images WHERE id = :id").bind("id", id).map(IMAGE).findOne();
    }

    /**
     * Images whose alt text, caption or credit contain every word of {@code words}, newest first; all
     * images when there are no words. Up to {@code limit} from {@code offset}.
     */
    public List<Image> search(String words, int offset, int limit) {
        List<String> terms = words == null ? List.of() : java.util.Arrays.stream(words.strip().split("\\s+"))
                .filter(w -> !w.isEmpty()).limit(8).toList();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM images WHERE 1 = 1");
        for (int i = 0; i < terms.size(); i++) {
            sql.append(" AND (LOWER(alt_text) LIKE :w%1$d ESCAPE '!' OR LOWER(caption) LIKE :w%1$d ESCAPE '!' OR LOWER(credit) LIKE :w%1$d ESCAPE '!')"
                    .formatted(i));
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
        return db.jdbi().withHandle(h -> {
            var query = h.createQuery(sql.toString()).bind("limit", limit).bind("offset", offset);
            for (int i = 0; i < terms.size(); i++) {
                query.bind("w" + i, ArticleRepository.containing(terms.get(i)));
            }
            return query.map(IMAGE).list();
        });
    }

    /** A story that shows an image: as its lead image, or in its body. */
    public record Use(String articleId, String headline, Status status, boolean lead) {}

    /** The stories that show this image, most recently changed first. */
    public List<Use> uses(String imageId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, headline, status, lead_image_id FROM articles "
                        + "WHERE lead_image_id = :id OR body_html LIKE :inBody ORDER BY modified_at DESC, id DESC")
                .bind("id", imageId).bind("inBody", "%/media/" + imageId + "/%")
                .map((rs, ctx) -> new Use(rs.getString("id"), rs.getString("headline"), Status.fromDb(rs.getString("status")),
                        imageId.equals(rs.getString("lead_image_id"))))
                .list());
    }

    /** Ids of the stories whose lead image this is. */
    List<String> leadOf(Handle h, String imageId) {
        return h.createQuery("SELECT id FROM articles WHERE lead_image_id = :id ORDER BY id").bind("id", imageId).mapTo(String.class).list();
    }

    void describe(Handle h, String id, String altText, String caption, String credit) {
        h.createUpdate("UPDATE images SET alt_text = :alt, caption = :caption, credit = :credit WHERE id = :id")
                .bind("id", id).bind("alt", altText).bind("caption", caption).bind("credit", credit).execute();
    }

    public List<Image> all() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM images ORDER BY id").map(IMAGE).list());
    }

    /** The stored bytes of an image, if it exists. */
    public Optional<byte[]> data(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT data FROM images WHERE id = :id")
                .bind("id", id).mapTo(byte[].class).findOne());
    }

    /** A stored rendition's bytes ({@code w800}, {@code 16x9}…), if it was made. */
    public Optional<byte[]> rendition(String id, String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT data FROM image_renditions WHERE image_id = :id AND name = :name")
                .bind("id", id).bind("name", name).mapTo(byte[].class).findOne());
    }

    void insertRenditions(Handle h, String imageId, List<ImageUpload.Rendition> renditions) {
        var batch = h.prepareBatch("INSERT INTO image_renditions (image_id, name, width, height, data) VALUES (:imageId, :name, :width, :height, :data)");
        for (ImageUpload.Rendition r : renditions) {
            batch.bind("imageId", imageId).bind("name", r.name()).bind("width", r.width()).bind("height", r.height()).bind("data", r.data()).add();
        }
        batch.execute();
    }

    void insert(Handle h, Image image, byte[] data) {
        h.createUpdate("INSERT INTO images (" + COLUMNS + ", data) VALUES (:id, :contentType, :width, :height, :altText, :caption, :credit, :created, :data)")
                .bindMethods(image)
                .bind("created", image.createdAt().toEpochMilli())
                .bind("data", data)
                .execute();
    }
}
