package io.lacak.core.journal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * When a reported activity happened, as every way in (JSON reports, CSV uploads) reads it: absent
 * means now; otherwise an ISO 8601 date-time with an offset, not in the future. The 24-hour window
 * of Pasal 12(5) and 13(3) is counted from it, so a date in the future would hide a late report.
 *
 * <p>{@code Instant at = OccurredAt.parse(body.getString("occurredAt"), clock);}
 */
public final class OccurredAt {

    /** How far ahead of the server's clock a client's may run before an activity counts as in the future. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Why a text cannot be when an activity happened. */
    public enum Reason {
        /** Not an ISO 8601 date-time with offset. */
        BAD_DATE_TIME,
        /** Later than now plus {@link #CLOCK_SKEW}. */
        IN_THE_FUTURE
    }

    /** The refusal of one {@code occurredAt}; {@link #reason()} is the problem code clients see. */
    public static final class Refused extends Report.Invalid {
        private final Reason reason;

        Refused(Reason reason, String message) {
            super("occurredAt", message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    private OccurredAt() {}

    /** {@code text} as an instant, {@code clock}'s now when it is null; throws {@link Refused}. */
    public static Instant parse(String text, Clock clock) {
        Instant now = clock.instant();
        if (text == null) {
            return now;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refused(
                    Reason.BAD_DATE_TIME,
                    "occurredAt must be an ISO 8601 date-time with offset, e.g. 2026-11-22T08:00:00+07:00");
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Refused(Reason.IN_THE_FUTURE, "occurredAt " + at + " ada di masa depan / is in the future");
        }
        return at;
    }
}
