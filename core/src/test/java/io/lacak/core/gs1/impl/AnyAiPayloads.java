package io.lacak.core.gs1.impl;

import io.lacak.core.gs1.Gs1CheckDigit;
import io.lacak.core.gs1.Gs1Dates;
import io.lacak.core.gs1.Gs1Element;
import io.lacak.core.gs1.Gs1Payload;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random payloads of a BPOM shape plus random AIs of the whole GS1 dictionary, each value drawn
 * from its components' character sets (with '(' often, and values that look like the next
 * bracketed AI) and shaped to pass the linters that are checked. Some break GS1's pairings
 * (req=, ex=) or the BPOM shapes: property tests keep the ones the codec accepts.
 */
final class AnyAiPayloads {

    static final int REFERENCE_YEAR = 2026;
    private static final String DIGITS = "0123456789";
    private static final String ALNUM = DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String CSET82 = "!\"%&'()*+,-./:;<=>?_" + ALNUM;
    private static final String CSET39 = "#-/" + DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String CSET64 = "-_" + ALNUM;

    private final SplittableRandom rnd;
    private final List<AiSpec> all = new ArrayList<>();

    AnyAiPayloads(long seed) {
        this.rnd = new SplittableRandom(seed);
        AiDictionary dict = AiDictionary.standard();
        for (int len = 2; len <= 4; len++) {
            for (int v = 0, n = (int) Math.pow(10, len); v < n; v++) {
                AiSpec spec = dict.get(String.format("%0" + len + "d", v));
                if (spec != null) {
                    all.add(spec);
                }
            }
        }
    }

    Gs1Payload next() {
        List<Gs1Element> elements = new ArrayList<>();
        switch (rnd.nextInt(4)) {
            case 0 -> { // Lampiran C.1 identification
                add(elements, "90", text(ALNUM, 1 + rnd.nextInt(16)));
                add(elements, "91", yymmdd());
            }
            case 1 -> { // Lampiran C.2 keyed by NIE
                add(elements, "90", text(ALNUM, 1 + rnd.nextInt(16)));
                serialised(elements);
            }
            default -> { // Lampiran C.2 keyed by GTIN: the form a Digital Link can carry
                add(elements, "01", Gs1CheckDigit.append(text(DIGITS, 13)));
                serialised(elements);
            }
        }
        for (int extra = 1 + rnd.nextInt(3); extra > 0; extra--) {
            AiSpec spec = all.get(rnd.nextInt(all.size()));
            if (elements.stream().noneMatch(e -> e.ai().equals(spec.ai()))) {
                add(elements, spec.ai(), value(spec));
            }
        }
        for (int i = elements.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Gs1Element t = elements.get(i);
            elements.set(i, elements.get(j));
            elements.set(j, t);
        }
        return Gs1Payload.of(elements);
    }

    private void serialised(List<Gs1Element> elements) {
        add(elements, "10", text(ALNUM, 1 + rnd.nextInt(20)));
        add(elements, "17", yymmdd());
        add(elements, "21", text(ALNUM, 1 + rnd.nextInt(20)));
    }

    /** A value for every component in turn; optional ones sometimes left out. */
    String value(AiSpec spec) {
        StringBuilder sb = new StringBuilder();
        for (Component c : spec.components()) {
            if (c.optional() && rnd.nextBoolean()) {
                break;
            }
            int len = c.fixed() ? c.max() : c.min() + rnd.nextInt(Math.min(c.max() - c.min() + 1, 24));
            char[] v = chars(c.type(), len).toCharArray();
            for (String linter : c.linters()) {
                shape(linter, v);
            }
            sb.append(v);
        }
        return sb.toString();
    }

    private String chars(char type, int len) {
        if (type == 'X' && len >= 10 && rnd.nextInt(4) == 0) {
            // Looks like the next AI in bracketed text: the case GS1's engine escapes as \(.
            String ai = "(17)290101";
            int at = rnd.nextInt(len - ai.length() + 1);
            return text(CSET82, at) + ai + text(CSET82, len - at - ai.length());
        }
        return switch (type) {
            case 'N' -> text(DIGITS, len);
            case 'X' -> rnd.nextInt(3) == 0 ? text("((" + CSET82, len) : text(CSET82, len);
            case 'Y' -> text(CSET39, len);
            case 'Z' -> text(CSET64, len);
            default -> throw new IllegalArgumentException("type " + type);
        };
    }

    /** Makes {@code v} pass the linter when the codec checks it; leaves it as drawn otherwise. */
    private void shape(String linter, char[] v) {
        int n = v.length;
        switch (linter) {
            case "csum" -> v[n - 1] = (char) ('0' + Gs1CheckDigit.compute(new String(v), 0, n - 1));
            case "yymmd0", "yymmdd" -> put(v, yymmdd());
            case "yyyymmdd" -> {
                int year = 1900 + rnd.nextInt(200);
                int month = 1 + rnd.nextInt(12);
                put(
                        v,
                        String.format(
                                "%04d%02d%02d",
                                year,
                                month,
                                1 + rnd.nextInt(YearMonth.of(year, month).lengthOfMonth())));
            }
            case "hh" -> put(v, String.format("%02d", rnd.nextInt(24)));
            case "hhmi" -> put(v, String.format("%02d%02d", rnd.nextInt(24), rnd.nextInt(60)));
            case "mi", "ss" -> put(v, String.format("%02d", rnd.nextInt(60)));
            case "nonzero" -> {
                if (new String(v).chars().allMatch(c -> c == '0')) {
                    v[n - 1] = '1';
                }
            }
            case "zero" -> java.util.Arrays.fill(v, '0');
            case "yesno" -> v[0] = rnd.nextBoolean() ? '1' : '0';
            case "hyphen" -> java.util.Arrays.fill(v, '-');
            case "nozeroprefix" -> v[0] = (char) ('1' + rnd.nextInt(9));
            case "hasnondigit" -> v[rnd.nextInt(n)] = 'A';
            case "iso5218" -> v[0] = "0129".charAt(rnd.nextInt(4));
            case "winding" -> v[0] = "019".charAt(rnd.nextInt(3));
            case "importeridx" -> v[0] = CSET64.charAt(rnd.nextInt(CSET64.length()));
            case "pieceoftotal" -> {
                int half = n / 2;
                int max = (int) Math.pow(10, half) - 1;
                int total = 1 + rnd.nextInt(max);
                put(v, String.format("%0" + half + "d%0" + half + "d", 1 + rnd.nextInt(total), total));
            }
            case "posinseqslash" -> {
                int last = 1 + rnd.nextInt(9);
                put(v, (1 + rnd.nextInt(last)) + "/" + last);
            }
            default -> {
                // Not checked by the codec (ElementRules.NOT_CHECKED): any value of the character set passes.
            }
        }
    }

    private static void put(char[] v, String s) {
        s.getChars(0, Math.min(s.length(), v.length), v, 0);
    }

    private String yymmdd() {
        int yy = rnd.nextInt(100);
        int month = 1 + rnd.nextInt(12);
        int year = Gs1Dates.fullYear(yy, REFERENCE_YEAR);
        int day = rnd.nextInt(10) == 0
                ? 0
                : 1 + rnd.nextInt(YearMonth.of(year, month).lengthOfMonth());
        return String.format("%02d%02d%02d", yy, month, day);
    }

    private String text(String alphabet, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static void add(List<Gs1Element> elements, String ai, String value) {
        elements.add(new Gs1Element(ai, value, -1));
    }
}
