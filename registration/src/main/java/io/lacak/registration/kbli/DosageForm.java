package io.lacak.registration.kbli;

/** Dosage forms (bentuk sediaan) that the KBLI rules of seed 000 name, and the common others. */
public enum DosageForm {
    PARAM,
    TAPEL,
    PILIS,
    EXTERNAL_LIQUID,
    RAJANGAN,
    TABLET,
    EFFERVESCENT,
    SUPPOSITORY,
    SOFT_CAPSULE,
    EXTERNAL_AEROSOL,
    HARD_CAPSULE,
    PILL,
    POWDER,
    GRANULE,
    CREAM,
    OINTMENT,
    ORAL_LIQUID,
    POWDER_SERVED_AS_LIQUID,
    GUMMY
}
