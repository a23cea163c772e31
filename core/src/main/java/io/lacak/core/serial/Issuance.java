package io.lacak.core.serial;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One code request as stored: a single record whatever the number of codes (Lampiran F). Its
 * counters are {@code [counterStart, counterStart + total())}: primaries, then secondaries, then
 * tertiaries. {@code productionStart} is the day production starts as the request gave it, and
 * {@code noticeWorkingDays} the working days from the request's day to it (both {@code null} when
 * the request gave none); fewer than 10 makes the request late (Pasal 9).
 */
public record Issuance(
        long id,
        int productId,
        String nie,
        String gtin,
        String batch,
        LocalDate expiry,
        long primaries,
        long secondaries,
        long tertiaries,
        int perSecondary,
        int perTertiary,
        long counterStart,
        int keyVersion,
        String requestedBy,
        Instant createdAt,
        LocalDate productionStart,
        Integer noticeWorkingDays) {

    /** Pasal 9: working days a code request comes before production at the least. */
    public static final int NOTICE_WORKING_DAYS = 10;

    /** An issuance whose request gave no production start (tools, tests): never late. */
    public Issuance(
            long id,
            int productId,
            String nie,
            String gtin,
            String batch,
            LocalDate expiry,
            long primaries,
            long secondaries,
            long tertiaries,
            int perSecondary,
            int perTertiary,
            long counterStart,
            int keyVersion,
            String requestedBy,
            Instant createdAt) {
        this(
                id,
                productId,
                nie,
                gtin,
                batch,
                expiry,
                primaries,
                secondaries,
                tertiaries,
                perSecondary,
                perTertiary,
                counterStart,
                keyVersion,
                requestedBy,
                createdAt,
                null,
                null);
    }

    /** Pasal 9: requested fewer than 10 working days before production started. */
    public boolean late() {
        return noticeWorkingDays != null && noticeWorkingDays < NOTICE_WORKING_DAYS;
    }

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
        return offset < primaries
                ? PackagingLevel.PRIMARY
                : offset < primaries + secondaries ? PackagingLevel.SECONDARY : PackagingLevel.TERTIARY;
    }
}
