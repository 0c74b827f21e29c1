package dateline.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dateline.api.ApiKeys;
import dateline.ingest.WireQueue.Document;
import dateline.ingest.WireQueue.Stored;
import dateline.ingest.WireSources.Kind;
import dateline.ingest.WireSources.Source;
import dateline.platform.BadRequest;
import dateline.platform.NotFound;
import dateline.platform.Unauthorized;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Push: {@code POST /api/v1/ingest/{source}} with a key made for that source (a content API key is
 * refused). Answers 202 with the items stored, or a 400 problem document naming what could not be read;
 * a refused document is also listed on the source's desk page.
 */
public final class IngestRoutes {
    private final WireSources sources;
    private final WireQueue queue;
    private final ApiKeys keys;

    public IngestRoutes(WireSources sources, WireQueue queue, ApiKeys keys) {
        this.sources = sources;
        this.queue = queue;
        this.keys = keys;
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/ingest/{source}", this::push);
    }

    private void push(Context ctx) {
        String key = ApiKeys.presented(ctx.header("Authorization"), ctx.header("X-Api-Key"));
        if (key == null) {
            throw new Unauthorized("Pushing copy needs the source's ingest key: send it as 'Authorization: Bearer <key>'.");
        }
        Source source = sources.byName(ctx.pathParam("source")).filter(s -> s.kind() == Kind.PUSH)
                .orElseThrow(() -> new NotFound("There is no push source called '" + ctx.pathParam("source") + "'."));
        if (!keys.isValid(key, ApiKeys.ingestScope(source.id()))) {
            throw new Unauthorized("This key cannot push to '" + source.name() + "': use the ingest key made with the source.");
        }
        if (!source.enabled()) {
            throw new BadRequest("The source '" + source.name() + "' is disabled: an admin can enable it in the desk.");
        }
        byte[] body;
        try {
            body = ctx.bodyInputStream().readNBytes(WireFormats.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > WireFormats.MAX_BYTES) {
            throw new BadRequest("The document is over the " + WireFormats.MAX_BYTES / 1024 / 1024 + " MB limit for one item.");
        }
        List<Stored> stored;
        try {
            stored = queue.receive(source, new Document("push", body));
        } catch (WireFormat.Refused refused) {
            throw new BadRequest("The document was refused: " + refused.getMessage());
        }
        ObjectNode answer = WireQueue.JSON.createObjectNode();
        var items = answer.putArray("items");
        for (Stored s : stored) {
            items.addObject().put("id", s.id()).put("guid", s.guid()).put("version", s.version()).put("outcome", s.outcome().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!stored.isEmpty()) {
            answer.put("id", stored.get(0).id());
        }
        ctx.status(202).header("Cache-Control", "no-store").contentType("application/json").result(answer.toString());
    }
}
