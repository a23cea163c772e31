package io.lacak.registration.kbli;

/** Scale of a traditional-medicine business (seed 000, notes to the KBLI table). */
public enum BusinessScale {
    /** Usaha Mikro Obat Tradisional. */
    UMOT,
    /** Usaha Kecil Obat Tradisional. */
    UKOT,
    /** Any other industry or importer. */
    OTHER
}
