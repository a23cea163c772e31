package io.lacak.api.http;

import io.lacak.api.LacakConfig;
import io.lacak.api.Services;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.store.CodeStore;
import io.lacak.ingest.upload.UploadJobs;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Tuple;

/** {@code GET /health} of a node that writes (or wrote) the shard: {@code root.get("/health").handler(new Health(config, services, shard))}. */
final class Health implements Handler<RoutingContext> {

    private final LacakConfig config;
    private final Services s;
    private final ShardNode shard;

    /** {@code shard}: {@code null} on the only node. */
    Health(LacakConfig config, Services services, ShardNode shard) {
        this.config = config;
        this.s = services;
        this.shard = shard;
    }

    /**
     * {@code GET /health}: the writer, the ingest threads, the store with the disk left under it, the
     * journal position and how far custody and notifications follow it, and Postgres. 503 when Postgres does not answer or the writer is down.
     */
    @Override
    public void handle(RoutingContext ctx) {
        CodeStore store = s.store();
        JsonObject storeInfo = new JsonObject()
                .put("codes", store.size())
                .put("capacity", store.capacity())
                .put("generations", store.generations())
                .put("appliedSequence", store.appliedSequence())
                .put("diskFreeBytes", freeBytes(config.storeOptions().directory()));
        Sequencer.Health w = s.sequencer().health();
        JsonObject writer = new JsonObject()
                .put("status", w.up() ? "UP" : "DOWN")
                .put("queued", w.queued())
                .put("lastError", w.lastError());
        boolean writersUp = w.up();
        if (s.writers().shards().count() > 1) { // issue 21: every shard's writer and store, shard 0's above
            io.vertx.core.json.JsonArray shards = new io.vertx.core.json.JsonArray();
            for (var m : s.writers().members()) {
                Sequencer.Health h = m.sequencer().health();
                writersUp &= h.up();
                shards.add(new JsonObject()
                        .put("shard", m.shard())
                        .put("status", h.up() ? "UP" : "DOWN")
                        .put("queued", h.queued())
                        .put("lastError", h.lastError())
                        .put("codes", m.store().size())
                        .put("appliedSequence", m.store().appliedSequence()));
            }
            writer.put("status", writersUp ? "UP" : "DOWN").put("shards", shards);
        }
        boolean up = writersUp;
        UploadJobs.Health in = s.uploadJobs().health();
        JsonObject ingest =
                new JsonObject().put("status", in.up() ? "UP" : "DOWN").put("running", in.running());
        s.database()
                .pool()
                .preparedQuery("select (select coalesce(max(seq), 0) from journal where shard = $1),"
                        + " (select seq from custody_watermark where shard = $1)")
                .execute(Tuple.of(s.sequencer().shard()))
                .map(rows -> new JsonObject()
                        .put("status", up && in.up() ? "UP" : "DOWN")
                        .put(
                                "journal",
                                new JsonObject()
                                        .put(
                                                "lastSequence",
                                                rows.iterator().next().getLong(0))
                                        // custody and notifications follow the journal in the background
                                        .put(
                                                "custodyIndexedTo",
                                                rows.iterator().next().getLong(1)))
                        .put("postgres", "UP"))
                .otherwise(e -> new JsonObject().put("status", "DOWN").put("postgres", "DOWN"))
                .compose(this::withShard)
                .onSuccess(body -> ctx.response()
                        .setStatusCode(body.getString("status").equals("UP") ? 200 : 503)
                        .putHeader("content-type", "application/json")
                        .end(body.put("writer", writer)
                                .put("ingest", ingest)
                                .put("store", storeInfo)
                                .encode()));
    }

    /** A cluster node's health names its role and the shard's owner; a replaced node is DOWN (restart it). */
    private Future<JsonObject> withShard(JsonObject body) {
        if (shard == null) {
            return Future.succeededFuture(body);
        }
        if (shard.role() != ShardNode.Role.OWNER) {
            body.put("status", "DOWN");
        }
        return shard.health().map(info -> body.put("shard", info)).otherwise(body);
    }

    private static long freeBytes(java.nio.file.Path dir) {
        try {
            return java.nio.file.Files.getFileStore(dir).getUsableSpace();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
