package io.lacak.registration.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Deadlines in working days (hari kerja): Saturdays, Sundays and configured holidays do not
 * count. {@code plus(d, 5)} is the fifth working day after {@code d}.
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
}
