package io.lacak.core.gs1;

/**
 * Two-digit AIs as small numbers, so that the rules keyed on (00), (01), (10), (17), (21), (90)
 * and (91) switch on an int instead of hashing a string on every parse.
 *
 * <p>{@code switch (Gs1Ai.twoDigit(ai)) { case Gs1Ai.SERIAL -> ... }}
 */
public final class Gs1Ai {

    public static final int SSCC = 0;
    public static final int GTIN = 1;
    public static final int BATCH = 10;
    public static final int EXPIRY = 17;
    public static final int SERIAL = 21;
    public static final int NIE = 90;
    public static final int NIE_VALIDITY = 91;

    private Gs1Ai() {}

    /** The value of a two-digit AI (0 to 99), or -1 for any other string. */
    public static int twoDigit(String ai) {
        if (ai.length() != 2) {
            return -1;
        }
        int a = ai.charAt(0) - '0';
        int b = ai.charAt(1) - '0';
        return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
    }
}
