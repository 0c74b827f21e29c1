package dateline.content;

import dateline.platform.Database;
import dateline.platform.DerivedView;
import java.util.List;
import java.util.Optional;

/**
 * Every image's stored renditions, as a view derived from the originals in SQL: {@code dateline
 * rebuild} makes them again (after an archive import, which carries originals only, or when the
 * rendition sizes change). One image at a time, each in its own transaction.
 */
public final class ImageRenditions implements DerivedView {
    private final Database db;
    private final ImageRepository images;

    public ImageRenditions(Database db, ImageRepository images) {
        this.db = db;
        this.images = images;
    }

    @Override
    public String name() {
        return "image renditions";
    }

    @Override
    public void rebuild() {
        for (Image image : images.all()) {
            store(image.id());
        }
    }

    /**
     * One rendition of an image, making and storing all of that image's renditions first if they are
     * missing (an image from an archive import, before {@code dateline rebuild}). They are made once,
     * through the same checks and decode limit as an upload, never on every request.
     */
    public Optional<byte[]> rendition(String imageId, String name) {
        Optional<byte[]> stored = images.rendition(imageId, name);
        if (stored.isPresent()) {
            return stored;
        }
        return store(imageId).stream().filter(r -> r.name().equals(name)).map(ImageUpload.Rendition::data).findFirst();
    }

    private List<ImageUpload.Rendition> store(String imageId) {
        List<ImageUpload.Rendition> renditions = ImageUpload.check(images.data(imageId).orElseThrow()).renditions();
        db.jdbi().useTransaction(h -> { // replaces what another request may have stored meanwhile: the same bytes
            h.createUpdate("DELETE FROM image_renditions WHERE image_id = :id").bind("id", imageId).execute();
            images.insertRenditions(h, imageId, renditions);
        });
        return renditions;
    }
}
