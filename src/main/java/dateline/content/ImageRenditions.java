package dateline.content;

import dateline.platform.Database;
import dateline.platform.DerivedView;
import java.util.List;

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
            List<ImageUpload.Rendition> renditions = ImageUpload.renditions(ImageUpload.read(images.data(image.id()).orElseThrow()));
            db.jdbi().useTransaction(h -> {
                h.createUpdate("DELETE FROM image_renditions WHERE image_id = :id").bind("id", image.id()).execute();
                images.insertRenditions(h, image.id(), renditions);
            });
        }
    }
}
