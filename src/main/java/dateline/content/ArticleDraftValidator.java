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
    static final int MAX_TAGS = 30;
    static final int MAX_RELATED = 12;
    static final int MAX_AUTHORS = 12;
    static final int MAX_BODY = 1_000_000;
    static final String TOO_MANY = "At most %d %s; this story has %d.";
    static final String TOO_LONG = "Keep the %s under %d characters.";

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

    /**
     * The limits that cost nothing to check: list sizes and text lengths. Checked before any transaction
     * is opened and before the body is sanitized, so an oversized form never holds the database's
     * writers or the sanitizer; throws {@code ValidationFailed} naming each limit passed.
     */
    static void checkLimits(ArticleDraft d) {
        ValidationErrors errors = new ValidationErrors();
        if (d.tagNames().size() > MAX_TAGS) {
            errors.add("tagNames", TOO_MANY.formatted(MAX_TAGS, "tags", d.tagNames().size()));
        }
        if (d.relatedIds().size() > MAX_RELATED) {
            errors.add("relatedIds", TOO_MANY.formatted(MAX_RELATED, "Read-more picks", d.relatedIds().size()));
        }
        if (d.authorIds().size() > MAX_AUTHORS) {
            errors.add("authorIds", TOO_MANY.formatted(MAX_AUTHORS, "authors", d.authorIds().size()));
        }
        if (d.bodyHtml() != null && d.bodyHtml().length() > MAX_BODY) {
            errors.add("bodyHtml", BODY_TOO_LONG);
        }
        limit(errors, "headline", "headline", d.headline(), 300);
        limit(errors, "standfirst", "standfirst", d.standfirst(), 2000);
        limit(errors, "datelinePlace", "dateline place", d.datelinePlace(), 200);
        limit(errors, "slug", "address", d.slug(), 200);
        limit(errors, "source", "source", d.source(), 200);
        limit(errors, "language", "language tag", d.language(), 35);
        errors.throwIfAny();
    }

    private static void limit(ValidationErrors errors, String field, String name, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(field, field.equals("headline") ? HEADLINE_TOO_LONG : TOO_LONG.formatted(name, max));
        }
    }

    /**
     * What one transaction already found to exist (sections, authors, images): a batch of imported
     * stories that all name the same few is checked against the database once for each.
     */
    static final class Found {
        private final java.util.Set<String> sections = new java.util.HashSet<>();
        private final java.util.Set<String> authors = new java.util.HashSet<>();
        private final java.util.Set<String> images = new java.util.HashSet<>();
    }

    /** Throws {@code ValidationFailed} with every problem, or returns when the draft is fine. */
    void validate(Handle h, ArticleDraft d, String articleId) {
        validate(h, d, articleId, new Found());
    }

    /** The same, remembering in {@code found} what exists, for the rest of the caller's transaction. */
    void validate(Handle h, ArticleDraft d, String articleId, Found found) {
        checkLimits(d);
        ValidationErrors errors = new ValidationErrors();
        if (d.headline() == null || d.headline().isBlank()) {
            errors.add("headline", HEADLINE_REQUIRED);
        }
        if (d.sectionId() == null || d.sectionId().isBlank()) {
            errors.add("sectionId", SECTION_REQUIRED);
        } else if (!found.sections.contains(d.sectionId())) {
            if (taxonomy.section(h, d.sectionId()).isEmpty()) {
                errors.add("sectionId", SECTION_UNKNOWN.formatted(d.sectionId()));
            } else {
                found.sections.add(d.sectionId());
            }
        }
        var unsure = d.authorIds().stream().filter(id -> !found.authors.contains(id)).toList();
        taxonomy.authors(h, unsure).forEach(a -> found.authors.add(a.id()));
        unsure.stream().filter(id -> !found.authors.contains(id)).forEach(id -> errors.add("authorIds", AUTHOR_UNKNOWN.formatted(id)));
        if (d.leadImageId() != null && !d.leadImageId().isBlank() && !found.images.contains(d.leadImageId())) {
            if (images.find(h, d.leadImageId()).isEmpty()) {
                errors.add("leadImageId", IMAGE_UNKNOWN.formatted(d.leadImageId()));
            } else {
                found.images.add(d.leadImageId());
            }
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
        errors.throwIfAny();
    }
}
