package io.lacak.core.serial.impl;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.calendar.WorkingDays;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Profile;
import io.lacak.core.serial.CodeListing;
import io.lacak.core.serial.CodeRequest;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.IssuanceRefused;
import io.lacak.core.serial.IssuanceRefused.Problem;
import io.lacak.core.serial.IssuanceRefused.Reason;
import io.lacak.core.serial.IssuanceService;
import io.lacak.core.serial.PackagingLevel;
import io.lacak.core.serial.SerialCodec;
import io.lacak.core.serial.SerialKeys;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Issuance on Postgres: one transaction, one counter update, one insert per request. Issue 21: a
 * request is its holder's, so its row and the batches it is checked against are in the holder's
 * shard ({@code shardOf} the requester's partner ID; only the NIE holder requests codes, Pasal
 * 7(2)), and every query of one requester names that shard: a single-shard query on Citus.
 */
public final class PgIssuanceService implements IssuanceService {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "i.id, i.product_id, p.nie, i.gtin, i.batch, i.expiry, i.primaries,"
            + " i.secondaries, i.tertiaries, i.per_secondary, i.per_tertiary, i.counter_start, i.key_version,"
            + " i.requested_by, i.created_at, i.production_start, i.notice_working_days";

    private final Pool pool;
    private final SerialKeys keys;
    private final Clock clock;
    private final Gs1Codec codec;
    private final Consumer<Issuance> issued;
    private final WorkingDays days;
    private final ToIntFunction<String> shardOf;
    /** What lets this node issue, in the issuance's own transaction (issue 21: the writer's lease). */
    private final java.util.function.Function<io.vertx.sqlclient.SqlConnection, Future<Void>> fence;

    public PgIssuanceService(
            Pool pool,
            SerialKeys keys,
            Clock clock,
            WorkingDays days,
            Consumer<Issuance> issued,
            ToIntFunction<String> shardOf,
            java.util.function.Function<io.vertx.sqlclient.SqlConnection, Future<Void>> fence) {
        this.pool = pool;
        this.shardOf = shardOf;
        this.fence = fence;
        this.keys = keys;
        this.clock = clock;
        this.days = days;
        this.issued = issued;
        this.codec = Gs1Codec.create(new Gs1Profile().setClock(clock));
    }

    @Override
    public Future<Issuance> request(CodeRequest request) {
        List<Problem> problems = CodeRequestChecks.validate(request, codec, today());
        if (!problems.isEmpty()) {
            return Future.failedFuture(new IssuanceRefused(
                    Reason.INVALID_REQUEST, "the code request has " + problems.size() + " problem(s)", problems));
        }
        return existing(request)
                .compose(found -> found != null
                        ? Future.succeededFuture(found)
                        : pool.withTransaction(c -> fence.apply(c).compose(v -> issue(c, request))))
                .recover(e -> isUniqueViolation(e) && request.idempotencyKey() != null
                        ? existing(request) // a concurrent request with the same key won the race
                        : Future.failedFuture(e))
                .map(i -> {
                    issued.accept(i);
                    return i;
                });
    }

