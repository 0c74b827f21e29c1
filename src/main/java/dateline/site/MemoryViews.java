package dateline.site;

import dateline.content.BreakingNews;
import dateline.content.EventTypes;
import dateline.content.StaticPages;
import dateline.content.SettingsRepository;
import dateline.content.SurrogateKeys;
import dateline.content.TaxonomyRepository;
import dateline.platform.DerivedView;
import dateline.platform.Event;
import dateline.search.RelatedStories;
import java.util.List;
import java.util.function.Consumer;

/**
 * What this node keeps in memory to render pages (the navigation, settings and breaking strip, Read
 * more lists, the read store and the page cache), as one follower of the event log: it forgets each
 * part a batch of events changed, in an order that never lets a page be rendered from old parts
 * after the cache dropped it. Rebuilding it empties the caches.
 */
public record MemoryViews(TaxonomyRepository taxonomy, StaticPages staticPages, SettingsRepository settings, BreakingNews breaking, RelatedStories related,
                          ReadStore reads, PageCache pages) implements Consumer<List<Event>>, DerivedView {
    @Override
    public void accept(List<Event> batch) {
        boolean all = SurrogateKeys.touched(batch, SurrogateKeys.ALL);
        if (all || SurrogateKeys.touched(batch, SurrogateKeys.NAV)) {
            taxonomy.forgetSections(); // first: pages rendered after the eviction must see the new navigation
            staticPages.forget();      // and the new footer
        }
        if (all || SurrogateKeys.touched(batch, SurrogateKeys.SETTINGS)) {
            settings.forget();
        }
        if (all || SurrogateKeys.touched(batch, SurrogateKeys.BREAKING) || EventTypes.anyStory(batch)) {
            breaking.forget(); // its story may have been unpublished or renamed
        }
        related.evict(batch);
        reads.evict(batch);
        pages.evict(batch);
    }

    @Override
    public String name() {
        return "page cache and read store";
    }

    @Override
    public void rebuild() {
        reads.clear();
        staticPages.forget();
        pages.clear();
    }
}
