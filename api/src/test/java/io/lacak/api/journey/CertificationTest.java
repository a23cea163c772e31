package io.lacak.api.journey;

import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 certification over HTTP: an approved company completes its profile (plants, dosage
 * forms, production licences), applies for the licensed dosage forms with PDF and Excel documents,
 * revises on request, pays the SPB, is inspected, uploads its CAPA (sent back once) and downloads
 * the certificate.
 */
class CertificationTest {

    static Api api;
    static String regulator;
    static String company;
    static final Buffer PDF = Buffer.buffer("%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));

    @BeforeAll
    static void start() throws Exception {
        api = new Api(Files.createTempDirectory("lacak-certification-test"), c -> c.setVerifyRate(0)
                .setLoginRate(0));
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        company = approvedCompany("Jamu Sehat Sentosa");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /** A company registered (seed 002), approved and activated; its responsible person's token. */
    static String approvedCompany(String name) throws Exception {
        HttpResponse<Buffer> filed = multipart("/api/v1/companies", null, CompanyRegistrationTest.form(name, 25));
        assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
        long id = filed.bodyAsJsonObject().getLong("id");
        int mailed = api.mails.size();
        ok(api.post("/api/v1/companies/" + id + "/decision", regulator, new JsonObject().put("decision", "APPROVE")));
        String link = api.mailedLink(null, "/activate.html?token=", mailed); // the token is in the mail only (issue 15)
        JsonObject activated = ok(api.post(
                "/api/v1/accounts/activate",
                null,
                new JsonObject()
                        .put("token", link.substring(link.indexOf("token=") + 6))
                        .put("password", "sertifikasi-2026!")));
        return api.login(activated.getString("username"), "sertifikasi-2026!");
    }

    static HttpResponse<Buffer> multipart(String path, String token, MultipartForm form) throws Exception {
        var request = api.client.request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return request.sendMultipartForm(form).await(30, TimeUnit.SECONDS);
    }

    static JsonObject ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 201);
        return r.bodyAsJsonObject();
    }

    static List<String> codes(HttpResponse<Buffer> r) {
        return r.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(o -> ((JsonObject) o).getString("code"))
                .toList();
    }

