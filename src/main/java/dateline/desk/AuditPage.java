package dateline.desk;

import dateline.platform.Times;
import dateline.content.RevisionRepository.AuditEntry;
import java.time.ZoneId;
import java.util.List;

/** The audit log: who published, unpublished, scheduled or corrected which story, and who changed which account, and when. */
public record AuditPage(DeskChrome chrome, ZoneId zone, Names names, List<AuditEntry> entries, List<Accounts.Change> accountChanges) {

    public String display(java.time.Instant instant) {
        return Times.display(instant, zone);
    }

    /** What happened, as the revisions list says it too. */
    public String what(AuditEntry entry) {
        return RevisionsPage.describe(entry.action(), entry.note());
    }

    public String iso(java.time.Instant instant) {
        return Times.iso(instant, zone);
    }
}
