package dateline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process on a real SQLite database. */
class MainTest {
    @TempDir
    Path tempDir;

    record Run(int status, String out, String err) {}

    private Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), Map.of("DATELINE_DATA", tempDir.toString()),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void an_unknown_command_prints_usage_and_exits_non_zero() {
        Run run = run("", "publish-everything");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown command 'publish-everything'", "Usage: dateline");
    }

    @Test
    void a_missing_file_argument_prints_usage_and_exits_non_zero() {
        Run run = run("", "export");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Wrong number of arguments for 'export'", "Usage: dateline");
    }

    @Test
    void a_bad_setting_is_named_and_the_program_exits_non_zero() {
        int status = Main.run(List.of("rebuild"), Map.of("DATELINE_PORT", "eighty"), System.in, System.out,
                new PrintStream(new ByteArrayOutputStream()));

        assertThat(status).isEqualTo(2);
    }

    @Test
    void export_to_standard_output_and_import_from_standard_input() {
        Run export = run("", "export", "-");
        assertThat(export.status()).isZero();
        assertThat(export.out()).startsWith("{").contains("\"format\" : \"dateline-site\"");

        Run refused = run(export.out(), "import", "-");
        assertThat(refused.status()).isZero(); // an empty site imports an empty archive

        Run garbage = run("this is not json", "import", "-");
        assertThat(garbage.status()).isEqualTo(1);
        assertThat(garbage.err()).contains("The file was refused", "Not valid JSON");
    }

    @Test
    void rebuild_runs_and_exits_zero() {
        assertThat(run("", "rebuild").status()).isZero();
        assertThat(run("", "help").out()).contains("rebuild");
    }

    @Test
    void api_keys_and_webhooks_are_managed_from_the_command_line() {
        Run key = run("", "apikey", "add", "Mobile app");
        assertThat(key.status()).isZero();
        assertThat(key.out().strip()).matches("dl_[0-9a-f]{48}");
        assertThat(run("", "apikey", "list").out()).contains("Mobile app").doesNotContain(key.out().strip());

        Run hook = run("", "webhook", "add", "https://hooks.example.org/dateline", "published", "corrected");
        assertThat(hook.status()).isZero();
        assertThat(hook.out().strip()).startsWith("whsec_");
        assertThat(run("", "webhook", "list").out()).contains("https://hooks.example.org/dateline", "corrected,published");

        Run bad = run("", "webhook", "add", "not-a-url", "deleted");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("url", "events");
    }

    @Test
    void wire_sources_are_added_listed_and_disabled_on_the_command_line() throws Exception {
        Path drop = java.nio.file.Files.createDirectories(tempDir.resolve("drop"));
        Run folder = run("", "source", "add", "--name", "dpa", "--kind", "folder", "--path", drop.toString(), "--format", "iptc7901", "--agency", "dpa");
        assertThat(folder.status()).as(folder.err()).isZero();
        assertThat(folder.out()).isEqualTo("added folder source dpa\n");
        Run push = run("", "source", "add", "--name", "partner", "--kind", "push", "--agency", "Partner", "--auto-publish");
        assertThat(push.status()).isZero();
        assertThat(push.out()).startsWith("added push source partner\n").containsPattern("\ndl_[0-9a-f]{48}\n$");

        Run bad = run("", "source", "add", "--name", "Bad Name", "--kind", "ftp", "--format", "docx");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("lowercase letters", "http, folder or push", "Choose a format");
        assertThat(run("", "source", "add", "--name", "x", "--colour", "red").err()).contains("does not take '--colour'");

        assertThat(run("", "source", "disable", "dpa").out()).isEqualTo("disabled dpa\n");
        assertThat(run("", "source", "list").out()).isEqualTo("dpa\tfolder\tdisabled\t0\t0\npartner\tpush\tenabled\t0\t0\n");
        assertThat(run("", "source", "disable", "nobody").status()).isEqualTo(1);
    }

    @Test
    void import_wordpress_prints_the_report_or_the_reason_it_refused_the_file() {
        Path fixtures = dateline.ingest.Fixtures.dir().resolve("wxr");
        Run dry = run("", "import-wordpress", fixtures.resolve("valid/wxr-simple.xml").toString(), "--dry-run");
        assertThat(dry.status()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("dry run, nothing written", "stories: read 1");
        Run real = run("", "import-wordpress", fixtures.resolve("valid/wxr-simple.xml").toString());
        assertThat(real.out()).contains("WordPress export of https://playground.internal/path (WXR 1.2)", "stories: imported 1");
        Run refused = run("", "import-wordpress", fixtures.resolve("malformed/malformed-simple.xml").toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("nothing was written", "line 14, column 1");
        assertThat(run("", "import-wordpress", "--colour", "x.xml").status()).isEqualTo(2);
    }
}
