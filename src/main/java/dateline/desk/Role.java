package dateline.desk;

import java.util.Locale;

/**
 * What a newsroom account may do. Each role includes the ones before it: a contributor writes and
 * submits own drafts; an editor edits, publishes, schedules, corrects and unpublishes any story; an
 * admin also manages accounts and site settings.
 */
public enum Role {
    CONTRIBUTOR, EDITOR, ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        for (Role role : values()) {
            if (role.dbValue().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return role;
            }
        }
        return null;
    }
}
