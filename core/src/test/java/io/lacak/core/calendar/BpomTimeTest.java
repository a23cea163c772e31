package io.lacak.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** BPOM counts days in Jakarta (WIB, UTC+7), whatever zone the server's clock runs in. */
class BpomTimeTest {

    @Test
    void pasal10_1_workingDaysAreCountedFromTheJakartaDayOfTheRequest() {
        // 23:30 UTC on 22 November is 06:30 WIB on 23 November: a request made then is made on the 23rd
        Clock lateUtc = Clock.fixed(Instant.parse("2026-11-22T23:30:00Z"), ZoneOffset.UTC);

        assertThat(LocalDate.now(lateUtc)).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(BpomTime.today(lateUtc)).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void theJakartaDayStartsAt17Utc() {
        assertThat(BpomTime.dateOf(Instant.parse("2026-11-22T16:59:59Z"))).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(BpomTime.dateOf(Instant.parse("2026-11-22T17:00:00Z"))).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void theZoneOfTheClockDoesNotMatter() {
        Instant at = Instant.parse("2026-12-31T18:00:00Z");
        Clock utc = Clock.fixed(at, ZoneOffset.UTC);
        Clock newYork = Clock.fixed(at, java.time.ZoneId.of("America/New_York"));

        assertThat(BpomTime.today(utc)).isEqualTo(BpomTime.today(newYork)).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(BpomTime.year(utc)).isEqualTo(2027); // the year on certificate and NIE numbers
    }
}
