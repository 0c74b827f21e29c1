package dateline.desk;

import dateline.platform.Times;
import dateline.content.Article;
import dateline.content.RevisionRepository.RevisionEntry;
import java.time.ZoneId;
import java.util.List;

/** A story's revisions, and the difference between two of them. */
public record RevisionsPage(DeskChrome chrome, ZoneId zone, Names names, Article article, List<RevisionEntry> revisions, int from, int to,
                            List<RevisionDiff.FieldDiff> diff) {

    /**
     * One row of the list: a revision, or a run of consecutive autosaves by one person shown as one row
     * (the newest of the run; {@code oldest} is the run's first version). Every version can still be
     * compared by number.
     */
    public record Row(RevisionEntry newest, int oldest, int count) {
        public String what() {
            if (count > 1) {
                return "autosave ×" + count + " (versions " + oldest + "–" + newest.version() + ")";
            }
            return describe(newest.action(), newest.note());
        }
    }

    public List<Row> rows() {
        List<Row> rows = new java.util.ArrayList<>();
        for (RevisionEntry r : revisions) { // newest first
            Row last = rows.isEmpty() ? null : rows.getLast();
            if (last != null && r.action().equals("autosave") && last.newest().action().equals("autosave")
                    && last.newest().actor().equals(r.actor()) && last.oldest() == r.version() + 1) {
                rows.set(rows.size() - 1, new Row(last.newest(), r.version(), last.count() + 1));
            } else {
                rows.add(new Row(r, r.version(), 1));
            }
        }
        return rows;
    }

    public String display(java.time.Instant instant) {
        return Times.display(instant, zone);
    }

    /** A revision's action as the desk says it, with its note if it has one (the revisions list and the audit log). */
    static String describe(String action, String note) {
        String said = switch (action) {
            case "return" -> "sent back to draft";
            case "withdraw" -> "withdrawn from review";
            default -> action;
        };
        return note.isBlank() ? said : said + ": “" + note + "”";
    }
}
