package dateline.desk;

/** A newsroom account as the desk sees it (never its password hash). */
public record User(String id, String email, String name, Role role) {}
