package io.lacak.core.journal;

import java.time.Instant;

/**
 * One step in a code's chain of custody: the journal event, what kind of report it was, who
 * reported it and when the activity happened, whether it was reported late, and the code's state
 * after it. {@code inherited} marks events of a container the code was packed in.
 */
public record CustodyEvent(
        long sequence,
        String kind,
        String reportedBy,
        Instant occurredAt,
        boolean late,
        String status,
        String holder,
        String counterparty,
        boolean inherited) {}
