package dateline.site;

/** Where a list page is among its pages; {@code basePath} is the first page's address. */
public record Pagination(int page, int totalPages, String basePath) {
    public static final int PAGE_SIZE = 20;

    public static Pagination of(int page, int totalItems, String basePath) {
        return new Pagination(page, Math.max(1, (totalItems + PAGE_SIZE - 1) / PAGE_SIZE), basePath);
    }

    public int offset() {
        return (page - 1) * PAGE_SIZE;
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages;
    }

    public String previousHref() {
        return page == 2 ? basePath : basePath + "?page=" + (page - 1);
    }

    public String nextHref() {
        return basePath + "?page=" + (page + 1);
    }
}
