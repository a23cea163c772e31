package io.lacak.core.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The one calendar the regulation counts days in: BPOM's, in Jakarta (WIB, UTC+7, no daylight
 * saving). Every rule that asks "which day is it" asks here: expiry of a batch and of an NIE, the
 * expiry of a code request (Pasal 8(2) huruf c), working-day deadlines (Pasal 9, 10(1)), the dates
 * and years on certificates, NIE and application numbers, and the year that anchors GS1's sliding
 * century. Instants (journal timestamps, the 24-hour reporting window of Pasal 12(5) and 13(3),
 * token lifetimes) are not days and stay in UTC.
 *
 * <p>{@code if (expiry.isBefore(BpomTime.today(clock))) refuse();}
 */
public final class BpomTime {

    /** Where BPOM counts days. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

    private BpomTime() {}

    /** Today in Jakarta by {@code clock}, whatever zone the clock carries. */
    public static LocalDate today(Clock clock) {
        return dateOf(clock.instant());
    }

    /** The Jakarta day {@code instant} falls on. */
    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** This year in Jakarta by {@code clock}. */
    public static int year(Clock clock) {
        return today(clock).getYear();
    }
}
