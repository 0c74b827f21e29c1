package dateline;

import dateline.content.Section;
import dateline.platform.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * What a test over a running site starts from, on the database its {@code @ParameterizedClass}
 * gives: a site on a new database in a temp folder with a World section, stopped after each test.
 * A subclass's own {@code @BeforeEach} runs after this one, with the site up.
 */
public abstract class SiteTestCase {
    @Parameter
    protected TestDatabase database;
    @TempDir
    protected Path tempDir;

    protected TestSite site;
    protected Section world;

    @BeforeEach
    void startSite() {
        site = TestSite.start(database, tempDir);
        world = site.givenSection("World");
    }

    @AfterEach
    void stopSite() {
        site.close();
    }
}
