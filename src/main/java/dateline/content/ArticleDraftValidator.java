package dateline.content;

import dateline.platform.ValidationErrors;
import org.jdbi.v3.core.Handle;

/** Checks a submitted story against every rule at once, naming each field that is wrong. */
final class ArticleDraftValidator {
    static final String HEADLINE_REQUIRED = "Give the story a headline.";
    static final String HEADLINE_TOO_LONG = "Keep the headline under 300 characters.";
    static final String SECTION_REQUIRED = "Choose a section.";
    static final String SECTION_UNKNOWN = "There is no section with id '%s'.";
    static final String AUTHOR_UNKNOWN = "There is no author with id '%s'.";
    static final String IMAGE_UNKNOWN = "There is no image with id '%s'.";
    static final String LANGUAGE_INVALID = "'%s' is not a language tag such as en, ar or pt-BR.";
    static final String SLUG_INVALID = "'%s' cannot be an address: use lower-case letters, digits and single hyphens.";
    static final String SLUG_TAKEN = "Another story already uses the address '%s'.";
    static final String TAG_INVALID = "The tag '%s' needs at least one letter or digit and at most 100 characters.";
    static final String RELATED_UNKNOWN = "There is no story with id '%s' to recommend.";
    static final String RELATED_SELF = "A story cannot recommend itself.";
    static final String BODY_TOO_LONG = "The body is over one million characters.";

    private final ArticleRepository articles;
    private final ArticleWrites rows;
    private final TaxonomyRepository taxonomy;
    private final ImageRepository images;

    ArticleDraftValidator(ArticleRepository articles, ArticleWrites rows, TaxonomyRepository taxonomy, ImageRepository images) {
        this.articles = articles;
        this.rows = rows;
        this.taxonomy = taxonomy;
        this.images = images;
    }

    /** Throws {@code ValidationFailed} with every problem, or returns when the draft is fine. */
    void validate(Handle h, ArticleDraft d, String articleId) {
        ValidationErrors errors = new ValidationErrors();
        if (d.headline() == null || d.headline().isBlank()) {
            errors.add("headline", HEADLINE_REQUIRED);
        } else if (d.headline().length() > 300) {
            errors.add("headline", HEADLINE_TOO_LONG);
        }
        if (d.sectionId() == null || d.sectionId().isBlank()) {
            errors.add("sectionId", SECTION_REQUIRED);
        } else if (taxonomy.section(h, d.sectionId()).isEmpty()) {
            errors.add("sectionId", SECTION_UNKNOWN.formatted(d.sectionId()));
        }
        var known = taxonomy.authors(h, d.authorIds()).stream().map(Author::id).toList();
        d.authorIds().stream().filter(id -> !known.contains(id)).forEach(id -> errors.add("authorIds", AUTHOR_UNKNOWN.formatted(id)));
        if (d.leadImageId() != null && !d.leadImageId().isBlank() && images.find(h, d.leadImageId()).isEmpty()) {
            errors.add("leadImageId", IMAGE_UNKNOWN.formatted(d.leadImageId()));
        }
        if (d.language() != null && !d.language().isBlank() && !d.language().strip().matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
            errors.add("language", LANGUAGE_INVALID.formatted(d.language()));
        }
        if (d.slug() != null && !d.slug().isBlank()) {
            if (!Slugs.isValid(d.slug())) {
                errors.add("slug", SLUG_INVALID.formatted(d.slug()));
            } else if (rows.slugOwner(h, d.slug()).filter(owner -> !owner.equals(articleId)).isPresent()) {
                errors.add("slug", SLUG_TAKEN.formatted(d.slug()));
            }
        }
        for (String tag : d.tagNames()) {
            if (tag == null || Slugs.slugify(tag).isEmpty() || tag.length() > 100) {
                errors.add("tagNames", TAG_INVALID.formatted(tag));
            }
        }
        for (String relatedId : d.relatedIds()) {
            if (relatedId.equals(articleId)) {
                errors.add("relatedIds", RELATED_SELF);
            } else if (articles.findById(h, relatedId).isEmpty()) {
                errors.add("relatedIds", RELATED_UNKNOWN.formatted(relatedId));
            }
        }
        if (d.bodyHtml() != null && d.bodyHtml().length() > 1_000_000) {
            errors.add("bodyHtml", BODY_TOO_LONG);
        }
        errors.throwIfAny();
    }
}
