package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CSV uploads through the real server (issue 6; Lampiran G.4.b, H.c.4, I.c.4). */
class UploadTest {

    static Api api;
    static String mfr;
    static String pbf;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(8 * 1024 * 1024);
        mfr = api.key(MANUFACTURER);
        pbf = api.key(DISTRIBUTOR);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /** Issues codes for a batch; returns primaries, secondaries, tertiaries. */
    static List<List<String>> issue(String batch, int primaries, int perSecondary, int perTertiary) throws Exception {
        HttpResponse<Buffer> r = api.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", batch)
                        .put("expiry", "2028-12-31")
                        .put("primaries", primaries)
                        .put("perSecondary", perSecondary)
                        .put("perTertiary", perTertiary));
        long id = r.bodyAsJsonObject().getLong("id");
        return List.of(api.codes(id, "primary", mfr), api.codes(id, "secondary", mfr), api.codes(id, "tertiary", mfr));
    }

    static String usageCsv(List<List<String>> codes, String batch, int perSecondary, int perTertiary) {
        StringBuilder csv =
                new StringBuilder("Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,Expiry,"
                        + "Batch,GTIN,Active,Retained Sample,Reject\n");
        List<String> p = codes.get(0);
        for (int i = 0; i < p.size(); i++) {
            csv.append(MANUFACTURER)
                    .append(",Primer,")
                    .append(p.get(i))
                    .append(',')
                    .append(codes.get(1).get(i / perSecondary))
                    .append(',')
                    .append(codes.get(2).get(i / perTertiary))
                    .append(',')
                    .append(AUTH_NIE)
                    .append(",2028-12-31,")
                    .append(batch)
                    .append(",,TRUE,FALSE,FALSE\n");
        }
        return csv.toString();
    }

    static JsonObject upload(String template, String key, String query, String csv) throws Exception {
        return upload(api, template, key, query, csv);
    }

    static JsonObject upload(Api api, String template, String key, String query, String csv) throws Exception {
        HttpResponse<Buffer> r = api.client
                .post(api.lacak.port(), "127.0.0.1", "/api/v1/uploads/" + template + query)
                .putHeader("X-API-Key", key)
                .putHeader("content-type", "text/csv")
                .sendBuffer(Buffer.buffer(csv))
                .await(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        assertThat(r.getHeader("Location"))
                .isEqualTo("/api/v1/uploads/" + r.bodyAsJsonObject().getLong("id"));
        return r.bodyAsJsonObject();
    }

    static JsonObject finished(long id, String key) throws Exception {
        return UploadTestSupport.finished(api, id, key, 120);
    }

    static List<String> codesOf(JsonObject job) {
        return job.getJsonArray("problems").stream()
                .map(p -> ((JsonObject) p).getString("code"))
                .collect(Collectors.toList());
    }

    @Test
    void lampiranG_usageWithAggregationByUploadIsAppliedAsOneReport_andARepeatIsRecognised() throws Exception {
        List<List<String>> codes = issue("U1", 40, 10, 2);
        String csv = usageCsv(codes, "U1", 10, 20);

        JsonObject job = finished(upload("usage", mfr, "", csv).getLong("id"), mfr);
        assertThat(job.getString("state")).as(job.encode()).isEqualTo("DONE");
        assertThat(job.getLong("rowsRead")).isEqualTo(40);
        assertThat(job.getLong("rowsAccepted")).isEqualTo(40);
        assertThat(job.getInteger("percent")).isEqualTo(100);
        JsonObject state = api.get(
                        "/api/v1/codes/state?code="
                                + URLEncoder.encode(codes.get(0).get(25), StandardCharsets.UTF_8),
                        mfr)
                .bodyAsJsonObject();
        assertThat(state.getJsonArray("packedIn").getList()).hasSize(2); // secondary and tertiary

        JsonObject again = upload("usage", mfr, "", csv);
        assertThat(again.getLong("id")).isEqualTo(job.getLong("id"));
        assertThat(again.getBoolean("repeated")).isTrue();
        assertThat(api.get("/api/v1/uploads/" + job.getLong("id"), pbf).statusCode())
                .isEqualTo(404); // not pbf's upload
    }

    @Test
    void lampiranH_shipmentWithIndonesianHeadersSemicolonsAndBomAsAMultipartForm() throws Exception {
        List<List<String>> codes = issue("U2", 20, 10, 2);
        assertThat(finished(
                                upload("usage", mfr, "", usageCsv(codes, "U2", 10, 20))
                                        .getLong("id"),
                                mfr)
                        .getString("state"))
                .isEqualTo("DONE");
        String csv = "\uFEFFid rekanan;ID REKANAN TUJUAN;Kemasan;2D Barcode;NIE;Tanggal Kedaluwarsa;Nomor Bets\n"
                + MANUFACTURER + ";" + DISTRIBUTOR + ";Tersier;" + codes.get(2).get(0) + ";" + AUTH_NIE
                + ";2028-12-31;U2\n";
        HttpResponse<Buffer> r = api.client
                .post(api.lacak.port(), "127.0.0.1", "/api/v1/uploads/shipment")
                .putHeader("X-API-Key", mfr)
                .sendMultipartForm(
                        MultipartForm.create().textFileUpload("file", "kirim.csv", Buffer.buffer(csv), "text/csv"))
                .await(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);

        JsonObject job = finished(r.bodyAsJsonObject().getLong("id"), mfr);
        assertThat(job.getString("state")).as(job.encode()).isEqualTo("DONE");
        assertThat(job.getLong("rowsAccepted")).isEqualTo(1);
    }

    /** One movement file: partner, (destination,) packaging, code, NIE, expiry, batch, (reason). */
    static String movementCsv(
            String header, String partner, String destination, List<String> codes, String batch, String reason) {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (String code : codes) {
            csv.append(partner)
                    .append(destination == null ? "" : "," + destination)
                    .append(",,")
                    .append(code)
                    .append(',')
                    .append(AUTH_NIE)
                    .append(",2028-12-31,")
                    .append(batch)
                    .append(",")
                    .append(reason == null ? "" : "," + reason)
                    .append('\n');
        }
        return csv.toString();
    }

    static JsonObject done(String template, String key, String csv) throws Exception {
        JsonObject job = finished(upload(template, key, "", csv).getLong("id"), key);
        assertThat(job.getString("state")).as(template + " " + job.encode()).isEqualTo("DONE");
        return job;
    }

    @Test
    void lampiranG_to_L_everyTemplateWorksThroughTheServer() throws Exception {
        String apt = api.key(io.lacak.api.Demo.PHARMACY);
        List<List<String>> codes = issue("U5", 20, 10, 2);
        done("usage", mfr, usageCsv(codes, "U5", 10, 20));
        String move = "Partner ID,Destination Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch,GTIN";
        String here = "Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch,GTIN";
        String back = move + ",Reason";
        List<String> pallet = codes.get(2);
        done("shipment", mfr, movementCsv(move, MANUFACTURER, DISTRIBUTOR, pallet, "U5", null));
        done("receipt", pbf, movementCsv(here, DISTRIBUTOR, null, pallet, "U5", null));
        done("shipment", pbf, movementCsv(move, DISTRIBUTOR, io.lacak.api.Demo.PHARMACY, codes.get(1), "U5", null));
        done("receipt", apt, movementCsv(here, io.lacak.api.Demo.PHARMACY, null, codes.get(1), "U5", null));
        JsonObject sale = done(
                "sale",
                apt,
                movementCsv(here, io.lacak.api.Demo.PHARMACY, null, codes.get(0).subList(0, 5), "U5", null));
        assertThat(sale.getLong("rowsAccepted")).isEqualTo(5);
        done(
                "return",
                apt,
                movementCsv(
                        back,
                        io.lacak.api.Demo.PHARMACY,
                        DISTRIBUTOR,
                        codes.get(0).subList(5, 7),
                        "U5",
                        "rusak"));
        assertThat(api.post(
                                "/api/v1/recalls",
                                mfr,
                                new JsonObject()
                                        .put("nie", AUTH_NIE)
                                        .put("batch", "U5")
                                        .put("reason", "uji mutu")
                                        .put("letterNumber", "PW-U5"))
                        .statusCode())
                .isEqualTo(200);
        JsonObject recall = done(
                "recall-shipment",
                apt,
                movementCsv(
                        back,
                        io.lacak.api.Demo.PHARMACY,
                        DISTRIBUTOR,
                        codes.get(0).subList(7, 20),
                        "U5",
                        "penarikan"));
        assertThat(recall.getLong("rowsAccepted")).isEqualTo(13);
        JsonObject state = api.get(
                        "/api/v1/codes/state?code="
                                + URLEncoder.encode(codes.get(0).get(12), StandardCharsets.UTF_8),
                        pbf)
                .bodyAsJsonObject();
        assertThat(state.getString("status")).isEqualTo("RECALL_IN_TRANSIT");
    }

    @Test
    void aFileThatDoesNotMatchItsTemplateIsRefusedWhole() throws Exception {
        JsonObject wrongColumns = finished(
                upload("receipt", pbf, "", "Partner ID,Colour,2D Barcode\nPBF-DEMO,red,x\n")
                        .getLong("id"),
                pbf);
        assertThat(wrongColumns.getString("state")).isEqualTo("REFUSED");
        assertThat(codesOf(wrongColumns)).contains("UNKNOWN_COLUMN", "MISSING_COLUMN");

        JsonObject empty = finished(upload("sale", pbf, "", "").getLong("id"), pbf);
        assertThat(codesOf(empty)).containsExactly("EMPTY_FILE");

        JsonObject junk = finished(
                upload("receipt", pbf, "", "\u0000\u0001\u00ff\u00fe binary junk \u0007\n\u0000")
                        .getLong("id"),
                pbf);
        assertThat(junk.getString("state")).isEqualTo("REFUSED");
        assertThat(junk.getLong("rowsAccepted")).isZero();
    }

    @Test
    void rowErrorsRefuseTheFileWhole_unlessPartial() throws Exception {
        List<List<String>> codes = issue("U3", 10, 10, 1);
        String header =
                "Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,Expiry,Batch,Active,Retained Sample,Reject\n";
        StringBuilder rows = new StringBuilder(header);
        for (int i = 0; i < 8; i++) {
            rows.append(MANUFACTURER)
                    .append(",,")
                    .append(codes.get(0).get(i))
                    .append(",0,0,")
                    .append(AUTH_NIE)
                    .append(",2028-12-31,U3,TRUE,FALSE,FALSE\n");
        }
        rows.append(DISTRIBUTOR)
                .append(",,")
                .append(codes.get(0).get(8))
                .append(",0,0,")
                .append(AUTH_NIE)
                .append(",2028-12-31,U3,TRUE,FALSE,FALSE\n"); // line 10: another facility
        rows.append(MANUFACTURER)
                .append(",,")
                .append(codes.get(0).get(9))
                .append(",0,0,DKL0000000000X9")
                .append(",2028-12-31,U3,TRUE,FALSE,FALSE\n"); // line 11: NIE disagrees with the code
        rows.append(MANUFACTURER)
                .append(",,")
                .append(codes.get(0).get(0))
                .append(",0,0,")
                .append(AUTH_NIE)
                .append(",2028-12-31,U3,TRUE,FALSE,FALSE\n"); // line 12: line 2's code again

        JsonObject whole = finished(upload("usage", mfr, "", rows.toString()).getLong("id"), mfr);
        assertThat(whole.getString("state")).isEqualTo("REFUSED");
        assertThat(whole.getLong("rowsAccepted")).isZero();
        assertThat(codesOf(whole)).containsExactly("PARTNER_MISMATCH", "MISMATCH");

        JsonObject partial =
                finished(upload("usage", mfr, "?mode=partial", rows.toString()).getLong("id"), mfr);
        assertThat(partial.getString("state")).as(partial.encode()).isEqualTo("DONE");
        assertThat(partial.getLong("rowsAccepted")).isEqualTo(8);
        assertThat(codesOf(partial)).containsExactly("PARTNER_MISMATCH", "MISMATCH", "DUPLICATE_IN_REPORT");
        assertThat(partial.getJsonArray("problems").getJsonObject(2).getLong("line"))
                .isEqualTo(12);
    }

    /**
     * A problem of an upload says itself in Bahasa Indonesia and English ({@code messages}), as the
     * refusals of a JSON report do, beside its English {@code message}, which stays as it was: a
     * header that does not fit its template, a row whose code is no GS1 code (a wrong GTIN check
     * digit), and a code the writer refuses because the uploader does not hold it (Lampiran H:
     * only the holder ships), in the reason's own words.
     */
    @Test
    void lampiranH_everyProblemOfAnUploadCarriesItsMessageInBahasaIndonesiaAndEnglish() throws Exception {
        JsonObject header = finished(
                upload("receipt", pbf, "", "Partner ID,Colour,2D Barcode\nPBF-DEMO,red,x\n")
                        .getLong("id"),
                pbf);
        assertThat(codesOf(header)).contains("UNKNOWN_COLUMN", "MISSING_COLUMN");
        header.getJsonArray("problems").forEach(p -> assertBilingual((JsonObject) p));
        JsonObject colour = problem(header, "UNKNOWN_COLUMN");
        assertThat(colour.getString("message")).isEqualTo("column 2 'Colour' is not a column of the RECEIPT template");
        assertThat(colour.getJsonObject("messages").getString("id"))
                .isEqualTo("kolom ke-2 'Colour' bukan kolom templat RECEIPT");

        String badCode = "(01)09506000134353(10)U6(17)281231(21)X1"; // check digit 2, not 3
        JsonObject syntax = finished(
                upload(
                                "usage",
                                mfr,
                                "",
                                "Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,Expiry,Batch,"
                                        + "Active,Retained Sample,Reject\n" + MANUFACTURER + ",," + badCode + ",0,0,"
                                        + AUTH_NIE + ",2028-12-31,U6,TRUE,FALSE,FALSE\n")
                        .getLong("id"),
                mfr);
        assertThat(syntax.getString("state")).isEqualTo("REFUSED");
        JsonObject invalid = problem(syntax, "CODE_INVALID");
        assertBilingual(invalid);
        assertThat(invalid.getString("message")).contains("GTIN_CHECK_DIGIT");
        assertThat(invalid.getJsonObject("messages").getString("id"))
                .isEqualTo("kode tidak sah: digit periksa GTIN salah");

        List<List<String>> codes = issue("U6", 10, 10, 1);
        done("usage", mfr, usageCsv(codes, "U6", 10, 10));
        JsonObject notHeld = finished(
                upload(
                                "shipment",
                                pbf,
                                "?mode=partial",
                                movementCsv(
                                        "Partner ID,Destination Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch,GTIN",
                                        DISTRIBUTOR,
                                        io.lacak.api.Demo.PHARMACY,
                                        codes.get(0).subList(0, 2),
                                        "U6",
                                        null))
                        .getLong("id"),
                pbf);
        assertThat(codesOf(notHeld)).as(notHeld.encode()).containsExactly("NOT_HELD", "NOT_HELD");
        JsonObject refused = notHeld.getJsonArray("problems").getJsonObject(0);
        assertBilingual(refused);
        assertThat(refused.getJsonObject("messages").getString("id"))
                .startsWith(io.lacak.core.lifecycle.Refusal.NOT_HELD.messageId() + " (");
        assertThat(refused.getString("message")).startsWith(io.lacak.core.lifecycle.Refusal.NOT_HELD.message() + " (");
    }

    /**
     * A job stored before problems carried {@code messages} (code and English only) is shown with
     * them, given again from its code by the same words that write them now; a message none of them
     * wrote is shown as it was.
     */
    @Test
    void aJobStoredBeforeProblemsCarriedMessagesIsShownWithThemFromItsCodes() throws Exception {
        JsonArray stored = new JsonArray()
                .add(new JsonObject()
                        .put("line", 3)
                        .put("column", "Active")
                        .put("code", "BOOLEAN_INVALID")
                        .put("message", "'MUNGKIN' is neither TRUE nor FALSE"))
                .add(new JsonObject()
                        .put("line", 4)
                        .put("column", "Primary Code")
                        .put("code", "NOT_HELD")
                        .put("message", "the code is neither held by nor addressed to the reporting facility (X9)"))
                .add(new JsonObject()
                        .put("line", 5)
                        .put("column", "Batch")
                        .put("code", "MISMATCH")
                        .put("message", "words no version of Lacak wrote"));
        long id = api.lacak
                .database()
                .pool()
                .preparedQuery("insert into upload (facility, template, mode, sha256, bytes, occurred_at, received_at,"
                        + " state, problems, problem_count, finished_at) select ref, 'USAGE', 'ATOMIC', $2, 100,"
                        + " now(), now(), 'REFUSED', $3, 3, now() from facility where partner_id = $1 returning id")
                .execute(io.vertx.sqlclient.Tuple.of(MANUFACTURER, "0".repeat(63) + "7", stored.encode()))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong(0);

        JsonArray shown = finished(id, mfr).getJsonArray("problems");
        assertThat(shown.getJsonObject(0).getString("message")).isEqualTo("'MUNGKIN' is neither TRUE nor FALSE");
        assertThat(shown.getJsonObject(0).getJsonObject("messages"))
                .isEqualTo(new JsonObject()
                        .put("id", "'MUNGKIN' bukan TRUE atau FALSE")
                        .put("en", "'MUNGKIN' is neither TRUE nor FALSE"));
        assertBilingual(shown.getJsonObject(1));
        assertThat(shown.getJsonObject(1).getJsonObject("messages").getString("id"))
                .isEqualTo(io.lacak.core.lifecycle.Refusal.NOT_HELD.messageId() + " (X9)");
        assertThat(shown.getJsonObject(2)).isEqualTo(stored.getJsonObject(2));
    }

    /** The job's first problem of {@code code}. */
    static JsonObject problem(JsonObject job, String code) {
        return job.getJsonArray("problems").stream()
                .map(p -> (JsonObject) p)
                .filter(p -> code.equals(p.getString("code")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + job.encode()));
    }

    /** {@code messages} in Bahasa Indonesia and English, each said, not the same; the English is {@code message}. */
    static void assertBilingual(JsonObject problem) {
        JsonObject messages = problem.getJsonObject("messages");
        assertThat(messages).as(problem.encode()).isNotNull();
        assertThat(messages.getString("id")).as(problem.encode()).isNotBlank();
        assertThat(messages.getString("en"))
                .as(problem.encode())
                .isNotBlank()
                .isNotEqualTo(messages.getString("id"))
                .isEqualTo(problem.getString("message"));
    }

    @Test
    void pasal12_5_uploadsOfActivityOverADayOldAreFlaggedLate() throws Exception {
        List<List<String>> codes = issue("U4", 10, 10, 1);
        JsonObject job = finished(
                upload(
                                "usage",
                                mfr,
                                "?occurredAt=" + URLEncoder.encode("2026-01-01T08:00:00+07:00", StandardCharsets.UTF_8),
                                usageCsv(codes, "U4", 10, 10))
                        .getLong("id"),
                mfr);
        assertThat(job.getString("state")).isEqualTo("DONE");
        assertThat(job.getBoolean("late")).isTrue();
        assertThat(job.getString("receivedAt")).isNotNull(); // when the upload reached Lacak, the end of the 24 hours
    }

    @Test
    void templatesAreDownloadableAndUnknownOnesAre404() throws Exception {
        HttpResponse<Buffer> t = api.send(HttpMethod.GET, "/api/v1/templates/usage", null, null);
        assertThat(t.getHeader("content-type")).startsWith("text/csv");
        assertThat(t.bodyAsString().split("\n")[0])
                .isEqualTo("Partner ID,Packaging,Primary Code,Secondary Code,"
                        + "Tertiary Code,NIE,Expiry,Batch,GTIN,Active,Retained Sample,Reject");
        assertThat(api.send(HttpMethod.GET, "/api/v1/templates/invoice", null, null)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<Buffer> noKey = api.client
                .post(api.lacak.port(), "127.0.0.1", "/api/v1/uploads/usage")
                .sendBuffer(Buffer.buffer("x"))
                .await(30, TimeUnit.SECONDS);
        assertThat(noKey.statusCode()).isEqualTo(401);
    }
}
