package dateline.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A made-up but realistic day of reading for the demo site, so Top Content, Most read and the desk's
 * view counts show real lists on the first start: each published story gets a popularity (a few
 * stories draw most readers), readers come more by day than by night, and a story is read most in
 * its first hours. The views are only planned here; the caller counts them through the site's own
 * counter, dated in the past.
 */
public final class DemoReaders {
    /** One reader's view of one story at a time, from an address of their own (no two views share one). */
    public record View(String articleId, Instant at, String address) {}

    private DemoReaders() {}

    /** About {@code total} views of these stories over the day before {@code now}, in time order; the same every time. */
    public static List<View> plan(List<DemoContent.Published> stories, Instant now, int total) {
        Random random = new Random(20261202L);
        double[] popularity = new double[stories.size()];
        for (int i = 0; i < popularity.length; i++) {
            popularity[i] = Math.pow(1 + random.nextInt(popularity.length), -1.1); // Zipf-like: a few stories lead
        }
        List<View> views = new ArrayList<>();
        int reader = 0;
        Instant start = now.minus(Duration.ofHours(24));
        double[][] weight = new double[24 * 12][stories.size()];
        double sum = 0;
        for (int slot = 0; slot < weight.length; slot++) {
            Instant at = start.plus(Duration.ofMinutes(5L * slot));
            int hour = at.atZone(ZoneOffset.UTC).getHour();
            double daytime = 0.25 + Math.max(0, Math.sin(Math.PI * (hour - 5) / 18.0)); // quiet at night, busiest mid-afternoon
            for (int s = 0; s < stories.size(); s++) {
                double age = Duration.between(stories.get(s).at(), at).toMinutes() / 60.0;
                if (age >= 0) {
                    weight[slot][s] = popularity[s] * daytime * Math.pow(0.5, age / 8.0); // halves every eight hours
                    sum += weight[slot][s];
                }
            }
        }
        for (int slot = 0; slot < weight.length; slot++) {
            Instant at = start.plus(Duration.ofMinutes(5L * slot));
            for (int s = 0; s < stories.size(); s++) {
                double expected = total * weight[slot][s] / sum;
                int n = (int) expected + (random.nextDouble() < expected - (int) expected ? 1 : 0);
                for (int k = 0; k < n; k++) {
                    reader++;
                    views.add(new View(stories.get(s).id(), at.plusSeconds(random.nextInt(300)), "198.18." + (reader >> 8 & 255) + "." + (reader & 255)));
                }
            }
        }
        return views;
    }
}
