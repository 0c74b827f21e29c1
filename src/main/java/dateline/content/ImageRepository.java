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

    Optional<Image> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM images WHERE id = :id").bind("id", id).map(IMAGE).findOne();
    }

    /** The most recently stored images, newest first. */
    public List<Image> recent(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM images ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("limit", limit).map(IMAGE).list());
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
