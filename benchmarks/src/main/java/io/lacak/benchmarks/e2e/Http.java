package io.lacak.benchmarks.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Blocking calls for setting scenarios up over loopback, as a client would. */
final class Http implements AutoCloseable {

    private final HttpClient client;
    private final int port;
    private final io.vertx.core.file.FileSystem vertxFs;
    private final Vertx vertx;

    Http(Vertx vertx, int port) {
        this.vertx = vertx;
        this.vertxFs = vertx.fileSystem();
        this.client = vertx.createHttpClient();
        this.port = port;
    }

    int port() {
        return port;
    }

    JsonObject post(String path, String apiKey, JsonObject body) throws Exception {
        Buffer answer = call(HttpMethod.POST, path, apiKey, Buffer.buffer(body.encode()));
        return new JsonObject(answer);
    }

    JsonObject get(String path, String apiKey) throws Exception {
        return new JsonObject(call(HttpMethod.GET, path, apiKey, null));
    }

    List<String> lines(String path, String apiKey) throws Exception {
        return List.of(call(HttpMethod.GET, path, apiKey, null).toString().split("\n"));
    }

    /** Streams a file as a text/csv body; returns the answer. */
    String upload(String path, String apiKey, java.nio.file.Path file) throws Exception {
        RequestOptions o = new RequestOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(path)
                .setMethod(HttpMethod.POST)
                .putHeader("content-type", "text/csv")
                .putHeader("X-API-Key", apiKey)
                .putHeader("Content-Length", String.valueOf(java.nio.file.Files.size(file)));
        HttpClient once = vertx.createHttpClient(); // its own connection, closed after the upload
        Object[] result;
        try {
            result = vertxFs.open(file.toString(), new io.vertx.core.file.OpenOptions().setRead(true))
                    .compose(f -> once.request(o).compose(req -> req.send(f)))
                    .compose((HttpClientResponse r) -> r.body().map(b -> new Object[] {r.statusCode(), b}))
                    .await(10, TimeUnit.MINUTES);
        } finally {
            once.close().await(30, TimeUnit.SECONDS);
        }
        if ((int) result[0] != 202) {
            throw new IllegalStateException("upload -> " + result[0] + " " + result[1]);
        }
        return result[1].toString();
    }

    /** Sends and waits; returns the elapsed nanoseconds through {@code elapsed[0]} when given. */
    /** Streams a GET answer without keeping it: {lines, bytes}. */
    long[] stream(String path, String apiKey) throws Exception {
        RequestOptions o = new RequestOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(path)
                .setMethod(HttpMethod.GET);
        if (apiKey != null) {
            o.putHeader("X-API-Key", apiKey);
        }
        long[] counts = new long[2];
        return client.request(o)
                .compose(HttpClientRequest::send)
                .compose(r -> {
                    if (r.statusCode() != 200) {
                        return io.vertx.core.Future.failedFuture("GET " + path + " -> " + r.statusCode());
                    }
                    io.vertx.core.Promise<long[]> done = io.vertx.core.Promise.promise();
                    r.handler(b -> {
                        counts[1] += b.length();
                        for (int i = 0; i < b.length(); i++) {
                            if (b.getByte(i) == '\n') {
                                counts[0]++;
                            }
                        }
                    });
                    r.endHandler(v -> done.complete(counts));
                    r.exceptionHandler(done::fail);
                    return done.future();
                })
                .await(30, TimeUnit.MINUTES);
    }

    Buffer call(HttpMethod method, String path, String apiKey, Buffer body) throws Exception {
        RequestOptions o = new RequestOptions()
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(path)
                .setMethod(method)
                .putHeader("content-type", "application/json");
        if (apiKey != null) {
            o.putHeader("X-API-Key", apiKey);
        }
        Object[] result = client.request(o)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose((HttpClientResponse r) -> r.body().map(b -> new Object[] {r.statusCode(), b}))
                .await(10, TimeUnit.MINUTES);
        if ((int) result[0] >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + result[0] + " " + result[1]);
        }
        return (Buffer) result[1];
    }

    @Override
    public void close() throws Exception {
        client.close().await(30, TimeUnit.SECONDS);
    }
}
