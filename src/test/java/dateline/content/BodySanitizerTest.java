package dateline.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodySanitizerTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<body onload=alert(1)>",
            "<object data=\"x.swf\"></object>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<form action=\"https://evil.example\"><input name=q></form>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<<script>script>alert(1)<</script>/script>",
            "<div onmouseover=\"alert(1)\">hover</div>",
    })
    void attack_payloads_lose_everything_executable(String payload) {
        String clean = BodySanitizer.sanitize(payload).toLowerCase();

        assertThat(clean).doesNotContain("<script", "onerror", "onload", "onmouseover", "javascript:", "<iframe", "<svg",
                "<object", "style=", "<form", "<input", "data:text");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<p>Plain <strong>bold</strong> and <em>italic</em>.</p>",
            "<h2>Sub-heading</h2>",
            "<blockquote><p>A quote.</p></blockquote>",
            "<ul><li>One</li><li>Two</li></ul>",
    })
    void the_markup_the_desk_writes_is_kept_as_it_is(String html) {
        assertThat(BodySanitizer.sanitize(html)).isEqualTo(html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<p>A <a href=\"https://example.org/x\">link</a></p>", "<p>Tom &amp; Jerry&#39;s</p>"})
    void sanitizing_twice_changes_nothing_more(String html) {
        String once = BodySanitizer.sanitize(html);

        assertThat(BodySanitizer.sanitize(once)).isEqualTo(once);
    }
}
