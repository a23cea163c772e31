package io.lacak.api.http;

import io.lacak.core.journal.ShardLease;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;

/**
 * Issue 21: what a cluster node ({@code LACAK_NODE}) is to shard 0 now, for the HTTP side: a
 * {@link Role#STANDBY} (it never held the lease since it started), the {@link Role#OWNER}, or
 * {@link Role#REPLACED} (another node took the lease from it). Anything but the owner forwards
 * {@code /api/} to the owner ({@link Forwarder}); {@code /health} names the role and the owner.
 *
 * <p>{@code ShardNode shard = ShardNode.create(vertx, pool, "b", lease); shard.took(held);}
 */
public final class ShardNode {

    /** What this node is to the shard. */
    public enum Role {
        STANDBY,
        OWNER,
        REPLACED
    }

    private final Pool pool;
    private final String node;
    private final Forwarder forwarder;
    /** The leases this node took, one per shard (all held together), or {@code null} while a standby. */
    private volatile List<ShardLease> leases;
    /** A standby's followed stores, for {@code /health}; {@code null} while it has none. */
    private volatile java.util.function.Supplier<io.vertx.core.json.JsonArray> following;

    private ShardNode(Vertx vertx, Pool pool, String node, Duration lease) {
        this.pool = pool;
        this.node = node;
        this.forwarder = Forwarder.create(vertx, pool, node, this::owns, lease);
    }

    /** {@code lease}: how long the shard's lease lasts ({@code LACAK_LEASE}). */
    public static ShardNode create(Vertx vertx, Pool pool, String node, Duration lease) {
        return new ShardNode(vertx, pool, node, lease);
    }

    /** From now on this node owns its shards, until one of {@code leases} is lost. */
    public void took(List<ShardLease> leases) {
        this.leases = List.copyOf(leases);
    }

    /**
     * A standby keeps its own copy of the shards' stores, following the owner's journal: {@code
     * applied} lists each one's applied sequence ({@code /health}'s {@code following}).
     */
    public void following(java.util.function.Supplier<io.vertx.core.json.JsonArray> applied) {
        this.following = applied;
    }

    public Role role() {
        List<ShardLease> l = leases;
        return l == null ? Role.STANDBY : l.stream().allMatch(ShardLease::held) ? Role.OWNER : Role.REPLACED;
    }

    /** Only the owner answers {@code /api/} itself; a standby on its way to owning (replaying) still forwards. */
    boolean owns() {
        return role() == Role.OWNER;
    }

    public String node() {
        return node;
    }

    Forwarder forwarder() {
        return forwarder;
    }

    /** {@code {"node", "role", "owner": {"node", "address", "epoch", "live"}}}, for {@code /health}. */
    Future<JsonObject> health() {
        JsonObject shard = new JsonObject().put("shard", 0).put("node", node).put("role", role().name());
        var applied = following;
        if (applied != null && role() == Role.STANDBY) {
            shard.put("following", applied.get());
        }
        return ShardLease.owner(pool, 0)
                .map(o -> o == null
                        ? shard
                        : shard.put(
                                "owner",
                                new JsonObject()
                                        .put("node", o.node())
                                        .put("address", o.address())
                                        .put("epoch", o.epoch())
                                        .put("live", o.live())));
    }
}
