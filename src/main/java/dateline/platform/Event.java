package dateline.platform;

import java.time.Instant;
import java.util.Set;

/**
 * One entry of the content event log.
 *
 * @param keys the surrogate keys of everything the change touched ("article:ID", "section:ID",
 *             "home", "nav" …): derived views evict or recompute what carries one of them
 */
public record Event(long id, Instant at, String type, String subjectId, Set<String> keys) {}
