package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: a generated usage file of 1,000,000 rows with full aggregation (10 primaries per
 * secondary, 20 secondaries per tertiary) streamed to the real server and applied as one report.
 */
class LargeUploadTest {

    static final int ROWS = 1_000_000;
    static Api api;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(8 * 1024 * 1024);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void aMillionRowUsageFileIsAppliedWhole() throws Exception {
        String mfr = api.key(MANUFACTURER);
        long id = api.post(
                        "/api/v1/code-requests",
                        mfr,
                        new JsonObject()
                                .put("nie", AUTH_NIE)
                                .put("batch", "BIG1")
                                .put("expiry", "2028-12-31")
                                .put("primaries", ROWS)
                                .put("perSecondary", 10)
                                .put("perTertiary", 20))
                .bodyAsJsonObject()
                .getLong("id");
        List<String> secondaries = api.codes(id, "secondary", mfr);
        List<String> tertiaries = api.codes(id, "tertiary", mfr);
        HttpResponse<Buffer> primaries = api.get("/api/v1/code-requests/" + id + "/codes?level=primary", mfr);
        Path file = dir.resolve("usage.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(
                    "Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,Expiry,Batch,Active,Retained Sample,Reject\n");
            String[] p = primaries.bodyAsString().split("\n");
            for (int i = 0; i < ROWS; i++) {
                w.write(MANUFACTURER + ",Primer," + p[i] + "," + secondaries.get(i / 10) + "," + tertiaries.get(i / 200)
                        + "," + AUTH_NIE + ",2028-12-31,BIG1,TRUE,FALSE,FALSE\n");
            }
        }

        HttpResponse<Buffer> accepted = api.vertx
                .fileSystem()
                .open(file.toString(), new OpenOptions().setRead(true))
                .compose(f -> api.client
                        .post(api.lacak.port(), "127.0.0.1", "/api/v1/uploads/usage")
                        .putHeader("X-API-Key", mfr)
                        .putHeader("content-type", "text/csv")
                        .sendStream(f))
                .await(10, TimeUnit.MINUTES);
        assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(202);
        JsonObject job =
                UploadTestSupport.finished(api, accepted.bodyAsJsonObject().getLong("id"), mfr, 20 * 60);

        assertThat(job.getString("state")).as(job.encode()).isEqualTo("DONE");
        assertThat(job.getLong("rowsRead")).isEqualTo(ROWS);
        assertThat(job.getLong("rowsAccepted")).isEqualTo(ROWS);
        assertThat(job.getLong("bytes")).isEqualTo(Files.size(file));
        assertThat(api.get("/health", null)
                        .bodyAsJsonObject()
                        .getJsonObject("store")
                        .getLong("codes"))
                .isEqualTo(ROWS + ROWS / 10 + ROWS / 200);
    }
}
