package io.lacak.core.lifecycle;

import java.util.List;

/**
 * What became of a report: how many codes were accepted, each refused code with its reason, any
 * alerts for the regulator, and whether anything was applied at all.
 */
public record Outcome(boolean applied, int accepted, List<Refused> refused, List<Alert> alerts) {

    /** One refused code: its position in the report, its serial, and why. */
    public record Refused(int index, String serial, Refusal reason) {}

    /**
     * Something the regulator should look at, e.g. a second sale of one code (possible clone), of the
     * code {@code productId}/{@code serial}. {@code disclosed}: whether the reporter may be shown it
     * too; an alert on a code the reporter has no part in goes to the regulator only, or it would tell
     * the reporter what the refusal ({@link Refusal#NOT_HELD}) keeps from it.
     */
    public record Alert(AlertKind kind, int productId, String serial, String message, boolean disclosed) {}

    /** What an alert warns the regulator of. */
    public enum AlertKind {
        /** DESIGN.md "Lifecycle": a code sold twice, or a sold code verified by many clients. */
        POSSIBLE_CLONE
    }

    public boolean fullyAccepted() {
        return applied && refused.isEmpty();
    }
}
