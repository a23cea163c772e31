package io.lacak.registration.product;

/** The golongan of a drug (Pasal 3(2)-(3)). */
public enum DrugClass {
    /** Obat keras. */
    PRESCRIPTION,
    /** Produk biologi. */
    BIOLOGIC,
    /** Narkotika. */
    NARCOTIC,
    /** Psikotropika. */
    PSYCHOTROPIC,
    /** Obat bebas. */
    OTC,
    /** Obat bebas terbatas. */
    LIMITED_OTC
}
