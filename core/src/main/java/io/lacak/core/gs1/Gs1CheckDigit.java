package io.lacak.core.gs1;

/**
 * The GS1 mod-10 check digit of GTINs, SSCCs and other GS1 keys: weights 3 and 1 alternating
 * from the rightmost data digit.
 *
 * <p>{@code String gtin = Gs1CheckDigit.append("0950600013435"); // "09506000134352"}
 */
public final class Gs1CheckDigit {

    private Gs1CheckDigit() {}

    /** Check digit of the digits {@code s[from, to)}. */
    public static int compute(CharSequence s, int from, int to) {
        int sum = 0;
        boolean three = true;
        for (int i = to - 1; i >= from; i--) {
            int d = s.charAt(i) - '0';
            sum += three ? 3 * d : d;
            three = !three;
        }
        return (10 - sum % 10) % 10;
    }

    /** Whether the last digit of {@code s[from, to)} is the check digit of the ones before it. */
    public static boolean valid(CharSequence s, int from, int to) {
        return to - from >= 2 && compute(s, from, to - 1) == s.charAt(to - 1) - '0';
    }

    /** The digits with their check digit appended. */
    public static String append(String digits) {
        return digits + compute(digits, 0, digits.length());
    }
}
