package dateline.content;

import java.time.Instant;

/** A public note the desk attached to a story to say what was wrong and was put right. */
public record Correction(String id, String note, Instant createdAt) {}
