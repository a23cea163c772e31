package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 15: no client's bad input, however it is sent, hurts another client or the server. */
class HostileClientsTest {

    static final int UPLOAD_LIMIT = 1024 * 1024;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(
                Files.createTempDirectory("lacak-hostile"),
                c -> c.setBodyLimit(256 * 1024).setUploadLimit(UPLOAD_LIMIT).setUploadQuota(UPLOAD_LIMIT * 3 / 2));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void aKeyTheJournalCannotHoldIsA400AndEveryOtherReportInItsGroupGoesThrough() throws Exception {
        String mfr = api.key(MANUFACTURER);
        String pharmacy = api.key(PHARMACY);
        long id = api.post(
                        "/api/v1/code-requests",
                        mfr,
                        new JsonObject()
                                .put("nie", AUTH_NIE)
                                .put("batch", "HC1")
                                .put("expiry", "2028-12-31")
                                .put("primaries", 40)
                                .put("perSecondary", 10)
                                .put("perTertiary", 4))
                .bodyAsJsonObject()
                .getLong("id");
        List<String> primaries = api.codes(id, "primary", mfr);
        List<Future<HttpResponse<Buffer>>> good = new ArrayList<>();
        List<Future<HttpResponse<Buffer>>> bad = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            JsonArray lines = new JsonArray().add(new JsonObject().put("primary", primaries.get(i)));
            good.add(post(
                    "/api/v1/usage-reports",
                    mfr,
                    new JsonObject().put("lines", lines).put("idempotencyKey", "use-" + i)));
            // another facility's malformed sales, sent at the same time so that they would share group commits
            bad.add(post(
                    "/api/v1/sales",
                    pharmacy,
                    new JsonObject()
                            .put("codes", new JsonArray().add(primaries.get(i)))
                            .put("idempotencyKey", i % 2 == 0 ? "a\u0000b" : "k".repeat(129))));
        }
        for (Future<HttpResponse<Buffer>> f : good) {
            HttpResponse<Buffer> r = f.await(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        }
        for (Future<HttpResponse<Buffer>> f : bad) {
            HttpResponse<Buffer> r = f.await(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
            assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
            assertThat(r.bodyAsJsonObject()
                            .getJsonArray("errors")
                            .getJsonObject(0)
                            .getString("field"))
                    .isEqualTo("idempotencyKey");
        }
    }

    @Test
    void anOverLongUploadIsStoppedAtTheLimitWhileItStreams() throws Exception {
        HttpClient http = api.vertx.createHttpClient();
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        int[] sent = {0};
        JsonObject response = http.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1")
                        .setPort(api.lacak.port())
                        .setURI("/api/v1/uploads/usage")
                        .putHeader("X-API-Key", api.key(MANUFACTURER))
                        .putHeader("content-type", "text/csv"))
                .compose(req -> {
                    req.setChunked(true); // no Content-Length: only counting while it streams can stop it
                    Future<HttpClientResponse> answer = req.response();
                    // the 413 is sent and the connection closed while the client still sends: its TCP stack may drop
                    // the answer for the reset, so a closed connection is the other way of being stopped
                    Future<JsonObject> read = answer.compose(
                                    r -> r.body().map(b -> new JsonObject(b).put("httpStatus", r.statusCode())))
                            .recover(e -> Future.succeededFuture(new JsonObject()
                                    .put("httpStatus", 413)
                                    .put("code", "BODY_TOO_LARGE")
                                    .put("closed", e.toString())));
                    api.vertx.setPeriodic(1, t -> {
                        if (sent[0] >= 50 * 1024 * 1024 || answer.isComplete()) {
                            api.vertx.cancelTimer(t);
                            req.end();
                            return;
                        }
                        if (!req.writeQueueFull()) {
                            req.write(Buffer.buffer(chunk));
                            sent[0] += chunk.length;
                        }
                    });
                    return read;
                })
                .await(60, TimeUnit.SECONDS);
        assertThat(response.getInteger("httpStatus")).isEqualTo(413);
        assertThat(response.getString("code")).isEqualTo("BODY_TOO_LARGE");
        assertThat(sent[0]).isLessThan(50 * 1024 * 1024); // answered while the client was still sending
        // the partial file is deleted off the event loop, just after the answer: give it a moment
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Path> left;
        do {
            try (Stream<Path> files = Files.walk(api.dataDir.resolve("uploads"))) {
                left = files.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().startsWith("incoming"))
                        .toList();
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline && sleep(20));
        assertThat(left).isEmpty();
        http.close();
    }

