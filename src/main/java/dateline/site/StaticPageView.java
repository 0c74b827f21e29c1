package dateline.site;

import dateline.content.StaticPage;

/** A static page (About, Contact, Privacy …) as the site shows it. */
public record StaticPageView(Chrome chrome, StaticPage page) {
}
