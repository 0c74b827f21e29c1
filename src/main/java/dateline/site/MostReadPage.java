package dateline.site;

import dateline.trending.TrendingList;
import java.util.List;

/** The Most read page: the stories with the most views over one period, with tabs for the others. */
public record MostReadPage(Chrome chrome, TrendingList.Period period, List<TrendingList.Ranked> ranked) {

    public List<TrendingList.Period> periods() {
        return List.of(TrendingList.Period.values());
    }

    public String href(TrendingList.Period p) {
        return p == TrendingList.Period.DAY ? "/most-read" : "/most-read/" + p.slug;
    }
}
