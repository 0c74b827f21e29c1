package dateline.content;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a writer submits for a story: the editable fields, before validation and sanitizing.
 *
 * @param slug optional; made from the headline when blank
 * @param tagNames tags by name; unknown names become new tags
 * @param relatedIds the desk's "Read more" picks, in order
 */
public record ArticleDraft(
        String headline,
        String standfirst,
        String bodyHtml,
        String datelinePlace,
        String sectionId,
        List<String> authorIds,
        List<String> tagNames,
        String leadImageId,
        String language,
        String source,
        String slug,
        List<String> relatedIds) {

    public ArticleDraft {
        authorIds = authorIds == null ? List.of() : List.copyOf(authorIds);
        tagNames = tagNames == null ? List.of() : List.copyOf(tagNames);
        relatedIds = relatedIds == null ? List.of() : List.copyOf(relatedIds);
    }

    /** A draft without Read-more picks. */
    public ArticleDraft(String headline, String standfirst, String bodyHtml, String datelinePlace, String sectionId,
                        List<String> authorIds, List<String> tagNames, String leadImageId, String language, String source, String slug) {
        this(headline, standfirst, bodyHtml, datelinePlace, sectionId, authorIds, tagNames, leadImageId, language, source, slug, List.of());
    }

    /** The draft of an existing story, to change one field of it. */
    public static ArticleDraft of(Article a) {
        return new ArticleDraft(a.headline(), a.standfirst(), a.bodyHtml(), a.datelinePlace(), a.section().id(),
                a.authors().stream().map(Author::id).toList(), a.tags().stream().map(Tag::name).toList(),
                a.leadImage() == null ? null : a.leadImage().id(), a.language(), a.source(), a.slug(), a.relatedIds());
    }

    /**
     * The draft as a save stores it: text stripped, the body sanitized, blank choices as none, the
     * language and source defaulted, lists without repeats. The slug is kept as typed (blank keeps the
     * story's own, or makes one from the headline).
     */
    public ArticleDraft normalized() {
        ArticleDraftValidator.checkLimits(this); // before the sanitizer reads a body of any size
        return new ArticleDraft(text(headline), text(standfirst), BodySanitizer.sanitize(bodyHtml), text(datelinePlace), sectionId,
                distinct(authorIds), tagNames.stream().map(String::strip).filter(n -> !n.isEmpty()).toList(), blankToNull(leadImageId),
                orDefault(language, "en"), orDefault(source, "staff"), slug, distinct(relatedIds));
    }

    /** Whether saving this draft would change the stored story in any field a save writes. */
    public boolean changes(Article stored) {
        ArticleDraft now = normalized();
        ArticleDraft was = of(stored);
        return !(now.headline.equals(was.headline) && now.standfirst.equals(was.standfirst) && now.bodyHtml.equals(was.bodyHtml)
                && now.datelinePlace.equals(was.datelinePlace) && Objects.equals(now.sectionId, was.sectionId)
                && now.authorIds.equals(was.authorIds) && slugs(now.tagNames).equals(slugs(was.tagNames))
                && Objects.equals(now.leadImageId, was.leadImageId) && now.language.equals(was.language)
                && now.source.equals(was.source) && (slug == null || slug.isBlank() || slug.strip().equals(was.slug))
                && now.relatedIds.equals(was.relatedIds));
    }

    private static List<String> slugs(List<String> names) {
        return distinct(names.stream().map(Slugs::slugify).toList());
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String orDefault(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.strip();
    }

    public ArticleDraft withHeadline(String value) {
        return new ArticleDraft(value, standfirst, bodyHtml, datelinePlace, sectionId, authorIds, tagNames, leadImageId, language, source, slug, relatedIds);
    }

    public ArticleDraft withBodyHtml(String value) {
        return new ArticleDraft(headline, standfirst, value, datelinePlace, sectionId, authorIds, tagNames, leadImageId, language, source, slug, relatedIds);
    }

    public ArticleDraft withStandfirst(String value) {
        return new ArticleDraft(headline, value, bodyHtml, datelinePlace, sectionId, authorIds, tagNames, leadImageId, language, source, slug, relatedIds);
    }

    public ArticleDraft withSlug(String value) {
        return new ArticleDraft(headline, standfirst, bodyHtml, datelinePlace, sectionId, authorIds, tagNames, leadImageId, language, source, value, relatedIds);
    }

    public ArticleDraft withRelatedIds(List<String> value) {
        return new ArticleDraft(headline, standfirst, bodyHtml, datelinePlace, sectionId, authorIds, tagNames, leadImageId, language, source, slug, value);
    }

    public ArticleDraft withLeadImageId(String value) {
        return new ArticleDraft(headline, standfirst, bodyHtml, datelinePlace, sectionId, authorIds, tagNames, value, language, source, slug, relatedIds);
    }

    public ArticleDraft withSectionId(String value) {
        return new ArticleDraft(headline, standfirst, bodyHtml, datelinePlace, value, authorIds, tagNames, leadImageId, language, source, slug, relatedIds);
    }
}
