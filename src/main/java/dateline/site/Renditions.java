package dateline.site;

import dateline.content.Image;
import dateline.content.ImageUpload;
import java.util.List;

/** Addresses of a lead image's crops in the shapes structured data asks for (16:9, 4:3, 1:1). */
final class Renditions {
    static final List<String> RATIOS = ImageUpload.CROPS;

    private Renditions() {}

    static String path(Image image, String ratio) {
        return image.renditionPath(ratio);
    }
}
