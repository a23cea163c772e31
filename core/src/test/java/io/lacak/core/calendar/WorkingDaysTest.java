package io.lacak.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    // Monday 23 November 2026; 25 December 2026 (Friday) as a configured holiday.
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private final WorkingDays days = WorkingDays.of(Set.of(LocalDate.of(2026, 12, 25)));

    @Test
    void weekendsDoNotCount() {
        assertThat(days.plus(MONDAY, 4)).isEqualTo(LocalDate.of(2026, 11, 27)); // Friday
        assertThat(days.plus(MONDAY, 5)).isEqualTo(LocalDate.of(2026, 11, 30)); // next Monday
        assertThat(days.plus(LocalDate.of(2026, 11, 28), 1)).isEqualTo(LocalDate.of(2026, 11, 30)); // from Saturday
    }

    @Test
    void seed000_aDraftCreatedOnFridayIsDeletedAfterFiveWorkingDays() {
        LocalDate friday = LocalDate.of(2026, 11, 27);

        assertThat(days.plus(friday, 5)).isEqualTo(LocalDate.of(2026, 12, 4)); // the next Friday
    }

    @Test
    void configuredHolidaysDoNotCount() {
        LocalDate thursday = LocalDate.of(2026, 12, 24);

        assertThat(days.isWorkingDay(LocalDate.of(2026, 12, 25))).isFalse();
        assertThat(days.plus(thursday, 1)).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(days.plus(thursday, 4)).isEqualTo(LocalDate.of(2026, 12, 31)); // 28, 29, 30, 31
    }

    @Test
    void negativeDaysAreRefused() {
        assertThat(days.plus(MONDAY, 0)).isEqualTo(MONDAY);
        assertThatThrownBy(() -> days.plus(MONDAY, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void betweenCountsTheWorkingDaysAfterTheFirstUpToTheLast() {
        assertThat(days.between(MONDAY, LocalDate.of(2026, 12, 7))).isEqualTo(10); // two weeks on
        assertThat(days.between(MONDAY, LocalDate.of(2026, 12, 5))).isEqualTo(9); // a Saturday
        assertThat(days.between(MONDAY, MONDAY)).isZero();
        assertThat(days.between(MONDAY, MONDAY.minusDays(3))).isZero();
        LocalDate thursday = LocalDate.of(2026, 12, 24);
        assertThat(days.between(thursday, days.plus(thursday, 10))).isEqualTo(10); // over the holiday
    }
}
