package io.lacak.benchmarks.e2e;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator: {@code connections} requests in flight on as many keep-alive
 * connections, each sent again as soon as its answer arrives, for a fixed time or until the
 * request supplier runs dry. Latencies are kept per request (from send to full body).
 */
final class Load {

    /** What a run measured. */
    record Result(long requests, long errors, double seconds, double perSecond, double p50Ms, double p99Ms) {}

    private final Vertx vertx;

    Load(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Runs against {@code port}: {@code body.apply(i)} gives the i-th request body ({@code null}
     * ends the run early). Answers other than 200 count as errors.
     */
    Result run(int port, String path, String apiKey, int connections, long millis, IntFunction<Buffer> body)
            throws Exception {
        return run(
                port,
                HttpMethod.POST,
                path,
                apiKey == null ? Map.of() : Map.of("X-API-Key", apiKey),
                connections,
                millis,
                body);
    }

    /** As {@link #run(int, String, String, int, long, IntFunction)}, with any method and request headers. */
    Result run(
            int port,
            HttpMethod method,
            String path,
            Map<String, String> headers,
            int connections,
            long millis,
            IntFunction<Buffer> body)
            throws Exception {
        return start(port, method, path, headers, connections, millis, body)
                .await(millis + 150_000, TimeUnit.MILLISECONDS);
    }

    /** The same run, started and not waited for (a load beside another); its client closes when it ends. */
    Future<Result> start(
            int port,
            HttpMethod method,
            String path,
            Map<String, String> headers,
            int connections,
            long millis,
            IntFunction<Buffer> body) {
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
        Context ctx = vertx.getOrCreateContext();
        Promise<Result> done = Promise.promise();
        ctx.runOnContext(v -> new Run(client, port, method, path, headers, connections, millis, body, done).start());
        return done.future().eventually(() -> client.close());
    }

    /**
     * An open-loop load (issue 18): {@code perSecond} requests a second sent on schedule, whatever
     * the answers, from when it starts until {@code until} completes or {@code body} runs dry; its
     * latencies show whether anyone waits behind the writer.
     */
    Future<Result> steady(
            int port, String path, String apiKey, int perSecond, Future<?> until, IntFunction<Buffer> body) {
        return steady(port, path, apiKey, perSecond, until, body, null);
    }

    /**
     * As {@link #steady(int, String, String, int, Future, IntFunction)}, each request's due, send
     * and answer times kept in {@code trace} when it is not {@code null} (to set the slow ones
     * beside what the server and Postgres did at the time).
     */
    Future<Result> steady(
            int port,
            String path,
            String apiKey,
            int perSecond,
            Future<?> until,
            IntFunction<Buffer> body,
            Trace trace) {
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(256));
        Promise<Result> done = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> {
            RequestOptions options = new RequestOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setURI(path)
                    .setMethod(HttpMethod.POST)
                    .putHeader("content-type", "application/json");
            if (apiKey != null) {
                options.putHeader("X-API-Key", apiKey);
            }
            Run run = new Run(client, port, HttpMethod.POST, path, Map.of(), 0, Long.MAX_VALUE / 4, body, done);
            long start = System.nanoTime();
            long[] sent = {0};
            vertx.setPeriodic(1, id -> {
                long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
                while (sent[0] < due && !run.stopped) {
                    Buffer b = until.isComplete() ? null : body.apply((int) sent[0]);
                    if (b == null) {
                        run.stopped = true;
                        vertx.cancelTimer(id);
                        if (run.inFlight == 0) {
                            run.finish();
                        }
                        return;
                    }
                    long i = sent[0]++;
                    long dueAt = start + i * 1_000_000_000L / perSecond;
                    run.inFlight++;
                    long t0 = System.nanoTime();
                    client.request(options)
                            .compose(req ->
                                    req.send(b).compose(resp -> resp.body().map(x -> resp.statusCode())))
                            .onComplete(ar -> {
                                run.inFlight--;
                                long t1 = System.nanoTime();
                                // from when it was due, not when the timer got to it: a late sender
                                // (its own GC, JIT or a busy core) must not hide a wait (coordinated omission)
                                run.record(t1 - dueAt, ar.succeeded() && ar.result() == 200);
                                if (trace != null) {
                                    trace.add(dueAt, t0, t1, ar.succeeded() ? ar.result() : -1);
                                }
                                if (run.stopped && run.inFlight == 0) {
                                    run.finish();
                                }
                            });
                }
            });
        });
        return done.future().eventually(() -> client.close());
    }

    private static final class Run {
        final HttpClient client;
        final RequestOptions options;
        final int connections;
        final long deadline;
        final IntFunction<Buffer> body;
        final Promise<Result> done;
        long[] latencies = new long[1 << 16];
        int next;
        long count;
        long errors;
        int inFlight;
        final long start = System.nanoTime();
        boolean stopped;

        Run(
                HttpClient client,
                int port,
                HttpMethod method,
                String path,
                Map<String, String> headers,
                int connections,
                long millis,
                IntFunction<Buffer> body,
                Promise<Result> done) {
            this.client = client;
            this.options = new RequestOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setURI(path)
                    .setMethod(method);
            if (method == HttpMethod.POST) {
                options.putHeader("content-type", "application/json");
            }
            headers.forEach(options::putHeader);
            this.connections = connections;
            this.deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
            this.body = body;
            this.done = done;
        }

        void start() {
            for (int i = 0; i < connections; i++) {
                send();
            }
        }

        void send() {
            Buffer b = System.nanoTime() < deadline ? body.apply(next) : null;
            if (b == null) {
                stopped = true;
                if (inFlight == 0) {
                    finish();
                }
                return;
            }
            next++;
            inFlight++;
            long t0 = System.nanoTime();
            client.request(options)
                    .compose(req -> (b.length() == 0 ? req.send() : req.send(b))
                            .compose(resp -> resp.body().map(x -> resp.statusCode())))
                    .onComplete(ar -> {
                        inFlight--;
                        record(System.nanoTime() - t0, ar.succeeded() && ar.result() == 200);
                        if (stopped) {
                            if (inFlight == 0) {
                                finish();
                            }
                        } else {
                            send();
                        }
                    });
        }

        void record(long nanos, boolean ok) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[(int) count++] = nanos;
            if (!ok) {
                errors++;
            }
        }

        void finish() {
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = Arrays.copyOf(latencies, (int) count);
            Arrays.sort(sorted);
            done.tryComplete(new Result(
                    count, errors, seconds, count / seconds, percentile(sorted, 0.50), percentile(sorted, 0.99)));
        }

        static double percentile(long[] sorted, double p) {
            return sorted.length == 0
                    ? 0
                    : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
        }
    }
}
