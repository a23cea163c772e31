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

    private BareServer() {}

    /**
     * {@code GET /stream?lines=N&length=L}: N lines of L bytes, streamed with back-pressure in chunks
     * of 8,192 lines: the floor of any code listing over HTTP.
     */
    private static void stream(io.vertx.ext.web.RoutingContext ctx) {
        long lines = Long.parseLong(ctx.request().getParam("lines"));
        int length = Integer.parseInt(ctx.request().getParam("length"));
        byte[] line = new byte[length];
        java.util.Arrays.fill(line, (byte) 'X');
        line[length - 1] = '\n';
        io.vertx.core.buffer.Buffer chunk = io.vertx.core.buffer.Buffer.buffer(length * 8192);
        for (int i = 0; i < 8192; i++) {
            chunk.appendBytes(line);
        }
        io.vertx.core.http.HttpServerResponse r =
                ctx.response().setChunked(true).putHeader("content-type", "text/plain");
        new Object() {
            long sent;

            void next() {
                while (sent < lines && !r.writeQueueFull()) {
                    long n = Math.min(8192, lines - sent);
                    r.write(n == 8192 ? chunk : chunk.getBuffer(0, (int) n * length));
                    sent += n;
                }
                if (sent < lines) {
                    r.drainHandler(v -> next());
                } else {
                    r.end();
                }
            }
        }.next();
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20));
        router.post("/*").handler(ctx -> {
            JsonObject body = ctx.body().asJsonObject();
            ctx.response()
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject()
                            .put("sequence", 0)
                            .put("members", body.size())
                            .encode());
        });
        router.get("/stream").handler(BareServer::stream);
        router.get("/*").handler(ctx -> ctx.response()
                .putHeader("content-type", "application/json")
                .end("{\"status\":\"UP\"}"));
        vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onSuccess(s -> {
            System.out.println("Bare Vert.x listening on http://127.0.0.1:" + s.actualPort());
            System.out.flush();
        });
    }
}
