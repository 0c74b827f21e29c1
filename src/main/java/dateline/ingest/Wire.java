package dateline.ingest;

import dateline.content.ArticleRepository;
import dateline.content.ContentService;
import dateline.content.TaxonomyRepository;
import dateline.platform.Database;
import java.nio.file.Path;
import java.time.Clock;

/** The ingest feature's parts on one database: formats, sources, the queue and the stories made from it. */
public record Wire(WireFormats formats, WireSources sources, WireQueue queue, WireStories stories) {
    /** @param ninjsSchemas the folder of IPTC's ninjs schemas, or null to read ninjs without them */
    public static Wire open(Database db, TaxonomyRepository taxonomy, ArticleRepository articles, ContentService content, Path ninjsSchemas,
                            Clock clock) {
        WireFormats formats = new WireFormats(NinjsSchemas.in(ninjsSchemas));
        WireSources sources = new WireSources(db, taxonomy, formats, clock);
        WireQueue queue = new WireQueue(db, formats, sources, clock);
        return new Wire(formats, sources, queue, new WireStories(db, queue, sources, content, articles, taxonomy, clock));
    }
}
