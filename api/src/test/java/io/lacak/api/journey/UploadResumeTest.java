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
      JsonObject done = UploadTestSupport.finished(api, UploadTest.upload(api, "usage", api.key(MANUFACTURER), "", csv)
          .getLong("id"), api.key(MANUFACTURER), 120);
      assertThat(done.getString("state")).isEqualTo("DONE");
      job = done.getLong("id");
      Files.writeString(data.resolve("uploads").resolve(job + ".csv"), csv);
      api.lacak.services().database().pool().preparedQuery("update upload set state = 'APPLYING', finished_at = null"
          + " where id = $1").execute(Tuple.of(job)).await(30, TimeUnit.SECONDS);
    }
    try (Api again = new Api(data, 8 * 1024 * 1024)) {
      JsonObject resumed = UploadTestSupport.finished(again, job, again.key(MANUFACTURER), 120);
      // the journal knew the job's report by its idempotency key: the first answer, nothing applied twice
      assertThat(resumed.getString("state")).as(resumed.encode()).isEqualTo("DONE");
      assertThat(resumed.getLong("rowsAccepted")).isEqualTo(40);
      assertThat(resumed.getLong("journalSequence")).isEqualTo(1);
      Lacak lacak = again.lacak;
      assertThat(lacak.services().database().pool().query("select count(*) from journal").execute()
          .await(30, TimeUnit.SECONDS).iterator().next().getLong(0)).isEqualTo(1);
      assertThat(Files.exists(data.resolve("uploads").resolve(job + ".csv"))).isFalse();
    }
  }

  private static List<List<String>> issue(Api api, String batch) throws Exception {
    String mfr = api.key(MANUFACTURER);
    long id = api.post("/api/v1/code-requests", mfr, new JsonObject().put("nie", AUTH_NIE).put("batch", batch)
        .put("expiry", "2028-12-31").put("primaries", 40).put("perSecondary", 10).put("perTertiary", 2))
        .bodyAsJsonObject().getLong("id");
    return List.of(api.codes(id, "primary", mfr), api.codes(id, "secondary", mfr), api.codes(id, "tertiary", mfr));
  }
}
