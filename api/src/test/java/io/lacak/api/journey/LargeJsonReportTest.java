package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a JSON report of more than one chunk (here 3,000 lines) is read off the event loop and
 * decided as a bulk report between other reports, yet answered as one report: Lampiran G's one
 * process (a refusal anywhere changes nothing), refusals by their index in the request, the same
 * answer again for the same idempotency key.
 */
class LargeJsonReportTest {

    static final int LINES = 3_000;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(8 * 1024 * 1024);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void lampiranGAUsageReportOfThreeThousandLinesIsOneProcess() throws Exception {
        String mfr = api.key(MANUFACTURER);
        long id = api.post(
                        "/api/v1/code-requests",
                        mfr,
                        new JsonObject()
                                .put("nie", AUTH_NIE)
                                .put("batch", "JSON1")
                                .put("expiry", "2028-12-31")
                                .put("primaries", LINES)
                                .put("perSecondary", 10)
                                .put("perTertiary", 20))
                .bodyAsJsonObject()
                .getLong("id");
        List<String> p = api.codes(id, "primary", mfr);
        List<String> s = api.codes(id, "secondary", mfr);
        List<String> t = api.codes(id, "tertiary", mfr);

        // line 2,999 repeats line 5, two chunks after it: refused, and nothing of the report applied
        JsonArray lines = lines(p, s, t);
        lines.set(LINES - 1, lines.getJsonObject(5).copy());
        HttpResponse<Buffer> refused = api.post(
                "/api/v1/usage-reports",
                mfr,
                new JsonObject().put("lines", lines).put("idempotencyKey", "big-0"));
        assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
        JsonObject receipt = refused.bodyAsJsonObject().getJsonObject("receipt");
        assertThat(receipt.getBoolean("applied")).isFalse();
        assertThat(receipt.getJsonArray("refused")).hasSize(1);
        assertThat(receipt.getJsonArray("refused").getJsonObject(0).getInteger("index"))
                .isEqualTo(LINES - 1);
        assertThat(receipt.getJsonArray("refused").getJsonObject(0).getString("reason"))
                .isEqualTo("DUPLICATE_IN_REPORT");
        assertThat(verdict(p.get(0))).isNotEqualTo("GENUINE");

        JsonObject good = new JsonObject().put("lines", lines(p, s, t)).put("idempotencyKey", "big-1");
        HttpResponse<Buffer> applied = api.post("/api/v1/usage-reports", mfr, good);
        assertThat(applied.statusCode()).as(applied.bodyAsString()).isEqualTo(200);
        assertThat(applied.bodyAsJsonObject().getInteger("accepted")).isEqualTo(LINES);
        assertThat(verdict(p.get(LINES - 1))).isEqualTo("GENUINE");

        HttpResponse<Buffer> again = api.post("/api/v1/usage-reports", mfr, good);
        assertThat(again.bodyAsJsonObject().getBoolean("repeated")).isTrue();
        assertThat(again.bodyAsJsonObject().getLong("sequence"))
                .isEqualTo(applied.bodyAsJsonObject().getLong("sequence"));

        // a shipment of all 3,000 units as one report, in three chunks
        JsonObject ship = new JsonObject().put("destination", DISTRIBUTOR).put("codes", new JsonArray(p));
        HttpResponse<Buffer> shipped = api.post("/api/v1/shipments", mfr, ship);
        assertThat(shipped.statusCode()).as(shipped.bodyAsString()).isEqualTo(200);
        assertThat(shipped.bodyAsJsonObject().getInteger("accepted")).isEqualTo(LINES);
    }

    private static JsonArray lines(List<String> p, List<String> s, List<String> t) {
        JsonArray lines = new JsonArray();
        for (int i = 0; i < LINES; i++) {
            lines.add(new JsonObject()
                    .put("primary", p.get(i))
                    .put("secondary", s.get(i / 10))
                    .put("tertiary", t.get(i / 200)));
        }
        return lines;
    }

    private static String verdict(String code) throws Exception {
        return api.post("/api/v1/verify", null, new JsonObject().put("code", code))
                .bodyAsJsonObject()
                .getString("verdict");
    }
}
