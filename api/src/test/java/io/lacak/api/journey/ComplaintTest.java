package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Complaints from the public (Lampiran M.b) over HTTP: filed without login with a photo checked by
 * content, tracked by number, listed, filtered and answered by the regulator only.
 */
class ComplaintTest {

    static Api api;
    static String regulator;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(Files.createTempDirectory("lacak-complaint-test"), c -> c.setVerifyRate(0));
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    static MultipartForm form() {
        return MultipartForm.create()
                .attribute("question", "Kemasan terlihat berbeda, apakah asli?")
                .attribute("productName", "Parasetamol 500 mg")
                .attribute("batch", "B2611")
                .attribute("nie", AUTH_NIE)
                .attribute("purchasePlace", "Toko Sehat")
                .attribute("purchaseAddress", "Jl. Merdeka 1, Bandung");
    }

    static HttpResponse<Buffer> file(MultipartForm form) throws Exception {
        return api.client
                .request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/complaints")
                .sendMultipartForm(form)
                .await(30, TimeUnit.SECONDS);
    }

    @Test
    void lampiranMb_aComplaintWithAPhotoGetsATrackingNumber_andTheRegulatorAnswersIt() throws Exception {
        Buffer png = api.get(
                        "/api/v1/barcodes?code="
                                + java.net.URLEncoder.encode(
                                        "(90)" + AUTH_NIE + "(91)301231", java.nio.charset.StandardCharsets.UTF_8),
                        api.key(MANUFACTURER))
                .body();
        HttpResponse<Buffer> filed = file(form().binaryFileUpload("photo", "kemasan.png", png, "image/png"));

        assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
        JsonObject c = filed.bodyAsJsonObject();
        String tracking = c.getString("trackingNumber");
        assertThat(tracking).matches("ADU-[2-9A-HJ-NP-Z]{10}");
        assertThat(c.getString("status")).isEqualTo("RECEIVED");
        assertThat(c.getBoolean("hasPhoto")).isTrue();
        assertThat(c.containsKey("id")).isFalse();

        // the complainant reads it by number, without login
        JsonObject status = api.get("/api/v1/complaints/" + tracking, null).bodyAsJsonObject();
        assertThat(status.getString("productName")).isEqualTo("Parasetamol 500 mg");
        assertThat(status.getString("purchasePlace")).isEqualTo("Toko Sehat");
        assertThat(status.getValue("answer")).isNull();

        // the regulator lists (filtered by NIE and status), reads the photo and answers
        JsonObject list = api.get("/api/v1/complaints?status=RECEIVED&nie=" + AUTH_NIE, regulator)
                .bodyAsJsonObject();
        assertThat(list.getJsonArray("complaints").stream().map(o -> ((JsonObject) o).getString("trackingNumber")))
                .contains(tracking);
        HttpResponse<Buffer> photo = api.get("/api/v1/complaints/" + tracking + "/photo", regulator);
        assertThat(photo.getHeader("content-type")).isEqualTo("image/png");
        assertThat(photo.body().getBytes()).isEqualTo(png.getBytes());
        HttpResponse<Buffer> answered = api.post(
                "/api/v1/complaints/" + tracking + "/answer",
                regulator,
                new JsonObject().put("answer", "Produk asli; kemasan baru sejak 2026."));
        assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);

        JsonObject after = api.get("/api/v1/complaints/" + tracking, null).bodyAsJsonObject();
        assertThat(after.getString("status")).isEqualTo("ANSWERED");
        assertThat(after.getString("answer")).startsWith("Produk asli");
        assertThat(api
                        .get("/api/v1/complaints?status=RECEIVED", regulator)
                        .bodyAsJsonObject()
                        .getJsonArray("complaints")
                        .stream()
                        .map(o -> ((JsonObject) o).getString("trackingNumber")))
                .doesNotContain(tracking);
    }

    @Test
    void lampiranMb_aJsonComplaintWithoutPhotoIsAccepted() throws Exception {
        HttpResponse<Buffer> r = api.post(
                "/api/v1/complaints",
                null,
                new JsonObject()
                        .put("question", "Apakah terdaftar?")
                        .put("productName", "Jamu")
                        .put("purchasePlace", "Pasar")
                        .put("purchaseAddress", "Jl. Pasar 2"));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        assertThat(r.bodyAsJsonObject().getBoolean("hasPhoto")).isFalse();
    }

    @Test
    void lampiranMb_everyMissingOrBadFieldIsListed() throws Exception {
        HttpResponse<Buffer> r =
                file(MultipartForm.create().attribute("nie", "NOT-AN-NIE").attribute("batch", "x".repeat(30)));

        assertThat(r.statusCode()).isEqualTo(400);
        List<String> fields = r.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(o -> ((JsonObject) o).getString("field"))
                .toList();
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "question", "productName", "purchasePlace", "purchaseAddress", "nie", "batch");
    }

    @Test
    void lampiranMb_thePhotoIsJpgOrPngByContentAndAtMost2Mb() throws Exception {
        HttpResponse<Buffer> renamed =
                file(form().binaryFileUpload("photo", "foto.png", Buffer.buffer("%PDF-1.7 not an image"), "image/png"));
        assertThat(renamed.statusCode()).isEqualTo(415);
        assertThat(renamed.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("photo");

        byte[] big = new byte[2 * 1024 * 1024 + 10];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        HttpResponse<Buffer> tooBig =
                file(form().binaryFileUpload("photo", "foto.jpg", Buffer.buffer(big), "image/jpeg"));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(
                        api
                                .get("/api/v1/complaints?limit=500", regulator)
                                .bodyAsJsonObject()
                                .getJsonArray("complaints")
                                .stream()
                                .map(o -> ((JsonObject) o).getString("purchasePlace")))
                .doesNotContain("Toko Sehat2");
    }

    @Test
    void onlyTheRegulatorListsAnswersOrSeesPhotos() throws Exception {
        String mfr = api.key(MANUFACTURER);
        assertThat(api.get("/api/v1/complaints", mfr).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/complaints", null).statusCode()).isEqualTo(401);
        assertThat(api.post("/api/v1/complaints/ADU-2345678923/answer", mfr, new JsonObject().put("answer", "x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/complaints/ADU-2345678923/photo", null).statusCode())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/complaints/ADU-2345678923", null).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/complaints/%27%20or%201=1", null).statusCode())
                .isEqualTo(404);
    }
}
