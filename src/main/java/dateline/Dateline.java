package dateline;

import dateline.api.ApiKeys;
import dateline.api.ContentApiRoutes;
import dateline.api.Webhooks;
import dateline.content.ArticleRepository;
import dateline.content.BreakingNews;
import dateline.content.ContentService;
import dateline.content.EventTypes;
import dateline.content.ImageRenditions;
import dateline.content.ImageRepository;
import dateline.content.ReservedSlugs;
import dateline.content.RevisionRepository;
import dateline.content.SettingsRepository;
import dateline.content.SiteArchive;
import dateline.content.TaxonomyRepository;
import dateline.demo.DemoContent;
import dateline.demo.DemoReaders;
import dateline.desk.Accounts;
import dateline.desk.AdminPages;
import dateline.desk.DeskAssets;
import dateline.desk.DeskLookups;
import dateline.desk.FrontPageDesk;
import dateline.desk.ImageLibrary;
import dateline.desk.DeskRoutes;
import dateline.desk.Presence;
import dateline.desk.LoginLimiter;
import dateline.desk.Role;
import dateline.desk.Sessions;
import dateline.desk.StoryRoutes;
import dateline.desk.WireDesk;
import dateline.desk.ImportDesk;
import dateline.desk.PagesDesk;
import dateline.platform.ClientAddress;
import dateline.platform.Config;
import dateline.platform.Database;
import dateline.platform.DerivedView;
import dateline.platform.EventLog;
import dateline.platform.EventTailer;
import dateline.platform.HeadRequests;
import dateline.platform.JobRunner;
import dateline.platform.EventNotifications;
import dateline.platform.Readiness;
import dateline.platform.TransportSecurity;
import dateline.platform.MutableClock;
import dateline.platform.OpsRoutes;
import dateline.platform.ResponseMetrics;
import dateline.platform.Templates;
import dateline.platform.WebServer;
import dateline.search.RelatedStories;
import dateline.search.SearchIndex;
import dateline.search.Searcher;
import dateline.feeds.FeedWriter;
import dateline.ingest.IngestRoutes;
import dateline.ingest.Wire;
import dateline.ingest.WirePoller;
import dateline.feeds.Sitemaps;
import dateline.feeds.WebSubPinger;
import dateline.platform.CdnPurger;
import dateline.platform.Notifier;
import dateline.site.ArticleRoutes;
import dateline.site.FeedRoutes;
import dateline.content.Urls;
import dateline.site.CachedPageHandler;
import dateline.site.MemoryViews;
import dateline.site.LegacyRedirects;
import dateline.content.LegacyPaths;
import dateline.content.StaticPages;
import dateline.site.PageCache;
import dateline.site.ReadStore;
import dateline.site.SearchRoutes;
import dateline.site.SiteFrame;
import dateline.site.SiteRoutes;
import dateline.platform.StaticAssets;
import dateline.trending.BeaconHandler;
import dateline.trending.BeaconRoutes;
import dateline.trending.TrendingJob;
import dateline.trending.Readership;
import dateline.trending.TrendingList;
import dateline.trending.ViewCounter;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of Dateline with plain constructor calls, in
 * dependency order, top to bottom.
 *
 * <p>{@link #create} opens the database (running migrations) and the search index but serves
 * nothing; {@link #start()} loads demo content if asked, starts the HTTP server and the jobs.
 */
public final class Dateline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dateline.class);

    /**
     * The parts that need only the database: the write path, the repositories, accounts, API keys and
     * webhooks. Commands that do not serve (export, import, user, apikey, webhook) use these alone,
     * so they start nothing else; {@link #create} builds the site on top of them.
     */
    public record Core(Config config, Database db, EventLog events, TaxonomyRepository taxonomy, ArticleRepository articles,
                       ImageRepository images, SettingsRepository settings, RevisionRepository revisions, BreakingNews breaking,
                       ReservedSlugs reserved, ContentService content, Accounts accounts, ApiKeys apiKeys, Webhooks webhooks, Wire wire)
            implements AutoCloseable {

        /** Opens the database (running its migrations) and builds the parts on it. */
        public static Core open(Config config, Clock clock) {
            Database db = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
            EventLog events = new EventLog(db);
            TaxonomyRepository taxonomy = new TaxonomyRepository(db);
            ArticleRepository articles = new ArticleRepository(db, taxonomy);
            ImageRepository images = new ImageRepository(db);
            SettingsRepository settings = new SettingsRepository(db);
            RevisionRepository revisions = new RevisionRepository(db);
            BreakingNews breaking = new BreakingNews(db);
            ReservedSlugs reserved = new ReservedSlugs();
            ContentService content = new ContentService(db, events, articles, taxonomy, settings, breaking, images, revisions, reserved, clock);
            Webhooks webhooks = new Webhooks(db, articles, clock, config.siteUrl(), config.zone(), config.webhooksToPrivateAddresses());
            Wire wire = Wire.open(db, taxonomy, articles, content, config.ninjsSchemas(), clock);
            return new Core(config, db, events, taxonomy, articles, images, settings, revisions, breaking, reserved, content,
                    new Accounts(db, clock, config.passwordCost()), new ApiKeys(db, clock), webhooks, wire);
        }

        /** The write path on the same database with another clock: demo content is written as of its own times. */
        ContentService contentAt(Clock clock) {
            return new ContentService(db, events, articles, taxonomy, settings, breaking, images, revisions, reserved, clock);
        }

        @Override
        public void close() {
            db.close();
        }
    }

    /** The parts tests and tools reach into. */
    public record Parts(Core core, SearchIndex search, Searcher searcher, RelatedStories related, ViewCounter views, TrendingJob trendingJob,
                        TrendingList trending, PageCache pages, DeskRoutes desk, WirePoller poller) {
        public Database db() {
            return core.db();
        }

        public EventLog events() {
            return core.events();
        }

        public ArticleRepository articles() {
            return core.articles();
        }

        public RevisionRepository revisions() {
            return core.revisions();
        }

        public ContentService content() {
            return core.content();
        }

        public ApiKeys apiKeys() {
            return core.apiKeys();
        }

        public Webhooks webhooks() {
            return core.webhooks();
        }

        public Accounts accounts() {
            return core.accounts();
        }

        public ImageRepository images() {
            return core.images();
        }

        public Wire wire() {
            return core.wire();
        }
    }

    private final Config config;
    private final Clock clock;
    private final Parts parts;
    private final Javalin app;
    private final List<JobRunner> jobs;
    private final List<EventTailer> tailers;
    private final List<DerivedView> views;
    private final WirePoller poller;
    private final Readiness readiness;
    private EventNotifications notifications;

    private Dateline(Config config, Clock clock, Parts parts, Javalin app, List<JobRunner> jobs, List<EventTailer> tailers, List<DerivedView> views,
                     WirePoller poller, Readiness readiness) {
        this.poller = poller;
        this.readiness = readiness;
        this.config = config;
        this.clock = clock;
        this.parts = parts;
        this.app = app;
        this.jobs = jobs;
        this.tailers = tailers;
        this.views = views;
    }

    public static Dateline create(Config config, Clock clock) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        ResponseMetrics responses = new ResponseMetrics(metrics);

        Core core = Core.open(config, clock);
        Database db = core.db();
        EventLog events = core.events();
        TaxonomyRepository taxonomy = core.taxonomy();
        ArticleRepository articles = core.articles();
        ImageRepository images = core.images();
        SettingsRepository settings = core.settings();
        BreakingNews breaking = core.breaking();
        ContentService content = core.content();

        SearchIndex search = SearchIndex.open(config.dataDir().resolve("index"), articles, events);
        Searcher searcher = new Searcher(search);
        RelatedStories related = new RelatedStories(search, articles, clock);

        PageCache pages = new PageCache(config.pageCacheBytes(), metrics);
        ReadStore reads = new ReadStore(articles, config.readStoreEntries());
        ViewCounter views = new ViewCounter(db, clock, metrics);
        TrendingList trending = new TrendingList(db, articles, clock, Duration.ofHours(config.trendingWindowHours()));
        Notifier notifier = new Notifier();
        CdnPurger purger = new CdnPurger(notifier, config.purgeUrl(), config.purgeHeader());
        TrendingJob trendingJob = new TrendingJob(views, trending, keys -> {
            pages.evictKeys(keys);
            purger.purgeKeys(keys); // the CDN's copies show the old lists too
        });

        Templates templates = Templates.forMode(config.devMode());
        StaticAssets assets = new StaticAssets();
        StaticPages staticPages = content.staticPages();
        SiteFrame frame = new SiteFrame(config, taxonomy, settings, breaking, pages, templates, assets, staticPages);
        ImageRenditions renditions = new ImageRenditions(db, images);
        LegacyRedirects legacy = new LegacyRedirects(new LegacyPaths(db), articles, taxonomy, staticPages, config.zone());
        SiteRoutes site = new SiteRoutes(frame, articles, taxonomy, images, renditions, trending, legacy);
        ArticleRoutes articlePages = new ArticleRoutes(frame, articles, reads, related, trending);
        SearchRoutes searchPage = new SearchRoutes(frame, searcher);
        FeedWriter feedWriter = new FeedWriter(config.siteName(), config.siteUrl(), config.webSubHub(), a -> Urls.article(a, config.zone()));
        Sitemaps sitemaps = new Sitemaps(articles, config.siteName(), config.siteUrl(), config.zone(), clock, a -> Urls.article(a, config.zone()))
                .withPages(staticPages::published);
        FeedRoutes feedRoutes = new FeedRoutes(frame, articles, taxonomy, feedWriter, sitemaps);
        ClientAddress clients = ClientAddress.trusting(config.trustedProxies());
        BeaconRoutes beacons = new BeaconRoutes(views, clients);
        Readiness readiness = new Readiness();
        OpsRoutes ops = new OpsRoutes(db, metrics, config.metricsToken(), readiness);
        Accounts accounts = core.accounts();
        Sessions sessions = new Sessions(db, accounts, clock);
        DeskAssets deskAssets = new DeskAssets(assets);
        Readership readership = new Readership(db, trending, clock);
        StoryRoutes stories = new StoryRoutes(articles, core.revisions(), content, taxonomy, images, new Presence(db, clock), accounts, templates, config, deskAssets,
                articlePages::preview, clock, core.wire().stories(), readership);
        DeskRoutes desk = new DeskRoutes(accounts, sessions, new LoginLimiter(db, clock), articles, core.revisions(), content, settings, taxonomy, templates,
                config, deskAssets, stories, new DeskLookups(taxonomy, searcher, config.zone()),
                new ImageLibrary(content, images, templates, config.siteName(), deskAssets, config.zone()),
                new FrontPageDesk(content, articles, breaking, templates, config.siteName(), deskAssets),
                new AdminPages(accounts, core.apiKeys(), core.webhooks(), templates, config.zone()), clients,
                new WireDesk(core.wire().queue(), core.wire().sources(), core.wire().stories(), core.wire().formats(), core.apiKeys(), articles,
                        taxonomy, templates, config.zone(), clock),
                new ImportDesk(content, taxonomy, templates, config.dataDir().resolve("imports")),
                new PagesDesk(content, staticPages, templates), readership);
        IngestRoutes push = new IngestRoutes(core.wire().sources(), core.wire().queue(), core.apiKeys());
        ContentApiRoutes api = new ContentApiRoutes(articles, taxonomy, core.apiKeys(), config.siteUrl(), a -> Urls.article(a, config.zone()));
        List<Handler.Singleton> fronts = List.of(new TransportSecurity(clients), new HeadRequests(), new BeaconHandler(views, responses, clients),
                new CachedPageHandler(pages, responses));
        WebServer.ErrorRenderer apiErrors = ContentApiRoutes::renderError;
        WebServer.ErrorRenderer errors = apiErrors.under("/api/", legacy.before(frame::renderError));
        Javalin app = WebServer.create(responses, errors, fronts, routes -> {
            ops.addTo(routes);
            api.addTo(routes);
            push.addTo(routes);
            desk.addTo(routes);
            beacons.addTo(routes);
            searchPage.addTo(routes);
            feedRoutes.addTo(routes);
            site.addTo(routes);
            articlePages.addTo(routes);
            site.addSectionRouteTo(routes);
            feedRoutes.addSectionRouteTo(routes);
        });

        // Sections live at /{slug}: none may take an address one of the routes above already answers.
        core.reserved().reserve(WebServer.fixedFirstSegments(app));
        JobRunner jobs = new JobRunner();
        // The index keeps its cursor with its files, so it resumes where it stopped.
        EventTailer indexing = new EventTailer("search-index", events, search.cursor(), search::apply);
        // Memory-only views start empty, so they only need events from now on.
        MemoryViews memory = new MemoryViews(taxonomy, staticPages, settings, breaking, related, reads, pages);
        EventTailer evictions = new EventTailer("page-cache", events, events.head(), batch -> {
            memory.accept(batch);
            batch.stream().filter(EventTypes::isStory).forEach(e -> views.forget(e.subjectId()));
        });
        WebSubPinger pinger = new WebSubPinger(notifier, config.webSubHub(), config.siteUrl(), taxonomy);
        // Outside services (the edge cache, WebSub hubs) hear of changes once this node's page cache has dropped the changed
        // pages: the two tailers run one after the other on the jobs thread. Search pages are not cached at the edge.
        EventTailer outbound = new EventTailer("outbound", events, events.head(), batch -> {
            purger.purge(batch);
            pinger.ping(batch);
        });
        // Tailers wake when this node writes (announce) or another one does (PostgreSQL NOTIFY, EventNotifications);
        // the poll is the fallback for a notice lost while the listening connection was down.
        Duration fallback = db.dialect() == Database.Dialect.POSTGRESQL ? Duration.ofSeconds(5) : Duration.ofSeconds(1);
        // The index has a thread of its own: a Lucene commit (an fsync) must not hold up the pages' evictions
        // and the edge cache's purges, which follow each other on the jobs thread in that order.
        JobRunner indexJobs = new JobRunner();
        indexJobs.every(indexing.name(), fallback, indexing::poll);
        jobs.every(evictions.name(), fallback, evictions::poll);
        jobs.every(outbound.name(), fallback, outbound::poll);
        events.addListener(() -> {
            jobs.runSoon(evictions.name(), evictions::poll);
            jobs.runSoon(outbound.name(), outbound::poll);
            indexJobs.runSoon(indexing.name(), indexing::poll);
        });
        jobs.every("scheduled-publishing", Duration.ofSeconds(5), () -> content.publishDue("scheduler"));
        jobs.every("trending", Duration.ofMinutes(1), trendingJob);
        // Webhooks have their own thread: a slow receiver must not hold up the page cache or the index.
        JobRunner webhookJobs = new JobRunner();
        webhookJobs.every("webhooks", Duration.ofSeconds(2), core.webhooks());
        // Agency copy is polled on a thread of its own: a slow agency server holds up nothing else.
        WirePoller poller = new WirePoller(core.wire().sources(), core.wire().queue(), WirePoller.TIMEOUT);
        metrics.gauge("dateline.events.lag", evictions, t -> Math.max(0, events.head() - t.position()));
        db.bindMetrics(metrics);
        metrics.gauge("dateline.search.documents", search, SearchIndex::size);

        Parts parts = new Parts(core, search, searcher, related, views, trendingJob, trending, pages, desk, poller);
        return new Dateline(config, clock, parts, app, List.of(jobs, indexJobs, webhookJobs), List.of(indexing, evictions, outbound),
                List.of(renditions, search, memory), poller, readiness); // renditions before the caches that hold them
    }

    /** Loads demo content into an empty database (if configured), then serves. Returns once listening. */
    public Dateline start() {
        if (config.demo()) {
            // Nodes started together on an empty PostgreSQL database take turns: the first loads the demo, the others find it.
            parts.db().exclusively(DEMO_LOCK, () -> {
                if (parts.events().head() == 0) {
                    loadDemo();
                }
            });
        }
        app.start(config.host(), config.port());
        readiness.follow(tailers, parts.events().head());
        jobs.forEach(JobRunner::start);
        notifications = EventNotifications.start(parts.db(), parts.events()::announce);
        parts.events().announce(); // catch up now, not at the first poll
        poller.start(Duration.ofSeconds(1));
        log.info("serving url=http://localhost:{}/ database={}", port(), parts.db().dialect().name().toLowerCase(Locale.ROOT));
        return this;
    }

    /** An arbitrary constant: the lock that keeps two nodes from loading the demo into one database. */
    private static final long DEMO_LOCK = 0x0da7e11e_0002L;

    /** Loads the demo site into the empty database: the stories, a day of reading, and a demo admin. */
    private void loadDemo() {
        MutableClock demoClock = new MutableClock(clock.instant());
        var published = new DemoContent(parts.core().contentAt(demoClock), demoClock).load(clock.instant());
        demoReaders(published, demoClock);
        String password = HexFormat.of().formatHex(SecureRandom.getSeed(9));
        parts.accounts().create("editor@dateline.example", "Demo Editor", Role.ADMIN, password, "demo");
        log.info("demo desk login: http://localhost:{}/desk email=editor@dateline.example password={}", config.port() == 0 ? "<port>" : config.port(), password);
    }

    /**
     * A day of reading for the demo, counted by the site's own view counter on a clock set to when each
     * view happened, so Top Content, Most read and the desk's counts have something to show at once.
     */
    private void demoReaders(List<DemoContent.Published> published, MutableClock demoClock) {
        ViewCounter counter = new ViewCounter(parts.db(), demoClock, new SimpleMeterRegistry());
        long bucket = ViewCounter.BUCKET.toMillis();
        long current = -1;
        for (DemoReaders.View view : DemoReaders.plan(published, clock.instant(), 6000)) {
            long at = view.at().toEpochMilli() / bucket;
            if (at != current && current >= 0) {
                counter.flush(); // into the bucket the clock still shows
            }
            current = at;
            demoClock.set(view.at());
            counter.record(view.articleId(), view.address(), "Mozilla/5.0 (demo reader)");
        }
        counter.flush();
        parts.trending().recompute();
    }

    public int port() {
        return app.port();
    }

    public Parts parts() {
        return parts;
    }

    public ContentService content() {
        return parts.content();
    }

    public ArticleRepository articles() {
        return parts.articles();
    }

    public Database database() {
        return parts.db();
    }

    /** Throws away every derived view and makes it again from SQL. */
    public void rebuild() {
        for (DerivedView view : views) {
            long started = System.nanoTime();
            view.rebuild();
            log.info("rebuilt view=\"{}\" ms={}", view.name(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    public SiteArchive export() {
        return SiteArchive.read(parts.db());
    }

    public void importSite(SiteArchive archive) {
        parts.content().importSite(archive);
    }

    /**
     * Waits until every derived view on this node has applied every event committed so far, or the
     * timeout passes. For tests and tools; returns whether the views caught up.
     */
    public boolean awaitDerivedViews(Duration timeout) {
        long head = parts.events().head();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (tailers.stream().allMatch(t -> t.position() >= head)) {
                return true;
            }
            try {
                Thread.sleep(10); // polling a cursor that another thread advances
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Stops serving, then saves the view counts still in memory, then closes the index and database. */
    @Override
    public void close() {
        app.stop();
        poller.close();
        if (notifications != null) {
            notifications.close();
        }
        jobs.forEach(JobRunner::close);
        try {
            parts.views().flush();
        } catch (RuntimeException e) {
            log.error("could not save view counts on shutdown", e);
        }
        parts.search().close();
        parts.core().close();
    }
}
