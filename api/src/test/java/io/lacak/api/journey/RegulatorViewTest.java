package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static io.lacak.api.journey.Api.codes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 §5: the regulator's view over HTTP — alerts as cases with notes and history, late
 * reports (Pasal 12(5), 13(3)) filtered and paged, and late code requests (Pasal 9). Nobody else
 * may read them.
 */
class RegulatorViewTest {

    static Api api;
    static String mfr;
    static String apt;
    static String regulator;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(8 * 1024 * 1024);
        mfr = api.key(MANUFACTURER);
        apt = api.key(PHARMACY);
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        // self-issued units (Pasal 5(1)b), at the pharmacy
        JsonArray lines = new JsonArray();
        for (int i = 1; i <= 3; i++) {
            lines.add(new JsonObject().put("primary", unit(i)).put("use", "ACTIVE"));
        }
        ok(api.post("/api/v1/usage-reports", mfr, new JsonObject().put("lines", lines)));
        JsonObject all = codes(unit(1), unit(2), unit(3));
        ok(api.post("/api/v1/shipments", mfr, all.copy().put("destination", PHARMACY)));
        ok(api.post("/api/v1/receipts", apt, all));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static String unit(int i) {
        return "(90)" + AUTH_NIE + "(10)R1(17)291231(21)REGVIEW000" + i;
    }

