package dateline.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dateline.content.Listing;
import dateline.ingest.Fixtures;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import dateline.platform.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** An admin uploads a WordPress export in the desk, watches its progress and reads the report. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ImportDeskTest extends DeskTestCase {
    @Test
    void an_uploaded_export_is_imported_in_the_background_and_its_report_shown() throws Exception {
        givenNewsroom();
        byte[] export = Files.readAllBytes(Fixtures.dir().resolve("wxr/valid/small-export.xml"));

        HttpResponse<String> started = admin.postFormWithFile("/desk/import", Map.of("kind", "wordpress"), "file", "small-export.xml", export);
        assertThat(started.statusCode()).isEqualTo(303);
        String job = started.headers().firstValue("Location").orElseThrow();
        assertThat(job).startsWith("/desk/import/");

        String page = admin.get(job).body();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!page.contains("Done.") && !page.contains("refused") && System.nanoTime() < deadline) {
            assertThat(page).contains("<progress", "http-equiv=\"refresh\"");
            Thread.sleep(100);
            page = admin.get(job).body();
        }
        assertThat(page).contains("Done.", "WordPress export of", "stories: imported").doesNotContain("http-equiv=\"refresh\"");
        assertThat(site.app.articles().countPublished(Listing.ALL)).isPositive();

        HttpResponse<String> refused = admin.postFormWithFile("/desk/import", Map.of("kind", "wordpress"), "file", "bad.xml",
                Files.readAllBytes(Fixtures.dir().resolve("wxr/malformed/malformed-simple.xml")));
        String refusedPage = admin.get(refused.headers().firstValue("Location").orElseThrow()).body();
        deadline = System.nanoTime() + 30_000_000_000L;
        while (!refusedPage.contains("refused") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            refusedPage = admin.get(refused.headers().firstValue("Location").orElseThrow()).body();
        }
        assertThat(refusedPage).contains("The export was refused, nothing was written", "line 14, column 1");
        assertThat(eddie.get("/desk/import").statusCode()).isEqualTo(403);
    }
}