    @Test
    void oneFacilitysUploadsInFlightAreCappedAndALowDiskRefusesUploads() throws Exception {
        HttpClient http = api.vertx.createHttpClient();
        String mfr = api.key(MANUFACTURER);
        io.vertx.core.http.HttpClientRequest slow = http.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1")
                        .setPort(api.lacak.port())
                        .setURI("/api/v1/uploads/usage")
                        .putHeader("X-API-Key", mfr)
                        .putHeader("content-type", "text/csv"))
                .await(30, TimeUnit.SECONDS);
        try {
            slow.setChunked(true);
            slow.write(Buffer.buffer(new byte[768 * 1024])).await(30, TimeUnit.SECONDS);
            Thread.sleep(500); // let the server count what it has received
            // asked first, the way curl sends a big file: refused before a byte of the body is sent (a client
            // that sends at once may lose the answer to the reset of the connection the server closes)
            JsonObject second = askFirst(http, mfr, 800 * 1024);
            assertThat(second.getInteger("httpStatus")).as(second.encode()).isEqualTo(429);
            assertThat(second.getString("code")).isEqualTo("UPLOAD_QUOTA");
            assertThat(second.getBoolean("continued")).isFalse();
        } finally {
            slow.reset(); // whatever happened above: this facility's quota is free again for the other tests
        }
        // the reset connection gives its bytes back: a whole-limit upload, asked first, is let in again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonObject again;
        do {
            again = askFirst(http, mfr, UPLOAD_LIMIT);
        } while (again.getInteger("httpStatus") == 429 && System.nanoTime() < deadline && sleep(50));
        assertThat(again.getBoolean("continued")).isTrue();
        assertThat(again.getInteger("httpStatus")).as(again.encode()).isEqualTo(202);
        http.close();

        try (Api full = new Api(Files.createTempDirectory("lacak-full"), c -> c.setUploadDiskFloor(Long.MAX_VALUE))) {
            HttpResponse<Buffer> r = full.client
                    .post(full.lacak.port(), "127.0.0.1", "/api/v1/uploads/usage")
                    .putHeader("X-API-Key", full.key(MANUFACTURER))
                    .putHeader("content-type", "text/csv")
                    .sendBuffer(Buffer.buffer("x\n"))
                    .await(30, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(507);
            assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("INSUFFICIENT_STORAGE");
        }
    }

