package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A serial key rotation over HTTP: codes issued under the older key stay Lacak's (Pasal 5(1)
 * huruf a), so they keep their batch (Pasal 10(2)) and level checks at usage and are
 * NOT_ACTIVATED at verification until used (Lampiran G), instead of passing as self-issued.
 */
class KeyRotationTest {

    @Test
    void pasal10_2_afterARotationCodesOfTheOlderKeyKeepTheirBatchAndAreNotActivatedUntilUsed() throws Exception {
        Path data = Files.createTempDirectory("lacak-rotation-test");
        List<String> older;
        try (Api api = new Api(data, c -> c.setVerifyRate(0))) {
            older = api.codes(request(api, "ROT1"), "primary", api.key(MANUFACTURER));
        }
        // the operator adds version 2: new issuances use it, older ones keep version 1
        byte[] second = new byte[32];
        java.util.Arrays.fill(second, (byte) 42);
        Files.writeString(
                data.resolve("keys").resolve("serial.keys"),
                "2:" + Base64.getEncoder().encodeToString(second) + "\n",
                StandardOpenOption.APPEND);
        try (Api api = new Api(data, c -> c.setVerifyRate(0))) {
            String mfr = api.key(MANUFACTURER);
            List<String> newer = api.codes(request(api, "ROT2"), "primary", mfr);
            JsonObject issuedEarlier = verdict(api, older.get(0));
            assertThat(issuedEarlier.getString("verdict"))
                    .as(issuedEarlier.encode())
                    .isEqualTo("NOT_ACTIVATED");
            assertThat(issuedEarlier.getString("batch")).isEqualTo("ROT1");
            assertThat(verdict(api, newer.get(0)).getString("verdict")).isEqualTo("NOT_ACTIVATED");

            // Pasal 10(2): a code of batch ROT1 printed with batch ROT2 is refused, under either key
            HttpResponse<Buffer> wrongBatch = usage(api, mfr, older.get(1).replace("(10)ROT1", "(10)ROT2"));
            assertThat(wrongBatch.statusCode()).as(wrongBatch.bodyAsString()).isEqualTo(422);
            assertThat(wrongBatch.bodyAsString()).contains("BATCH_MISMATCH");
            assertThat(usage(api, mfr, newer.get(1).replace("(10)ROT2", "(10)ROT1"))
                            .bodyAsString())
                    .contains("BATCH_MISMATCH");

            HttpResponse<Buffer> used = usage(api, mfr, older.get(0));
            assertThat(used.statusCode()).as(used.bodyAsString()).isEqualTo(200);
            assertThat(verdict(api, older.get(0)).getString("verdict")).isEqualTo("GENUINE");
            assertThat(verdict(api, older.get(2)).getString("verdict")).isEqualTo("NOT_ACTIVATED"); // still unused
        }
    }

    private static long request(Api api, String batch) throws Exception {
        HttpResponse<Buffer> r = api.post(
                "/api/v1/code-requests",
                api.key(MANUFACTURER),
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", batch)
                        .put("expiry", "2028-11-30")
                        .put("primaries", 4)
                        .put("perSecondary", 2)
                        .put("perTertiary", 2));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        return r.bodyAsJsonObject().getLong("id");
    }

    private static HttpResponse<Buffer> usage(Api api, String key, String primary) throws Exception {
        return api.post(
                "/api/v1/usage-reports",
                key,
                new JsonObject()
                        .put(
                                "lines",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("primary", primary)
                                                .put("use", "ACTIVE"))));
    }

    private static JsonObject verdict(Api api, String code) throws Exception {
        HttpResponse<Buffer> r =
                api.get("/api/v1/verify?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8), null);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }
}
