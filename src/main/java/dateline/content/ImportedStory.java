package dateline.content;

import java.time.Instant;
import java.util.List;

/**
 * A story as another system held it, to be brought into Dateline with its state and times.
 *
 * @param origin its identity there (for WordPress, the site address and the post id): importing the
 *     same origin again updates the story instead of making another
 * @param slug the address it had, kept when it is a valid slug no other story uses
 * @param oldPaths the old site's addresses of it ({@code /?p=12}, {@code /2011/01/18/hello/}), which
 *     answer 301 to the story's address
 * @param contentHash what tells an unchanged export from a changed one
 */
public record ImportedStory(String origin, ArticleDraft draft, String slug, Status status, Instant createdAt, Instant modifiedAt,
                            Instant publishedAt, Instant scheduledAt, List<String> oldPaths, String contentHash) {
    /** What importing one story did. */
    public enum Outcome { IMPORTED, UPDATED, UNCHANGED, CONFLICT, FAILED }

    /** What importing one story did: its story's id, or for {@code FAILED} the reason (nothing of it was stored). */
    public record Result(Outcome outcome, String articleId, String reason) {
        public Result(Outcome outcome, String articleId) {
            this(outcome, articleId, null);
        }

        static Result failed(String reason) {
            return new Result(Outcome.FAILED, null, reason);
        }
    }

    public ImportedStory {
        oldPaths = oldPaths == null ? List.of() : List.copyOf(oldPaths);
    }
}
