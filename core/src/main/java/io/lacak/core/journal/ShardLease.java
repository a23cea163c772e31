package io.lacak.core.journal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Issue 21: a node's lease on a shard, the right to be its single writer, kept in {@code
 * shard_lease} and timed by the database's clock alone (no two machines' clocks are compared). A
 * node takes a free or expired lease by raising its epoch; it renews every third of the lease
 * time, and in every journal commit ({@link #check}), conditioned on its node and epoch, so once
 * another node has taken the shard not one more group of the old owner commits.
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
        Promise<ShardLease> held = Promise.promise();
        attempt(vertx, pool, shard, node, address, lease, held);
        return held.future();
    }

    /**
     * One try: {@code node} holds {@code shard} when it is free, expired or this node's own; else
     * {@code null} (another node holds it).
     */
    public static Future<ShardLease> tryAcquire(Pool pool, int shard, String node, String address, Duration lease) {
        return pool.preparedQuery("insert into shard_lease (shard, node, address, epoch, expires_at)"
                        + " values ($1, '', '', 0, '-infinity') on conflict (shard) do nothing")
                .execute(Tuple.of(shard))
                .compose(v -> pool.preparedQuery("update shard_lease set node = $2, address = $3, epoch = epoch + 1,"
                                + " expires_at = now() + $4 * interval '1 millisecond'"
                                + " where shard = $1 and (expires_at <= now() or node = $2)"
                                + " returning epoch")
                        .execute(Tuple.of(shard, node, address, lease.toMillis())))
                .map(rows -> {
                    if (rows.size() != 1) {
                        LOG.fine(() -> "shard " + shard + " is held by another node; waiting");
                        return null;
                    }
                    long epoch = rows.iterator().next().getLong(0);
                    LOG.info(() -> "node " + node + " holds shard " + shard + " (epoch " + epoch + ")");
                    return new ShardLease(pool, shard, node, epoch, lease);
                });
    }

    private static void attempt(
            Vertx vertx, Pool pool, int shard, String node, String address, Duration lease, Promise<ShardLease> held) {
        tryAcquire(pool, shard, node, address, lease).onFailure(held::tryFail).onSuccess(l -> {
            if (l != null) {
                held.tryComplete(l);
                return;
            }
            vertx.setTimer(
                    Math.max(1, lease.toMillis() / 3), t -> attempt(vertx, pool, shard, node, address, lease, held));
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
