package dateline.desk;

import dateline.platform.ValidationErrors;
import dateline.content.SiteSettings;
import java.util.List;
import java.util.Map;

/** The admin's site settings form, with what was typed and any problems with it. */
public record SettingsPage(DeskChrome chrome, SiteSettings settings, Map<String, List<String>> errors, boolean saved) {

    public String error(String field) {
        return ValidationErrors.messagesFor(errors, field);
    }
}
