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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 over HTTP: a refused report tells a facility nothing of a code it has no part in. A
 * foreign code, whatever its state (in stock elsewhere, in transit to a third, held, sold,
 * recalled), is refused {@code NOT_HELD} with one neutral message by every report; its holder and
 * addressee still hear the specific reason; a sold code offered again keeps one alert, counted.
 */
class ForeignCodesTest {

    static Api api;
    static String mfr;
    static String pbf;
    static String apt;
    /** Each foreign code by its state, with the facilities that have no part in it. */
    static final Map<String, String> CODES = new LinkedHashMap<>();

    static final Map<String, List<String>> OUTSIDERS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        api = new Api(8 * 1024 * 1024);
        mfr = api.key(MANUFACTURER);
        pbf = api.key(DISTRIBUTOR);
        apt = api.key(PHARMACY);
        List<String> b1 = issueAndUse("B1501", 4);
        List<String> b2 = issueAndUse("B1502", 1);
        ok(api.post(
                "/api/v1/shipments", mfr, codes(b1.get(1), b1.get(2), b2.get(0)).put("destination", DISTRIBUTOR)));
        ok(api.post("/api/v1/receipts", pbf, codes(b1.get(2), b2.get(0))));
        ok(api.post("/api/v1/shipments", mfr, codes(b1.get(3)).put("destination", PHARMACY)));
        ok(api.post("/api/v1/receipts", apt, codes(b1.get(3))));
        ok(api.post("/api/v1/sales", apt, codes(b1.get(3))));
        ok(api.post(
                "/api/v1/recalls",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "B1502")
                        .put("reason", "uji mutu")
                        .put("letterNumber", "PW.15.2026")));
        foreign("active at the manufacturer", b1.get(0), pbf, apt);
        foreign("in transit to the distributor", b1.get(1), apt);
        foreign("held by the distributor", b1.get(2), apt, mfr);
        foreign("sold by the pharmacy", b1.get(3), pbf, mfr);
        foreign("recalled, held by the distributor", b2.get(0), apt, mfr);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static void foreign(String state, String code, String... outsiders) {
        CODES.put(state, code);
        OUTSIDERS.put(state, List.of(outsiders));
    }

    private static List<String> issueAndUse(String batch, int primaries) throws Exception {
        HttpResponse<Buffer> r = api.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", batch)
                        .put("expiry", "2028-11-30")
                        .put("primaries", primaries)
                        .put("perSecondary", primaries)
                        .put("perTertiary", 1));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        List<String> codes = api.codes(r.bodyAsJsonObject().getLong("id"), "primary", mfr);
        JsonArray lines = new JsonArray();
        codes.forEach(c -> lines.add(new JsonObject().put("primary", c).put("use", "ACTIVE")));
        ok(api.post("/api/v1/usage-reports", mfr, new JsonObject().put("lines", lines)));
        return codes;
    }

    private static void ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }

    /** Every report on codes a facility can make (a sale only by the pharmacy), with {@code code}. */
    private static List<HttpResponse<Buffer>> everyReport(String key, String code) throws Exception {
        List<HttpResponse<Buffer>> out = new ArrayList<>();
        out.add(api.post(
                "/api/v1/shipments", key, codes(code).put("destination", key.equals(apt) ? DISTRIBUTOR : PHARMACY)));
        out.add(api.post("/api/v1/receipts", key, codes(code)));
        if (key.equals(apt)) {
            out.add(api.post("/api/v1/sales", key, codes(code)));
        }
        out.add(api.post(
                "/api/v1/returns",
                key,
                codes(code).put("destination", MANUFACTURER).put("reason", "rusak")));
        out.add(api.post("/api/v1/return-decisions", key, codes(code).put("approve", true)));
        out.add(api.post("/api/v1/recall-shipments", key, codes(code).put("destination", MANUFACTURER)));
        out.add(api.post("/api/v1/recall-receipts", key, codes(code)));
        out.add(api.post("/api/v1/unpacks", key, codes(code)));
        return out;
    }

    @Test
    void issue15_aForeignCodeInEveryStateGetsOneNeutralRefusalFromEveryReport() throws Exception {
        List<JsonObject> seen = new ArrayList<>();
        for (Map.Entry<String, String> e : CODES.entrySet()) {
            for (String outsider : OUTSIDERS.get(e.getKey())) {
                // what the outsider is told about the code's state: nothing (404), as for an unknown code,
                // unless it is the NIE holder, who may follow its own product (and is still no party to it)
                HttpResponse<Buffer> state = api.get(
                        "/api/v1/codes/state?code=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8),
                        outsider);
                assertThat(state.statusCode()).as(e.getKey()).isEqualTo(outsider.equals(mfr) ? 200 : 404);
                for (HttpResponse<Buffer> r : everyReport(outsider, e.getValue())) {
                    assertThat(r.statusCode())
                            .as(e.getKey() + ": " + r.bodyAsString())
                            .isEqualTo(422);
                    JsonObject body = r.bodyAsJsonObject();
                    JsonObject refused = body.getJsonObject("receipt")
                            .getJsonArray("refused")
                            .getJsonObject(0);
                    assertThat(refused.getString("reason")).as(e.getKey()).isEqualTo("NOT_HELD");
                    assertThat(body.getJsonObject("receipt").getJsonArray("alerts"))
                            .isEmpty();
                    seen.add(new JsonObject()
                            .put("errors", body.getJsonArray("errors"))
                            .put("message", refused.getValue("message"))
                            .put("messages", refused.getValue("messages")));
                }
            }
        }
        // one and the same answer, whatever the state: the refusal tells nothing of it
        assertThat(seen).hasSizeGreaterThan(40);
        assertThat(seen.stream().distinct()).hasSize(1);
        JsonObject messages = seen.get(0).getJsonObject("messages");
        assertThat(messages.getString("id"))
                .isEqualTo("kode ini tidak dipegang oleh fasilitas pelapor dan tidak ditujukan kepadanya");
        assertThat(messages.getString("en"))
                .isEqualTo("the code is neither held by nor addressed to the reporting facility");
    }

    @Test
    void issue15_theHolderAndTheAddresseeStillHearWhy() throws Exception {
        String inTransit = CODES.get("in transit to the distributor");
        assertThat(reason(api.post("/api/v1/receipts", mfr, codes(inTransit)))).isEqualTo("WRONG_ADDRESSEE");
        assertThat(reason(api.post("/api/v1/shipments", pbf, codes(inTransit).put("destination", PHARMACY))))
                .isEqualTo("NOT_HOLDER");
        assertThat(reason(api.post("/api/v1/shipments", mfr, codes(inTransit).put("destination", PHARMACY))))
                .isEqualTo("WRONG_STATE");
        assertThat(reason(api.post(
                        "/api/v1/shipments",
                        pbf,
                        codes(CODES.get("recalled, held by the distributor")).put("destination", PHARMACY))))
                .isEqualTo("RECALLED");
        assertThat(reason(api.post(
                        "/api/v1/returns",
                        apt,
                        codes(CODES.get("sold by the pharmacy")).put("destination", DISTRIBUTOR))))
                .isEqualTo("ALREADY_SOLD");
    }

    @Test
    void lampiranJ_aSoldCodeOfferedAgainAndAgainKeepsOneAlert() throws Exception {
        String sold = CODES.get("sold by the pharmacy");
        for (int i = 0; i < 4; i++) {
            HttpResponse<Buffer> again = api.post("/api/v1/sales", apt, codes(sold));
            assertThat(reason(again)).isEqualTo("ALREADY_SOLD");
            // the pharmacy that sold it may see the alert its report raised
            assertThat(again.bodyAsJsonObject()
                            .getJsonObject("receipt")
                            .getJsonArray("alerts")
                            .getJsonObject(0)
                            .getString("kind"))
                    .isEqualTo("POSSIBLE_CLONE");
        }

        String regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        List<JsonObject> alerts = api.get("/api/v1/alerts", regulator).bodyAsJsonArray().stream()
                .map(o -> (JsonObject) o)
                .filter(a -> sold.endsWith(a.getString("serial")))
                .toList();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.getString("partnerId")).isEqualTo(PHARMACY);
            assertThat(a.getInteger("attempts")).isEqualTo(4);
            assertThat(a.getString("lastAt")).isGreaterThanOrEqualTo(a.getString("createdAt"));
        });
    }

    private static String reason(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
        return r.bodyAsJsonObject()
                .getJsonObject("receipt")
                .getJsonArray("refused")
                .getJsonObject(0)
                .getString("reason");
    }
}
