package io.lacak.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Deadlines in working days (hari kerja): Saturdays, Sundays and configured holidays
 * ({@code LACAK_HOLIDAYS}) do not count. {@code plus(d, 5)} is the fifth working day after
 * {@code d}. Dates are BPOM's days ({@link BpomTime}): ask {@code BpomTime.today(clock)}, never the
 * machine's zone. Used by registration (a draft's deletion, seed 000) and by issuance (Pasal 9).
 *
 * <p>{@code LocalDate deleteDraftOn = WorkingDays.of(holidays).plus(createdOn, 5);}
 */
public final class WorkingDays {

    private final Set<LocalDate> holidays;

    private WorkingDays(Set<LocalDate> holidays) {
        this.holidays = Set.copyOf(holidays);
    }

    public static WorkingDays of(Set<LocalDate> holidays) {
        return new WorkingDays(holidays);
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** The {@code days}-th working day after {@code from} ({@code from} itself never counts). */
    public LocalDate plus(LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        LocalDate d = from;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /**
     * Working days after {@code from} up to and including {@code to}; 0 when {@code to} is not after
     * {@code from}. {@code between(d, plus(d, n)) == n}: a request on {@code d} is made {@code n}
     * working days before {@code plus(d, n)}.
     */
    public int between(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }
}
