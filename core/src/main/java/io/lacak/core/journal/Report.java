package io.lacak.core.journal;

import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Ledger;
import java.time.Instant;
import java.util.function.Function;

/**
 * One report as every way in (JSON, CSV, CLI) hands it to the sequencer: its kind, the reporting
 * facility, when the activity happened, the client's idempotency key, and the rule that decides it;
 * {@code details} (JSON, or null) is what the report says beyond its codes, journaled with it (a
 * recall's reason and letter).
 *
 * <p>{@code new Report("SHIPMENT", pbf, occurredAt, "ship-42", ledger -> ledger.ship(pbf, apotek, codes, Mode.ATOMIC))}
 */
public record Report(String kind, int facility, Instant occurredAt, String idempotencyKey,
                     Function<Ledger, Decision> decide, String details) {

  public Report(String kind, int facility, Instant occurredAt, String idempotencyKey, Function<Ledger, Decision> decide) {
    this(kind, facility, occurredAt, idempotencyKey, decide, null);
  }
}
