package dateline.desk;

/** What every desk page's frame shows: the publication, its assets, who is signed in (null on the sign-in page). */
public record DeskChrome(String siteName, DeskAssets assets, User user, String csrf) {
    /** The frame for a signed-in person's page. */
    static DeskChrome of(String siteName, DeskAssets assets, Sessions.Session session) {
        return new DeskChrome(siteName, assets, session.user(), session.csrfToken());
    }

    public String cssPath() {
        return assets.cssPath();
    }
}
