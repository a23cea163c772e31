package io.lacak.registration.product;

/** Pasal 2(2): the kinds of Obat dan Makanan the 2D barcode regime covers. */
public enum Category {
    /** Obat. */
    DRUG,
    /** Obat tradisional. */
    TRADITIONAL_MEDICINE,
    /** Suplemen kesehatan. */
    HEALTH_SUPPLEMENT,
    /** Obat kuasi (registered through ASROT, seed 000). */
    QUASI_DRUG,
    /** Kosmetika. */
    COSMETIC,
    /** Pangan olahan. */
    PROCESSED_FOOD,
    /** Pangan olahan berupa pangan diet khusus (Pasal 3(4)). */
    SPECIAL_DIET_FOOD
}
