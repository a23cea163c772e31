package io.lacak.core.gs1;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * GS1 six-digit dates (YYMMDD) with the sliding century of the GS1 General Specifications
 * (section 7.12) and day {@code 00} meaning the last day of the month.
 *
 * <p>{@code LocalDate d = Gs1Dates.resolve("261100", 2026); // 2026-11-30}
 */
public final class Gs1Dates {

    private Gs1Dates() {}

    /**
     * The four-digit year of a two-digit year: 51 to 99 years ahead means the previous century,
     * 50 to 99 years back means the next one, anything else the current century.
     */
    public static int fullYear(int yy, int currentYear) {
        int century = currentYear - Math.floorMod(currentYear, 100);
        int diff = yy - Math.floorMod(currentYear, 100);
        if (diff >= 51) {
            return century - 100 + yy;
        }
        if (diff <= -50) {
            return century + 100 + yy;
        }
        return century + yy;
    }

    /**
     * The date of a valid YYMMDD value, day 00 giving the month's last day; {@code null} when the
     * value is not six digits or not a real date.
     */
    public static LocalDate resolve(CharSequence yymmdd, int currentYear) {
        if (yymmdd == null || yymmdd.length() != 6) {
            return null;
        }
        for (int i = 0; i < 6; i++) {
            char c = yymmdd.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        int yy = twoDigits(yymmdd, 0);
        int mm = twoDigits(yymmdd, 2);
        int dd = twoDigits(yymmdd, 4);
        if (mm < 1 || mm > 12) {
            return null;
        }
        YearMonth ym = YearMonth.of(fullYear(yy, currentYear), mm);
        if (dd == 0) {
            return ym.atEndOfMonth();
        }
        return dd <= ym.lengthOfMonth() ? ym.atDay(dd) : null;
    }

    /** The YYMMDD form of a date. */
    public static String format(LocalDate date) {
        char[] out = new char[6];
        put(out, 0, Math.floorMod(date.getYear(), 100));
        put(out, 2, date.getMonthValue());
        put(out, 4, date.getDayOfMonth());
        return new String(out);
    }

    static int twoDigits(CharSequence s, int at) {
        return (s.charAt(at) - '0') * 10 + (s.charAt(at + 1) - '0');
    }

    private static void put(char[] out, int at, int v) {
        out[at] = (char) ('0' + v / 10);
        out[at + 1] = (char) ('0' + v % 10);
    }
}
