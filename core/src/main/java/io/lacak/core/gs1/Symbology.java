package io.lacak.core.gs1;

/** Symbology identifiers of GS1 carriers that a scanner may prefix to the data it transmits. */
public enum Symbology {
    /** GS1 DataMatrix. */
    DATAMATRIX("]d2"),
    /** GS1 QR Code. */
    QR("]Q3"),
    /** GS1-128. */
    GS1_128("]C1");

    private final String identifier;

    Symbology(String identifier) {
        this.identifier = identifier;
    }

    /** The three characters a scanner prefixes, e.g. {@code ]d2}. */
    public String identifier() {
        return identifier;
    }

    /** The symbology for a three-character identifier, or {@code null}. */
    public static Symbology of(CharSequence s, int from) {
        if (s.length() - from < 3 || s.charAt(from) != ']') {
            return null;
        }
        for (Symbology sym : values()) {
            String id = sym.identifier;
            if (s.charAt(from + 1) == id.charAt(1) && s.charAt(from + 2) == id.charAt(2)) {
                return sym;
            }
        }
        return null;
    }
}
