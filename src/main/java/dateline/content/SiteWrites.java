package dateline.content;

import dateline.platform.Conflict;
import dateline.platform.ValidationErrors;
import java.util.List;

/** Changes to the site as a whole: its settings, and loading a whole-site archive. */
record SiteWrites(Writes writes, SettingsRepository settings, TaxonomyRepository taxonomy) {
    SiteSettings saveSettings(SiteSettings values) {
        return writes.run(h -> {
            ValidationErrors errors = new ValidationErrors();
            if (!values.googleNewsUrl().isEmpty() && !values.googleNewsUrl().matches("https://\\S+")) {
                errors.add("googleNewsUrl", "Give the full https:// address of the Google News page.");
            }
            if (!values.appUrl().isEmpty() && !values.appUrl().matches("https://\\S+")) {
                errors.add("appUrl", "Give the full https:// address where readers get the app.");
            }
            if (!values.iconImageId().isEmpty() && !h.createQuery("SELECT COUNT(*) FROM images WHERE id = :id")
                    .bind("id", values.iconImageId()).mapTo(Integer.class).one().equals(1)) {
                errors.add("iconImageId", "There is no image with id '" + values.iconImageId() + "' in the library.");
            }
            errors.throwIfAny();
            SettingsRepository.save(h, values);
            writes.append(h, writes.now(), EventTypes.SETTINGS_UPDATED, null, List.of(SurrogateKeys.NAV, SurrogateKeys.SETTINGS));
            return values;
        }, settings::forget);
    }

    void importSite(SiteArchive archive) {
        writes.run(h -> {
            int existing = h.createQuery("SELECT (SELECT COUNT(*) FROM articles) + (SELECT COUNT(*) FROM sections) + (SELECT COUNT(*) FROM authors)")
                    .mapTo(Integer.class).one();
            if (existing > 0) {
                throw new Conflict("The database already holds content: import only into an empty site.");
            }
            archive.insertInto(h);
            writes.append(h, writes.now(), EventTypes.SITE_IMPORTED, null, List.of(SurrogateKeys.ALL));
            return null;
        }, () -> {
            taxonomy.forgetSections();
            settings.forget();
        });
    }
}
