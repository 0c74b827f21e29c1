package dateline;

import dateline.platform.NotFound;
import dateline.platform.BadRequest;
import dateline.desk.Role;
import dateline.desk.Accounts;
import dateline.api.Webhooks;
import dateline.api.ApiKeys;
import dateline.content.SiteArchive;
import dateline.platform.Backups;
import dateline.platform.Config;
import dateline.platform.Database;
import dateline.platform.ValidationFailed;
import dateline.platform.ValidationErrors;
import dateline.ingest.WireSources;
import dateline.ingest.WireFormat;
import dateline.ingest.WordPressImport;
import dateline.ingest.ImportReport;
import dateline.ingest.GhostImport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line: {@code dateline [serve | rebuild | export FILE | import FILE | help]}.
 *
 * <p>Logs go to standard error, so {@code export -} writes nothing but the archive to standard output.
 */
public final class Main {
    static final String USAGE = """
            Usage: dateline [command]

            Commands:
              serve          start the site (the default)
              rebuild        throw away every derived view and rebuild it from the database
              export FILE    write the whole site as JSON to FILE (- for standard output)
              import FILE    load a site export into an empty database (- for standard input)
              backup FILE    an online, consistent copy of the SQLite database to FILE, while the
                             site runs (on PostgreSQL: pg_dump, see docs/OPERATIONS.md)
              restore FILE   load such a backup into an empty database (then start the site)
              apikey add NAME      make a content API key for an app or partner (shown once)
              apikey list          list the keys (never the keys themselves)
              apikey revoke ID     stop a key working
              webhook add URL EVENT...  register an endpoint for published, updated, corrected
                                   and/or unpublished events (prints its signing secret once)
              webhook list         list the endpoints
              webhook log          the latest deliveries and how they went
              user add --email EMAIL --name NAME --role ROLE
                                   make a desk account (contributor, editor or admin);
                                   the password is read from standard input
              source add --name NAME --kind folder --path DIR [--format F] [--agency NAME]
                             [--section SLUG] [--auto-publish]
              source add --name NAME --kind http --url URL [--every SECONDS]
                             [--header 'Name: value'] [--format F] [--agency NAME] [--section SLUG] [--auto-publish]
              source add --name NAME --kind push [--format F] [--agency NAME] [--section SLUG] [--auto-publish]
                                   add a wire source (formats: auto, ninjs, newsml-g2, iptc7901, rss);
                                   a push source prints its ingest key once
              source list          one line per source: name, kind, state, items received, refused
              source disable NAME  stop a source (source enable NAME starts it again)
              import-wordpress [--dry-run] [--media DIR] FILE
                                   import a WordPress export (WXR): posts, categories, tags,
                                   authors, old addresses; prints the report (--dry-run writes nothing)
              import-ghost [--dry-run] [--media DIR] FILE
                                   import a Ghost export (JSON, Ghost 4 and 5) the same way
                                   (--media: a copy of Ghost's content/images)
              help           show this text

            Settings come from environment variables; see README.md.
            """;

    private Main() {}

    /** What {@link #run} returns when the server is up: the JVM keeps running until it is stopped. */
    static final int SERVING = -1;

    public static void main(String[] args) {
        int status = run(List.of(args), System.getenv(), System.in, System.out, System.err);
        if (status != SERVING) {
            System.exit(status);
        }
    }

    /** Runs one command and returns its exit status, or {@link #SERVING} once the site is up. */
    static int run(List<String> args, Map<String, String> env, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        String command = args.isEmpty() ? "serve" : args.get(0);
        int expectedArgs = switch (command) {
            case "serve", "rebuild", "help", "--help", "-h" -> 1;
            case "export", "import", "backup", "restore" -> 2;
            case "apikey" -> args.size() >= 2 && args.get(1).equals("list") ? 2 : 3;
            case "webhook" -> args.size() >= 2 && args.get(1).equals("add") ? Math.max(4, args.size()) : 2;
            case "user" -> 8;
            case "import-wordpress", "import-ghost" -> Math.max(2, Math.min(args.size(), 5));
            case "source" -> args.size() >= 2 && args.get(1).equals("add") ? Math.max(3, args.size()) : args.size() >= 2 && args.get(1).equals("list") ? 2 : 3;
            default -> -1;
        };
        if (expectedArgs < 0 || (!args.isEmpty() && args.size() != expectedArgs)) {
            stderr.println(expectedArgs < 0 ? "Unknown command '" + command + "'." : "Wrong number of arguments for '" + command + "'.");
            stderr.print(USAGE);
            return 2;
        }
        if (command.equals("help") || command.startsWith("-")) {
            stdout.print(USAGE);
            return 0;
        }
        Config config;
        try {
            config = Config.fromEnv(env);
        } catch (IllegalArgumentException e) {
            stderr.println(e.getMessage());
            return 2;
        }
        return switch (command) {
            case "serve" -> serve(config);
            case "rebuild" -> withApp(config, stderr, app -> app.rebuild());
            case "export" -> withDatabase(config, stderr, core -> export(core.db(), args.get(1), stdout));
            case "import" -> withDatabase(config, stderr, core -> importFrom(core, args.get(1), stdin, stderr));
            case "backup" -> withDatabase(config, stderr, core -> {
                Backups.backup(core.db(), Path.of(args.get(1)));
                stdout.println("Backed up to " + args.get(1) + ".");
            });
            case "restore" -> withDatabase(config, stderr, core -> {
                Backups.restore(core.db(), Path.of(args.get(1)));
                stdout.println("Restored from " + args.get(1) + ": start the site; its search index rebuilds itself.");
            });
            case "webhook" -> withDatabase(config, stderr, core -> webhook(core.webhooks(), args, stdout));
            case "user" -> withDatabase(config, stderr, core -> addUser(core.accounts(), args, stdin, stdout));
            case "apikey" -> withDatabase(config, stderr, core -> apiKey(core.apiKeys(), args, stdout));
            case "source" -> withDatabase(config, stderr, core -> source(core, args, stdout));
            case "import-wordpress", "import-ghost" -> importExport(config, args, stdout, stderr);
            default -> throw new IllegalStateException(command);
        };
    }

