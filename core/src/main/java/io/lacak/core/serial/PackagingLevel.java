package io.lacak.core.serial;

/** The three packaging levels a code can mark (Lampiran C.2.b). */
public enum PackagingLevel {
    /** Kode primer: the unit itself. */
    PRIMARY,
    /** Kode sekunder: a box of primaries. */
    SECONDARY,
    /** Kode tersier: a case of secondaries. */
    TERTIARY
}
