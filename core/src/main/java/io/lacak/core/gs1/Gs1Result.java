package io.lacak.core.gs1;

import java.time.LocalDate;
import java.util.List;

/**
 * What parsing one input gave: its form, the elements read, every problem found, and what kind
 * of BPOM code it is. Never null fields except {@code symbology} and {@code kind}.
 *
 * <p>{@code Gs1Result r = codec.parse(line); if (r.valid()) use(r.payload().serial());}
 */
public final class Gs1Result {

    private final InputForm form;
    private final Symbology symbology;
    private final Gs1Payload payload;
    private final List<Gs1Error> errors;
    private final PayloadKind kind;
    private final int referenceYear;

    public Gs1Result(
            InputForm form,
            Symbology symbology,
            Gs1Payload payload,
            List<Gs1Error> errors,
            PayloadKind kind,
            int referenceYear) {
        this.form = form;
        this.symbology = symbology;
        this.payload = payload;
        this.errors = List.copyOf(errors);
        this.kind = kind;
        this.referenceYear = referenceYear;
    }

    /** True when no problem was found. */
    public boolean valid() {
        return errors.isEmpty();
    }

    /** The form the input was read as; {@code null} for empty input. */
    public InputForm form() {
        return form;
    }

    /**
     * The carrier named by the scanner's symbology identifier, when the input carried one: for a
     * Digital Link URI after {@code ]Q1} or {@code ]d1} (plain data) {@link Symbology#QR} or
     * {@link Symbology#DATAMATRIX}, whose identifiers for GS1 data are {@code ]Q3} and {@code ]d2}.
     */
    public Symbology symbology() {
        return symbology;
    }

    /** The elements read, in canonical order; partial when the input is invalid. */
    public Gs1Payload payload() {
        return payload;
    }

    public List<Gs1Error> errors() {
        return errors;
    }

    /** What the elements make under the BPOM profile; {@code null} when they name no product key. */
    public PayloadKind kind() {
        return kind;
    }

    /** (17) as a date, day 00 being the month's last day; {@code null} when absent or invalid. */
    public LocalDate expiryDate() {
        return Gs1Dates.resolve(payload.expiry(), referenceYear);
    }

    /** (91) as a date; {@code null} when absent or invalid. */
    public LocalDate nieValidUntilDate() {
        return Gs1Dates.resolve(payload.nieValidUntil(), referenceYear);
    }

    @Override
    public String toString() {
        return (valid() ? "valid " : "invalid ") + kind + " " + payload + (valid() ? "" : " " + errors);
    }
}
