package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.IDENT_NIE;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole journey of issue 5 over HTTP, as the manufacturer, the distributor and the pharmacy
 * of the demo would make it: request codes, report usage with aggregation, ship the tertiary,
 * receive it, ship a secondary on, receive it at the pharmacy, sell, return (approved), recall.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one server for the ordered steps; a subclass picks another
class JourneyTest {

    static Api api;
    static String mfr;
    static String pbf;
    static String apt;
    static List<String> primaries;
    static List<String> secondaries;
    static List<String> tertiaries;

    @BeforeAll
    void start() throws Exception {
        api = server();
        mfr = api.key(MANUFACTURER);
        pbf = api.key(DISTRIBUTOR);
        apt = api.key(PHARMACY);
    }

    /** The server the journey runs against: embedded Postgres here, Citus in {@link CitusJourneyTest}. */
    Api server() throws Exception {
        return new Api(8 * 1024 * 1024);
    }

    @AfterAll
    void stop() throws Exception {
        api.close();
    }

    @Test
    @Order(1)
    void pasal8_theNieHolderRequestsCodesAndListsThem() throws Exception {
        HttpResponse<Buffer> r = api.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "B2611")
                        .put("expiry", "2028-11-30")
                        .put("primaries", 8)
                        .put("perSecondary", 4)
                        .put("perTertiary", 2)
                        .put("idempotencyKey", "req-1"));

        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        JsonObject issued = r.bodyAsJsonObject();
        assertThat(issued.getLong("secondaries")).isEqualTo(2);
        assertThat(issued.getLong("tertiaries")).isEqualTo(1);
        long id = issued.getLong("id");
        primaries = api.codes(id, "primary", mfr);
        secondaries = api.codes(id, "secondary", mfr);
        tertiaries = api.codes(id, "tertiary", mfr);
        assertThat(primaries).hasSize(8).allMatch(c -> c.startsWith("(90)" + AUTH_NIE + "(10)B2611(17)281130(21)"));
        assertThat(secondaries).hasSize(2).doesNotContainAnyElementsOf(primaries);
        assertThat(tertiaries).hasSize(1);

        HttpResponse<Buffer> jsonl = api.get("/api/v1/code-requests/" + id + "/codes?level=secondary&as=jsonl", mfr);
        assertThat(jsonl.getHeader("content-type")).isEqualTo("application/jsonl");
        assertThat(new JsonObject(jsonl.bodyAsString().split("\n")[0]).getString("code"))
                .isEqualTo(secondaries.get(0));
        HttpResponse<Buffer> csv = api.get("/api/v1/code-requests/" + id + "/codes?level=tertiary&as=csv", mfr);
        assertThat(csv.bodyAsString()).isEqualTo("code\n" + tertiaries.get(0) + "\n");

        // a repeated idempotency key gives the first issuance back, nothing new is issued
        HttpResponse<Buffer> again = api.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "B2611")
                        .put("expiry", "2028-11-30")
                        .put("primaries", 8)
                        .put("perSecondary", 4)
                        .put("perTertiary", 2)
                        .put("idempotencyKey", "req-1"));
        assertThat(again.bodyAsJsonObject().getLong("id")).isEqualTo(id);
        assertThat(api.get("/api/v1/code-requests", mfr).bodyAsJsonArray()).hasSize(1);
        assertThat(api.get("/api/v1/code-requests/" + id, mfr)
                        .bodyAsJsonObject()
                        .getString("batch"))
                .isEqualTo("B2611");
    }

    @Test
    @Order(2)
    void lampiranF3a_requestsForAnotherHoldersOrAnIdentificationNieAreRefused() throws Exception {
        JsonObject request = new JsonObject()
                .put("nie", AUTH_NIE)
                .put("batch", "X1")
                .put("expiry", "2028-11-30")
                .put("primaries", 1)
                .put("perSecondary", 1)
                .put("perTertiary", 1);
        HttpResponse<Buffer> pharmacy = api.post("/api/v1/code-requests", apt, request);
        assertThat(pharmacy.statusCode()).isEqualTo(403);
        assertThat(pharmacy.getHeader("content-type")).isEqualTo("application/problem+json");
        assertThat(pharmacy.bodyAsJsonObject().getString("code")).isEqualTo("NOT_NIE_HOLDER");

        HttpResponse<Buffer> identification =
                api.post("/api/v1/code-requests", mfr, request.copy().put("nie", IDENT_NIE));
        assertThat(identification.statusCode()).isEqualTo(422);
        assertThat(identification.bodyAsJsonObject().getString("code")).isEqualTo("NOT_AUTHENTICATION_PRODUCT");

        // Pasal 8(2)b-c: one batch, one expiry
        HttpResponse<Buffer> otherExpiry = api.post(
                "/api/v1/code-requests",
                mfr,
                request.copy().put("batch", "B2611").put("expiry", "2029-01-31"));
        assertThat(otherExpiry.statusCode()).isEqualTo(422);
        assertThat(otherExpiry.bodyAsJsonObject().getString("code")).isEqualTo("BATCH_EXPIRY_DIFFERS");

        HttpResponse<Buffer> unknown =
                api.post("/api/v1/code-requests", mfr, request.copy().put("nie", "DKL0000000000X9"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("PRODUCT_UNKNOWN");
    }

    @Test
    @Order(3)
    void lampiranG_usageWithAggregationInOneProcess() throws Exception {
        JsonArray lines = new JsonArray();
        for (int i = 0; i < 8; i++) {
            lines.add(new JsonObject()
                    .put("primary", primaries.get(i))
                    .put("use", "ACTIVE")
                    .put("secondary", secondaries.get(i / 4))
                    .put("tertiary", tertiaries.get(0)));
        }
        HttpResponse<Buffer> r = api.post("/api/v1/usage-reports", mfr, new JsonObject().put("lines", lines));

        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getInteger("accepted")).isEqualTo(8);
        assertThat(r.bodyAsJsonObject().getBoolean("late")).isFalse();
    }

    @Test
    @Order(4)
    void lampiranH_I_theTertiaryShipsAndIsReceived_secondaryShipsOnToThePharmacy() throws Exception {
        HttpResponse<Buffer> notHeld =
                api.post("/api/v1/shipments", pbf, codes(tertiaries.get(0)).put("destination", PHARMACY));
        assertThat(notHeld.statusCode()).isEqualTo(422); // nobody ships what they do not hold
        assertThat(notHeld.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("NOT_HELD");

        JsonObject ship =
                codes(tertiaries.get(0)).put("destination", DISTRIBUTOR).put("idempotencyKey", "ship-1");
        HttpResponse<Buffer> shipped = api.post("/api/v1/shipments", mfr, ship);
        assertThat(shipped.statusCode()).as(shipped.bodyAsString()).isEqualTo(200);
        HttpResponse<Buffer> repeated = api.post("/api/v1/shipments", mfr, ship);
        assertThat(repeated.bodyAsJsonObject().getBoolean("repeated")).isTrue();
        assertThat(repeated.bodyAsJsonObject().getLong("sequence"))
                .isEqualTo(shipped.bodyAsJsonObject().getLong("sequence"));

        assertThat(feed(pbf))
                .anyMatch(n -> n.getString("kind").equals("INCOMING_SHIPMENT")
                        && n.getString("subject").contains(MANUFACTURER));
        assertThat(api.post("/api/v1/receipts", apt, codes(tertiaries.get(0))).statusCode())
                .isEqualTo(422); // wrong addressee
        assertThat(api.post("/api/v1/receipts", pbf, codes(tertiaries.get(0))).statusCode())
                .isEqualTo(200);

        // a distributor reports only for its own facility
        HttpResponse<Buffer> forOther = api.post(
                "/api/v1/shipments",
                pbf,
                codes(secondaries.get(1)).put("destination", PHARMACY).put("partnerId", MANUFACTURER));
        assertThat(forOther.statusCode()).isEqualTo(403);
        assertThat(forOther.bodyAsJsonObject().getString("code")).isEqualTo("NOT_YOUR_FACILITY");

        assertThat(api.post("/api/v1/shipments", pbf, codes(secondaries.get(1)).put("destination", PHARMACY))
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/receipts", apt, codes(secondaries.get(1))).statusCode())
                .isEqualTo(200);

        JsonObject state = state(primaries.get(5), apt);
        assertThat(state.getString("status")).isEqualTo("HELD");
        assertThat(state.getString("holder")).isEqualTo(PHARMACY);
        assertThat(state.getJsonArray("packedIn").getList()).containsExactly(serial(secondaries.get(1)));
    }

    @Test
    @Order(5)
    void lampiranJ_thePharmacySells_aSecondSaleRaisesACloneAlert() throws Exception {
        HttpResponse<Buffer> sold = api.post("/api/v1/sales", apt, codes(primaries.get(4)));
        assertThat(sold.statusCode()).as(sold.bodyAsString()).isEqualTo(200);

        HttpResponse<Buffer> again = api.post("/api/v1/sales", apt, codes(primaries.get(4)));
        assertThat(again.statusCode()).isEqualTo(422);
        JsonObject receipt = again.bodyAsJsonObject().getJsonObject("receipt");
        assertThat(receipt.getJsonArray("refused").getJsonObject(0).getString("reason"))
                .isEqualTo("ALREADY_SOLD");
        assertThat(receipt.getJsonArray("alerts").getJsonObject(0).getString("kind"))
                .isEqualTo("POSSIBLE_CLONE");

        // the regulator sees the alert after the answer is gone; nobody else may list alerts
        String regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        JsonArray alerts = api.get("/api/v1/alerts", regulator).bodyAsJsonArray();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getJsonObject(0).getString("kind")).isEqualTo("POSSIBLE_CLONE");
        assertThat(alerts.getJsonObject(0).getString("partnerId")).isEqualTo(PHARMACY);
        assertThat(alerts.getJsonObject(0).getString("serial")).isEqualTo(serial(primaries.get(4)));
        assertThat(api.get("/api/v1/alerts", apt).statusCode()).isEqualTo(403);

        HttpResponse<Buffer> byDistributor = api.post("/api/v1/sales", pbf, codes(primaries.get(0)));
        assertThat(byDistributor
                        .bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("NOT_PHARMACY");
    }

    @Test
    @Order(6)
    void lampiranK_aReturnAwaitsTheAddresseeWhoApprovesIt() throws Exception {
        assertThat(api.post(
                                "/api/v1/returns",
                                apt,
                                codes(primaries.get(5))
                                        .put("destination", DISTRIBUTOR)
                                        .put("reason", "kemasan rusak"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(feed(pbf)).anyMatch(n -> n.getString("kind").equals("RETURN_AWAITING_DECISION"));
        // Lampiran K.7: the addressee sees why it comes back
        assertThat(feed(pbf))
                .anyMatch(n -> n.getString("kind").equals("RETURN_AWAITING_DECISION")
                        && n.getJsonObject("details").getString("reason").equals("kemasan rusak"));

        HttpResponse<Buffer> approved = api.post(
                "/api/v1/return-decisions",
                pbf,
                codes(primaries.get(5)).put("approve", true).put("reason", "diterima untuk dimusnahkan"));
        assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);
        assertThat(state(primaries.get(5), pbf).getString("holder")).isEqualTo(DISTRIBUTOR);
        // Lampiran K.11: the pharmacy that returned learns the decision, with its reason
        assertThat(feed(apt))
                .anyMatch(n -> n.getString("kind").equals("RETURN_APPROVED")
                        && n.getString("subject").contains(DISTRIBUTOR)
                        && n.getInteger("codes") == 1
                        && n.getJsonObject("details").getString("reason").equals("diterima untuk dimusnahkan"));
    }

    @Test
    @Order(7)
    void lampiranK_9b_aRejectedReturnStaysWithTheFacilityThatIsTold() throws Exception {
        assertThat(api.post(
                                "/api/v1/returns",
                                apt,
                                codes(primaries.get(7))
                                        .put("destination", DISTRIBUTOR)
                                        .put("reason", "salah kirim"))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<Buffer> rejected = api.post(
                "/api/v1/return-decisions",
                pbf,
                codes(primaries.get(7)).put("approve", false).put("reason", "bukan dari kami"));
        assertThat(rejected.statusCode()).as(rejected.bodyAsString()).isEqualTo(200);

        assertThat(state(primaries.get(7), apt).getString("holder")).isEqualTo(PHARMACY);
        assertThat(state(primaries.get(7), apt).getString("status")).isEqualTo("HELD");
        assertThat(feed(apt))
                .anyMatch(n -> n.getString("kind").equals("RETURN_REJECTED")
                        && n.getString("subject").contains(DISTRIBUTOR)
                        && n.getJsonObject("details").getString("reason").equals("bukan dari kami"));
        assertThat(feed(pbf))
                .noneMatch(n -> n.getString("kind").equals("RETURN_REJECTED")); // the one who decided is not told
    }

    @Test
    @Order(8)
    void lampiranL_aRecallNoticeReachesEveryHolderOfTheBatch() throws Exception {
        HttpResponse<Buffer> notHolder = api.post(
                "/api/v1/recalls",
                pbf,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "B2611")
                        .put("reason", "x")
                        .put("letterNumber", "1"));
        assertThat(notHolder.statusCode()).isEqualTo(422);

        HttpResponse<Buffer> recall = api.post(
                "/api/v1/recalls",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "B2611")
                        .put("reason", "hasil uji mutu tidak memenuhi syarat")
                        .put("letterNumber", "PW.01.2026.11"));
        assertThat(recall.statusCode()).as(recall.bodyAsString()).isEqualTo(200);

        for (String key : List.of(mfr, pbf, apt)) { // Lampiran L.a.5: everyone in the distribution path
            assertThat(feed(key))
                    .anyMatch(n -> n.getString("kind").equals("RECALL_NOTICE")
                            && n.getString("subject").contains("B2611")
                            && n.getJsonObject("details")
                                    .getString("reason")
                                    .equals("hasil uji mutu tidak memenuhi syarat")
                            && n.getJsonObject("details")
                                    .getString("letterNumber")
                                    .equals("PW.01.2026.11"));
        }
        HttpResponse<Buffer> again = api.post(
                "/api/v1/recalls",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "B2611")
                        .put("reason", "sekali lagi")
                        .put("letterNumber", "PW.01.2026.12"));
        assertThat(again.statusCode()).isEqualTo(422); // Lampiran L.a: recalled once, noticed once
        assertThat(again.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("ALREADY_RECALLED");
        assertThat(feed(apt).stream().filter(n -> n.getString("kind").equals("RECALL_NOTICE")))
                .hasSize(1);
        // Lampiran L: no new codes for a recalled batch
        HttpResponse<Buffer> more = api.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "B2611")
                        .put("expiry", "2028-11-30")
                        .put("primaries", 8)
                        .put("perSecondary", 4)
                        .put("perTertiary", 2));
        assertThat(more.statusCode()).isEqualTo(422);
        assertThat(more.bodyAsJsonObject().getString("code")).isEqualTo("BATCH_RECALLED");
        JsonObject holders =
                api.get("/api/v1/batches/" + AUTH_NIE + "/B2611/holders", mfr).bodyAsJsonObject();
        assertThat(holders.getBoolean("recalled")).isTrue();
        assertThat(holders.getJsonArray("holders").getList()).containsExactly(PHARMACY, MANUFACTURER, DISTRIBUTOR);
        assertThat(state(primaries.get(6), apt).getBoolean("recalled")).isTrue();

        // Lampiran L.b: the pharmacy sends the recalled secondary back; the distributor receives it
        assertThat(api.post(
                                "/api/v1/recall-shipments",
                                apt,
                                codes(secondaries.get(1)).put("destination", DISTRIBUTOR))
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/recall-receipts", pbf, codes(secondaries.get(1)))
                        .statusCode())
                .isEqualTo(200);
        assertThat(state(primaries.get(6), pbf).getString("status")).isEqualTo("RECALL_RECEIVED");
        // Lampiran L.b.10-11: the pharmacy learns that its recall shipment was received
        assertThat(feed(apt))
                .anyMatch(n -> n.getString("kind").equals("RECALL_SHIPMENT_RECEIVED")
                        && n.getString("subject").contains(DISTRIBUTOR));
    }

    @Test
    @Order(9)
    void custodyChainListsEveryStepOfAUnit() throws Exception {
        String code = URLEncoder.encode(primaries.get(6), StandardCharsets.UTF_8);
        HttpResponse<Buffer> r = api.get("/api/v1/codes/custody?code=" + code, apt);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        List<String> kinds = r.bodyAsJsonObject().getJsonArray("events").stream()
                .map(e -> ((JsonObject) e).getString("kind"))
                .collect(Collectors.toList());
        assertThat(kinds)
                .containsExactly(
                        "USAGE", "SHIPMENT", "RECEIPT", "SHIPMENT", "RECEIPT", "RECALL_SHIPMENT", "RECALL_RECEIPT");
    }

    @Test
    @Order(10)
    void pasal12_5_aReportOverTwentyFourHoursLateIsAcceptedAndFlagged() throws Exception {
        HttpResponse<Buffer> r = api.post(
                "/api/v1/sales",
                apt,
                codes(primaries.get(7))
                        .put("mode", "PER_CODE")
                        .put(
                                "occurredAt",
                                Instant.now()
                                        .minus(2, ChronoUnit.DAYS)
                                        .toString()
                                        .replace("Z", "+00:00")));
        // the batch is recalled: the sale is refused, the lateness still reported
        assertThat(r.bodyAsJsonObject().getJsonObject("receipt").getBoolean("late"))
                .isTrue();

        HttpResponse<Buffer> late = api.post(
                "/api/v1/unpacks",
                pbf,
                codes(primaries.get(0))
                        .put(
                                "occurredAt",
                                Instant.now()
                                        .minus(30, ChronoUnit.HOURS)
                                        .toString()
                                        .replace("Z", "+00:00")));
        assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(200);
        assertThat(late.bodyAsJsonObject().getBoolean("late")).isTrue();
    }

    @Test
    @Order(11)
    void lampiranL_b_theRecalledCaseGoesOnUpTheChainToTheNieHolder() throws Exception {
        assertThat(api.post(
                                "/api/v1/recall-shipments",
                                pbf,
                                codes(secondaries.get(1)).put("destination", MANUFACTURER))
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/recall-receipts", mfr, codes(secondaries.get(1)))
                        .statusCode())
                .isEqualTo(200);

        assertThat(state(primaries.get(6), mfr).getString("holder")).isEqualTo(MANUFACTURER);
        assertThat(state(primaries.get(6), mfr).getString("status")).isEqualTo("RECALL_RECEIVED");
        assertThat(feed(pbf))
                .anyMatch(n -> n.getString("kind").equals("RECALL_SHIPMENT_RECEIVED")
                        && n.getString("subject").contains(MANUFACTURER));
    }

    private static List<JsonObject> feed(String key) throws Exception {
        HttpResponse<Buffer> r = api.get("/api/v1/notifications", key);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonArray().stream().map(o -> (JsonObject) o).toList();
    }

    private static JsonObject state(String code, String key) throws Exception {
        HttpResponse<Buffer> r =
                api.get("/api/v1/codes/state?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8), key);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static String serial(String code) {
        return code.substring(code.lastIndexOf("(21)") + 4);
    }
}
