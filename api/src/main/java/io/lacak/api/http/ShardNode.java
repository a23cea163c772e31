package io.lacak.api.http;

import io.lacak.core.journal.ShardLease;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Issue 21: what a cluster node ({@code LACAK_NODE}) is to its shards ({@code LACAK_NODE_SHARDS})
 * now, for the HTTP side: a {@link Role#STANDBY} (it never held their leases since it started), the
 * {@link Role#OWNER}, or {@link Role#REPLACED} (another node took a lease from it). A node that does
 * not own shard 0 forwards {@code /api/} to shard 0's owner, the registry ({@link Forwarder}), which
 * sends a shard's requests on to its owner; {@code /health} names the role and the registry.
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
    private volatile Supplier<JsonObject> following;
    /** Why this node could not take its shards over; {@code null} while nothing failed. */
    private volatile String failure;

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
     * state}'s members ({@code following}: each one's applied sequence; its lag) join {@code /health}'s.
     */
    public void following(Supplier<JsonObject> state) {
        this.following = state;
    }

    /** This node tried to take its shards over and could not: {@code /health} says DOWN and why. */
    public void failed(String why) {
        this.failure = why;
    }

    /** Why taking the shards over failed, or {@code null}. */
    String failure() {
        return failure;
    }

    public Role role() {
        List<ShardLease> l = leases;
        return l == null ? Role.STANDBY : l.stream().allMatch(ShardLease::held) ? Role.OWNER : Role.REPLACED;
    }

    /**
     * Whether this node writes shard {@code n} now: it holds every lease it took (one lost, it writes
     * none) and one of them is {@code n}'s. A standby on its way to owning (replaying) still forwards.
     */
    boolean owns(int n) {
        List<ShardLease> l = leases;
        if (l == null || !l.stream().allMatch(ShardLease::held)) {
            return false;
        }
        for (ShardLease lease : l) {
            if (lease.shard() == n) {
                return true;
            }
        }
        return false;
    }

    public String node() {
        return node;
    }

    public Forwarder forwarder() {
        return forwarder;
    }

    /**
     * {@code {"node", "role", "shards", "owner": {"node", "address", "epoch", "live"}}}, for {@code
     * /health}: {@code shards} those this node writes (issue 21), {@code owner} shard 0's (the
     * registry, where requests go first).
     */
    Future<JsonObject> health() {
        JsonObject shard = new JsonObject().put("node", node).put("role", role().name());
        List<ShardLease> l = leases;
        if (l != null) {
            shard.put(
                    "shards",
                    new io.vertx.core.json.JsonArray(
                            l.stream().map(ShardLease::shard).toList()));
        }
        var state = following;
        if (state != null && role() == Role.STANDBY) {
            shard.mergeIn(state.get());
        }
        if (failure != null) {
            shard.put("failure", failure);
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
