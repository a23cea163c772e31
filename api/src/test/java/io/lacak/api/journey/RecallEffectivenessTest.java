package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static io.lacak.api.journey.Api.codes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 §1, Lampiran L: recall effectiveness, live. Six units of a batch in two cases: one case
 * with the distributor, the other with the pharmacy, which sells one unit before the notice. Then
 * the pharmacy sends its case back to the NIE holder, the distributor one loose unit.
 */
class RecallEffectivenessTest {

    static Api api;
    static String mfr;
    static String pbf;
    static String apt;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(8 * 1024 * 1024);
        mfr = api.key(MANUFACTURER);
        pbf = api.key(DISTRIBUTOR);
        apt = api.key(PHARMACY);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static String code(String serial) {
        return "(90)" + AUTH_NIE + "(10)RE1(17)291231(21)" + serial;
    }

    private static void ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }

    private static Map<String, Long> byFacility(JsonArray places) {
        return places.stream()
                .map(o -> (JsonObject) o)
                .collect(Collectors.toMap(o -> o.getString("partnerId"), o -> o.getLong("units")));
    }

    @Test
    void lampiranL_whatCameBackAndWhatIsStillOutThereAndWhere() throws Exception {
        JsonArray lines = new JsonArray();
        for (int i = 1; i <= 6; i++) {
            lines.add(new JsonObject()
                    .put("primary", code("REUNIT" + i))
                    .put("use", "ACTIVE")
                    .put("secondary", code(i <= 3 ? "RECASE1" : "RECASE2")));
        }
        ok(api.post("/api/v1/usage-reports", mfr, new JsonObject().put("lines", lines)));
        ok(api.post("/api/v1/shipments", mfr, codes(code("RECASE1")).put("destination", DISTRIBUTOR)));
        ok(api.post("/api/v1/receipts", pbf, codes(code("RECASE1"))));
        ok(api.post("/api/v1/shipments", mfr, codes(code("RECASE2")).put("destination", PHARMACY)));
        ok(api.post("/api/v1/receipts", apt, codes(code("RECASE2"))));
        ok(api.post("/api/v1/sales", apt, codes(code("REUNIT4"))));
        ok(api.post(
                "/api/v1/recalls",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "RE1")
                        .put("reason", "label salah")
                        .put("letterNumber", "PW.03.2026.01")));

        JsonObject atStart =
                api.get("/api/v1/recalls/" + AUTH_NIE + "/RE1", mfr).bodyAsJsonObject();
        assertThat(atStart.getJsonObject("atNotice").getLong("units")).isEqualTo(5);
        assertThat(atStart.getJsonObject("atNotice").getLong("soldBefore")).isEqualTo(1);
        assertThat(byFacility(atStart.getJsonObject("atNotice").getJsonArray("byFacility")))
                .isEqualTo(Map.of(DISTRIBUTOR, 3L, PHARMACY, 2L));
        assertThat(atStart.getLong("returned")).isZero();
        assertThat(atStart.getLong("outstanding")).isEqualTo(5);

        // the pharmacy's case goes home; the distributor sends one unit out of its case
        ok(api.post("/api/v1/recall-shipments", apt, codes(code("RECASE2")).put("destination", MANUFACTURER)));
        ok(api.post("/api/v1/recall-receipts", mfr, codes(code("RECASE2"))));
        ok(api.post("/api/v1/recall-shipments", pbf, codes(code("REUNIT1")).put("destination", MANUFACTURER)));

        JsonObject now = api.get("/api/v1/recalls/" + AUTH_NIE + "/RE1", mfr).bodyAsJsonObject();
        assertThat(now.getLong("returned")).isEqualTo(2);
        assertThat(now.getLong("onTheWayBack")).isEqualTo(1);
        assertThat(now.getLong("outstanding")).isEqualTo(3);
        assertThat(byFacility(now.getJsonArray("outstandingByFacility"))).isEqualTo(Map.of(DISTRIBUTOR, 3L));
        assertThat(now.getDouble("returnedShare")).isEqualTo(0.4);
        // the notice as it was stays: where the units were then
        assertThat(now.getJsonObject("atNotice")).isEqualTo(atStart.getJsonObject("atNotice"));

        // the regulator sees every recall; the distributor, not the NIE holder, sees none of it
        String regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        JsonArray all = api.get("/api/v1/recalls", regulator).bodyAsJsonArray();
        assertThat(all).hasSize(1);
        assertThat(all.getJsonObject(0).getString("batch")).isEqualTo("RE1");
        assertThat(all.getJsonObject(0).getLong("returned")).isEqualTo(2);
        assertThat(api.get("/api/v1/recalls/" + AUTH_NIE + "/RE1", pbf).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/recalls", pbf).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/recalls/" + AUTH_NIE + "/NOPE", mfr).statusCode())
                .isEqualTo(404);
    }
}
