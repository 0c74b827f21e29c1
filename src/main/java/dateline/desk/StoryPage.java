package dateline.desk;

import dateline.platform.ValidationErrors;
import dateline.platform.Times;
import dateline.content.RevisionRepository;
import dateline.content.Image;
import dateline.content.Article;
import dateline.content.Author;
import dateline.content.Section;
import dateline.content.Status;
import dateline.ingest.WireStories;
import dateline.trending.Readership;
import java.util.List;
import java.util.Map;

/**
 * The story editor: the form (as stored, or as typed when a save was refused), the problems found,
 * and after a conflict, which fields someone else changed meanwhile.
 *
 * @param stored the story as it is now, or null for a new one
 * @param picks the published stories among the form's Read-more picks, in the form's order
 * @param imageChoices the lead images offered: the form's own first, then the most recent uploads
 * @param sentBack the step that returned this draft to its writer, if that was its last step; else null
 * @param views how the story was read (null when it was never published)
 * @param publicUrl where the story is read, or would be if published now: for the search-result and social-card previews
 * @param done what the last step did ("Saved."), when the page follows one; else null
 */
public record StoryPage(DeskChrome chrome, Article stored, StoryForm form, List<Section> sections, List<Author> authors,
                        Map<String, List<String>> errors, String message, List<String> changedByOthers, boolean canPublish,
                        List<String> openBy, List<Article> picks, List<Image> imageChoices, String imageQuery,
                        RevisionRepository.RevisionEntry sentBack, java.time.ZoneId zone, Names names,
                        List<String> frontPage, WireStories.Flag wire, Readership.Counts views, String publicUrl, String done) {

    public String display(java.time.Instant at) {
        return Times.display(at, zone);
    }

    public String iso(java.time.Instant at) {
        return Times.iso(at, zone);
    }

    public String error(String field) {
        return ValidationErrors.messagesFor(errors, field);
    }

    /** Unpublished stories save themselves as the writer types; a published one only when they press Save. */
    public boolean autosave() {
        return stored != null && !stored.isPublished();
    }

    public String previewAction() {
        return stored == null ? "/desk/stories/preview" : "/desk/stories/" + stored.id() + "/preview";
    }

    /** The lead image chosen in the form, when it is one of those offered. */
    public Image chosenImage() {
        return imageChoices.stream().filter(i -> i.id().equals(form.leadImageId().strip())).findFirst().orElse(null);
    }

    /** The workflow button that moves this story on for this person: what the side panel shows first and the phone bar keeps. */
    public String primaryAction() {
        if (stored == null) {
            return "save";
        }
        if (stored.isPublished()) {
            return "save";
        }
        if (canPublish) {
            return "publish";
        }
        return stored.status() == Status.DRAFT ? "submit" : "save";
    }

    public String action() {
        return stored == null ? "/desk/stories" : "/desk/stories/" + stored.id();
    }
}
