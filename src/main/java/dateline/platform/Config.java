package dateline.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting Dateline reads, taken from environment variables with defaults.
 *
 * <p>Validated once, at boot: a bad value stops the program with a message that names the variable.
 * Nothing else in the code reads the environment.
 */
public record Config(
        int port,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        boolean demo,
        boolean devMode,
        String siteName,
        String siteUrl,
        ZoneId zone,
        long pageCacheBytes,
        int readStoreEntries,
        int trendingWindowHours,
        String webSubHub,
        String purgeUrl,
        String purgeHeader,
        int passwordCost,
        String host,
        String metricsToken,
        boolean webhooksToPrivateAddresses,
        String trustedProxies,
        Path ninjsSchemas) {

    /** One row of the settings table in the README: name, default, meaning. */
    public record Setting(String name, String defaultValue, String meaning) {}

    public static final List<Setting> SETTINGS = List.of(
            new Setting("DATELINE_PORT", "8080", "HTTP port to listen on (0 picks a free one)"),
            new Setting("DATELINE_HOST", "0.0.0.0", "address to listen on: 127.0.0.1 for this machine only (behind a proxy on it), 0.0.0.0 for every interface"),
            new Setting("DATELINE_DATA", "./data", "data folder: the SQLite file and derived views live here"),
            new Setting("DATELINE_DB_URL", "jdbc:sqlite:<data>/dateline.db", "JDBC URL; a jdbc:postgresql:// URL switches to PostgreSQL"),
            new Setting("DATELINE_DB_USER", "(none)", "database user (PostgreSQL)"),
            new Setting("DATELINE_DB_PASSWORD", "(none)", "database password (PostgreSQL)"),
            new Setting("DATELINE_DEMO", "true on SQLite, false on PostgreSQL", "load the demo content (and make a demo admin) in an empty database on start"),
            new Setting("DATELINE_DEV", "false", "development mode: templates reload from src/main/jte"),
            new Setting("DATELINE_SITE_NAME", "Dateline", "the publication's name, shown in the masthead"),
            new Setting("DATELINE_SITE_URL", "http://localhost:<port>", "public base URL, used for canonical links"),
            new Setting("DATELINE_TIMEZONE", "UTC", "time zone in which the site shows times (an IANA name)"),
            new Setting("DATELINE_PAGE_CACHE_MB", "64", "memory for rendered pages; 0 turns the page cache off"),
            new Setting("DATELINE_READ_STORE_ENTRIES", "10000", "stories kept in memory for rendering; 0 reads every miss from the database"),
            new Setting("DATELINE_TRENDING_WINDOW_HOURS", "24", "how far back Trending looks; older views fade out"),
            new Setting("DATELINE_WEBSUB_HUB", "(none)", "WebSub hub advertised in feeds and pinged when stories are published"),
            new Setting("DATELINE_PURGE_URL", "(none)", "CDN purge endpoint: changed surrogate keys are POSTed there in a Surrogate-Key header"),
            new Setting("DATELINE_PURGE_HEADER", "(none)", "an extra header for the purge call, as 'Name: value' (e.g. an API token)"),
            new Setting("DATELINE_PASSWORD_COST", "11", "bcrypt cost of desk passwords (4 to 16; each step doubles the work of a sign-in)"),
            new Setting("DATELINE_WEBHOOKS_PRIVATE", "false", "allow webhook endpoints on loopback, private and link-local addresses (an intranet, tests)"),
            new Setting("DATELINE_TRUSTED_PROXIES", "(none)", "addresses or CIDR ranges of the proxies in front of Dateline, comma-separated: only their X-Forwarded-For and X-Forwarded-Proto are believed"),
            new Setting("DATELINE_NINJS_SCHEMAS", "(none)", "folder holding IPTC's ninjs JSON Schemas (ninjs-schema_3.1.json …, external/GeoJSON-schema.json): wire copy in ninjs is validated against them; unset, it is read without validation"),
            new Setting("DATELINE_METRICS_TOKEN", "(none)", "the bearer token Prometheus sends to /metrics; unset, /metrics answers 404"),
            new Setting("DATELINE_LOG_LEVEL", "INFO", "log level of Dateline's own loggers"));

    /** Reads the settings from an environment map, collecting every bad value before failing. */
    public static Config fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        int port = intSetting(env, "DATELINE_PORT", 8080, 0, 65535, problems);
        Path data = Path.of(env.getOrDefault("DATELINE_DATA", "./data"));
        String dbUrl = env.getOrDefault("DATELINE_DB_URL", "jdbc:sqlite:" + data.resolve("dateline.db"));
        if (!dbUrl.startsWith("jdbc:sqlite:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            problems.add("DATELINE_DB_URL must start with jdbc:sqlite: or jdbc:postgresql:, got '" + dbUrl + "'");
        }
        // Demo content and its printed password only on the embedded default, unless asked for.
        boolean demo = boolSetting(env, "DATELINE_DEMO", dbUrl.startsWith("jdbc:sqlite:"), problems);
        boolean dev = boolSetting(env, "DATELINE_DEV", false, problems);
        ZoneId zone = ZoneId.of("UTC");
        try {
            zone = ZoneId.of(env.getOrDefault("DATELINE_TIMEZONE", "UTC"));
        } catch (DateTimeException e) {
            problems.add("DATELINE_TIMEZONE is not a known time zone: '" + env.get("DATELINE_TIMEZONE") + "'");
        }
        int cacheMb = intSetting(env, "DATELINE_PAGE_CACHE_MB", 64, 0, 1 << 16, problems);
        int readStore = intSetting(env, "DATELINE_READ_STORE_ENTRIES", 10_000, 0, 10_000_000, problems);
        int trendingHours = intSetting(env, "DATELINE_TRENDING_WINDOW_HOURS", 24, 1, 24 * 7, problems);
        String siteUrl = env.getOrDefault("DATELINE_SITE_URL", "http://localhost:" + port);
        if (!siteUrl.matches("https?://[^/\\s]+(/[^\\s]*)?")) {
            problems.add("DATELINE_SITE_URL must be an http(s) URL, got '" + siteUrl + "'");
        }
        String hub = env.getOrDefault("DATELINE_WEBSUB_HUB", "").strip();
        String purgeUrl = env.getOrDefault("DATELINE_PURGE_URL", "").strip();
        String purgeHeader = env.getOrDefault("DATELINE_PURGE_HEADER", "").strip();
        for (var url : Map.of("DATELINE_WEBSUB_HUB", hub, "DATELINE_PURGE_URL", purgeUrl).entrySet()) {
            if (!url.getValue().isEmpty() && !url.getValue().matches("https?://\\S+")) {
                problems.add(url.getKey() + " must be an http(s) URL, got '" + url.getValue() + "'");
            }
        }
        if (!purgeHeader.isEmpty() && !purgeHeader.matches("[A-Za-z0-9-]+:\\s*\\S.*")) {
            problems.add("DATELINE_PURGE_HEADER must look like 'Name: value'");
        }
        int passwordCost = intSetting(env, "DATELINE_PASSWORD_COST", 11, 4, 16, problems);
        String host = env.getOrDefault("DATELINE_HOST", "0.0.0.0").strip();
        if (!host.matches("[0-9A-Za-z.:\\-\\[\\]]+")) {
            problems.add("DATELINE_HOST must be an address or host name to listen on, got '" + host + "'");
        }
        String metricsToken = env.getOrDefault("DATELINE_METRICS_TOKEN", "").strip();
        boolean webhooksPrivate = boolSetting(env, "DATELINE_WEBHOOKS_PRIVATE", false, problems);
        String trustedProxies = env.getOrDefault("DATELINE_TRUSTED_PROXIES", "").strip();
        try {
            ClientAddress.trusting(trustedProxies);
        } catch (IllegalArgumentException e) {
            problems.add("DATELINE_TRUSTED_PROXIES: " + e.getMessage());
        }
        String schemas = env.getOrDefault("DATELINE_NINJS_SCHEMAS", "").strip();
        Path ninjsSchemas = schemas.isEmpty() ? null : Path.of(schemas);
        if (ninjsSchemas != null && !Files.isDirectory(ninjsSchemas)) {
            problems.add("DATELINE_NINJS_SCHEMAS: there is no folder " + schemas);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Bad configuration:\n  " + String.join("\n  ", problems));
        }
        return new Config(port, data, dbUrl, env.get("DATELINE_DB_USER"), env.get("DATELINE_DB_PASSWORD"),
                demo, dev, env.getOrDefault("DATELINE_SITE_NAME", "Dateline"), stripSlash(siteUrl), zone,
                cacheMb * 1024L * 1024L, readStore, trendingHours, hub, purgeUrl, purgeHeader, passwordCost, host, metricsToken, webhooksPrivate, trustedProxies, ninjsSchemas);
    }

    public Config withPort(int newPort) {
        return new Config(newPort, dataDir, dbUrl, dbUser, dbPassword, demo, devMode, siteName, siteUrl, zone, pageCacheBytes, readStoreEntries, trendingWindowHours, webSubHub, purgeUrl, purgeHeader, passwordCost, host, metricsToken, webhooksToPrivateAddresses, trustedProxies, ninjsSchemas);
    }

    public Config withDemo(boolean newDemo) {
        return new Config(port, dataDir, dbUrl, dbUser, dbPassword, newDemo, devMode, siteName, siteUrl, zone, pageCacheBytes, readStoreEntries, trendingWindowHours, webSubHub, purgeUrl, purgeHeader, passwordCost, host, metricsToken, webhooksToPrivateAddresses, trustedProxies, ninjsSchemas);
    }

    public Config withPageCacheBytes(long bytes) {
        return new Config(port, dataDir, dbUrl, dbUser, dbPassword, demo, devMode, siteName, siteUrl, zone, bytes, readStoreEntries, trendingWindowHours, webSubHub, purgeUrl, purgeHeader, passwordCost, host, metricsToken, webhooksToPrivateAddresses, trustedProxies, ninjsSchemas);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static int intSetting(Map<String, String> env, String key, int dflt, int min, int max, List<String> problems) {
        String raw = env.get(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                problems.add(key + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(key + " must be a whole number, got '" + raw + "'");
            return dflt;
        }
    }

    private static boolean boolSetting(Map<String, String> env, String key, boolean dflt, List<String> problems) {
        String raw = env.get(key);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> {
                problems.add(key + " must be true or false, got '" + raw + "'");
                yield dflt;
            }
        };
    }
}
