package io.lacak.core.lifecycle;

/**
 * One line of a usage report (Lampiran G): a primary code, how it was used, and the secondary and
 * tertiary it was packed into ({@code null} for none).
 */
public record UsageLine(CodeRef primary, Use use, CodeRef secondary, CodeRef tertiary) {

    /** Lampiran G: active, reject, retained sample. */
    public enum Use {
        ACTIVE,
        REJECTED,
        RETAINED_SAMPLE
    }
}
