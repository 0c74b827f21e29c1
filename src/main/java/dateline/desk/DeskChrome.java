package dateline.desk;

/** What every desk page's frame shows: the publication, its assets, who is signed in (null on the sign-in page). */
public record DeskChrome(String siteName, DeskAssets assets, User user, String csrf) {
    public String cssPath() {
        return assets.cssPath();
    }
}
