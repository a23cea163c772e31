package io.lacak.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The one reading of {@code occurredAt}, for JSON reports and CSV uploads alike. */
class OccurredAtTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void absentIsNowAndTheOffsetIsHonoured() {
        assertThat(OccurredAt.parse(null, CLOCK)).isEqualTo(NOW);
        assertThat(OccurredAt.parse("2026-11-22T08:00:00+07:00", CLOCK))
                .isEqualTo(Instant.parse("2026-11-22T01:00:00Z"));
    }

    @Test
    void pasal12_5_anActivityInTheFutureIsRefusedBeyondTheClockSkew() {
        assertThat(OccurredAt.parse("2026-11-22T10:04:00+07:00", CLOCK)).isEqualTo(NOW.plusSeconds(240));

        OccurredAt.Refused e = catchThrowableOfType(
                OccurredAt.Refused.class, () -> OccurredAt.parse("2026-11-22T10:06:00+07:00", CLOCK));
        assertThat(e.reason()).isEqualTo(OccurredAt.Reason.IN_THE_FUTURE);
        assertThat(e.field()).isEqualTo("occurredAt");
        assertThat(e.getMessage()).contains("2026-11-22T03:06:00Z", "is in the future");
    }

    @Test
    void aDateTimeWithoutOffsetIsRefused() {
        for (String bad : new String[] {"2026-11-22T08:00:00", "2026-11-22", "kemarin", ""}) {
            assertThat(catchThrowableOfType(OccurredAt.Refused.class, () -> OccurredAt.parse(bad, CLOCK))
                            .reason())
                    .as(bad)
                    .isEqualTo(OccurredAt.Reason.BAD_DATE_TIME);
        }
    }
}
