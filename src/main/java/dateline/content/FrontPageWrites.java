package dateline.content;

import dateline.platform.Conflict;
import dateline.platform.ValidationErrors;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/** The front page's chosen stories and the breaking-news strip over every page. */
record FrontPageWrites(Writes writes, ArticleRepository articles, ArticleWrites rows, BreakingNews breaking) {
    static final String FRONT_PAGE_CHANGED = "Someone else changed the front page meanwhile. It is shown below as it is now; make your change again.";

    List<String> setFrontPage(List<String> basedOn, List<String> ids) {
        return writes.run(h -> {
            if (!rows.frontPageIds(h).equals(basedOn)) {
                throw new Conflict(FRONT_PAGE_CHANGED);
            }
            List<String> chosen = List.copyOf(new LinkedHashSet<>(ids));
            ValidationErrors errors = new ValidationErrors();
            if (chosen.size() > ContentService.FRONT_PAGE_CHOICES) {
                errors.add("stories", "The front page leads with at most " + ContentService.FRONT_PAGE_CHOICES + " chosen stories; remove one first.");
            }
            for (String id : chosen) {
                if (articles.findById(h, id).filter(Article::isPublished).isEmpty() && !basedOn.contains(id)) {
                    errors.add("stories", "'" + id + "' is not a published story.");
                }
            }
            errors.throwIfAny();
            rows.replaceFrontPage(h, chosen);
            writes.append(h, writes.now(), EventTypes.FRONT_UPDATED, null, List.of(SurrogateKeys.HOME));
            return chosen;
        });
    }

    void setBreaking(String text, String articleId) {
        ValidationErrors errors = new ValidationErrors();
        String line = text == null ? "" : text.strip();
        if (line.isEmpty()) {
            errors.add("breakingText", "Write the line readers see.");
        } else if (line.length() > ContentService.BREAKING_MAX) {
            errors.add("breakingText", "Keep the line to " + ContentService.BREAKING_MAX + " characters; this one has " + line.length() + ".");
        }
        if (articleId == null || articleId.isBlank()) {
            errors.add("breakingStory", "Choose the published story the strip links to.");
        }
        errors.throwIfAny();
        String storyId = articleId.strip();
        writes.run(h -> {
            if (articles.findById(h, storyId).filter(Article::isPublished).isEmpty()) {
                new ValidationErrors().add("breakingStory", "'" + storyId + "' is not a published story.").throwIfAny();
            }
            Instant at = writes.now();
            BreakingNews.set(h, line, storyId, at);
            writes.append(h, at, EventTypes.BREAKING_SET, storyId, List.of(SurrogateKeys.NAV, SurrogateKeys.BREAKING));
            return null;
        }, breaking::forget);
    }

    void clearBreaking() {
        writes.run(h -> {
            BreakingNews.clear(h);
            writes.append(h, writes.now(), EventTypes.BREAKING_CLEARED, null, List.of(SurrogateKeys.NAV, SurrogateKeys.BREAKING));
            return null;
        }, breaking::forget);
    }
}
