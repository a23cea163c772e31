package io.lacak.core.gs1;

/** The three textual forms a payload arrives in (DESIGN.md "Codes"). */
public enum InputForm {
    /** Human-readable {@code (90)...(10)...}. */
    BRACKETED,
    /** What a scanner transmits: optional symbology identifier, GS (0x1D) after variable-length fields. */
    SCANNER,
    /** A GS1 Digital Link URI, {@code https://host/01/{gtin}/10/{batch}/21/{serial}?17=YYMMDD}. */
    DIGITAL_LINK
}
