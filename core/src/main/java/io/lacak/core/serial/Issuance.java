package io.lacak.core.serial;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One code request as stored: a single record whatever the number of codes (Lampiran F). Its
 * counters are {@code [counterStart, counterStart + total())}: primaries, then secondaries, then
 * tertiaries.
 */
public record Issuance(long id, int productId, String nie, String gtin, String batch, LocalDate expiry,
                       long primaries, long secondaries, long tertiaries, int perSecondary, int perTertiary,
                       long counterStart, int keyVersion, String requestedBy, Instant createdAt) {

  public long total() {
    return primaries + secondaries + tertiaries;
  }

  /** Number of codes of a level. */
  public long count(PackagingLevel level) {
    return switch (level) {
      case PRIMARY -> primaries;
      case SECONDARY -> secondaries;
      case TERTIARY -> tertiaries;
    };
  }

  /** First counter of a level. */
  public long firstCounter(PackagingLevel level) {
    return switch (level) {
      case PRIMARY -> counterStart;
      case SECONDARY -> counterStart + primaries;
      case TERTIARY -> counterStart + primaries + secondaries;
    };
  }

  /** The level of a counter of this issuance, or {@code null} when it lies outside. */
  public PackagingLevel levelOf(long counter) {
    long offset = counter - counterStart;
    if (offset < 0 || offset >= total()) {
      return null;
    }
    return offset < primaries ? PackagingLevel.PRIMARY
        : offset < primaries + secondaries ? PackagingLevel.SECONDARY : PackagingLevel.TERTIARY;
  }
}
