package dateline.content;

import dateline.platform.Database;
import dateline.platform.Remembered;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * SQL for site settings, kept in memory after the first read; forgotten by the write path when it
 * saves them and by whoever follows the event log on a settings event.
 */
public final class SettingsRepository {
    private final Remembered<SiteSettings> cached;

    public SettingsRepository(Database db) {
        this.cached = new Remembered<>(() -> {
            Map<String, String> values = new HashMap<>();
            db.jdbi().useHandle(h -> h.createQuery("SELECT name, value FROM site_settings")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> values.put(e.getKey(), e.getValue())));
            return SiteSettings.of(values);
        });
    }

    public SiteSettings settings() {
        return cached.get();
    }

    public void forget() {
        cached.forget();
    }

    static void save(Handle h, SiteSettings settings) {
        h.createUpdate("DELETE FROM site_settings").execute();
        settings.asMap().forEach((name, value) -> h.createUpdate("INSERT INTO site_settings (name, value) VALUES (:n, :v)")
                .bind("n", name).bind("v", value).execute());
    }
}
