package dateline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every fixture of the formats read as its folder says: the readers alone, no database. */
class FormatFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static NinjsFormat ninjs() {
        return new NinjsFormat(NinjsSchemas.in(Fixtures.ninjsSchemas()));
    }

    @Test
    void every_valid_ninjs_document_becomes_an_item_with_its_headline_body_language_and_version() throws Exception {
        NinjsFormat format = ninjs();
        List<Path> files = Fixtures.files("ninjs/examples/valid", ".json");
        assertThat(files).hasSizeGreaterThan(150);
        List<String> schemaComplaints = new ArrayList<>();
        for (Path file : files) {
            JsonNode doc = JSON.readTree(file.toFile());
            WireItem item;
            try {
                item = format.read(Fixtures.read(file)).get(0);
            } catch (WireFormat.Refused e) {
                fail(file + " was refused: " + e.getMessage());
                return;
            }
            assertThat(item.guid()).as(file.toString()).isEqualTo(doc.path("uri").asText());
            String headline = doc.has("headline") ? doc.path("headline").asText() : headline(doc.path("headlines"));
            if (!headline.isBlank()) {
                assertThat(item.headline()).as(file.toString()).isEqualTo(headline.strip().replaceAll("\\s+", " "));
            }
            if (doc.path("language").isTextual()) {
                assertThat(item.language()).as(file.toString()).isEqualTo(doc.path("language").asText());
            }
            if (doc.path("version").asText("").matches("\\d+")) {
                assertThat(item.version()).as(file.toString()).isEqualTo(Integer.valueOf(doc.path("version").asText()));
            }
            String body = doc.has("body_text") ? doc.path("body_text").asText() : preferredBody(doc.path("bodies"));
            if (!body.isBlank()) {
                String firstWords = org.jsoup.Jsoup.parse(body).text().strip();
                firstWords = firstWords.substring(0, Math.min(20, firstWords.length()));
                assertThat(WireText.plain(item.bodyHtml())).as(file.toString()).contains(firstWords.strip());
            }
            if (!file.getParent().getFileName().toString().endsWith("_dev")) { // drafts use properties no released schema has
                item.warnings().stream().filter(w -> w.startsWith("schema")).forEach(w -> schemaComplaints.add(file + ": " + w));
            }
        }
        // Documents meant to pass are checked against the newest schema of their major version (or the one
        // they name), and that schema finds nothing in them.
        assertThat(schemaComplaints).as("schema warnings on documents meant to pass").isEmpty();
    }

    /** The body a reader should show: the HTML one when there is one, else the first. */
    private static String preferredBody(JsonNode bodies) {
        for (JsonNode b : bodies) {
            if (b.path(b.has("contentType") ? "contentType" : "contenttype").asText("").contains("html")) {
                return b.path("value").asText("");
            }
        }
        return bodies.path(0).path("value").asText("");
    }

    private static String headline(JsonNode headlines) {
        for (JsonNode h : headlines) {
            if ("main".equals(h.path("role").asText())) {
                return h.path("value").asText();
            }
        }
        return headlines.path(0).path("value").asText("");
    }

    @Test
    void every_invalid_ninjs_document_is_refused_or_read_with_a_warning_naming_the_problem() {
        NinjsFormat format = ninjs();
        NinjsSchemas schemas = NinjsSchemas.in(Fixtures.ninjsSchemas()).orElseThrow();
        List<Path> files = Fixtures.files("ninjs/examples/invalid", ".json");
        assertThat(files).hasSizeGreaterThan(60);
        List<String> validInALaterMinor = new ArrayList<>();
        for (Path file : files) {
            try {
                WireItem item = format.read(Fixtures.read(file)).get(0);
                if (item.warnings().isEmpty()) {
                    // A document that does not name its version is checked against the newest schema of its
                    // major version: a few documents invalid in 1.0 became valid later (a new type value).
                    // The schema of the folder's own version must still find them invalid.
                    String folder = file.getParent().getFileName().toString();
                    String folderVersion = schemas.versions().stream().filter(v -> v.compareTo(folder) >= 0).findFirst().orElseThrow();
                    assertThat(schemas.problems(folderVersion, JSON.readTree(file.toFile()), 5)).as(file + " against " + folderVersion).isNotEmpty();
                    validInALaterMinor.add(file.getFileName().toString());
                }
            } catch (WireFormat.Refused e) {
                assertThat(e.getMessage()).as(file.toString()).startsWith("ninjs: ");
            } catch (java.io.IOException e) {
                fail(file + " was refused but could be parsed by the test: " + e.getMessage());
            }
        }
        assertThat(validInALaterMinor).as("invalid only in an older minor version").hasSizeLessThan(5);
    }

    @Test
    void newsml_g2_items_messages_and_packages_are_read_and_fragments_refused() throws Exception {
        NewsMlG2Format format = new NewsMlG2Format();
        for (Path file : Fixtures.files("newsml-g2/examples", ".xml")) {
            String name = file.getFileName().toString();
            if (name.startsWith("LISTING_25_") || name.startsWith("LISTING_28_")) {
                assertThatThrownBy(() -> format.read(Fixtures.read(file))).as(name).hasMessageContaining("fragment");
                continue;
            }
            List<WireItem> items = format.read(Fixtures.read(file));
            assertThat(items).as(name).isNotEmpty();
            items.forEach(i -> assertThat(i.guid()).as(name).isNotBlank());
        }
        WireItem text = only(format, "LISTING_2_NewsML-G2_Text_Document.xml");
        assertThat(text.guid()).isEqualTo("urn:newsml:acmenews.com:20161121:US-FINANCE-FED");
        assertThat(text.version()).isEqualTo(11);
        assertThat(text.headline()).isEqualTo("Fed to halt QE to avert \"bubble\"");
        assertThat(text.slugline()).isEqualTo("US-Finance-Fed");
        assertThat(text.language()).isEqualTo("en-US");
        assertThat(text.datelinePlace()).isEqualTo("New York, NY");
        assertThat(text.byline()).isEqualTo("By Meredith Jameson, Staff Reporter"); // the NITF byline, as the agency meant it shown
        assertThat(text.subjects()).extracting(WireItem.Subject::code).contains("medtop:04000000", "medtop:20000350");
        assertThat(text.subjects()).extracting(WireItem.Subject::name).contains("central bank");
        assertThat(text.bodyHtml()).startsWith("<p>(New York, NY - October 21) Et, sent luptat").contains("</p><p>Ugiating");
        assertThat(text.versionCreated()).isEqualTo(java.time.Instant.parse("2018-11-21T21:25:32Z"));

        WireItem embargoed = only(format, "LISTING_1_A_NewsML-G2_News_Item.xml");
        assertThat(embargoed.embargoUntil()).isEqualTo(java.time.Instant.parse("2018-10-23T12:00:00Z"));

        WireItem photo = only(format, "LISTING_3_Photo_in_NewsML-G2.xml");
        assertThat(photo.type()).isEqualTo("picture");
        assertThat(photo.keywords()).contains("business", "poverty");
        assertThat(photo.pictures()).hasSize(1);
        assertThat(photo.pictures().get(0).href()).isEqualTo("./GYI0062134533.jpg"); // the highest-resolution rendition

        WireItem pack = only(format, "LISTING_6_Simple_NewsML-G2_Package.xml");
        assertThat(pack.type()).isEqualTo("composite");
        assertThat(pack.refs()).hasSize(2).allMatch(r -> r.startsWith("urn:newsml:iptc.org:20081007:tutorial"));

        List<WireItem> message = format.read(Fixtures.read(Fixtures.dir().resolve("newsml-g2/examples/LISTING_24_News_Message_conveying_a_complete_News_Package.xml")));
        assertThat(message).hasSize(5);
        assertThat(message.get(0).refs()).containsExactly("N1", "N2", "N3", "N4");
        assertThat(message.subList(1, 5)).extracting(WireItem::guid).containsExactly("N1", "N2", "N3", "N4");

        WireItem sports = only(format, "LISTING_22_Sports_story_in_NewsML-G2NITF.xml");
        assertThat(sports.headline()).isNotBlank();
        assertThat(sports.bodyHtml()).contains("<p>");
    }

    private static WireItem only(NewsMlG2Format format, String name) throws WireFormat.Refused {
        List<WireItem> items = format.read(Fixtures.read(Fixtures.dir().resolve("newsml-g2/examples").resolve(name)));
        assertThat(items).as(name).hasSize(1);
        return items.get(0);
    }

    @Test
    void iptc_7901_messages_give_headline_keywords_priority_body_and_filing_time() throws Exception {
        Iptc7901Format format = new Iptc7901Format();
        for (Path file : Fixtures.files("iptc7901", ".iptc")) {
            WireItem item = format.read(Fixtures.read(file)).get(0);
            assertThat(item.headline()).as(file.toString()).isNotBlank().doesNotContain("=").doesNotContain("\u0002");
            assertThat(item.bodyHtml()).as(file.toString()).startsWith("<p>").doesNotContain("Notizblock").doesNotContain("\u0003");
            assertThat(item.urgency()).as(file.toString()).isBetween(1, 6);
            assertThat(item.versionCreated()).as(file.toString()).isNotNull();
        }
        WireItem story = format.read(Fixtures.read(Fixtures.dir().resolve("iptc7901/dw-1.iptc"))).get(0);
        assertThat(story.headline()).isEqualTo("«Mythos Jungfernhäutchen» - Zwischen Aufklärung und Kommerz");
        assertThat(story.byline()).isEqualTo("Von Marco Krefting und Sunrita Sen, dpa");
        assertThat(story.description()).contains("(Berichtigung: In einer früheren Version");
        assertThat(story.keywords()).contains("Gesundheit", "Baden-Württemberg");
        assertThat(story.urgency()).isEqualTo(3);
        assertThat(story.datelinePlace()).isEqualTo("Waghäusel");
        assertThat(story.bodyHtml()).contains("Waghäusel (dpa) - Die meisten Kundinnen").doesNotContain("dpa kre/su");
        assertThat(story.versionCreated()).isEqualTo(java.time.Instant.parse("2024-09-24T12:05:00Z"));

        WireItem flash = format.read(Fixtures.read(Fixtures.dir().resolve("iptc7901/eil.iptc"))).get(0);
        assertThat(flash.headline()).isEqualTo("Grünen-Spitze tritt nach Wahlniederlagen ab");
        assertThat(flash.urgency()).isEqualTo(2);
        assertThat(flash.datelinePlace()).isEqualTo("Berlin");
    }

    @Test
    void iptc_7901_in_iso_8859_1_with_lf_or_crlf_reads_the_same() throws Exception {
        String message = "\u0001xyz0001 1 pl 12  dpa 0000\n\nPolitik/Deutschland/\n\u0002Müller gewinnt Wahl in Köln =\n\n"
                + "Köln (dpa) - Jürgen Müller hat die Wahl gewonnen.\n\nEr dankte den Wählern.\n\ndpa xy\n\u0003301200 Nov 26\n\u0004";
        Iptc7901Format format = new Iptc7901Format();
        WireItem latin1 = format.read(message.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).get(0);
        WireItem crlf = format.read(message.replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)).get(0);
        assertThat(latin1.headline()).isEqualTo("Müller gewinnt Wahl in Köln");
        assertThat(latin1.bodyHtml()).isEqualTo("<p>Köln (dpa) - Jürgen Müller hat die Wahl gewonnen.</p><p>Er dankte den Wählern.</p>");
        assertThat(crlf).isEqualTo(latin1);
        assertThat(latin1.urgency()).isEqualTo(1);
        assertThat(latin1.datelinePlace()).isEqualTo("Köln");
    }

    @Test
    void auto_detection_picks_each_fixture_format() throws Exception {
        WireFormats formats = new WireFormats(Optional.empty());
        assertThat(formats.pick("auto", Fixtures.read(Fixtures.dir().resolve("iptc7901/eil.iptc"))).name()).isEqualTo("iptc7901");
        assertThat(formats.pick("auto", Fixtures.read(Fixtures.dir().resolve("newsml-g2/examples/LISTING_2_NewsML-G2_Text_Document.xml"))).name())
                .isEqualTo("newsml-g2");
        assertThat(formats.pick("auto", Fixtures.read(Fixtures.dir().resolve("ninjs/examples/valid/examples-3.0/dpa_text.json"))).name())
                .isEqualTo("ninjs");
        assertThat(formats.pick("auto", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>".getBytes()).name()).isEqualTo("rss");
    }
}
