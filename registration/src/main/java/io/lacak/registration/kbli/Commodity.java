package io.lacak.registration.kbli;

/** The commodities registered through ASROT (seed 000): obat tradisional, suplemen kesehatan, obat kuasi. */
public enum Commodity {
    /** Obat tradisional. */
    TRADITIONAL_MEDICINE,
    /** Suplemen kesehatan. */
    HEALTH_SUPPLEMENT,
    /** Obat kuasi. */
    QUASI_DRUG
}