    @Override
    public Future<List<Issuance>> list(String requester, long beforeId, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from issuance i join product p on p.id = i.product_id"
                        + " where i.shard = $4 and i.requested_by = $1 and i.id < $2 order by i.id desc limit $3")
                .execute(Tuple.of(requester, beforeId, limit, shardOf.applyAsInt(requester)))
                .map(rows -> {
                    List<Issuance> list = new ArrayList<>(rows.size());
                    rows.forEach(r -> list.add(toIssuance(r)));
                    return list;
                });
    }

    @Override
    public Future<List<Issuance>> late(long beforeId, int limit) {
        // every holder's, so every shard's: on Citus a read of all shards merged by id, in no transaction
        return pool.preparedQuery("select " + COLUMNS + " from issuance i join product p on p.id = i.product_id"
                        + " where i.late and i.id < $1 order by i.id desc limit $2")
                .execute(Tuple.of(beforeId, limit))
                .map(rows -> {
                    List<Issuance> list = new ArrayList<>(rows.size());
                    rows.forEach(r -> list.add(toIssuance(r)));
                    return list;
                });
    }

    @Override
    public Future<Issuance> get(long id, String requester) {
        return pool.preparedQuery("select " + COLUMNS + " from issuance i join product p on p.id = i.product_id"
                        + " where i.shard = $2 and i.id = $1")
                .execute(Tuple.of(id, shardOf.applyAsInt(requester))) // another's shard: not found, as not theirs
                .map(rows -> {
                    Issuance found =
                            rows.size() == 0 ? null : toIssuance(rows.iterator().next());
                    if (found == null || !found.requestedBy().equals(requester)) {
                        throw new IssuanceRefused(Reason.NOT_NIE_HOLDER, "no issuance " + id + " of " + requester);
                    }
                    return found;
                });
    }

    @Override
    public CodeListing listing(Issuance issuance, PackagingLevel level, CodeListing.Format format) {
        SerialCodec serials = SerialCodec.create(keys, issuance.keyVersion(), issuance.nie());
        return CodeListing.of(issuance, level, serials, format, codec.profile().digitalLinkBase());
    }

    private Future<Issuance> existing(CodeRequest request) {
        if (request.idempotencyKey() == null) {
            return Future.succeededFuture(null);
        }
        return pool.preparedQuery("select " + COLUMNS + " from issuance i join product p on p.id = i.product_id"
                        + " where i.shard = $3 and i.requested_by = $1 and i.idempotency_key = $2")
                .execute(Tuple.of(
                        request.requester(), request.idempotencyKey(), shardOf.applyAsInt(request.requester())))
                .map(rows ->
                        rows.size() == 0 ? null : toIssuance(rows.iterator().next()));
    }

    private Future<Issuance> issue(SqlConnection c, CodeRequest r) {
        long total = r.primaries() + r.secondaries() + r.tertiaries();
        int shard = shardOf.applyAsInt(r.requester()); // the product's holder's, once checkProduct has passed
        return c.preparedQuery(
                        "select id, holder, authentication, nie_valid_until from product where nie = $1 for update")
                .execute(Tuple.of(r.nie()))
                .compose(rows -> checkProduct(rows, r))
                .compose(productId -> checkBatch(c, productId, r, shard).map(productId))
                .compose(productId -> registerGtin(c, productId, r.gtin()).map(productId))
                .compose(productId -> c.preparedQuery(
                                "update product set next_counter = next_counter + $2::bigint"
                                        + " where id = $1 and next_counter <= $3::bigint - $2::bigint returning next_counter - $2::bigint")
                        .execute(Tuple.of(productId, total, SerialCodec.CAPACITY))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(new IssuanceRefused(
                                        Reason.COUNTERS_EXHAUSTED,
                                        "product " + r.nie() + " has fewer than " + total + " serials left"));
                            }
                            long start = rows.iterator().next().getLong(0);
                            Integer notice = notice(r.productionStart());
                            return c.preparedQuery(
                                            "insert into issuance (product_id, batch, expiry, gtin, primaries, secondaries,"
                                                    + " tertiaries, per_secondary, per_tertiary, counter_start, key_version, requested_by, idempotency_key,"
                                                    + " production_start, notice_working_days, late, shard)"
                                                    + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
                                                    + " returning id, created_at")
                                    .execute(Tuple.from(new Object[] {
                                        productId,
                                        r.batch(),
                                        r.expiry(),
                                        r.gtin(),
                                        r.primaries(),
                                        r.secondaries(),
                                        r.tertiaries(),
                                        r.perSecondary(),
                                        r.perTertiary(),
                                        start,
                                        keys.currentVersion(),
                                        r.requester(),
                                        r.idempotencyKey(),
                                        r.productionStart(),
                                        notice,
                                        notice != null && notice < Issuance.NOTICE_WORKING_DAYS,
                                        shard
                                    }))
                                    .map(ids -> {
                                        Row row = ids.iterator().next();
                                        return new Issuance(
                                                row.getLong("id"),
                                                productId,
                                                r.nie(),
                                                r.gtin(),
                                                r.batch(),
                                                r.expiry(),
                                                r.primaries(),
                                                r.secondaries(),
                                                r.tertiaries(),
                                                r.perSecondary(),
                                                r.perTertiary(),
                                                start,
                                                keys.currentVersion(),
                                                r.requester(),
                                                row.getOffsetDateTime("created_at")
                                                        .toInstant(),
                                                r.productionStart(),
                                                notice);
                                    });
                        }));
    }

    /**
     * Pasal 9: the request is made at least 10 working days before production starts, counted in
     * BPOM's days: the working days after today up to the start. Fewer is late; a late request is
     * still issued (the regulation sets a deadline, not a refusal) and flagged for the regulator like
     * a late report. No production start given: nothing to judge, {@code null}, not flagged.
     */
    private Integer notice(LocalDate productionStart) {
        return productionStart == null ? null : days.between(today(), productionStart);
    }

    /** Lampiran F.3: the product must be registered, its NIE valid, held by the requester. */
    private Future<Integer> checkProduct(RowSet<Row> rows, CodeRequest r) {
        if (rows.size() == 0) {
            return Future.failedFuture(new IssuanceRefused(
                    Reason.PRODUCT_UNKNOWN,
                    "no product with NIE " + r.nie() + " is registered; register it first (Lampiran F.3.a)"));
        }
        Row p = rows.iterator().next();
        if (!p.getString("holder").equals(r.requester())) {
            return Future.failedFuture(new IssuanceRefused(
                    Reason.NOT_NIE_HOLDER,
                    "NIE " + r.nie() + " is not held by " + r.requester()
                            + "; only the NIE holder requests codes (Pasal 7(2))"));
        }
        if (!p.getBoolean("authentication")) {
            return Future.failedFuture(new IssuanceRefused(
                    Reason.NOT_AUTHENTICATION_PRODUCT,
                    "NIE " + r.nie() + " carries an identification code only, not authentication codes (Pasal 3, 6)"));
        }
        LocalDate validUntil = p.getLocalDate("nie_valid_until");
        if (validUntil.isBefore(today())) {
            return Future.failedFuture(
                    new IssuanceRefused(Reason.NIE_EXPIRED, "NIE " + r.nie() + " was valid until " + validUntil));
        }
        return Future.succeededFuture(p.getInteger("id"));
    }

    /**
     * A batch already in circulation (reported used) or requested before keeps its expiry (one batch,
     * one expiry), and a recalled batch gets no new codes (Lampiran L).
     */
    private Future<Void> checkBatch(SqlConnection c, int productId, CodeRequest r, int shard) {
        // the holder's shard only: a single-shard read, so the reference-table writes after it may follow
        return c.preparedQuery("select expiry, recalled from batch where shard = $3 and product_id = $1 and batch = $2"
                        + " union all select expiry, false from issuance where shard = $3 and product_id = $1"
                        + " and batch = $2 limit 1")
                .execute(Tuple.of(productId, r.batch(), shard))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture();
                    }
                    Row b = rows.iterator().next();
                    if (b.getBoolean("recalled")) {
                        return Future.failedFuture(new IssuanceRefused(
                                Reason.BATCH_RECALLED,
                                "bets " + r.batch() + " NIE " + r.nie() + " ditarik dari peredaran / batch " + r.batch()
                                        + " of NIE " + r.nie() + " is recalled (Lampiran L)"));
                    }
                    LocalDate expiry = b.getLocalDate("expiry");
                    return expiry.equals(r.expiry())
                            ? Future.succeededFuture()
                            : Future.failedFuture(new IssuanceRefused(
                                    Reason.BATCH_EXPIRY_DIFFERS,
                                    "bets " + r.batch()
                                            + " sudah tercatat dengan kedaluwarsa " + expiry + " / batch " + r.batch()
                                            + " is known with expiry "
                                            + expiry + ", not " + r.expiry() + ": one batch has one expiry"));
                });
    }

    /** Pasal 8(3): the holder's GTIN joins the product, unless another product has it. */
    private Future<Void> registerGtin(SqlConnection c, int productId, String gtin) {
        if (gtin == null) {
            return Future.succeededFuture();
        }
        return c.preparedQuery("insert into product_gtin (gtin, product_id) values ($1, $2)"
                        + " on conflict (gtin) do update set gtin = excluded.gtin returning product_id")
                .execute(Tuple.of(gtin, productId))
                .compose(rows -> rows.iterator().next().getInteger(0) == productId
                        ? Future.succeededFuture()
                        : Future.failedFuture(new IssuanceRefused(
                                Reason.GTIN_TAKEN, "GTIN " + gtin + " belongs to another product")));
    }

    private LocalDate today() {
        return BpomTime.today(clock);
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    /** Every issuance, for the lifecycle's reference data at start-up. */
    public static Future<List<Issuance>> all(Pool pool) {
        return since(pool, 0);
    }

    /** The issuances with an id above {@code id} (issue 21: a standby's reference data following). */
    public static Future<List<Issuance>> since(Pool pool, long id) {
        return pool.preparedQuery("select " + COLUMNS + " from issuance i join product p on p.id = i.product_id"
                        + " where i.id > $1")
                .execute(io.vertx.sqlclient.Tuple.of(id))
                .map(rows -> {
                    List<Issuance> list = new ArrayList<>(rows.size());
                    rows.forEach(r -> list.add(toIssuance(r)));
                    return list;
                });
    }

    private static Issuance toIssuance(Row row) {
        return new Issuance(
                row.getLong("id"),
                row.getInteger("product_id"),
                row.getString("nie"),
                row.getString("gtin"),
                row.getString("batch"),
                row.getLocalDate("expiry"),
                row.getLong("primaries"),
                row.getLong("secondaries"),
                row.getLong("tertiaries"),
                row.getInteger("per_secondary"),
                row.getInteger("per_tertiary"),
                row.getLong("counter_start"),
                row.getInteger("key_version"),
                row.getString("requested_by"),
                row.getOffsetDateTime("created_at").toInstant(),
                row.getLocalDate("production_start"),
                row.getInteger("notice_working_days"));
    }
}
