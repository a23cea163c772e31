package io.lacak.core.journal;

import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Ledger;
import java.time.Instant;
import java.util.function.Function;

/**
 * One report as every way in (JSON, CSV, CLI) hands it to the sequencer: its kind, the reporting
 * facility, when the activity happened (read by {@link OccurredAt}), the client's idempotency key, and the rule that decides it;
 * {@code details} (JSON, or null) is what the report says beyond its codes, journaled with it (a
 * recall's reason and letter). {@code receivedAt} is when the report reached Lacak (the request's
 * or the upload's arrival), from which the 24-hour window of Pasal 12(5) and 13(3) is judged;
 * {@code null} means "now": the sequencer stamps it when the report is submitted, never when the
 * writer gets to it.
 *
 * <p>{@code new Report(ReportKind.SHIPMENT, pbf, occurredAt, "ship-42", ledger -> ledger.ship(pbf, apotek, codes, Mode.ATOMIC))}
 */
public record Report(
        ReportKind kind,
        int facility,
        Instant occurredAt,
        String idempotencyKey,
        Function<Ledger, Decision> decide,
        String details,
        Instant receivedAt) {

    /** Longest idempotency key the journal keeps. */
    public static final int MAX_KEY = 128;

    /** A report the journal cannot hold; the field it names is the client's to fix. */
    public static class Invalid extends IllegalArgumentException {
        private final String field;

        public Invalid(String field, String message) {
            super(message, null);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Everything that reaches the journal is checked here, so that one client's report can never
     * fail the transaction it shares with others' (group commit).
     */
    public Report {
        String problem = keyProblem(idempotencyKey);
        if (problem != null) {
            throw new Invalid("idempotencyKey", problem);
        }
        if (details != null && hasNul(details)) {
            throw new Invalid("details", "teks memuat karakter NUL / the text holds a NUL character");
        }
    }

    /** Why {@code key} cannot be an idempotency key (1-128 characters, none a control character), or null. */
    public static String keyProblem(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_KEY) {
            return "idempotencyKey: 1 sampai " + MAX_KEY + " karakter / 1 to " + MAX_KEY + " characters, not "
                    + key.length();
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                return "idempotencyKey memuat karakter kontrol / holds a control character (U+"
                        + String.format("%04X", (int) c) + ") at " + i;
            }
        }
        return null;
    }

    /** Whether text holds U+0000, which no Postgres text column can store (also as JSON's escape). */
    public static boolean hasNul(String text) {
        return text.indexOf('\0') >= 0 || text.contains("\\u0000");
    }

    public Report(
            ReportKind kind,
            int facility,
            Instant occurredAt,
            String idempotencyKey,
            Function<Ledger, Decision> decide,
            String details) {
        this(kind, facility, occurredAt, idempotencyKey, decide, details, null);
    }

    public Report(
            ReportKind kind,
            int facility,
            Instant occurredAt,
            String idempotencyKey,
            Function<Ledger, Decision> decide) {
        this(kind, facility, occurredAt, idempotencyKey, decide, null, null);
    }

    /** This report as having reached Lacak at {@code receivedAt} (an upload's arrival, not its job's run). */
    public Report receivedAt(Instant receivedAt) {
        return new Report(kind, facility, occurredAt, idempotencyKey, decide, details, receivedAt);
    }
}
