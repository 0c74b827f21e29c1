package dateline.content;

import java.time.Instant;

/** A page beside the news (About, Contact, Privacy …), at {@code /{slug}}; listed in the footer when published. */
public record StaticPage(String id, String slug, String title, String bodyHtml, boolean published, int position, Instant createdAt,
                         Instant updatedAt) {
    public String path() {
        return Urls.section(slug);
    }
}
