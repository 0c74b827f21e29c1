package dateline.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dateline.content.StaticPage;
import dateline.content.Urls;
import dateline.platform.TestDatabase;
import dateline.platform.ValidationFailed;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Static pages written in the desk, served beside the sections, in the footer and the sitemap, never in feeds. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StaticPagesTest extends DeskTestCase {
    @BeforeEach
    void newsroom() {
        givenNewsroom();
    }

    private HttpResponse<String> save(String path, String title, String slug, String body, boolean published, int position) {
        return eddie.post(path, "_csrf=" + eddie.csrf + "&title=" + DeskClient.enc(title) + "&slug=" + DeskClient.enc(slug) + "&bodyHtml="
                + DeskClient.enc(body) + "&position=" + position + (published ? "&published=1" : ""));
    }

    @Test
    void an_editor_writes_pages_that_the_site_serves_lists_in_its_footer_and_sitemap_but_not_in_feeds() {
        HttpResponse<String> about = save("/desk/pages", "About us", "", "<p>Who we are.</p><script>alert(1)</script>", true, 2);
        assertThat(about.statusCode()).isEqualTo(303);
        save("/desk/pages", "Privacy", "privacy", "<p>What we keep.</p>", true, 1);
        save("/desk/pages", "Terms (draft)", "terms", "<p>Soon.</p>", false, 3);
        site.awaitViews();

        HttpResponse<String> page = site.get("/about-us");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>About us</h1>", "<p>Who we are.</p>").doesNotContain("alert(1)");
        assertThat(site.get("/terms").statusCode()).isEqualTo(404);
        String home = site.get("/").body();
        assertThat(home).contains("<a href=\"/privacy\">Privacy</a></li><li><a href=\"/about-us\">About us</a>"); // in the editors' order
        assertThat(site.get("/sitemap.xml").body()).contains("/sitemaps/pages.xml");
        assertThat(site.get("/sitemaps/pages.xml").body()).contains("<loc>" + site.config().siteUrl() + "/about-us</loc>").doesNotContain("/terms");
        assertThat(site.get("/feed.xml").body()).doesNotContain("About us");

        String id = about.headers().firstValue("Location").orElseThrow().replaceFirst(".*/desk/pages/([^?]+).*", "$1");
        assertThat(save("/desk/pages/" + id, "About us", "about", "<p>Who we are, since 1901.</p>", true, 2).statusCode()).isEqualTo(303);
        site.awaitViews();
        assertThat(site.get("/about").body()).contains("since 1901");
        assertThat(site.get("/").body()).contains("href=\"/about\"");
    }

    @Test
    void pages_sections_and_the_sites_own_routes_never_share_an_address() {
        HttpResponse<String> clash = save("/desk/pages", "World", "world", "<p>x</p>", true, 0);
        assertThat(clash.statusCode()).isEqualTo(422);
        assertThat(clash.body()).contains("The section /world already has this address.");
        assertThat(save("/desk/pages", "Desk", "desk", "<p>x</p>", true, 0).body()).contains("cannot be a page");
        save("/desk/pages", "Contact", "contact", "<p>Write to us.</p>", true, 0);
        assertThat(save("/desk/pages", "Contact again", "contact", "<p>x</p>", true, 0).body()).contains("Another page already uses /contact.");
        assertThatThrownBy(() -> site.content.createSection("Contact", "contact", "", 5)).isInstanceOf(ValidationFailed.class)
                .hasMessageContaining("The page /contact already has this address.");

        StaticPage greek = site.content.savePage(null, "Σχετικά με εμάς", null, "<p>Ποιοι είμαστε.</p>", true, 0);
        site.awaitViews();
        assertThat(site.get(greek.path()).statusCode()).isEqualTo(200);
        assertThat(greek.path()).isEqualTo(Urls.section("σχετικά-με-εμάς"));
    }
}