    /** A real (minimal) Excel workbook: an OOXML zip. */
    static Buffer xlsx() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
        }
        return Buffer.buffer(bytes.toByteArray());
    }

    static MultipartForm application(int... dosageForms) throws Exception {
        MultipartForm f = MultipartForm.create()
                .attribute("type", "CPOTB")
                .attribute("letterNumber", "012/JSS/XI/2026")
                .attribute("letterDate", "2026-11-20")
                .attribute("ripApprovalNumber", "RIP-2026-0042");
        for (int id : dosageForms) {
            f.attribute("dosageForms", Integer.toString(id));
        }
        return f.binaryFileUpload("ADMINISTRATIVE", "surat-permohonan.pdf", PDF, "application/pdf")
                .binaryFileUpload("TECHNICAL", "denah-ahs.xlsx", xlsx(), "application/octet-stream");
    }

    @Test
    void seed002_profileApplicationRevisionPaymentInspectionCapaCertificate() throws Exception {
        // the profile: a plant and its dosage forms, one with a production licence
        assertThat(api.get("/api/v1/me/company", regulator).statusCode()).isEqualTo(403);
        JsonObject profile = ok(api.post(
                "/api/v1/me/company/plants",
                company,
                new JsonObject().put("name", "Pabrik Sukoharjo").put("address", "Jl. Solo-Wonogiri Km 7, Sukoharjo")));
        int plant = profile.getJsonArray("plants").getJsonObject(0).getInteger("id");
        ok(api.post(
                "/api/v1/me/company/plants/" + plant + "/dosage-forms",
                company,
                new JsonObject()
                        .put("dosageForm", "HARD_CAPSULE")
                        .put("productionLicenceNumber", "PP.01.01.1.123")
                        .put("productionLicenceDate", "2024-02-01")));
        profile = ok(api.post(
                "/api/v1/me/company/plants/" + plant + "/dosage-forms",
                company,
                new JsonObject().put("dosageForm", "POWDER")));
        int capsules = profile.getJsonArray("plants")
                .getJsonObject(0)
                .getJsonArray("dosageForms")
                .getJsonObject(0)
                .getInteger("id");
        int powder = profile.getJsonArray("plants")
                .getJsonObject(0)
                .getJsonArray("dosageForms")
                .getJsonObject(1)
                .getInteger("id");

        // seed 002: a dosage form without a production licence cannot be chosen; documents are PDF or Excel
        MultipartForm withPhoto = application(capsules, powder)
                .binaryFileUpload(
                        "OPTIONAL",
                        "foto.png",
                        Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}),
                        "image/png");
        HttpResponse<Buffer> refused = multipart("/api/v1/certifications", company, withPhoto);
        assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
        assertThat(codes(refused)).containsExactlyInAnyOrder("NO_PRODUCTION_LICENCE", "DOCUMENT_TYPE");
        assertThat(multipart(
                                "/api/v1/certifications",
                                api.login("pabrik", api.password(MANUFACTURER)),
                                application(capsules))
                        .statusCode())
                .isEqualTo(403); // not an approved company's account
        assertThat(multipart("/api/v1/certifications", null, application(capsules))
                        .statusCode())
                .isEqualTo(401);
        ok(api.send(
                HttpMethod.PUT,
                "/api/v1/me/company/dosage-forms/" + powder + "/production-licence",
                company,
                Buffer.buffer(new JsonObject()
                        .put("productionLicenceNumber", "PP.01.01.1.124")
                        .put("productionLicenceDate", "2025-03-01")
                        .encode())));

        JsonObject c = ok(multipart("/api/v1/certifications", company, application(capsules, powder)));
        long id = c.getLong("id");
        assertThat(c.getString("status")).isEqualTo("SUBMITTED");
        assertThat(c.getJsonArray("dosageForms")).hasSize(2);
        assertThat(c.getJsonArray("documents").stream().map(d -> ((JsonObject) d).getString("mediaType")))
                .containsExactly(
                        "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(api.get("/api/v1/certifications/" + id, api.login("pabrik", api.password(MANUFACTURER)))
                        .statusCode())
                .isEqualTo(404);

        // a revision request, then the revised application
        assertThat(api.post(
                                "/api/v1/certifications/" + id + "/decision",
                                company,
                                new JsonObject().put("decision", "APPROVE").put("amount", 1))
                        .statusCode())
                .isEqualTo(403);
        assertThat(ok(api.post(
                                "/api/v1/certifications/" + id + "/decision",
                                regulator,
                                new JsonObject().put("decision", "REVISE").put("note", "Lampirkan denah terbaru")))
                        .getString("status"))
                .isEqualTo("REVISION");
        c = ok(multipart("/api/v1/certifications/" + id + "/revision", company, application(capsules, powder)));
        assertThat(c.getString("status")).isEqualTo("SUBMITTED");
        assertThat(c.getJsonArray("documents")).hasSize(2); // replaced, not added

        // approval issues the SPB; the paid SPB brings the inspection; no certificate before the end
        assertThat(api.post(
                                "/api/v1/certifications/" + id + "/decision",
                                regulator,
                                new JsonObject().put("decision", "APPROVE"))
                        .statusCode())
                .isEqualTo(400); // an SPB needs its amount
        c = ok(api.post(
                "/api/v1/certifications/" + id + "/decision",
                regulator,
                new JsonObject().put("decision", "APPROVE").put("amount", 7_500_000)));
        assertThat(c.getString("status")).isEqualTo("PAYMENT");
        JsonObject spb = c.getJsonArray("paymentOrders").getJsonObject(0);
        assertThat(spb.getLong("amount")).isEqualTo(7_500_000L);
        assertThat(api.get("/api/v1/certifications/" + id + "/certificate", company)
                        .statusCode())
                .isEqualTo(409);
        ok(api.post(
                "/api/v1/payments",
                regulator,
                new JsonObject()
                        .put("billingNumber", spb.getString("billingNumber"))
                        .put("amount", 7_500_000)));
        assertThat(ok(api.get("/api/v1/certifications/" + id, company)).getString("status"))
                .isEqualTo("INSPECTION");

        // findings: the CAPA, sent back once, then accepted
        c = ok(api.post(
                "/api/v1/certifications/" + id + "/decision",
                regulator,
                new JsonObject()
                        .put("decision", "INSPECTED")
                        .put("result", "CAPA_REQUIRED")
                        .put("note", "Temuan: kalibrasi timbangan")));
        assertThat(c.getString("status")).isEqualTo("CAPA");
        MultipartForm capa = MultipartForm.create().binaryFileUpload("CAPA", "capa.pdf", PDF, "application/pdf");
        assertThat(ok(multipart("/api/v1/certifications/" + id + "/capa", company, capa))
                        .getString("status"))
                .isEqualTo("CAPA_REVIEW");
        assertThat(multipart("/api/v1/certifications/" + id + "/capa", company, capa)
                        .statusCode())
                .isEqualTo(409);
        ok(api.post(
                "/api/v1/certifications/" + id + "/decision",
                regulator,
                new JsonObject().put("decision", "REVISE_CAPA").put("note", "Sertakan bukti kalibrasi")));
        ok(multipart("/api/v1/certifications/" + id + "/capa", company, capa));
        c = ok(api.post(
                "/api/v1/certifications/" + id + "/decision",
                regulator,
                new JsonObject().put("decision", "ACCEPT_CAPA")));
        assertThat(c.getString("status")).isEqualTo("CERTIFIED");
        String number = c.getJsonObject("certificate").getString("number");
        assertThat(number).matches("CPOTB-\\d{4}-0*" + id);
        assertThat(c.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("status")))
                .containsExactly(
                        "SUBMITTED",
                        "REVISION",
                        "SUBMITTED",
                        "PAYMENT",
                        "INSPECTION",
                        "CAPA",
                        "CAPA_REVIEW",
                        "CAPA",
                        "CAPA_REVIEW",
                        "CERTIFIED");

        // the certificate: a PDF naming the company, the plant, the dosage forms and its number
        HttpResponse<Buffer> pdf = api.get("/api/v1/certifications/" + id + "/certificate", company);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.getHeader("content-type")).isEqualTo("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body().getBytes())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text)
                    .contains(
                            number,
                            "Jamu Sehat Sentosa",
                            "Pabrik Sukoharjo",
                            "HARD_CAPSULE",
                            "POWDER",
                            "Cara Pembuatan Obat Tradisional yang Baik");
        }
        assertThat(api.get("/api/v1/certifications", company).bodyAsJsonObject().getJsonArray("certifications"))
                .hasSize(1);
        // a notice for each of Badan POM's five steps and for the payment received
        assertThat(api.get("/api/v1/me/notifications", company).bodyAsJsonArray().stream()
                        .filter(n -> ("/api/v1/certifications/" + id).equals(((JsonObject) n).getString("link"))))
                .hasSize(6);
    }

    @Test
    void seed002_failedInspectionRejects_andOnlyTheRegulatorDecides() throws Exception {
        String other = approvedCompany("Herbal Nusantara");
        int plant = ok(api.post(
                        "/api/v1/me/company/plants",
                        other,
                        new JsonObject().put("name", "Pabrik Bogor").put("address", "Jl. Raya Bogor 1")))
                .getJsonArray("plants")
                .getJsonObject(0)
                .getInteger("id");
        int form = ok(api.post(
                        "/api/v1/me/company/plants/" + plant + "/dosage-forms",
                        other,
                        new JsonObject()
                                .put("dosageForm", "PILL")
                                .put("productionLicenceNumber", "PP.9")
                                .put("productionLicenceDate", "2023-01-01")))
                .getJsonArray("plants")
                .getJsonObject(0)
                .getJsonArray("dosageForms")
                .getJsonObject(0)
                .getInteger("id");
        // another company's dosage form is not the caller's to choose, nor its plant to add to
        assertThat(codes(multipart("/api/v1/certifications", company, application(form))))
                .containsExactly("UNKNOWN_DOSAGE_FORM");
        assertThat(api.post(
                                "/api/v1/me/company/plants/" + plant + "/dosage-forms",
                                company,
                                new JsonObject().put("dosageForm", "PILL"))
                        .statusCode())
                .isEqualTo(404);

        long id = ok(multipart("/api/v1/certifications", other, application(form)))
                .getLong("id");
        assertThat(api.get("/api/v1/certifications/" + id, company).statusCode())
                .isEqualTo(404); // not another company's
        JsonObject c = ok(api.post(
                "/api/v1/certifications/" + id + "/decision",
                regulator,
                new JsonObject().put("decision", "APPROVE").put("amount", 5_000_000)));
        JsonObject spb = c.getJsonArray("paymentOrders").getJsonObject(0);
        ok(api.post(
                "/api/v1/payments",
                regulator,
                new JsonObject()
                        .put("billingNumber", spb.getString("billingNumber"))
                        .put("amount", 5_000_000)));
        assertThat(api.post(
                                "/api/v1/certifications/" + id + "/decision",
                                other,
                                new JsonObject().put("decision", "INSPECTED").put("result", "NO_FINDINGS"))
                        .statusCode())
                .isEqualTo(403);
        c = ok(api.post(
                "/api/v1/certifications/" + id + "/decision",
                regulator,
                new JsonObject()
                        .put("decision", "INSPECTED")
                        .put("result", "FAILED")
                        .put("note", "TMS: sistem tata udara tidak memenuhi syarat")));
        assertThat(c.getString("status")).isEqualTo("REJECTED");
        assertThat(c.getValue("certificate")).isNull();
        assertThat(api.get("/api/v1/certifications/" + id + "/certificate", other)
                        .statusCode())
                .isEqualTo(409);
    }
}
