package io.lacak.core.store;

/**
 * Where a reported code stands (DESIGN.md "Lifecycle"). A code issued but never reported is not in
 * the store at all; recall is a batch-level flag and expiry a date, both applied on reading.
 */
public enum CodeStatus {
    /** Lampiran G: reported active by the NIE holder, at the manufacturer. */
    ACTIVE,
    /** Lampiran G: reported rejected at production; never enters circulation. */
    REJECTED,
    /** Lampiran G: kept as a retained sample; never enters circulation. */
    RETAINED_SAMPLE,
    /** Lampiran H: shipped by the holder, not yet received by the addressee. */
    IN_TRANSIT,
    /** Lampiran I: received and held by a facility. */
    HELD,
    /** Lampiran K: returned to a supplier that has not yet approved or rejected the return. */
    RETURN_PENDING,
    /** Lampiran J: sold or dispensed by a pharmacy; the end of a primary code. */
    SOLD,
    /** Lampiran L.b: shipped back under a recall, not yet received. */
    RECALL_IN_TRANSIT,
    /** Lampiran L.b: received back under a recall. */
    RECALL_RECEIVED;

    private static final CodeStatus[] VALUES = values();

    static CodeStatus of(int ordinal) {
        return VALUES[ordinal];
    }
}
