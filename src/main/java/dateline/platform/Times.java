package dateline.platform;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the site writes times: machine-readable for {@code <time datetime>}, and for readers in the site's zone. */
public final class Times {
    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm z", Locale.ENGLISH);

    private Times() {}

    public static String iso(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).withNano(0));
    }

    public static String display(Instant instant, ZoneId zone) {
        return DISPLAY.format(instant.atZone(zone));
    }
}
