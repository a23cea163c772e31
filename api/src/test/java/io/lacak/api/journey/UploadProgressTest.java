package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "progress that means something": {@code GET /api/v1/uploads/{id}} of a file of many
 * chunks tells how far each stage is, in rows ({@code rowsRead}, {@code rowsDecided}, {@code
 * rowsApplied}; docs/ARCHITECTURE.md "Bulk reports"), while it runs and not only at its end.
 */
class UploadProgressTest {

    /** About 98 chunks of {@link io.lacak.core.journal.BulkReport#CHUNK_LINES}: long enough to watch each stage move. */
    static final int ROWS = 100_000;

    static Api api;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(8 * 1024 * 1024);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /**
     * Issue 18 (Lampiran G: one usage file with aggregation, one process): polled as fast as the
     * server answers, each counter only grows, no stage is ahead of the one before it (a row is
     * decided only once read, applied only once decided), each is seen between 0 and the file's
     * rows while the job runs, and at {@code DONE} all three are the file's rows.
     */
    @Test
    void issue18_rowsReadDecidedAndAppliedOfAManyChunkUploadAreMonotoneOrderedAndEndAtTheFilesRows() throws Exception {
        String mfr = api.key(MANUFACTURER);
        long request = api.post(
                        "/api/v1/code-requests",
                        mfr,
                        new JsonObject()
                                .put("nie", AUTH_NIE)
                                .put("batch", "PROG1")
                                .put("expiry", "2028-12-31")
                                .put("primaries", ROWS)
                                .put("perSecondary", 10)
                                .put("perTertiary", 20))
                .bodyAsJsonObject()
                .getLong("id");
        List<List<String>> codes = List.of(
                api.codes(request, "primary", mfr),
                api.codes(request, "secondary", mfr),
                api.codes(request, "tertiary", mfr));
        String csv = UploadTest.usageCsv(codes, "PROG1", 10, 200);

        long id = UploadTest.upload(api, "usage", mfr, "", csv).getLong("id");
        List<JsonObject> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 120_000_000_000L;
        JsonObject job;
        do {
            job = api.get("/api/v1/uploads/" + id, mfr).bodyAsJsonObject();
            seen.add(job);
        } while (!List.of("DONE", "REFUSED", "FAILED").contains(job.getString("state"))
                && System.nanoTime() < deadline);

        assertThat(job.getString("state")).as(job.encode()).isEqualTo("DONE");
        assertThat(job.getLong("rowsRead")).isEqualTo(ROWS);
        assertThat(job.getLong("rowsDecided")).isEqualTo(ROWS);
        assertThat(job.getLong("rowsApplied")).isEqualTo(ROWS);
        assertThat(job.getLong("rowsAccepted")).isEqualTo(ROWS);
        long read = 0;
        long decided = 0;
        long applied = 0;
        int readBetween = 0;
        int decidedBetween = 0;
        int appliedBetween = 0;
        for (JsonObject s : seen) {
            long r = s.getLong("rowsRead");
            long d = s.getLong("rowsDecided");
            long a = s.getLong("rowsApplied");
            assertThat(r).as("rowsRead only grows: %s", s.encode()).isGreaterThanOrEqualTo(read);
            assertThat(d).as("rowsDecided only grows: %s", s.encode()).isGreaterThanOrEqualTo(decided);
            assertThat(a).as("rowsApplied only grows: %s", s.encode()).isGreaterThanOrEqualTo(applied);
            assertThat(d).as("no row decided before it is read: %s", s.encode()).isLessThanOrEqualTo(r);
            assertThat(a)
                    .as("no row applied before it is decided: %s", s.encode())
                    .isLessThanOrEqualTo(d);
            assertThat(r).isLessThanOrEqualTo(ROWS);
            readBetween += r > 0 && r < ROWS ? 1 : 0;
            decidedBetween += d > 0 && d < ROWS ? 1 : 0;
            appliedBetween += a > 0 && a < ROWS ? 1 : 0;
            read = r;
            decided = d;
            applied = a;
        }
        System.out.printf(
                "UploadProgressTest: %d polls; rowsRead between 0 and %d in %d, rowsDecided in %d, rowsApplied in %d%n",
                seen.size(), ROWS, readBetween, decidedBetween, appliedBetween);
        assertThat(readBetween).as("rowsRead seen part-way").isPositive();
        assertThat(decidedBetween).as("rowsDecided seen part-way").isPositive();
        assertThat(appliedBetween).as("rowsApplied seen part-way").isPositive();
    }
}
