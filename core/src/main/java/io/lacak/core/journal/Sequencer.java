package io.lacak.core.journal;

import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Effects;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.serial.impl.PgIssuanceService;
import io.lacak.core.store.CodeStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The single writer (DESIGN.md "Runtime"): takes reports one at a time, decides each against the
 * store, commits the accepted ones to the Postgres journal, and only then applies them to the store
 * and answers. On start it loads the reference data and replays every journal event the store has
 * not applied, so after {@code kill -9} at any instant no acknowledged report is lost and none is
 * half applied.
 *
 * <p>{@code Sequencer.start(vertx, pool, store, keys, clock).compose(s -> s.submit(report))}
 */
public final class Sequencer implements AutoCloseable {

  /** Pasal 12(5), 13(3): reports are due within 24 hours of the activity. */
  public static final Duration LATE_AFTER = Duration.ofHours(24);

  private static final long DB_TIMEOUT_SECONDS = 60;
  private static final int REPLAY_PAGE = 500;

  private final Vertx vertx;
  private final Pool pool;
  private final CodeStore store;
  private final ReferenceData ref;
  private final Ledger ledger;
  private final Clock clock;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "lacak-writer");
    t.setDaemon(true);
    return t;
  });

  private Sequencer(Vertx vertx, Pool pool, CodeStore store, ReferenceData ref, Ledger ledger, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.ref = ref;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** Loads the reference data, catches the store up with the journal, and starts taking reports. */
  public static Future<Sequencer> start(Vertx vertx, Pool pool, CodeStore store, SerialKeys keys, Clock clock) {
    ReferenceData ref = new ReferenceData();
    return loadReferenceData(pool, ref)
        .map(v -> new Sequencer(vertx, pool, store, ref, new Ledger(store, ref, keys, clock), clock))
        .compose(s -> s.onWriter(() -> {
      s.replay();
      return s;
    }));
  }

  /**
   * Empties the store and replays the whole journal into it: the store is a view of the journal
   * and can always be rebuilt from it.
   */
  public static Future<Sequencer> rebuild(Vertx vertx, Pool pool, CodeStore store, SerialKeys keys, Clock clock) {
    store.clear();
    return start(vertx, pool, store, keys, clock);
  }

  /** The reference data the rules use; registration adds facilities, products and issuances to it. */
  public ReferenceData referenceData() {
    return ref;
  }

  /** Reads need no queue: the effective state of a code, from any thread. */
  public Ledger ledger() {
    return ledger;
  }

  /** Sequence of the last event applied to the store. */
  public long appliedSequence() {
    return store.appliedSequence();
  }

  /** Decides, journals and applies one report, in the order submitted. */
  public Future<Receipt> submit(Report report) {
    return onWriter(() -> process(report));
  }

  /** Runs {@code task} on the writer thread; the result is delivered on the caller's context. */
  private <T> Future<T> onWriter(java.util.concurrent.Callable<T> task) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    writer.execute(() -> {
      try {
        T result = task.call();
        context.runOnContext(v -> promise.complete(result));
      } catch (Throwable e) {
        context.runOnContext(v -> promise.fail(e));
      }
    });
    return promise.future();
  }

  private Receipt process(Report r) throws Exception {
    if (r.idempotencyKey() != null) {
      RowSet<Row> found = await(pool.preparedQuery("select seq, late, outcome from journal"
          + " where facility = $1 and idempotency_key = $2").execute(Tuple.of(r.facility(), r.idempotencyKey())));
      if (found.size() > 0) {
        Row row = found.iterator().next();
        return new Receipt(row.getLong("seq"), row.getBoolean("late"), OutcomeJson.decode(row.getString("outcome")), true);
      }
    }
    Instant now = clock.instant();
    boolean late = Duration.between(r.occurredAt(), now).compareTo(LATE_AFTER) > 0;
    Decision d = r.decide().apply(ledger);
    if (!d.changes()) {
      return new Receipt(0, late, d.outcome(), false);
    }
    long seq = ledger.sequence() + 1;
    try {
      await(pool.withTransaction(c -> journal(c, seq, r, now, late, d)));
    } catch (Exception e) {
      // The commit may or may not have happened: catch up with whatever the journal now holds.
      replay();
      throw e;
    }
    ledger.apply(seq, d.effects());
    return new Receipt(seq, late, d.outcome(), false);
  }

  private Future<Void> journal(SqlConnection c, long seq, Report r, Instant now, boolean late, Decision d) {
    Effects fx = d.effects();
    Future<?> chain = Future.succeededFuture();
    List<Tuple> batches = new ArrayList<>();
    for (Batch b : fx.newBatches()) {
      batches.add(Tuple.of(b.ref(), b.productId(), b.batch(), b.expiry()));
    }
    if (!batches.isEmpty()) {
      chain = c.preparedQuery("insert into batch (ref, product_id, batch, expiry) values ($1, $2, $3, $4)")
          .executeBatch(batches);
    }
    for (int recalled : fx.recalledBatches()) {
      chain = chain.compose(v -> c.preparedQuery("update batch set recalled = true where ref = $1")
          .execute(Tuple.of(recalled)));
    }
    return chain.compose(v -> c.preparedQuery("insert into journal (seq, kind, facility, occurred_at, received_at,"
            + " late, idempotency_key, outcome, effects, details) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .execute(Tuple.from(new Object[] {seq, r.kind(), r.facility(), OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC),
            OffsetDateTime.ofInstant(now, ZoneOffset.UTC), late, r.idempotencyKey(),
            OutcomeJson.encode(d.outcome()), Buffer.buffer(fx.encode()), r.details()})))
        .mapEmpty();
  }

  /** Applies every journal event after the store's position, in order. Writer thread only. */
  private void replay() throws Exception {
    while (true) {
      RowSet<Row> rows = await(pool.preparedQuery("select seq, effects from journal where seq > $1 order by seq limit $2")
          .execute(Tuple.of(ledger.sequence(), REPLAY_PAGE)));
      if (rows.size() == 0) {
        return;
      }
      for (Row row : rows) {
        ledger.apply(row.getLong("seq"), Effects.decode(row.getBuffer("effects").getBytes()));
      }
    }
  }

  private static Future<Void> loadReferenceData(Pool pool, ReferenceData ref) {
    return pool.query("select ref, partner_id, type from facility").execute()
        .map(rows -> {
          rows.forEach(r -> ref.addFacility(new Facility(r.getInteger("ref"), r.getString("partner_id"),
              FacilityType.valueOf(r.getString("type")))));
          return null;
        })
        .compose(v -> pool.query("select p.id, p.nie, coalesce(f.ref, 0) as holder from product p"
            + " left join facility f on f.partner_id = p.holder").execute())
        .map(rows -> {
          rows.forEach(r -> ref.addProduct(new Product(r.getInteger("id"), r.getString("nie"), r.getInteger("holder"))));
          return null;
        })
        .compose(v -> pool.query("select gtin, product_id from product_gtin").execute())
        .map(rows -> {
          rows.forEach(r -> ref.addGtin(r.getString("gtin"), r.getInteger("product_id")));
          return null;
        })
        .compose(v -> pool.query("select ref, product_id, batch, expiry, recalled from batch").execute())
        .map(rows -> {
          rows.forEach(r -> {
            Batch b = ref.addBatch(new Batch(r.getInteger("ref"), r.getInteger("product_id"), r.getString("batch"),
                r.getLocalDate("expiry")));
            if (r.getBoolean("recalled")) {
              ref.recall(b.ref());
            }
          });
          return null;
        })
        .compose(v -> PgIssuanceService.all(pool))
        .map(list -> {
          for (Issuance i : list) {
            ref.addIssuance(i);
          }
          return null;
        });
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(DB_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Stops taking reports once those already submitted are done. */
  @Override
  public void close() throws InterruptedException {
    writer.shutdown();
    writer.awaitTermination(60, TimeUnit.SECONDS);
  }
}
