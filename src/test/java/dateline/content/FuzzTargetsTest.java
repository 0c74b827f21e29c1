package dateline.content;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dateline.platform.ValidationFailed;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing (Jazzer) of what reads text from outside: the archive reader and the body
 * sanitizer. Only the documented refusals may come out ({@link ValidationFailed}); anything else, or
 * a hang, is a finding. In the suite each target runs its seed inputs (in {@code FuzzTargetsTestInputs});
 * {@code bench/fuzz.sh} fuzzes each for minutes and keeps what it finds there.
 */
@Tag("fuzz")
class FuzzTargetsTest {

    @FuzzTest(maxDuration = "2m")
    void the_archive_reader_refuses_or_reads(byte[] input) throws IOException {
        try {
            SiteArchive.parse(new ByteArrayInputStream(input));
        } catch (ValidationFailed e) {
            // a documented refusal: it names what was wrong
        }
    }

    @FuzzTest(maxDuration = "2m")
    void the_sanitizer_leaves_no_script_and_keeps_a_stable_result(FuzzedDataProvider data) {
        String html = data.consumeRemainingAsString();
        String once = BodySanitizer.sanitize(html);
        // Read as a browser reads it: no script element, no event handler, no URL that runs script.
        for (Element element : Jsoup.parseBodyFragment(once).getAllElements()) {
            boolean script = element.nameIs("script") || element.nameIs("iframe") || element.nameIs("object") || element.nameIs("embed");
            boolean handler = element.attributes().asList().stream().anyMatch(a -> a.getKey().toLowerCase(Locale.ROOT).startsWith("on"));
            boolean url = element.attributes().asList().stream().anyMatch(a -> a.getValue().replaceAll("[\\s\\x00-\\x1f]", "")
                    .toLowerCase(Locale.ROOT).matches("(javascript|vbscript):.*|data:text/html.*"));
            if (script || handler || url) {
                throw new AssertionError("sanitized output can run script: " + once);
            }
        }
        if (!BodySanitizer.sanitize(once).equals(once)) {
            throw new AssertionError("sanitizing twice changes the result: " + once);
        }
    }
}
