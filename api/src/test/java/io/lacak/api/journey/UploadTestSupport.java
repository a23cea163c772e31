package io.lacak.api.journey;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Waiting for an upload job to end. */
final class UploadTestSupport {

    private UploadTestSupport() {}

    static JsonObject finished(Api api, long id, String key, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonObject job = api.get("/api/v1/uploads/" + id, key).bodyAsJsonObject();
            if (List.of("DONE", "REFUSED", "FAILED").contains(job.getString("state"))) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("upload " + id + " did not end within " + seconds + " s");
    }
}
