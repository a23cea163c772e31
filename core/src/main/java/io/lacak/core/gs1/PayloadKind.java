package io.lacak.core.gs1;

/** What a payload is under the BPOM profile (Peraturan BPOM 33/2018, Lampiran C). */
public enum PayloadKind {
    /** {@code (90)NIE(91)YYMMDD}: printed on every registered product (Pasal 14-16, Lampiran C.1). */
    IDENTIFICATION,
    /** {@code (90)NIE|(01)GTIN (10)BATCH (17)EXPIRY (21)SERIAL}: serialised unit (Pasal 3, 6, Lampiran C.2). */
    AUTHENTICATION,
    /** {@code (00)SSCC}: a logistic unit (pallet, shipping case) under GS1 rules. */
    LOGISTIC_UNIT
}
