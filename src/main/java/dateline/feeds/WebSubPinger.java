package dateline.feeds;

import dateline.content.SurrogateKeys;
import dateline.content.Section;
import dateline.content.TaxonomyRepository;
import dateline.content.Urls;
import dateline.platform.Event;
import dateline.platform.Notifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pings the configured WebSub hub when published stories change, naming the feeds that changed
 * (the site's and their sections'), so subscribers fetch them at once instead of polling.
 */
public final class WebSubPinger {
    private static final List<String> FILES = List.of("feed.xml", "atom.xml", "feed.json");

    private final Notifier notifier;
    private final String hubUrl;
    private final String siteUrl;
    private final TaxonomyRepository taxonomy;

    public WebSubPinger(Notifier notifier, String hubUrl, String siteUrl, TaxonomyRepository taxonomy) {
        this.notifier = notifier;
        this.hubUrl = hubUrl;
        this.siteUrl = siteUrl;
        this.taxonomy = taxonomy;
    }

    public void ping(List<Event> events) {
        if (hubUrl.isEmpty()) {
            return;
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (Event event : events) {
            if (event.keys().contains(SurrogateKeys.HOME)) { // a change readers see: the story is or was public
                scopes.add("");
                for (Section section : taxonomy.sections()) {
                    if (event.keys().contains(SurrogateKeys.section(section.id()))) {
                        scopes.add(Urls.section(section));
                    }
                }
            }
        }
        for (String scope : scopes) {
            for (String file : FILES) {
                String body = "hub.mode=publish&hub.url=" + URLEncoder.encode(siteUrl + scope + "/" + file, StandardCharsets.UTF_8);
                notifier.post("websub ping", hubUrl, Map.of("Content-Type", "application/x-www-form-urlencoded"), body);
            }
        }
    }
}
