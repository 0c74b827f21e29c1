package dateline;

import dateline.content.ArticleRepository;
import dateline.content.ContentService;
import dateline.content.ImageRepository;
import dateline.content.SiteArchive;
import dateline.content.TaxonomyRepository;
import dateline.demo.DemoContent;
import dateline.platform.Config;
import dateline.platform.Database;
import dateline.platform.DerivedView;
import dateline.platform.EventLog;
import dateline.platform.EventTailer;
import dateline.platform.JobRunner;
import dateline.platform.MutableClock;
import dateline.platform.OpsRoutes;
import dateline.platform.Templates;
import dateline.platform.WebServer;
import dateline.platform.ResponseMetrics;
import dateline.site.CachedPageHandler;
import dateline.site.PageCache;
import dateline.site.ReadStore;
import dateline.site.SiteRoutes;
import dateline.site.StaticAssets;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of Dateline with plain constructor calls, in
 * dependency order, top to bottom.
 *
 * <p>{@link #create} opens the database (running migrations) but serves nothing; {@link #start()}
 * loads demo content if asked, starts the HTTP server and the background jobs.
 */
public final class Dateline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dateline.class);

    private final Config config;
    private final Clock clock;
    private final Database db;
    private final EventLog events;
    private final ContentService content;
    private final ArticleRepository articles;
    private final Javalin app;
    private final JobRunner jobs;
    private final List<EventTailer> tailers;
    private final List<DerivedView> views;

    private Dateline(Config config, Clock clock, Database db, EventLog events, ContentService content, ArticleRepository articles,
                     Javalin app, JobRunner jobs, List<EventTailer> tailers, List<DerivedView> views) {
        this.config = config;
        this.clock = clock;
        this.db = db;
        this.events = events;
        this.content = content;
        this.articles = articles;
        this.app = app;
        this.jobs = jobs;
        this.tailers = tailers;
        this.views = views;
    }

    public static Dateline create(Config config, Clock clock) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ResponseMetrics responses = new ResponseMetrics(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);

        Database db = Database.open(config.dbUrl(), config.dbUser(), config.dbPassword());
        EventLog events = new EventLog(db);
        TaxonomyRepository taxonomy = new TaxonomyRepository(db);
        ArticleRepository articles = new ArticleRepository(db, taxonomy);
        ImageRepository images = new ImageRepository(db);
        ContentService content = new ContentService(db, events, articles, taxonomy, images, clock);

        PageCache pages = new PageCache(config.pageCacheBytes(), metrics);
        ReadStore reads = new ReadStore(articles, config.readStoreEntries());
        Templates templates = Templates.forMode(config.devMode());
        StaticAssets assets = new StaticAssets();
        SiteRoutes site = new SiteRoutes(config, articles, reads, taxonomy, images, pages, templates, assets);
        OpsRoutes ops = new OpsRoutes(db, metrics);
        Javalin app = WebServer.create(responses, site::renderError, new CachedPageHandler(pages, responses), routes -> {
            ops.addTo(routes);
            site.addTo(routes);
        });

        JobRunner jobs = new JobRunner();
        // The page cache lives in memory: it starts empty, so it only needs events from now on.
        EventTailer pageEvictions = new EventTailer("page-cache", events, events.head(), batch -> {
            // The section list first: pages rendered after the eviction must see the new navigation.
            if (batch.stream().anyMatch(e -> e.keys().contains("nav") || e.keys().contains("all"))) {
                taxonomy.forgetSections();
            }
            reads.evict(batch);
            pages.evict(batch);
        });
        jobs.every(pageEvictions.name(), Duration.ofMillis(250), pageEvictions::poll);
        events.addListener(() -> jobs.runSoon(pageEvictions.name(), pageEvictions::poll));
        jobs.every("scheduled-publishing", Duration.ofSeconds(5), () -> content.publishDue("scheduler"));
        metrics.gauge("dateline.events.lag", pageEvictions, t -> Math.max(0, events.head() - t.position()));

        DerivedView pageCacheView = new DerivedView() {
            public String name() {
                return "page cache and read store";
            }

            public void rebuild() {
                reads.clear();
                pages.clear();
            }
        };
        return new Dateline(config, clock, db, events, content, articles, app, jobs, List.of(pageEvictions), List.of(pageCacheView));
    }

    /** Loads demo content into an empty database (if configured), then serves. Returns once listening. */
    public Dateline start() {
        if (config.demo() && articles.countPublished(ArticleRepository.Listing.ALL) == 0 && events.head() == 0) {
            MutableClock demoClock = new MutableClock(clock.instant());
            TaxonomyRepository demoTaxonomy = new TaxonomyRepository(db);
            ContentService demoWriter = new ContentService(db, events, new ArticleRepository(db, demoTaxonomy), demoTaxonomy, new ImageRepository(db), demoClock);
            new DemoContent(demoWriter, demoClock).load(clock.instant());
        }
        app.start(config.port());
        jobs.start();
        log.info("serving url=http://localhost:{}/ database={}", port(), db.dialect().name().toLowerCase());
        return this;
    }

    public int port() {
        return app.port();
    }

    public ContentService content() {
        return content;
    }

    public ArticleRepository articles() {
        return articles;
    }

    public Database database() {
        return db;
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
        return SiteArchive.read(db);
    }

    public void importSite(SiteArchive archive) {
        content.importSite(archive);
    }

    /**
     * Waits until every derived view on this node has applied every event committed so far, or the
     * timeout passes. For tests and tools; returns whether the views caught up.
     */
    public boolean awaitDerivedViews(Duration timeout) {
        long head = events.head();
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

    @Override
    public void close() {
        app.stop();
        jobs.close();
        db.close();
    }
}
