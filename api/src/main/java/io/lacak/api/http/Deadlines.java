package io.lacak.api.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The time limits Vert.x lacks (issue 15). The idle timeout of the server's options closes a
 * connection that sends nothing; a request head sent a byte at a time keeps it open, so here a
 * connection must complete a request head within the header timeout of its opening or of the end
 * of its last answer (closed beyond). A request body must end within the body timeout of its head
 * (the upload timeout for CSV uploads): beyond, 408 and the connection closed, which makes the
 * routes delete their partial files. One periodic check on the server's event loop, no timer per
 * request. Every answer says {@code Keep-Alive: timeout=N}, N a second under the header timeout (at least 1),
 * so that a client keeping the connection for its next request closes it before this does, rather
 * than send on a connection as it is being closed.
 *
 * <p>{@code server.connectionHandler(deadlines::opened); root.route().handler(deadlines);}
 */
final class Deadlines implements Handler<RoutingContext> {

    /** A routing-context key set on a request whose body timed out: its answer is the 408 written here. */
    static final String EXPIRED = "lacak.body.expired";

    /** CSV uploads stream up to LACAK_UPLOAD_LIMIT bytes: they get the longer timeout. */
    static final String UPLOADS = "/api/v1/uploads/";

    private final Vertx vertx;
    private final long headerNanos;
    /** The {@code Keep-Alive} header of every answer. */
    private final String keepAlive;

    private final Duration body;
    private final Duration upload;
    /** Open connections; touched on the server's event loop only. */
    private final Map<HttpConnection, Watch> connections = new HashMap<>();
    /** Requests whose bodies are still arriving. */
    private final Set<Pending> bodies = new LinkedHashSet<>();

    private long timer = -1;

    private static final class Watch {
        int inFlight;
        long idleSince = System.nanoTime();
    }

    private record Pending(RoutingContext ctx, long deadline, Duration timeout) {}

    Deadlines(Vertx vertx, Duration header, Duration body, Duration upload) {
        this.vertx = vertx;
        this.headerNanos = header.toNanos();
        this.keepAlive = "timeout=" + Math.max(1, header.toSeconds() - 1); // 0 would mean "no limit" to some
        this.body = body;
        this.upload = upload;
    }

    /** Checks a quarter of the shortest limit apart (10 ms to 1 s): a limit is kept to within a quarter or a second. */
    void start() {
        long shortest = Math.min(headerNanos, Math.min(body.toNanos(), upload.toNanos())) / 1_000_000;
        timer = vertx.setPeriodic(Math.max(10, Math.min(1000, shortest / 4)), t -> check());
    }

    void stop() {
        vertx.cancelTimer(timer);
    }

    /** Connections open: a gauge read when metrics are scraped (a racy read of a size, good enough for a gauge). */
    double open() {
        return connections.size();
    }

    /**
     * Takes over the connections and bodies {@code old} watched, the router this one replaces on the
     * same server (issue 21, a standby turning owner): their clocks go on here. Event loop only.
     */
    void adopt(Deadlines old) {
        old.connections.forEach((conn, w) -> {
            connections.put(conn, w);
            conn.closeHandler(v -> connections.remove(conn));
        });
        bodies.addAll(old.bodies);
        old.connections.clear();
        old.bodies.clear();
    }

    /** The server's connection handler: the head clock starts. */
    void opened(HttpConnection conn) {
        connections.put(conn, new Watch());
        conn.closeHandler(v -> connections.remove(conn));
    }

    /** The first handler of the root router: the head arrived; the body clock starts if a body follows. */
    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        Watch w = connections.get(req.connection());
        if (w != null) {
            w.inFlight++;
        }
        Pending p = null;
        if (hasBody(req)) {
            Duration timeout = req.method() == HttpMethod.POST && req.path().startsWith(UPLOADS) ? upload : body;
            p = new Pending(ctx, System.nanoTime() + timeout.toNanos(), timeout);
            bodies.add(p);
        }
        Pending pending = p;
        ctx.response().putHeader("Keep-Alive", keepAlive);
        ctx.addEndHandler(ar -> {
            if (w != null && --w.inFlight == 0) {
                w.idleSince = System.nanoTime();
            }
            // answered before the body ended (401, 413): its deadline still holds until the body ends
            if (pending != null && (ar.failed() || req.isEnded())) {
                bodies.remove(pending);
            }
        });
        ctx.next();
    }

    private static boolean hasBody(HttpServerRequest req) {
        if (req.isEnded()) {
            return false;
        }
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        return req.headers().contains(HttpHeaders.TRANSFER_ENCODING) || length != null && !length.equals("0");
    }

    private void check() {
        long now = System.nanoTime();
        List<HttpConnection> slow = new ArrayList<>();
        connections.forEach((conn, w) -> {
            if (w.inFlight == 0 && now - w.idleSince > headerNanos) {
                slow.add(conn);
            }
        });
        slow.forEach(conn -> {
            connections.remove(conn);
            conn.close();
        });
        List<Pending> late = new ArrayList<>();
        for (Iterator<Pending> it = bodies.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.ctx().request().isEnded()) {
                it.remove();
            } else if (now - p.deadline() > 0) {
                it.remove();
                late.add(p);
            }
        }
        late.forEach(Deadlines::expire);
    }

    /**
     * 408 when nothing was answered yet, then the connection closes so that the rest of the body is
     * never read. The answer is written, not ended: Vert.x tells a request of its connection's closing
     * only while its response is in progress, and that is what makes the body handler and the upload
     * route delete their partial files.
     */
    private static void expire(Pending p) {
        HttpServerRequest req = p.ctx().request();
        HttpServerResponse resp = p.ctx().response();
        // cancelling fails the request ("Pipe closed"), at once or later: the failure handler leaves it to this 408
        p.ctx().put(EXPIRED, Boolean.TRUE);
        // the body handler's files first, while their streams are open (cancelled after the connection
        // has failed them, Vert.x logs an IllegalStateException from the closed file)
        p.ctx().cancelAndCleanupFileUploads();
        if (resp.headWritten()) {
            req.connection().close();
            return;
        }
        long ms = p.timeout().toMillis();
        Problem problem = new Problem(
                408,
                "BODY_TIMEOUT",
                "the request body did not end within " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms")
                        + " of its head",
                List.of());
        Buffer body = Buffer.buffer(problem.toJson(req.path()).encode());
        resp.setStatusCode(408)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()))
                .write(body)
                .onComplete(v -> req.connection().close());
    }
}
