package dateline.desk;

import dateline.content.ContentService;
import dateline.content.TaxonomyRepository;
import dateline.ingest.GhostImport;
import dateline.ingest.ImportReport;
import dateline.ingest.WireFormat;
import dateline.ingest.WordPressImport;
import dateline.platform.BadRequest;
import dateline.platform.Ids;
import dateline.platform.NotFound;
import dateline.platform.Templates;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admin's import page: a WordPress or Ghost export uploaded, imported in the background (one at a
 * time) with a progress bar, then its report. Large exports take minutes; the page refreshes itself
 * (no script needed) until the report is there. Jobs are kept on the node that runs them; the command
 * line does the same for files larger than an upload may be.
 */
public final class ImportDesk {
    /** One import: what was sent, how far it got, and its report (or why it was refused). */
    public static final class Job {
        final String id;
        final String fileName;
        final String kind;
        final boolean dryRun;
        final Instant startedAt;
        volatile double progress;
        volatile ImportReport report;
        volatile String refused;

        Job(String id, String fileName, String kind, boolean dryRun, Instant startedAt) {
            this.id = id;
            this.fileName = fileName;
            this.kind = kind;
            this.dryRun = dryRun;
            this.startedAt = startedAt;
        }

        public String id() {
            return id;
        }

        public String fileName() {
            return fileName;
        }

        public String kind() {
            return kind;
        }

        public boolean dryRun() {
            return dryRun;
        }

        public boolean done() {
            return report != null || refused != null;
        }

        public int percent() {
            return (int) Math.round(progress * 100);
        }

        public String report() {
            return report == null ? "" : report.text();
        }

        public String refused() {
            return refused;
        }
    }

    public record ImportPage(DeskChrome chrome, List<Job> jobs, Job job, String error) {}

    private final ContentService content;
    private final TaxonomyRepository taxonomy;
    private final Templates templates;
    private final Path work;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dateline-import");
        t.setDaemon(true);
        return t;
    });

    public ImportDesk(ContentService content, TaxonomyRepository taxonomy, Templates templates, Path work) {
        this.content = content;
        this.taxonomy = taxonomy;
        this.templates = templates;
        this.work = work;
    }

    List<DeskRoute> routes() {
        return List.of(
                DeskRoute.get("/desk/import", Role.ADMIN, ctx -> page(ctx, null, null, 200)),
                DeskRoute.post("/desk/import", Role.ADMIN, this::start),
                DeskRoute.get("/desk/import/{job}", Role.ADMIN, this::job));
    }

    private void page(Context ctx, Job job, String error, int status) {
        List<Job> recent = new ArrayList<>(jobs.values());
        recent.sort((a, b) -> b.startedAt.compareTo(a.startedAt));
        ctx.status(status).contentType("text/html; charset=utf-8")
                .result(templates.render("desk/import.jte", new ImportPage(DeskRoutes.chrome(ctx), recent, job, error)));
    }

    private void start(Context ctx) {
        UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("file") : null;
        String kind = DeskRoutes.formParam(ctx, "kind");
        if (file == null || file.size() == 0) {
            page(ctx, null, "Choose the export file to upload.", 422);
            return;
        }
        if (!kind.equals("wordpress") && !kind.equals("ghost")) {
            throw new BadRequest("Choose what the export comes from: wordpress or ghost.");
        }
        Job job = new Job(Ids.newId(), file.filename(), kind, !DeskRoutes.formParam(ctx, "dryRun").isBlank(), Instant.now());
        Path saved;
        try (InputStream in = file.content()) {
            Files.createDirectories(work);
            saved = work.resolve("import-" + job.id + (kind.equals("ghost") ? ".json" : ".xml"));
            Files.copy(in, saved, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jobs.put(job.id, job);
        runner.execute(() -> run(job, saved));
        ctx.redirect("/desk/import/" + job.id, HttpStatus.SEE_OTHER);
    }

    private void run(Job job, Path file) {
        try {
            job.report = job.kind.equals("ghost")
                    ? new GhostImport(content, taxonomy).run(file, job.dryRun, done -> job.progress = done)
                    : new WordPressImport(content, taxonomy).run(file, job.dryRun, done -> job.progress = done);
            job.progress = 1;
        } catch (WireFormat.Refused e) {
            job.refused = "The export was refused, nothing was written: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            job.refused = "The import stopped: " + e.getMessage();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover upload in the data folder is harmless
            }
        }
    }

    private void job(Context ctx) {
        Job job = jobs.get(ctx.pathParam("job"));
        if (job == null) {
            throw new NotFound("There is no import with this id on this server.");
        }
        page(ctx, job, null, 200);
    }
}
