package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: an upload's job reads the file while its body arrives, instead of after it. A file
 * half sent is already being read (its rows counted) before the rest comes, and ends applied whole,
 * as one process (Lampiran G); a body broken off leaves no job and nothing applied; a stop while a
 * body arrives fails that job on the next start, its client never having had an answer.
 */
class UploadArrivingTest {

    static final int ROWS = 3_000;

    @Test
    void lampiranG_aFileIsReadWhileItArrivesAndAppliedWholeWhenItEnds() throws Exception {
        try (Api api = new Api(8 * 1024 * 1024)) {
            String mfr = api.key(MANUFACTURER);
            List<List<String>> codes = issue(api, "AR1");
            byte[] csv = UploadTest.usageCsv(codes, "AR1", 10, 200).getBytes(StandardCharsets.UTF_8);
            HttpClient http = api.vertx.createHttpClient();
            HttpClientRequest req = open(http, api, mfr);
            int[] status = {0};
            // the body asked for as the answer comes, on its context (asked for later, it may be gone)
            io.vertx.core.Future<Buffer> answer = req.response().compose(r -> {
                status[0] = r.statusCode();
                return r.body();
            });
            int half = csv.length * 2 / 3;
            req.write(Buffer.buffer(java.util.Arrays.copyOfRange(csv, 0, half))).await(30, TimeUnit.SECONDS);

            // the rest not sent yet: its job exists, has no hash yet, and the writer has decided a chunk of it
            long id = arrivingJob(api);
            JsonObject reading = until(api, id, mfr, j -> j.getLong("rowsDecided") >= 1_024);
            assertThat(reading.getString("state")).isEqualTo("PARSING");
            assertThat(reading.getLong("rowsDecided")).isLessThan(ROWS);
            assertThat(state(api, mfr, codes.get(0).get(0))).isEqualTo("UNUSED"); // nothing applied before the end

            req.end(Buffer.buffer(java.util.Arrays.copyOfRange(csv, half, csv.length)))
                    .await(30, TimeUnit.SECONDS);
            JsonObject job = answer.await(60, TimeUnit.SECONDS).toJsonObject();
            assertThat(status[0]).as(job.encode()).isEqualTo(202);
            assertThat(job.getLong("id")).isEqualTo(id);
            JsonObject done = UploadTestSupport.finished(api, id, mfr, 120);
            assertThat(done.getString("state")).as(done.encode()).isEqualTo("DONE");
            assertThat(done.getLong("rowsAccepted")).isEqualTo(ROWS);
            assertThat(state(api, mfr, codes.get(0).get(ROWS - 1))).isEqualTo("ACTIVE");

            // the hash, known only at the end, still finds the same file sent again
            JsonObject again = UploadTest.upload(api, "usage", mfr, "", new String(csv, StandardCharsets.UTF_8));
            assertThat(again.getBoolean("repeated")).isTrue();
            assertThat(again.getLong("id")).isEqualTo(id);
            http.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void lampiranG_aBodyBrokenOffLeavesNoJobAndAppliesNothing() throws Exception {
        try (Api api = new Api(8 * 1024 * 1024)) {
            String mfr = api.key(MANUFACTURER);
            List<List<String>> codes = issue(api, "AR2");
            String text = UploadTest.usageCsv(codes, "AR2", 10, 200);
            byte[] csv = text.getBytes(StandardCharsets.UTF_8);
            long journalBefore = count(api, "select count(*) from journal");
            HttpClient http = api.vertx.createHttpClient();
            HttpClientRequest req = open(http, api, mfr);
            req.response().onFailure(e -> {}); // it never comes
            req.write(Buffer.buffer(java.util.Arrays.copyOfRange(csv, 0, csv.length / 2)))
                    .await(30, TimeUnit.SECONDS);
            long id = arrivingJob(api);
            until(api, id, mfr, j -> j.getLong("rowsDecided") > 0);
            req.connection().close().await(10, TimeUnit.SECONDS); // the client goes away mid-body

            Path file = api.dataDir.resolve("uploads").resolve(id + ".csv");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((count(api, "select count(*) from upload") > 0 || Files.exists(file))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(count(api, "select count(*) from upload")).isZero();
            assertThat(file).doesNotExist();
            assertThat(api.get("/health", null)
                            .bodyAsJsonObject()
                            .getJsonObject("ingest")
                            .getInteger("running"))
                    .isZero();
            assertThat(count(api, "select count(*) from journal")).isEqualTo(journalBefore);
            assertThat(state(api, mfr, codes.get(0).get(0))).isEqualTo("UNUSED");

            // the whole file sent afterwards is a job of its own, applied once
            JsonObject job = UploadTest.upload(api, "usage", mfr, "", text);
            assertThat(job.containsKey("repeated")).isFalse();
            JsonObject done = UploadTestSupport.finished(api, job.getLong("id"), mfr, 120);
            assertThat(done.getString("state")).as(done.encode()).isEqualTo("DONE");
            assertThat(state(api, mfr, codes.get(0).get(0))).isEqualTo("ACTIVE");
            http.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStopWhileABodyArrivesFailsThatJobOnTheNextStart() throws Exception {
        Path data;
        long id;
        try (Api api = new Api(8 * 1024 * 1024)) {
            data = api.dataDir;
            // as a stop leaves it: a job without a hash (its body was arriving), part of its file on disk
            id = api.lacak
                    .database()
                    .pool()
                    .preparedQuery("insert into upload (facility, template, mode, sha256, bytes, occurred_at,"
                            + " received_at, state) select ref, 'USAGE', 'ATOMIC', null, 1000, now(), now(),"
                            + " 'PARSING' from facility where partner_id = $1 returning id")
                    .execute(Tuple.of(MANUFACTURER))
                    .await(30, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getLong(0);
            Files.createDirectories(data.resolve("uploads"));
            Files.writeString(data.resolve("uploads").resolve(id + ".csv"), "Partner ID,Packaging\n");
        }
        try (Api again = new Api(data, 8 * 1024 * 1024)) {
            JsonObject failed = UploadTestSupport.finished(again, id, again.key(MANUFACTURER), 60);
            assertThat(failed.getString("state")).as(failed.encode()).isEqualTo("FAILED");
            JsonObject problem = failed.getJsonArray("problems").getJsonObject(0);
            assertThat(problem.getString("code")).isEqualTo("INTERRUPTED");
            assertThat(problem.getJsonObject("messages").getString("id"))
                    .isEqualTo("unggahan terputus sebelum diterima utuh; unggah lagi");
            assertThat(problem.getJsonObject("messages").getString("en"))
                    .isEqualTo("the upload was interrupted before it was received whole; upload it again")
                    .isEqualTo(problem.getString("message"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Path file = data.resolve("uploads").resolve(id + ".csv");
            while (Files.exists(file) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(file).doesNotExist();
        }
    }

    private static HttpClientRequest open(HttpClient http, Api api, String key) throws Exception {
        HttpClientRequest req = http.request(new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1")
                        .setPort(api.lacak.port())
                        .setURI("/api/v1/uploads/usage"))
                .await(30, TimeUnit.SECONDS);
        req.putHeader("X-API-Key", key).putHeader("content-type", "text/csv").setChunked(true);
        return req;
    }

    /** The id of the one job whose body is arriving (no hash yet), once it exists. */
    private static long arrivingJob(Api api) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            RowSet<Row> rows = api.lacak
                    .database()
                    .pool()
                    .query("select id from upload where sha256 is null")
                    .execute()
                    .await(30, TimeUnit.SECONDS);
            if (rows.size() == 1) {
                return rows.iterator().next().getLong(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no job while the body arrives");
    }

    private static JsonObject until(Api api, long id, String key, java.util.function.Predicate<JsonObject> ready)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonObject job = null;
        while (System.nanoTime() < deadline) {
            job = api.get("/api/v1/uploads/" + id, key).bodyAsJsonObject();
            if (ready.test(job)) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not reached: " + job);
    }

    private static long count(Api api, String sql) throws Exception {
        return api.lacak
                .database()
                .pool()
                .query(sql)
                .execute()
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong(0);
    }

    /** The code's state, or {@code UNUSED} while no report has used it (the store has no row of it: 404). */
    private static String state(Api api, String key, String code) throws Exception {
        var r = api.get("/api/v1/codes/state?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8), key);
        return r.statusCode() == 404 ? "UNUSED" : r.bodyAsJsonObject().getString("status");
    }

    private static List<List<String>> issue(Api api, String batch) throws Exception {
        String mfr = api.key(MANUFACTURER);
        long id = api.post(
                        "/api/v1/code-requests",
                        mfr,
                        new JsonObject()
                                .put("nie", AUTH_NIE)
                                .put("batch", batch)
                                .put("expiry", "2028-12-31")
                                .put("primaries", ROWS)
                                .put("perSecondary", 10)
                                .put("perTertiary", 20))
                .bodyAsJsonObject()
                .getLong("id");
        return List.of(api.codes(id, "primary", mfr), api.codes(id, "secondary", mfr), api.codes(id, "tertiary", mfr));
    }
}