    private interface Task<T> {
        void run(T target) throws IOException;
    }

    /** Runs a task on the whole application (it takes the search index, so the site must be stopped). */
    private static int withApp(Config config, PrintStream stderr, Task<Dateline> task) {
        return guarded(stderr, () -> {
            try (Dateline app = Dateline.create(config.withDemo(false), Clock.systemUTC())) {
                task.run(app);
            }
        });
    }

    /** Runs a task on the database's parts alone (nothing served, no index opened): safe while the site is serving. */
    private static int withDatabase(Config config, PrintStream stderr, Task<Dateline.Core> task) {
        return guarded(stderr, () -> {
            try (Dateline.Core core = Dateline.Core.open(config, Clock.systemUTC())) {
                task.run(core);
            }
        });
    }

    private interface Work {
        void run() throws IOException;
    }

    private static int guarded(PrintStream stderr, Work work) {
        try {
            work.run();
            return 0;
        } catch (ValidationFailed e) {
            stderr.println("The file was refused: " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            stderr.println("No such file: " + e.getFile());
            return 1;
        } catch (IOException | RuntimeException e) {
            stderr.println("Failed: " + e.getMessage());
            return 1;
        }
    }

    private static void export(Database db, String file, PrintStream stdout) throws IOException {
        SiteArchive archive = SiteArchive.read(db);
        if (file.equals("-")) {
            archive.write(stdout);
        } else {
            try (OutputStream out = Files.newOutputStream(Path.of(file))) {
                archive.write(out);
            }
        }
    }

    private static void importFrom(Dateline.Core core, String file, InputStream stdin, PrintStream stderr) throws IOException {
        SiteArchive archive;
        if (file.equals("-")) {
            archive = SiteArchive.parse(stdin);
        } else {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                archive = SiteArchive.parse(in);
            }
        }
        core.content().importSite(archive);
        stderr.println("Imported " + archive.rowCount("articles") + " stories, " + archive.rowCount("images") + " images.");
    }

    private static void apiKey(ApiKeys keys, List<String> args, PrintStream stdout) {
        switch (args.get(1)) {
            case "add" -> stdout.println(keys.create(args.get(2)));
            case "list" -> keys.list().forEach(k -> stdout.println(k.id() + "\t" + k.name() + "\t" + k.createdAt()
                    + (k.revokedAt() == null ? "" : "\trevoked " + k.revokedAt())));
            case "revoke" -> {
                if (!keys.revoke(args.get(2))) {
                    throw new NotFound("No key in use with id '" + args.get(2) + "'.");
                }
                stdout.println("revoked " + args.get(2));
            }
            default -> throw new BadRequest("apikey takes add, list or revoke, not '" + args.get(1) + "'.");
        }
    }

