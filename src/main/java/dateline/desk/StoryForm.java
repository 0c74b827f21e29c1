package dateline.desk;

import dateline.content.Article;
import dateline.content.ArticleDraft;
import dateline.content.Author;
import dateline.content.Tag;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The story form's fields as typed, kept as text so that a refused save shows the editor exactly
 * what they wrote.
 */
public record StoryForm(String headline, String standfirst, String bodyHtml, String datelinePlace, String sectionId,
                        List<String> authorIds, String tags, String leadImageId, String language, String source, String slug,
                        String relatedIds, String version, String scheduledAt, String correction) {

    public static StoryForm empty(String defaultAuthorId) {
        return new StoryForm("", "", "", "", "", defaultAuthorId == null ? List.of() : List.of(defaultAuthorId), "", "", "en", "staff", "", "", "0", "", "");
    }

    public static StoryForm of(Article a) {
        return new StoryForm(a.headline(), a.standfirst(), a.bodyHtml(), a.datelinePlace(), a.section().id(),
                a.authors().stream().map(Author::id).toList(), String.join(", ", a.tags().stream().map(Tag::name).toList()),
                a.leadImage() == null ? "" : a.leadImage().id(), a.language(), a.source(), a.slug(), String.join(", ", a.relatedIds()),
                Integer.toString(a.version()), "", "");
    }

    public static StoryForm from(Context ctx) {
        return new StoryForm(param(ctx, "headline"), param(ctx, "standfirst"), param(ctx, "bodyHtml"), param(ctx, "datelinePlace"),
                param(ctx, "sectionId"), ctx.formParams("authorIds"), param(ctx, "tags"), param(ctx, "leadImageId"), param(ctx, "language"),
                param(ctx, "source"), param(ctx, "slug"), param(ctx, "relatedIds"), param(ctx, "version"), param(ctx, "scheduledAt"),
                param(ctx, "correction"));
    }

    private static String param(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).orElse("");
    }

    public ArticleDraft toDraft() {
        return new ArticleDraft(headline, standfirst, bodyHtml, datelinePlace, sectionId, authorIds, split(tags), leadImageId, language, source,
                slug, split(relatedIds));
    }

    /** The version the form was loaded at; -1 when it is not a number (a tampered form). */
    public int baseVersion() {
        try {
            return Integer.parseInt(version.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public StoryForm withLeadImageId(String id) {
        return new StoryForm(headline, standfirst, bodyHtml, datelinePlace, sectionId, authorIds, tags, id, language, source, slug, relatedIds,
                version, scheduledAt, correction);
    }

    public StoryForm withVersion(int newVersion) {
        return new StoryForm(headline, standfirst, bodyHtml, datelinePlace, sectionId, authorIds, tags, leadImageId, language, source, slug, relatedIds,
                Integer.toString(newVersion), scheduledAt, correction);
    }

    public boolean hasAuthor(String id) {
        return authorIds.contains(id);
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
