package io.lacak.benchmarks.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The baseline of the end-to-end scenarios: a bare Vert.x JSON route on loopback that reads the
 * request body as JSON and answers a small JSON object — what any Vert.x route costs, with no
 * auth, validation, decision or durability.
 */
public final class BareServer {

  private BareServer() {
  }

  public static void main(String[] args) {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20));
    router.post("/*").handler(ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      ctx.response().putHeader("content-type", "application/json")
          .end(new JsonObject().put("sequence", 0).put("members", body.size()).encode());
    });
    router.get("/*").handler(ctx -> ctx.response().putHeader("content-type", "application/json").end("{\"status\":\"UP\"}"));
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onSuccess(s -> {
      System.out.println("Bare Vert.x listening on http://127.0.0.1:" + s.actualPort());
      System.out.flush();
    });
  }
}
