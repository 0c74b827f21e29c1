package dateline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dateline.content.Article;
import dateline.content.ArticleRepository;
import dateline.content.TaxonomyRepository;
import dateline.platform.BadRequest;
import dateline.platform.NotFound;
import dateline.platform.Unauthorized;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

import java.util.zip.CRC32C;

/**
 * The read-only JSON content API under {@code /api/v1/}: published stories (list with filters and
 * cursor pagination, one story, one story as ninjs), sections, tags and authors. Every call needs an
 * API key ({@code Authorization: Bearer …} or {@code X-Api-Key}); the OpenAPI document at
 * {@code /api/openapi.json} is public. Any origin may call it (CORS); responses carry ETags.
 */
public final class ContentApiRoutes {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final String NEEDS_KEY = "This API needs a key: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.";
    static final String BAD_KEY = "This API key is not valid, or was revoked.";
    static final String BAD_LIMIT = "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '%s'.";
    static final String BAD_SINCE = "updated_since must be an ISO 8601 instant such as 2026-03-02T09:00:00Z, not '%s'.";
    static final String BAD_CURSOR = "This cursor is not one this API gave out.";
    static final String UNKNOWN_FILTER = "There is no %s '%s'.";

    private final ArticleRepository articles;
    private final TaxonomyRepository taxonomy;
    private final ApiKeys keys;
    private final ArticleJson json;
    private final byte[] openApi;

    public ContentApiRoutes(ArticleRepository articles, TaxonomyRepository taxonomy, ApiKeys keys, String siteUrl,
                            java.util.function.Function<Article, String> articlePath) {
        this.articles = articles;
        this.taxonomy = taxonomy;
        this.keys = keys;
        this.json = new ArticleJson(siteUrl, articlePath);
        this.openApi = readOpenApi(siteUrl);
    }

    public void addTo(RoutesConfig routes) {
        routes.before("/api/*", ctx -> {
            ctx.header("Access-Control-Allow-Origin", "*");
            ctx.header("Access-Control-Allow-Headers", "Authorization, X-Api-Key, If-None-Match");
            ctx.header("Access-Control-Expose-Headers", "ETag");
            ctx.header("Access-Control-Allow-Methods", "GET, OPTIONS");
        });
        routes.options("/api/*", ctx -> ctx.header("Access-Control-Max-Age", "86400").status(204));
        routes.get("/api/openapi.json", ctx -> send(ctx, openApi, "public, max-age=3600"));
        routes.get("/api/v1/articles", ctx -> {
            authorize(ctx);
            list(ctx);
        });
        routes.get("/api/v1/articles/{id}", ctx -> {
            authorize(ctx);
            send(ctx, wrap(json.article(published(ctx.pathParam("id")))));
        });
        routes.get("/api/v1/articles/{id}/ninjs", ctx -> {
            authorize(ctx);
            send(ctx, bytes(json.ninjs(published(ctx.pathParam("id")))), "private, max-age=30");
        });
        routes.get("/api/v1/sections", ctx -> {
            authorize(ctx);
            ArrayNode data = ArticleJson.JSON.createArrayNode();
            taxonomy.sections().forEach(s -> data.add(json.section(s)));
            send(ctx, wrap(data));
        });
        routes.get("/api/v1/tags", ctx -> {
            authorize(ctx);
            ArrayNode data = ArticleJson.JSON.createArrayNode();
            taxonomy.publicTags().forEach(t -> data.add(json.tag(t)));
            send(ctx, wrap(data));
        });
        routes.get("/api/v1/authors", ctx -> {
            authorize(ctx);
            ArrayNode data = ArticleJson.JSON.createArrayNode();
            taxonomy.authors().forEach(a -> data.add(json.author(a)));
            send(ctx, wrap(data));
        });
    }

    private void authorize(Context ctx) {
        String key = ApiKeys.presented(ctx.header("Authorization"), ctx.header("X-Api-Key"));
        if (key == null) {
            throw new Unauthorized(NEEDS_KEY);
        }
        if (!keys.isValid(key)) {
            throw new Unauthorized(BAD_KEY);
        }
    }

    private Article published(String id) {
        return articles.findById(id).filter(Article::isPublished).orElseThrow(() -> new NotFound("There is no published story with id '" + id + "'."));
    }

    private void list(Context ctx) {
        int limit = limit(ctx.queryParam("limit"));
        String sectionId = filter(ctx.queryParam("section"), "section", s -> taxonomy.sectionBySlug(s).map(x -> x.id()));
        String tagId = filter(ctx.queryParam("tag"), "tag", s -> taxonomy.tagBySlug(s).map(x -> x.id()));
        String authorId = filter(ctx.queryParam("author"), "author", s -> taxonomy.authorBySlug(s).map(x -> x.id()));
        Instant since = since(ctx.queryParam("updated_since"));
        Instant beforePublished = null;
        String beforeId = null;
        String cursor = ctx.queryParam("cursor");
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
                beforePublished = Instant.ofEpochMilli(Long.parseLong(parts[0]));
                beforeId = parts[1];
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new BadRequest(BAD_CURSOR);
            }
        }
        List<Article> page = articles.publishedFiltered(sectionId, tagId, authorId, since, beforePublished, beforeId, limit + 1);
        ObjectNode body = ArticleJson.JSON.createObjectNode();
        ArrayNode data = body.putArray("data");
        page.stream().limit(limit).forEach(a -> data.add(json.article(a)));
        if (page.size() > limit) {
            Article last = page.get(limit - 1);
            body.put("next_cursor", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((last.firstPublishedAt().toEpochMilli() + ":" + last.id()).getBytes(StandardCharsets.UTF_8)));
        } else {
            body.putNull("next_cursor");
        }
        send(ctx, bytes(body), "private, max-age=30");
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new BadRequest(BAD_LIMIT.formatted(raw));
    }

    private static Instant since(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new BadRequest(BAD_SINCE.formatted(raw));
        }
    }

    private static String filter(String slug, String what, java.util.function.Function<String, java.util.Optional<String>> lookup) {
        if (slug == null || slug.isBlank()) {
            return null;
        }
        return lookup.apply(slug).orElseThrow(() -> new BadRequest(UNKNOWN_FILTER.formatted(what, slug)));
    }

    private static byte[] wrap(JsonNode data) {
        ObjectNode body = ArticleJson.JSON.createObjectNode();
        body.set("data", data);
        return bytes(body);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return ArticleJson.JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Context ctx, byte[] body) {
        send(ctx, body, "private, max-age=30");
    }

    private static void send(Context ctx, byte[] body, String cacheControl) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        String etag = "\"" + Long.toString(crc.getValue(), 36) + Integer.toString(body.length, 36) + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", cacheControl);
        ctx.header("Vary", "Authorization, X-Api-Key");
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json; charset=utf-8").result(body);
    }

    /** Renders an error as an RFC 9457 problem document. */
    public static void renderError(Context ctx, int status, String message) {
        ObjectNode problem = ArticleJson.JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Content";
            default -> "Internal Server Error";
        });
        problem.put("status", status);
        problem.put("detail", message);
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        ctx.contentType("application/problem+json").result(bytes(problem));
    }

    private static byte[] readOpenApi(String siteUrl) {
        try (InputStream in = ContentApiRoutes.class.getResourceAsStream("/api/openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{siteUrl}}", siteUrl).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
