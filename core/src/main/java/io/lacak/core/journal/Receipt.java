package io.lacak.core.journal;

import io.lacak.core.lifecycle.Outcome;

/**
 * The answer to a report: its journal sequence (0 when nothing was accepted), whether it came
 * more than 24 hours after the activity (Pasal 12(5), 13(3)), the outcome, and whether it repeats
 * an earlier report with the same idempotency key (then the first answer is returned).
 */
public record Receipt(long sequence, boolean late, Outcome outcome, boolean repeated) {}
