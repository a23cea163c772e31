package io.lacak.api.http;

import io.lacak.core.db.Database;
import io.lacak.core.store.CodeStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The HTTP server: route table first, each route a short handler. */
public final class ApiVerticle extends VerticleBase {

  private final String host;
  private final int requestedPort;
  private final Database database;
  private final CodeStore store;
  private HttpServer server;

  public ApiVerticle(String host, int port, Database database, CodeStore store) {
    this.host = host;
    this.requestedPort = port;
    this.database = database;
    this.store = store;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(this::health);
    return vertx.createHttpServer().requestHandler(router).listen(requestedPort, host)
        .onSuccess(s -> server = s);
  }

  /** The port actually bound (the requested one, or the free one picked for port 0). */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  /** {@code GET /health}: the store, the journal position, and Postgres. 503 when Postgres does not answer. */
  private void health(RoutingContext ctx) {
    JsonObject storeInfo = new JsonObject().put("codes", store.size()).put("capacity", store.capacity())
        .put("generations", store.generations()).put("appliedSequence", store.appliedSequence());
    database.pool().query("select coalesce(max(seq), 0) from journal").execute()
        .map(rows -> new JsonObject().put("status", "UP").put("store", storeInfo)
            .put("journal", new JsonObject().put("lastSequence", rows.iterator().next().getLong(0)))
            .put("postgres", "UP"))
        .otherwise(e -> new JsonObject().put("status", "DOWN").put("store", storeInfo).put("postgres", "DOWN"))
        .onSuccess(body -> ctx.response().setStatusCode(body.getString("status").equals("UP") ? 200 : 503)
            .putHeader("content-type", "application/json").end(body.encode()));
  }
}
