package io.lacak.core.journal;

import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Ledger;
import java.time.Instant;
import java.util.function.Function;

/**
 * One report as every way in (JSON, CSV, CLI) hands it to the sequencer: its kind, the reporting
 * facility, when the activity happened, the client's idempotency key, and the rule that decides it.
 *
 * <p>{@code new Report("SHIPMENT", pbf, occurredAt, "ship-42", ledger -> ledger.ship(pbf, apotek, codes, Mode.ATOMIC))}
 */
public record Report(String kind, int facility, Instant occurredAt, String idempotencyKey,
                     Function<Ledger, Decision> decide) {
}
