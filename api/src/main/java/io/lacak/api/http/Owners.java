package io.lacak.api.http;

import io.lacak.core.journal.ShardLease;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Issue 21: each shard's owner as {@code shard_lease} names it, for the {@link Forwarder}: looked up
 * at most a second ago, or again after it failed to answer ({@link #forget}).
 *
 * <p>{@code owners.of(1).onSuccess(o -> send(o.address()))}
 */
final class Owners {

    /** An owner's address is looked up again after this long. */
    private static final long CACHE_NANOS = Duration.ofSeconds(1).toNanos();

    private final Pool pool;
    private final Map<Integer, ShardLease.Owner> owners = new HashMap<>();
    private final Map<Integer, Long> since = new HashMap<>();

    Owners(Pool pool) {
        this.pool = pool;
    }

    /** Shard {@code shard}'s owner; {@code null} when no node ever took it. */
    Future<ShardLease.Owner> of(int shard) {
        synchronized (this) {
            ShardLease.Owner o = owners.get(shard);
            if (o != null && System.nanoTime() - since.get(shard) < CACHE_NANOS) {
                return Future.succeededFuture(o);
            }
        }
        return ShardLease.owner(pool, shard).onSuccess(o -> {
            synchronized (this) {
                if (o != null) {
                    owners.put(shard, o);
                    since.put(shard, System.nanoTime());
                }
            }
        });
    }

    /** Shard {@code shard}'s owner is looked up again next time. */
    synchronized void forget(int shard) {
        owners.remove(shard);
    }

    /** Every owner is looked up again next time. */
    synchronized void forgetAll() {
        owners.clear();
    }
}
