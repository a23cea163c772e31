package io.lacak.core.journal;

import io.lacak.core.lifecycle.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The answer to a report: its journal sequence (0 when nothing was accepted), whether it came
 * more than 24 hours after the activity (Pasal 12(5), 13(3)), the outcome, and whether it repeats
 * an earlier report with the same idempotency key (then the first answer is returned).
 */
public record Receipt(long sequence, boolean late, Outcome outcome, boolean repeated) {

    /**
     * This receipt of a part of a report, each refusal's {@code index} (a position in the part)
     * made the position in the whole report: {@code indices[index]}.
     */
    public Receipt inReport(int[] indices) {
        List<Outcome.Refused> refused = new ArrayList<>(outcome.refused().size());
        for (Outcome.Refused r : outcome.refused()) {
            refused.add(new Outcome.Refused(
                    r.index() < indices.length ? indices[r.index()] : r.index(), r.serial(), r.reason()));
        }
        return new Receipt(
                sequence,
                late,
                new Outcome(outcome.applied(), outcome.accepted(), refused, outcome.alerts()),
                repeated);
    }

    /**
     * The answer to a report split across shards (issue 21) from its parts' ({@link #inReport}):
     * applied when any part was, every part's accepted codes, refusals (in report order) and
     * alerts; late when any part was; repeated when every part was; the sequence of the first part
     * that has one. Each part is atomic in its own shard, not the report across them.
     */
    public static Receipt ofParts(List<Receipt> parts) {
        boolean applied = false;
        boolean late = false;
        boolean repeated = !parts.isEmpty();
        int accepted = 0;
        long sequence = 0;
        List<Outcome.Refused> refused = new ArrayList<>();
        List<Outcome.Alert> alerts = new ArrayList<>();
        for (Receipt p : parts) {
            applied |= p.outcome.applied();
            late |= p.late;
            repeated &= p.repeated;
            accepted += p.outcome.accepted();
            refused.addAll(p.outcome.refused());
            alerts.addAll(p.outcome.alerts());
            if (sequence == 0) {
                sequence = p.sequence;
            }
        }
        refused.sort(Comparator.comparingInt(Outcome.Refused::index));
        return new Receipt(sequence, late, new Outcome(applied, accepted, refused, alerts), repeated);
    }
}
