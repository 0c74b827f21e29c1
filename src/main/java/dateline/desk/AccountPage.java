package dateline.desk;

import dateline.platform.ValidationErrors;
import java.util.List;
import java.util.Map;

/** A person's own account: who they are, and the form to change their password. */
public record AccountPage(DeskChrome chrome, String message, Map<String, List<String>> errors) {
    public String error(String field) {
        return ValidationErrors.messagesFor(errors, field);
    }
}
