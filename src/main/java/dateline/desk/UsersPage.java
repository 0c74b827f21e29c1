package dateline.desk;

import java.util.List;

/** The admin's list of newsroom accounts. */
public record UsersPage(DeskChrome chrome, List<User> users) {}
