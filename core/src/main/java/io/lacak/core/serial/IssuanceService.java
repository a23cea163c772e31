package io.lacak.core.serial;

import io.lacak.core.calendar.WorkingDays;
import io.lacak.core.serial.impl.PgIssuanceService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Serial issuance (Pasal 7-10, Lampiran F): checks a code request against the product register,
 * reserves a counter range for it in one statement, and stores one record, so that issuing ten
 * million codes costs what issuing ten does.
 *
 * <p>{@code service.request(new CodeRequest()...).map(issuance -> service.listing(issuance, PRIMARY, BRACKETED))}
 */
public interface IssuanceService {

    /** Most primary codes one request may ask for. */
    long MAX_PRIMARIES = 1_000_000_000L;
    /** Largest capacity of a secondary or tertiary package. */
    int MAX_CAPACITY = 1_000_000;

    /**
     * A service whose issuances no running ledger needs to learn of at once (the ledger reads them
     * all at start-up): tools and tests. A server issues through {@code Sequencer.issuance()}.
     */
    static IssuanceService create(Pool pool, SerialKeys keys, Clock clock) {
        return create(pool, keys, clock, issuance -> {});
    }

    /**
     * A service that hands every issuance it returns to {@code issued} before its caller sees it
     * (a repeated idempotent request too: {@code issued} must be idempotent), so that whoever issues
     * codes, the lifecycle rules know the new counter range at once.
     */
    static IssuanceService create(Pool pool, SerialKeys keys, Clock clock, Consumer<Issuance> issued) {
        return create(pool, keys, clock, WorkingDays.of(java.util.Set.of()), issued);
    }

    /**
     * As {@link #create(Pool, SerialKeys, Clock, Consumer)}, counting the working days of Pasal 9
     * with {@code days} (weekends and {@code LACAK_HOLIDAYS}).
     */
    static IssuanceService create(
            Pool pool, SerialKeys keys, Clock clock, WorkingDays days, Consumer<Issuance> issued) {
        return create(pool, keys, clock, days, issued, holder -> 0, c -> Future.succeededFuture());
    }

    /**
     * As {@link #create(Pool, SerialKeys, Clock, WorkingDays, Consumer)}, keeping each request in
     * the shard {@code shardOf} its requester's partner ID (issue 21: the NIE holder's shard), and
     * issuing only when {@code fence} lets it, in the issuance's own transaction (a cluster node's
     * lease: a replaced owner issues nothing the new owner would not know).
     * {@code IssuanceService.create(pool, keys, clock, days, issued, shards::ofHolder, c -> lease.check(c))}
     */
    static IssuanceService create(
            Pool pool,
            SerialKeys keys,
            Clock clock,
            WorkingDays days,
            Consumer<Issuance> issued,
            java.util.function.ToIntFunction<String> shardOf,
            java.util.function.Function<io.vertx.sqlclient.SqlConnection, Future<Void>> fence) {
        return new PgIssuanceService(pool, keys, clock, days, issued, shardOf, fence);
    }

    /** Every issuance ever made (every shard's), for the lifecycle's reference data at start-up. */
    static Future<java.util.List<Issuance>> all(Pool pool) {
        return PgIssuanceService.all(pool);
    }

    /** The issuances with an id above {@code id}, every shard's (issue 21: a standby's reference data following). */
    static Future<java.util.List<Issuance>> since(Pool pool, long id) {
        return PgIssuanceService.since(pool, id);
    }

    /**
     * Issues codes, or fails with {@link IssuanceRefused}. A repeated idempotency key from the same
     * requester returns the first issuance unchanged.
     */
    Future<Issuance> request(CodeRequest request);

    /** The requester's issuances, newest first, with ids below {@code beforeId} (paging). */
    Future<java.util.List<Issuance>> list(String requester, long beforeId, int limit);

    /**
     * Pasal 9: issuances requested fewer than 10 working days before production, every requester's,
     * newest first, with ids below {@code beforeId} (paging); for the regulator.
     */
    Future<java.util.List<Issuance>> late(long beforeId, int limit);

    /** One issuance by id; fails with {@link IssuanceRefused} when it is not the requester's. */
    Future<Issuance> get(long id, String requester);

    /** The codes of one level of an issuance, written on demand. */
    CodeListing listing(Issuance issuance, PackagingLevel level, CodeListing.Format format);
}
