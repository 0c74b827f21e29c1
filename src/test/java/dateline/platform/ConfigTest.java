package dateline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaults_give_a_demo_site_on_sqlite_in_the_data_folder() {
        Config config = Config.fromEnv(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.dbUrl()).isEqualTo("jdbc:sqlite:" + Path.of("./data").resolve("dateline.db"));
        assertThat(config.demo()).isTrue();
        assertThat(config.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.pageCacheBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void demo_content_is_loaded_on_postgresql_only_when_asked_for_and_metrics_are_off_without_a_token() {
        Config postgres = Config.fromEnv(Map.of("DATELINE_DB_URL", "jdbc:postgresql://127.0.0.1/news"));
        Config asked = Config.fromEnv(Map.of("DATELINE_DB_URL", "jdbc:postgresql://127.0.0.1/news", "DATELINE_DEMO", "true"));

        assertThat(postgres.demo()).isFalse();
        assertThat(asked.demo()).isTrue();
        assertThat(postgres.metricsToken()).isEmpty();
        assertThat(postgres.host()).isEqualTo("0.0.0.0");
        assertThat(Config.fromEnv(Map.of("DATELINE_HOST", "127.0.0.1")).host()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> Config.fromEnv(Map.of("DATELINE_HOST", "every interface")))
                .hasMessageContaining("DATELINE_HOST must be an address or host name");
    }

    @Test
    void every_bad_setting_is_named_in_one_message() {
        assertThatThrownBy(() -> Config.fromEnv(Map.of(
                "DATELINE_PORT", "eighty",
                "DATELINE_DEMO", "maybe",
                "DATELINE_TIMEZONE", "Mars/Olympus",
                "DATELINE_DB_URL", "jdbc:mysql://x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATELINE_PORT must be a whole number, got 'eighty'")
                .hasMessageContaining("DATELINE_DEMO must be true or false, got 'maybe'")
                .hasMessageContaining("DATELINE_TIMEZONE is not a known time zone")
                .hasMessageContaining("DATELINE_DB_URL must start with jdbc:sqlite: or jdbc:postgresql:");
    }

    @Test
    void every_setting_is_documented_in_the_readme() throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));

        for (Config.Setting setting : Config.SETTINGS) {
            assertThat(readme).as(setting.name()).contains("`" + setting.name() + "`");
        }
    }
}
