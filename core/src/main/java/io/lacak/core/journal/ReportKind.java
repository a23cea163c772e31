package io.lacak.core.journal;

/** What a report says happened (Lampiran G-L); its name is what the journal's {@code kind} column holds. */
public enum ReportKind {
    /** Lampiran G: codes used (active, rejected, retained sample) with their packing. */
    USAGE,
    /** Lampiran H: shipped to an addressee. */
    SHIPMENT,
    /** Lampiran I: received by the addressee. */
    RECEIPT,
    /** Lampiran J: sold to a patient or consumer. */
    SALE,
    /** Lampiran K: returned to the facility they came from. */
    RETURN,
    /** Lampiran K.9: the addressee approves the return. */
    RETURN_APPROVED,
    /** Lampiran K.9b: the addressee rejects the return. */
    RETURN_REJECTED,
    /** Lampiran L.a: the NIE holder recalls a batch. */
    RECALL_NOTICE,
    /** Lampiran L.b: recalled codes shipped back. */
    RECALL_SHIPMENT,
    /** Lampiran L.b.9: the recall shipment received. */
    RECALL_RECEIPT,
    /** Codes taken out of their container by its holder. */
    UNPACK;

    /** The kind a journal row names, or null for one this version does not know. */
    public static ReportKind of(String name) {
        for (ReportKind k : values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }
}
