package dateline.demo;

/** A real 1200×675 JPEG for tests that need an image, from the demo's painter. */
public final class DemoImagesForTests {
    private DemoImagesForTests() {}

    public static byte[] jpeg() {
        return DemoImages.landscape(7);
    }
}