    /** {@code user add --email E --name N --role R}, the password on standard input (never on the command line). */
    private static void addUser(Accounts accounts, List<String> args, InputStream stdin, PrintStream stdout) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 2; i + 1 < args.size(); i += 2) {
            options.put(args.get(i), args.get(i + 1));
        }
        if (!args.get(1).equals("add") || !options.keySet().equals(Set.of("--email", "--name", "--role"))) {
            throw new BadRequest("Use: user add --email EMAIL --name NAME --role contributor|editor|admin");
        }
        String password = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        var user = accounts.create(options.get("--email"), options.get("--name"), Role.parse(options.get("--role")), password, "command line");
        stdout.println("created " + user.role().dbValue() + " " + user.email());
    }

    private static void webhook(Webhooks hooks, List<String> args, PrintStream stdout) {
        switch (args.get(1)) {
            case "add" -> stdout.println(hooks.register(args.get(2), new TreeSet<>(args.subList(3, args.size()))));
            case "list" -> hooks.endpoints().forEach(e -> stdout.println(e.id() + "\t" + e.url() + "\t" + String.join(",", new TreeSet<>(e.events()))));
            case "log" -> hooks.log(50).forEach(d -> stdout.println(d.id() + "\t" + d.webhookId() + "\t" + d.eventType() + "\tattempts=" + d.attempts()
                    + (d.deliveredAt() != null ? "\tdelivered " + d.deliveredAt() : "\tpending" + (d.lastError() == null ? "" : " (" + d.lastError() + ")"))));
            default -> throw new BadRequest("webhook takes add, list or log, not '" + args.get(1) + "'.");
        }
    }

    /** {@code source add|list|disable|enable}: wire sources, safe while the site serves (it picks up changes within a second). */
    private static void source(Dateline.Core core, List<String> args, PrintStream stdout) {
        WireSources sources = core.wire().sources();
        switch (args.get(1)) {
            case "add" -> {
                Map<String, String> options = new HashMap<>();
                boolean autoPublish = false;
                for (int i = 2; i < args.size(); i++) {
                    String option = args.get(i);
                    if (option.equals("--auto-publish")) {
                        autoPublish = true;
                    } else if (SOURCE_OPTIONS.contains(option) && i + 1 < args.size()) {
                        options.put(option, args.get(++i));
                    } else {
                        throw new BadRequest("source add does not take '" + option + "'" + (SOURCE_OPTIONS.contains(option) ? " without a value" : "")
                                + "; see dateline help.");
                    }
                }
                Integer every = null;
                if (options.containsKey("--every")) {
                    try {
                        every = Integer.valueOf(options.get("--every"));
                    } catch (NumberFormatException e) {
                        throw new BadRequest("--every takes a number of seconds, not '" + options.get("--every") + "'.");
                    }
                }
                WireSources.Source added;
                try {
                    added = sources.add(new WireSources.NewSource(options.get("--name"), options.get("--kind"), options.get("--url"), options.get("--path"),
                            every, options.get("--header"), options.get("--format"), options.get("--agency"), options.get("--section"), autoPublish));
                } catch (ValidationFailed e) {
                    throw new BadRequest("The source was not added: " + ValidationErrors.allMessages(e.errors().asMap()));
                }
                stdout.println("added " + added.kind().value() + " source " + added.name());
                if (added.kind() == WireSources.Kind.PUSH) {
                    stdout.println(core.apiKeys().create("push to " + added.name(), ApiKeys.ingestScope(added.id())));
                }
            }
            case "list" -> sources.list().forEach(s -> stdout.println(s.name() + "\t" + s.kind().value() + "\t" + s.state() + "\t" + s.received()
                    + "\t" + s.refused()));
            case "disable", "enable" -> {
                if (!sources.setEnabled(args.get(2), args.get(1).equals("enable"))) {
                    throw new NotFound("There is no source called '" + args.get(2) + "'.");
                }
                stdout.println(args.get(1) + "d " + args.get(2));
            }
            default -> throw new BadRequest("source takes add, list, disable or enable, not '" + args.get(1) + "'.");
        }
    }

    /**
     * {@code import-wordpress [--dry-run] [--media DIR] FILE} (options before or after the file): exit 0
     * with the report when the file was read, 1 with the reason when it was refused (nothing written).
     */
    private static int importExport(Config config, List<String> args, PrintStream stdout, PrintStream stderr) {
        boolean ghost = args.get(0).equals("import-ghost");
        boolean dryRun = false;
        String file = null;
        String media = null;
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--dry-run" -> dryRun = true;
                case "--media" -> {
                    if (++i >= args.size()) {
                        stderr.println("--media needs a folder (a copy of " + (ghost ? "Ghost's content/images" : "wp-content/uploads") + ").");
                        return 2;
                    }
                    media = args.get(i);
                }
                default -> {
                    if (file != null || args.get(i).startsWith("--")) {
                        stderr.println(args.get(0) + " takes [--dry-run] [--media DIR] FILE, not '" + args.get(i) + "'.");
                        return 2;
                    }
                    file = args.get(i);
                }
            }
        }
        if (file == null) {
            stderr.println(args.get(0) + " needs the export file.");
            return 2;
        }
        Path path = Path.of(file);
        boolean dry = dryRun;
        String mediaFolder = media;
        return guarded(stderr, () -> {
            try (Dateline.Core core = Dateline.Core.open(config, Clock.systemUTC())) {
                Path mediaPath = mediaFolder == null ? null : Path.of(mediaFolder);
                ImportReport report = ghost ? new GhostImport(core.content(), core.taxonomy()).run(path, mediaPath, dry, done -> { })
                        : new WordPressImport(core.content(), core.taxonomy()).run(path, mediaPath, dry, done -> { });
                stdout.print(report.text());
            } catch (WireFormat.Refused e) {
                throw new BadRequest("The export was refused, nothing was written: " + e.getMessage());
            }
        });
    }

    private static final Set<String> SOURCE_OPTIONS = Set.of("--name", "--kind", "--url", "--path", "--every", "--header", "--format", "--agency", "--section");

    private static int serve(Config config) {
        Dateline app = Dateline.create(config, Clock.systemUTC()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "dateline-shutdown"));
        return SERVING;
    }
}
