package dateline.desk;

/** What every desk page's frame shows: the publication, the stylesheet, who is signed in (null on the sign-in page). */
public record DeskChrome(String siteName, String cssPath, User user, String csrf) {}