    @Test
    void aHugeOrNulCellIsQuotedShortInItsProblemAndTheJobStaysReadable() throws Exception {
        String mfr = api.key(MANUFACTURER);
        String header = "Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,Expiry,Batch,GTIN,Active,"
                + "Retained Sample,Reject\n";
        String row = MANUFACTURER + ",Primer,(90)" + AUTH_NIE + "(10)B1(17)281231(21)" + "X".repeat(900_000) + ",0,0,"
                + AUTH_NIE + ",2028-12-31,B1,,TR\u0000UE,FALSE,FALSE\n";
        HttpResponse<Buffer> r = api.client
                .post(api.lacak.port(), "127.0.0.1", "/api/v1/uploads/usage")
                .putHeader("X-API-Key", mfr)
                .putHeader("content-type", "text/csv")
                .sendBuffer(Buffer.buffer(header + row))
                .await(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        JsonObject job = UploadTestSupport.finished(api, r.bodyAsJsonObject().getLong("id"), mfr, 120);
        assertThat(job.getString("state")).isEqualTo("REFUSED");
        assertThat(job.getJsonArray("problems")).isNotEmpty();
        for (Object p : job.getJsonArray("problems")) {
            String message = ((JsonObject) p).getString("message");
            assertThat(message.length()).isLessThan(300);
            assertThat(message).doesNotContain("\u0000");
        }
        // and it stays readable, again and again
        assertThat(api.get("/api/v1/uploads/" + job.getLong("id"), mfr).statusCode())
                .isEqualTo(200);
    }

    @Test
    void uploadHeadersAreCheckedLikeReports() throws Exception {
        String mfr = api.key(MANUFACTURER);
        HttpResponse<Buffer> longKey = api.client
                .post(api.lacak.port(), "127.0.0.1", "/api/v1/uploads/usage")
                .putHeader("X-API-Key", mfr)
                .putHeader("content-type", "text/csv")
                .putHeader("Idempotency-Key", "k".repeat(129))
                .sendBuffer(Buffer.buffer("x\n"))
                .await(30, TimeUnit.SECONDS);
        assertThat(longKey.statusCode()).isEqualTo(400);
        assertThat(longKey.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("Idempotency-Key");

        HttpResponse<Buffer> future = api.client
                .post(api.lacak.port(), "127.0.0.1", "/api/v1/uploads/usage?occurredAt=2099-01-01T00:00:00%2B07:00")
                .putHeader("X-API-Key", mfr)
                .putHeader("content-type", "text/csv")
                .sendBuffer(Buffer.buffer("x\n"))
                .await(30, TimeUnit.SECONDS);
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("IN_THE_FUTURE");
    }

    @Test
    void healthReportsTheWriterTheIngestThreadsAndTheDiskUnderTheStore() throws Exception {
        JsonObject health = api.get("/health", null).bodyAsJsonObject();
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getJsonObject("writer").getString("status")).isEqualTo("UP");
        assertThat(health.getJsonObject("writer").getInteger("queued")).isNotNegative();
        assertThat(health.getJsonObject("ingest").getString("status")).isEqualTo("UP");
        assertThat(health.getJsonObject("store").getLong("diskFreeBytes")).isPositive();
    }

    @Test
    void numbersAreTakenExactlyOrRefusedByName() throws Exception {
        String mfr = api.key(MANUFACTURER);
        // 2^64 + 5 and 2^32 + 2 once wrapped to 5 and 2 and issued codes
        for (String[] c : new String[][] {
            {"primaries", "18446744073709551621"},
            {"perSecondary", "4294967298"},
            {"perTertiary", "null"},
            {"primaries", "2.5"}
        }) {
            String body = "{\"nie\":\"" + AUTH_NIE + "\",\"batch\":\"W1\",\"expiry\":\"2028-12-31\",\"primaries\":5,"
                    + "\"perSecondary\":1,\"perTertiary\":1}";
            body = body.replaceFirst("\"" + c[0] + "\":[0-9]+", "\"" + c[0] + "\":" + c[1]);
            HttpResponse<Buffer> r = api.send(HttpMethod.POST, "/api/v1/code-requests", mfr, Buffer.buffer(body));
            assertThat(r.statusCode())
                    .as(c[0] + "=" + c[1] + ": " + r.bodyAsString())
                    .isEqualTo(400);
            assertThat(r.bodyAsJsonObject()
                            .getJsonArray("errors")
                            .getJsonObject(0)
                            .getString("field"))
                    .isEqualTo(c[0]);
        }
        for (String id : new String[] {"1e3", "%205", "9223372036854775808"}) {
            HttpResponse<Buffer> r = api.get("/api/v1/code-requests/" + id, mfr);
            assertThat(r.statusCode()).as(id + ": " + r.bodyAsString()).isEqualTo(400);
            HttpResponse<Buffer> u = api.get("/api/v1/uploads/" + id, mfr);
            assertThat(u.statusCode()).as(id + ": " + u.bodyAsString()).isEqualTo(400);
        }
        assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
    }

    private static Future<HttpResponse<Buffer>> post(String path, String key, JsonObject body) {
        return api.client
                .post(api.lacak.port(), "127.0.0.1", path)
                .putHeader("X-API-Key", key)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(body.encode()));
    }

    /**
     * Sends {@code length} bytes with {@code Expect: 100-continue}: the body goes only after the server's
     * 100. The answer's status and body, and whether the server said continue.
     */
    private static JsonObject askFirst(HttpClient http, String key, int length) throws Exception {
        boolean[] continued = {false};
        return http.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1")
                        .setPort(api.lacak.port())
                        .setURI("/api/v1/uploads/usage")
                        .putHeader("X-API-Key", key)
                        .putHeader("content-type", "text/csv")
                        .putHeader("Content-Length", String.valueOf(length))
                        .putHeader("Expect", "100-continue"))
                .compose(req -> {
                    req.continueHandler(v -> {
                        continued[0] = true;
                        byte[] body = new byte[length];
                        java.util.Arrays.fill(body, (byte) 'x');
                        req.end(Buffer.buffer(body));
                    });
                    req.sendHead();
                    return req.response();
                })
                .compose(r -> r.body().map(b -> new JsonObject(b).put("httpStatus", r.statusCode())))
                .map(j -> j.put("continued", continued[0]))
                .await(30, TimeUnit.SECONDS);
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }
}
