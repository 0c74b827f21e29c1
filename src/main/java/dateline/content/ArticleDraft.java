package dateline.content;

import java.util.List;

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

    public ArticleDraft withSectionId(String value) {
        return new ArticleDraft(headline, standfirst, bodyHtml, datelinePlace, value, authorIds, tagNames, leadImageId, language, source, slug, relatedIds);
    }
}
