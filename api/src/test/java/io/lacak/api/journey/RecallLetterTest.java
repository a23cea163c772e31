package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static io.lacak.api.journey.Api.codes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 §1, Lampiran L.a: the recall notice carries the recall letter itself (a PDF, kept like
 * other documents), and the facilities it reaches — the batch's distribution path — read it, with
 * the reason, letter number and date; nobody outside the path learns it exists.
 */
class RecallLetterTest {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
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
        String unit = "(90)" + AUTH_NIE + "(10)RL1(17)291231(21)RECALLLETTER1";
        ok(api.post(
                "/api/v1/usage-reports",
                mfr,
                new JsonObject()
                        .put(
                                "lines",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("primary", unit)
                                                .put("use", "ACTIVE")))));
        ok(api.post("/api/v1/shipments", mfr, codes(unit).put("destination", DISTRIBUTOR)));
        ok(api.post("/api/v1/receipts", pbf, codes(unit)));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static void ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }

    private static MultipartForm recall(String batch) {
        return MultipartForm.create()
                .attribute("nie", AUTH_NIE)
                .attribute("batch", batch)
                .attribute("reason", "cemaran mikroba melebihi batas")
                .attribute("letterNumber", "PW.02.2026.07")
                .attribute("letterDate", "2026-12-01");
    }

    private static HttpResponse<Buffer> post(String key, MultipartForm form) throws Exception {
        HttpRequest<Buffer> r =
                api.client.request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/recall-letters");
        if (key != null) {
            r.putHeader("X-API-Key", key);
        }
        return r.sendMultipartForm(form).await(10, TimeUnit.SECONDS);
    }

    private static long letters() throws Exception {
        return api.lacak
                .services()
                .database()
                .pool()
                .query("select count(*) from document where owner like 'recall-letter:%'")
                .execute()
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void lampiranL_a_theRecallLetterReachesTheDistributionPathAndNobodyElse() throws Exception {
        // refused before anything is kept: anonymous, no letter, a letter that is no PDF, not the NIE holder
        assertThat(post(
                                null,
                                recall("RL1")
                                        .binaryFileUpload("letter", "surat.pdf", Buffer.buffer(PDF), "application/pdf"))
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<Buffer> noLetter = post(mfr, recall("RL1"));
        assertThat(noLetter.statusCode()).isEqualTo(400);
        assertThat(noLetter.bodyAsString()).contains("\"field\":\"letter\"");
        HttpResponse<Buffer> png = post(
                mfr,
                recall("RL1")
                        .binaryFileUpload(
                                "letter",
                                "surat.pdf",
                                Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}),
                                "application/pdf"));
        assertThat(png.statusCode()).isEqualTo(400);
        HttpResponse<Buffer> notHolder =
                post(pbf, recall("RL1").binaryFileUpload("letter", "surat.pdf", Buffer.buffer(PDF), "application/pdf"));
        assertThat(notHolder.statusCode()).isEqualTo(422);
        assertThat(letters()).isZero(); // the refused recall's letter is not kept

        HttpResponse<Buffer> recalled =
                post(mfr, recall("RL1").binaryFileUpload("letter", "surat.pdf", Buffer.buffer(PDF), "application/pdf"));
        assertThat(recalled.statusCode()).as(recalled.bodyAsString()).isEqualTo(200);
        assertThat(letters()).isEqualTo(1);

        JsonObject notice = api.get("/api/v1/notifications", pbf).bodyAsJsonArray().stream()
                .map(o -> (JsonObject) o)
                .filter(n -> n.getString("kind").equals("RECALL_NOTICE"))
                .findFirst()
                .orElseThrow();
        JsonObject details = notice.getJsonObject("details");
        assertThat(details.getString("reason")).isEqualTo("cemaran mikroba melebihi batas");
        assertThat(details.getString("letterNumber")).isEqualTo("PW.02.2026.07");
        assertThat(details.getString("letterDate")).isEqualTo("2026-12-01");
        String href = details.getJsonObject("letter").getString("href");

        for (String reader : List.of(pbf, mfr, api.login("regulator", Api.ADMIN_PASSWORD))) {
            HttpResponse<Buffer> letter = api.get(href, reader);
            assertThat(letter.statusCode()).isEqualTo(200);
            assertThat(letter.getHeader("content-type")).isEqualTo("application/pdf");
            assertThat(letter.bodyAsBuffer().getBytes()).isEqualTo(PDF);
        }
        assertThat(api.get(href, apt).statusCode()).isEqualTo(404); // not in the batch's path: no such letter
        assertThat(api.get(href, null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/recall-letters/999999", mfr).statusCode()).isEqualTo(404);

        // recalled once: a second form is refused and its letter not kept
        HttpResponse<Buffer> again =
                post(mfr, recall("RL1").binaryFileUpload("letter", "surat.pdf", Buffer.buffer(PDF), "application/pdf"));
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(letters()).isEqualTo(1);
    }
}
