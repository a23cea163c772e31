package io.lacak.core.journal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Issue 21: a node's lease on a shard, the right to be its single writer, kept in {@code
 * shard_lease} and timed by the database's clock alone (no two machines' clocks are compared). A
 * node takes a free or expired lease by raising its epoch; it renews every third of the lease
 * time, and in every journal commit ({@link #check}), conditioned on its node and epoch, so once
 * another node has taken the shard not one more group of the old owner commits. A node with
 * several shards ({@code LACAK_SHARDS}) takes all of their leases together or none, and each
 * shard's writer is fenced by its own.
 *
 * <p>{@code ShardLease.acquire(vertx, pool, 0, "node-a", "http://10.0.0.5:8080", Duration.ofSeconds(10))}
 * waits until it holds shard 0.
 */
public final class ShardLease implements Sequencer.Fence {

    private static final Logger LOG = Logger.getLogger(ShardLease.class.getName());

    private static final String RENEW = "update shard_lease set expires_at = now() + $4 * interval '1 millisecond'"
            + " where shard = $1 and node = $2 and epoch = $3"; // the epoch is the fence: only a taker raises it

    private final Pool pool;
    private final int shard;
    private final String node;
    private final long epoch;
    private final Duration lease;
    /** False from the first renewal refused: another node has the shard. */
    private volatile boolean held = true;

    private ShardLease(Pool pool, int shard, String node, long epoch, Duration lease) {
        this.pool = pool;
        this.shard = shard;
        this.node = node;
        this.epoch = epoch;
        this.lease = lease;
    }

    /** The lease was lost: another node holds the shard, or it ran out before it was renewed. */
    public static final class Lost extends IllegalStateException {
        Lost(int shard, String node, long epoch) {
            super("node " + node + " no longer holds shard " + shard + " (epoch " + epoch
                    + "): another node writes it now");
        }
    }

    /** Who holds a shard, as {@code shard_lease} says: {@code live} while its lease has not run out. */
    public record Owner(String node, String address, long epoch, boolean live) {}

    /**
     * The shard's holder by the database's clock; {@code null} when no node ever took it. A node
     * that does not own the shard forwards to {@code address} while {@code live}.
     */
    public static Future<Owner> owner(SqlClient c, int shard) {
        return c.preparedQuery("select node, address, epoch, expires_at > now() from shard_lease where shard = $1")
                .execute(Tuple.of(shard))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var r = rows.iterator().next();
                    return r.getString(0).isEmpty()
                            ? null
                            : new Owner(r.getString(0), r.getString(1), r.getLong(2), r.getBoolean(3));
                });
    }

    /**
     * Waits until {@code node} holds {@code shard}: at once if it is free, expired or this node's
     * own (a restart), else when the holder's lease runs out. Tries every third of the lease time.
     */
    public static Future<ShardLease> acquire(
            Vertx vertx, Pool pool, int shard, String node, String address, Duration lease) {
        return acquire(vertx, pool, List.of(shard), node, address, lease).map(held -> held.get(0));
    }

    /** As {@link #acquire(Vertx, Pool, int, String, String, Duration)}, every one of {@code shards} together. */
    public static Future<List<ShardLease>> acquire(
            Vertx vertx, Pool pool, List<Integer> shards, String node, String address, Duration lease) {
        Promise<List<ShardLease>> held = Promise.promise();
        attempt(vertx, pool, shards, node, address, lease, held);
        return held.future();
    }

    /**
     * One try: {@code node} holds {@code shard} when it is free, expired or this node's own; else
     * {@code null} (another node holds it).
     */
    public static Future<ShardLease> tryAcquire(Pool pool, int shard, String node, String address, Duration lease) {
        return tryAcquire(pool, List.of(shard), node, address, lease).map(held -> held == null ? null : held.get(0));
    }

    /**
     * One try at every one of {@code shards} together, in one transaction: all of them when each is
     * free, expired or this node's own, else none ({@code null}), so that two nodes never split a
     * node's shards between them by a race. Epochs raised, the leases in {@code shards}' order.
     */
    public static Future<List<ShardLease>> tryAcquire(
            Pool pool, List<Integer> shards, String node, String address, Duration lease) {
        List<Tuple> rows = shards.stream().map(Tuple::of).toList();
        return pool.withTransaction(c -> c.preparedQuery(
                                "insert into shard_lease (shard, node, address, epoch, expires_at)"
                                        + " values ($1, '', '', 0, '-infinity') on conflict (shard) do nothing")
                        .executeBatch(rows)
                        .compose(v -> c.preparedQuery(
                                        "update shard_lease set node = $2, address = $3, epoch = epoch + 1,"
                                                + " expires_at = now() + $4 * interval '1 millisecond'"
                                                + " where shard = any($1) and (expires_at <= now() or node = $2)"
                                                + " returning shard, epoch")
                                .execute(Tuple.of(shards.toArray(Integer[]::new), node, address, lease.toMillis())))
                        .compose(taken -> {
                            if (taken.size() != shards.size()) { // another node holds one: take none
                                return Future.failedFuture(new HeldElsewhere());
                            }
                            Map<Integer, Long> epochs = new HashMap<>();
                            taken.forEach(r -> epochs.put(r.getInteger(0), r.getLong(1)));
                            List<ShardLease> held = new ArrayList<>(shards.size());
                            for (int shard : shards) {
                                held.add(new ShardLease(pool, shard, node, epochs.get(shard), lease));
                            }
                            return Future.succeededFuture(held);
                        }))
                .map(held -> {
                    LOG.info(() -> "node " + node + " holds shards " + shards + " (epochs "
                            + held.stream().map(l -> l.epoch).toList() + ")");
                    return held;
                })
                .recover(e -> {
                    if (e instanceof HeldElsewhere) {
                        LOG.fine(() -> "shards " + shards + ": one is held by another node; waiting");
                        return Future.succeededFuture(null);
                    }
                    return Future.failedFuture(e);
                });
    }

    /** The transaction of {@link #tryAcquire(Pool, List, String, String, Duration)} rolled back: not all were free. */
    private static final class HeldElsewhere extends RuntimeException {
        HeldElsewhere() {
            super(null, null, false, false);
        }
    }

    private static void attempt(
            Vertx vertx,
            Pool pool,
            List<Integer> shards,
            String node,
            String address,
            Duration lease,
            Promise<List<ShardLease>> held) {
        tryAcquire(pool, shards, node, address, lease).onFailure(held::tryFail).onSuccess(l -> {
            if (l != null) {
                held.tryComplete(l);
                return;
            }
            vertx.setTimer(
                    Math.max(1, lease.toMillis() / 3), t -> attempt(vertx, pool, shards, node, address, lease, held));
        });
    }

    /** Renews the lease; fails with {@link Lost} when it is no longer this node's. */
    public Future<Void> renew() {
        return renew(pool);
    }

    /** In the journal commit's transaction: the commit happens only while the lease is still this node's. */
    @Override
    public Future<Void> check(SqlConnection c) {
        return renew(c);
    }

    private Future<Void> renew(SqlClient c) {
        return c.preparedQuery(RENEW)
                .execute(Tuple.of(shard, node, epoch, lease.toMillis()))
                .compose(rows -> {
                    if (rows.rowCount() == 1) {
                        return Future.succeededFuture();
                    }
                    held = false;
                    return Future.failedFuture(new Lost(shard, node, epoch));
                });
    }

    /**
     * Gives the shard back: its lease runs out now, so another node may take it at once (a node whose
     * takeover failed). This node writes it no more.
     */
    public Future<Void> release() {
        held = false;
        return pool.preparedQuery(
                        "update shard_lease set expires_at = now() where shard = $1 and node = $2 and epoch = $3")
                .execute(Tuple.of(shard, node, epoch))
                .mapEmpty();
    }

    /** Until a renewal (between commits or in one) is refused: then another node writes the shard. */
    public boolean held() {
        return held;
    }

    public String node() {
        return node;
    }

    /** How often {@link #renew} should run: a third of the lease. */
    public Duration renewEvery() {
        return lease.dividedBy(3);
    }

    public int shard() {
        return shard;
    }

    public long epoch() {
        return epoch;
    }
}
