package io.lacak.core.gs1;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Generates random payloads that are valid under the BPOM profile, for property tests. */
final class RandomPayloads {

    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // All of CSET 82, '(' included: bracketed output escapes it as \( (GS1 Syntax Engine).
    private static final String CSET82 = "!\"%&'()*+,-./:;<=>?_" + ALNUM;

    private final SplittableRandom rnd;

    RandomPayloads(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    Gs1Payload next() {
        List<Gs1Element> elements = new ArrayList<>();
        boolean authentication = rnd.nextInt(4) != 0;
        boolean gtin = authentication && rnd.nextBoolean();
        if (gtin) {
            StringBuilder digits = new StringBuilder();
            for (int i = 0; i < 13; i++) {
                digits.append((char) ('0' + rnd.nextInt(10)));
            }
            elements.add(element("01", Gs1CheckDigit.append(digits.toString())));
        }
        if (!gtin || rnd.nextInt(4) == 0) {
            elements.add(element("90", text(ALNUM, 1, 16)));
        }
        if (authentication) {
            elements.add(element("10", text(ALNUM, 1, 20)));
            elements.add(element("17", date()));
            elements.add(element("21", text(ALNUM, 1, 20)));
        } else {
            elements.add(element("91", date()));
        }
        if (rnd.nextInt(3) == 0) {
            elements.add(element("11", date()));
        }
        if (rnd.nextInt(3) == 0) {
            // Sometimes a value that holds what looks like the next AI, the differential run's case.
            String v = rnd.nextInt(4) == 0 ? "X(17)290101(21)ABC" : text(CSET82, 1, 30);
            elements.add(element("240", v));
        }
        // Shuffle: the canonical order must not depend on the order built.
        for (int i = elements.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Gs1Element t = elements.get(i);
            elements.set(i, elements.get(j));
            elements.set(j, t);
        }
        return Gs1Payload.of(elements);
    }

    /** A valid YYMMDD as read in 2026 (GS1 sliding century), sometimes with day 00. */
    private String date() {
        int yy = rnd.nextInt(100);
        int month = 1 + rnd.nextInt(12);
        int year = Gs1Dates.fullYear(yy, 2026);
        int day = rnd.nextInt(10) == 0
                ? 0
                : 1 + rnd.nextInt(YearMonth.of(year, month).lengthOfMonth());
        return String.format("%02d%02d%02d", yy, month, day);
    }

    private String text(String alphabet, int min, int max) {
        int len = min + rnd.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static Gs1Element element(String ai, String value) {
        return new Gs1Element(ai, value, -1);
    }
}
