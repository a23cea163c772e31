package io.lacak.core.gs1;

import io.lacak.core.gs1.impl.Gs1CodecImpl;

/**
 * Reads GS1 payloads in any of the three forms of DESIGN.md "Codes" and validates them against
 * the BPOM profile of Peraturan BPOM 33/2018, Lampiran C. Thread-safe; never throws on input.
 *
 * <p>{@code Gs1Result r = Gs1Codec.create(new Gs1Profile()).parse("(90)DKL1234567890A1(91)281231");}
 */
public interface Gs1Codec {

    static Gs1Codec create(Gs1Profile profile) {
        return new Gs1CodecImpl(profile);
    }

    /** A codec with the default profile. */
    static Gs1Codec bpom() {
        return create(new Gs1Profile());
    }

    /**
     * Parses and validates one payload: bracketed when it starts with {@code (}, Digital Link when
     * it starts with {@code http://} or {@code https://} (or {@code ]Q1} or {@code ]d1}, plain QR
     * Code or DataMatrix, and then one), scanner data otherwise. Leading and trailing spaces, tabs
     * and line ends are ignored.
     */
    Gs1Result parse(CharSequence input);

    /** The profile this codec validates with. */
    Gs1Profile profile();
}
