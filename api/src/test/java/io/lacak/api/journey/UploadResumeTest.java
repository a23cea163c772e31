package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.api.Lacak;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: a job a stop interrupted is run again on the next start, and applied once. The stop is
 * played by recording the job as the server leaves it mid-way (state APPLYING, file on disk) while
 * the server is down.
 */
class UploadResumeTest {

    @Test
    void anInterruptedJobIsResumedOnStartAndAppliedOnce() throws Exception {
        java.nio.file.Path data;
        long job;
        try (Api api = new Api(8 * 1024 * 1024)) {
            data = api.dataDir;
            List<List<String>> codes = issue(api, "R1");
            String csv = UploadTest.usageCsv(codes, "R1", 10, 20);
            // a finished job, then turned back into an interrupted one with its file restored
            JsonObject done = UploadTestSupport.finished(
                    api,
                    UploadTest.upload(api, "usage", api.key(MANUFACTURER), "", csv)
                            .getLong("id"),
                    api.key(MANUFACTURER),
                    120);
            assertThat(done.getString("state")).isEqualTo("DONE");
            job = done.getLong("id");
            Files.writeString(data.resolve("uploads").resolve(job + ".csv"), csv);
            api.lacak
                    .services()
                    .database()
                    .pool()
                    .preparedQuery("update upload set state = 'APPLYING', finished_at = null" + " where id = $1")
                    .execute(Tuple.of(job))
                    .await(30, TimeUnit.SECONDS);
        }
        try (Api again = new Api(data, 8 * 1024 * 1024)) {
            JsonObject resumed = UploadTestSupport.finished(again, job, again.key(MANUFACTURER), 120);
            // the journal knew the job's report by its idempotency key: the first answer, nothing applied twice
            assertThat(resumed.getString("state")).as(resumed.encode()).isEqualTo("DONE");
            assertThat(resumed.getLong("rowsAccepted")).isEqualTo(40);
            assertThat(resumed.getLong("journalSequence")).isEqualTo(1);
            Lacak lacak = again.lacak;
            assertThat(lacak.services()
                            .database()
                            .pool()
                            .query("select count(*) from journal")
                            .execute()
                            .await(30, TimeUnit.SECONDS)
                            .iterator()
                            .next()
                            .getLong(0))
                    .isEqualTo(1);
            assertThat(Files.exists(data.resolve("uploads").resolve(job + ".csv")))
                    .isFalse();
        }
    }

    @Test
    void pasal12_5_aJobRunLongAfterItsUploadArrivedIsJudgedByTheArrival() throws Exception {
        java.nio.file.Path data;
        long job;
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant occurred = now.minus(java.time.Duration.ofHours(30));
        java.time.Instant arrived = occurred.plus(java.time.Duration.ofHours(23)); // within the 24 hours
        try (Api api = new Api(8 * 1024 * 1024)) {
            data = api.dataDir;
            String csv = UploadTest.usageCsv(issue(api, "R2"), "R2", 10, 20);
            // an upload that reached Lacak 23 hours after the activity, its job not yet run when the server stopped
            job = api.lacak
                    .services()
                    .database()
                    .pool()
                    .preparedQuery("insert into upload (facility, template, mode, sha256,"
                            + " bytes, occurred_at, received_at, state) select ref, 'USAGE', 'ATOMIC', repeat('a', 64), $1, $2, $3,"
                            + " 'QUEUED' from facility where partner_id = $4 returning id")
                    .execute(Tuple.of(
                            (long) csv.length(),
                            occurred.atOffset(java.time.ZoneOffset.UTC),
                            arrived.atOffset(java.time.ZoneOffset.UTC),
                            MANUFACTURER))
                    .await(30, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getLong(0);
            Files.createDirectories(data.resolve("uploads"));
            Files.writeString(data.resolve("uploads").resolve(job + ".csv"), csv);
        }
        try (Api again = new Api(data, 8 * 1024 * 1024)) {
            // run 30 hours after the activity: judged by its arrival, it is on time
            JsonObject resumed = UploadTestSupport.finished(again, job, again.key(MANUFACTURER), 120);
            assertThat(resumed.getString("state")).as(resumed.encode()).isEqualTo("DONE");
            assertThat(resumed.getBoolean("late")).isFalse();
            assertThat(java.time.Instant.parse(resumed.getString("receivedAt")))
                    .isEqualTo(arrived.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            java.time.Instant journaled = again.lacak
                    .services()
                    .database()
                    .pool()
                    .query("select received_at from journal where idempotency_key = 'upload-" + job + "'")
                    .execute()
                    .await(30, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getOffsetDateTime(0)
                    .toInstant();
            assertThat(journaled).isEqualTo(arrived.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        }
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
                                .put("primaries", 40)
                                .put("perSecondary", 10)
                                .put("perTertiary", 2))
                .bodyAsJsonObject()
                .getLong("id");
        return List.of(api.codes(id, "primary", mfr), api.codes(id, "secondary", mfr), api.codes(id, "tertiary", mfr));
    }
}