    private static void ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }

    @Test
    void aPossibleCloneIsACaseTheRegulatorInvestigatesAndClosesWithNotes() throws Exception {
        ok(api.post("/api/v1/sales", apt, codes(unit(1))));
        assertThat(api.post("/api/v1/sales", apt, codes(unit(1))).statusCode())
                .isEqualTo(422); // a second sale: an alert

        JsonArray open = api.get("/api/v1/alerts?state=OPEN", regulator).bodyAsJsonArray();
        assertThat(open).hasSize(1);
        long id = open.getJsonObject(0).getLong("id");
        assertThat(open.getJsonObject(0).getString("kind")).isEqualTo("POSSIBLE_CLONE");
        assertThat(open.getJsonObject(0).getLong("notes")).isZero();

        HttpResponse<Buffer> investigating = api.post(
                "/api/v1/alerts/" + id + "/notes",
                regulator,
                new JsonObject().put("note", "meminta rekaman CCTV apotek").put("state", "INVESTIGATING"));
        assertThat(investigating.statusCode()).as(investigating.bodyAsString()).isEqualTo(200);
        assertThat(investigating.bodyAsJsonObject().getString("state")).isEqualTo("INVESTIGATING");
        HttpResponse<Buffer> noted = api.post(
                "/api/v1/alerts/" + id + "/notes",
                regulator,
                new JsonObject().put("note", "rekaman diterima")); // a note alone keeps the state
        assertThat(noted.bodyAsJsonObject().getString("state")).isEqualTo("INVESTIGATING");
        ok(api.post(
                "/api/v1/alerts/" + id + "/notes",
                regulator,
                new JsonObject()
                        .put("note", "salah input kasir, bukan pemalsuan")
                        .put("state", "CLOSED")));

        JsonObject closed = api.get("/api/v1/alerts/" + id, regulator).bodyAsJsonObject();
        assertThat(closed.getString("state")).isEqualTo("CLOSED");
        JsonArray history = closed.getJsonArray("history");
        assertThat(history).hasSize(3);
        assertThat(history.getJsonObject(0).getString("state")).isEqualTo("INVESTIGATING");
        assertThat(history.getJsonObject(0).getString("author")).isEqualTo("regulator");
        assertThat(history.getJsonObject(2).getString("note")).isEqualTo("salah input kasir, bukan pemalsuan");
        assertThat(api.get("/api/v1/alerts?state=OPEN", regulator).bodyAsJsonArray())
                .isEmpty();
        assertThat(api.get("/api/v1/alerts?state=CLOSED", regulator).bodyAsJsonArray())
                .hasSize(1);
        assertThat(api.get("/api/v1/alerts?state=CLOSED", regulator)
                        .bodyAsJsonArray()
                        .getJsonObject(0)
                        .getLong("notes"))
                .isEqualTo(3);

        // nobody but the regulator; no such case; no such state
        assertThat(api.get("/api/v1/alerts/" + id, apt).statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/alerts/" + id + "/notes", apt, new JsonObject().put("note", "x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/alerts/" + (id + 1000), regulator).statusCode())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/alerts/" + (id + 1000) + "/notes", regulator, new JsonObject().put("note", "x"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/alerts/" + id + "/notes",
                                regulator,
                                new JsonObject().put("note", "x").put("state", "SOLVED"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void pasal12_5_lateReportsAreListedWithHowLateFilteredAndPaged() throws Exception {
        Instant start = Instant.now();
        for (int hours : new int[] {30, 50}) {
            ok(api.post(
                    "/api/v1/sales",
                    apt,
                    codes(unit(hours == 30 ? 2 : 3))
                            .put(
                                    "occurredAt",
                                    start.minus(hours, ChronoUnit.HOURS)
                                            .toString()
                                            .replace("Z", "+00:00"))));
        }

        JsonArray sales = api.get("/api/v1/late-reports?kind=SALE&partnerId=" + PHARMACY, regulator)
                .bodyAsJsonArray();
        assertThat(sales).hasSize(2);
        JsonObject newest = sales.getJsonObject(0); // newest first: the 50-hour-old sale was reported last
        assertThat(newest.getString("partnerId")).isEqualTo(PHARMACY);
        assertThat(newest.getLong("minutesLate")).isBetween(26L * 60 - 5, 26L * 60 + 5);
        assertThat(sales.getJsonObject(1).getLong("minutesLate")).isBetween(6L * 60 - 5, 6L * 60 + 5);

        JsonArray page = api.get(
                        "/api/v1/late-reports?kind=SALE&limit=1&beforeSequence=" + newest.getLong("sequence"),
                        regulator)
                .bodyAsJsonArray();
        assertThat(page).hasSize(1);
        assertThat(page.getJsonObject(0).getLong("sequence"))
                .isEqualTo(sales.getJsonObject(1).getLong("sequence"));
        String from =
                java.net.URLEncoder.encode(start.minus(40, ChronoUnit.HOURS).toString(), "UTF-8");
        assertThat(api.get("/api/v1/late-reports?kind=SALE&from=" + from, regulator)
                        .bodyAsJsonArray())
                .hasSize(1);

        assertThat(api.get("/api/v1/late-reports?kind=USAGE", regulator).bodyAsJsonArray())
                .isEmpty(); // reported in time
        // a facility sees its own late reports (its console's warnings), never another facility's
        HttpResponse<Buffer> own = api.get("/api/v1/late-reports", apt);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.bodyAsJsonArray()).isNotEmpty();
        assertThat(own.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getString("partnerId")))
                .containsOnly(PHARMACY);
        assertThat(api.get("/api/v1/late-reports", api.key(MANUFACTURER)).bodyAsJsonArray().stream()
                        .map(o -> ((JsonObject) o).getString("partnerId")))
                .doesNotContain(PHARMACY);
        HttpResponse<Buffer> unknown = api.get("/api/v1/late-reports?partnerId=APT-NONE", regulator);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("UNKNOWN_FACILITY");
    }

    @Test
    void pasal9_aCodeRequestFewerThanTenWorkingDaysBeforeProductionIsIssuedFlaggedAndListedForTheRegulator()
            throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Jakarta"));
        JsonObject request = new JsonObject()
                .put("nie", AUTH_NIE)
                .put("expiry", "2029-12-31")
                .put("primaries", 4)
                .put("perSecondary", 2)
                .put("perTertiary", 2);
        HttpResponse<Buffer> late = api.post(
                "/api/v1/code-requests",
                mfr,
                request.copy()
                        .put("batch", "P9LATE")
                        .put("productionStart", today.plusDays(1).toString()));
        HttpResponse<Buffer> onTime = api.post(
                "/api/v1/code-requests",
                mfr,
                request.copy()
                        .put("batch", "P9OK")
                        .put("productionStart", today.plusDays(30).toString()));
        HttpResponse<Buffer> unjudged =
                api.post("/api/v1/code-requests", mfr, request.copy().put("batch", "P9NONE"));
        HttpResponse<Buffer> later = api.post(
                "/api/v1/code-requests",
                mfr,
                request.copy().put("batch", "P9LATE2").put("productionStart", today.toString()));

        assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(201);
        assertThat(late.bodyAsJsonObject().getBoolean("late")).isTrue();
        assertThat(late.bodyAsJsonObject().getInteger("noticeWorkingDays")).isLessThanOrEqualTo(1);
        assertThat(onTime.bodyAsJsonObject().getBoolean("late"))
                .as(onTime.bodyAsString())
                .isFalse();
        assertThat(onTime.bodyAsJsonObject().getInteger("noticeWorkingDays")).isGreaterThanOrEqualTo(10);
        assertThat(unjudged.bodyAsJsonObject().getBoolean("late")).isFalse();
        assertThat(unjudged.bodyAsJsonObject().getString("productionStart")).isNull();
        assertThat(later.bodyAsJsonObject().getInteger("noticeWorkingDays")).isZero();
        long lateId = late.bodyAsJsonObject().getLong("id");
        long laterId = later.bodyAsJsonObject().getLong("id");
        // the requester sees its flag; the regulator sees the late ones, newest first, paged by id
        assertThat(api.get("/api/v1/code-requests/" + lateId, mfr)
                        .bodyAsJsonObject()
                        .getBoolean("late"))
                .isTrue();
        JsonArray listed = api.get("/api/v1/late-code-requests", regulator).bodyAsJsonArray();
        assertThat(listed.stream().map(o -> ((JsonObject) o).getLong("id"))).containsExactly(laterId, lateId);
        assertThat(listed.getJsonObject(1).getString("requestedBy")).isEqualTo(MANUFACTURER);
        assertThat(listed.getJsonObject(1).getString("productionStart"))
                .isEqualTo(today.plusDays(1).toString());
        JsonArray page = api.get("/api/v1/late-code-requests?limit=1&beforeId=" + laterId, regulator)
                .bodyAsJsonArray();
        assertThat(page.stream().map(o -> ((JsonObject) o).getLong("id"))).containsExactly(lateId);
        assertThat(api.get("/api/v1/late-code-requests", mfr).statusCode()).isEqualTo(403);
        HttpResponse<Buffer> bad = api.post(
                "/api/v1/code-requests",
                mfr,
                request.copy().put("batch", "P9BAD").put("productionStart", "tomorrow"));
        assertThat(bad.statusCode()).as(bad.bodyAsString()).isEqualTo(400);
    }
}
