package io.lacak.core.gs1.impl;

/** Character sets of GS1 data fields, and the BPOM profile's alphanumerics. */
final class Charsets {

    private static final boolean[] CSET82 = new boolean[128];
    private static final boolean[] CSET39 = new boolean[128];
    private static final boolean[] BASE64URL = new boolean[128];
    private static final boolean[] DIGITS = new boolean[128];
    private static final boolean[] ALNUM = new boolean[128];

    static {
        for (char c : "!\"%&'()*+,-./:;<=>?_".toCharArray()) {
            CSET82[c] = true;
        }
        for (char c : "#-/".toCharArray()) {
            CSET39[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            CSET82[c] = CSET39[c] = BASE64URL[c] = DIGITS[c] = ALNUM[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            CSET82[c] = CSET39[c] = BASE64URL[c] = ALNUM[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            CSET82[c] = BASE64URL[c] = ALNUM[c] = true;
        }
        BASE64URL['-'] = BASE64URL['_'] = true; // '=' is padding, checked apart (ElementRules)
    }

    private Charsets() {}

    /**
     * Index of the first character of {@code s[from, to)} outside the set of {@code type}
     * ({@code N} digits, {@code X} CSET 82, {@code Y} CSET 39, {@code Z} CSET 64
     * without its {@code =} padding, {@code A} BPOM alphanumerics), or -1.
     */
    static int firstBad(char type, CharSequence s, int from, int to) {
        boolean[] set = table(type);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !set[c]) {
                return i;
            }
        }
        return -1;
    }

    private static boolean[] table(char type) {
        return switch (type) {
            case 'N' -> DIGITS;
            case 'A' -> ALNUM;
            case 'X' -> CSET82;
            case 'Y' -> CSET39;
            case 'Z' -> BASE64URL;
            default -> throw new IllegalArgumentException("character set " + type);
        };
    }

    static String describe(char type) {
        return switch (type) {
            case 'N' -> "digits only";
            case 'A' -> "letters and digits only (Lampiran C: alfanumerik)";
            case 'X' -> "GS1 character set 82";
            case 'Y' -> "GS1 character set 39";
            case 'Z' -> "base64url characters (A-Z, a-z, 0-9, '-', '_'; '=' only as padding at the end)";
            default -> "unknown set";
        };
    }

    /** A character as a person can read it in a message: printable, or its code point. */
    static String show(char c) {
        if (c == 0x1D) {
            return "GS (0x1D)";
        }
        if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || Character.isISOControl(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
