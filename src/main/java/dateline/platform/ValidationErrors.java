package dateline.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every problem found in one input, as field name → messages, in the order they were found. */
public final class ValidationErrors {
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public ValidationErrors add(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(errors);
    }

    /** Throws {@link ValidationFailed} carrying these errors, if there are any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationFailed(this);
        }
    }

    /** A field's messages as one sentence for a form, or null when the field has none. */
    public static String messagesFor(Map<String, List<String>> errors, String field) {
        List<String> messages = errors.get(field);
        return messages == null ? null : String.join(" ", messages);
    }

    /** Every message, in order, as one sentence. */
    public static String allMessages(Map<String, List<String>> errors) {
        return String.join(" ", errors.values().stream().flatMap(List::stream).toList());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        errors.forEach((field, messages) -> messages.forEach(m -> sb.append(sb.isEmpty() ? "" : "; ").append(field).append(": ").append(m)));
        return sb.toString();
    }
}
