package io.lacak.api.journey;

import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 company registration over HTTP: the industry data and five documents, validation by
 * the regulator with a return for revision, approval that activates the responsible person's account.
 */
class CompanyRegistrationTest {

    static Api api;
    static String regulator;
    static final Buffer PDF = Buffer.buffer("%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));

    @BeforeAll
    static void start() throws Exception {
        api = new Api(Files.createTempDirectory("lacak-company-test"), c -> c.setVerifyRate(0));
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    static MultipartForm form(String name, int employees) {
        return form(name, employees, "OBAT_TRADISIONAL", "SUPLEMEN_KESEHATAN");
    }

    /** A registration of {@code commodities} (seed 002: Komoditi Industri). */
    static MultipartForm form(String name, int employees, String... commodities) {
        MultipartForm f = MultipartForm.create().attribute("hasNib", "true").attribute("nib", "8120001234567");
        for (String commodity : commodities) {
            f.attribute("commodities", commodity);
        }
        f.attribute("legalEntity", "PT")
                .attribute("name", name)
                .attribute("npwp", "012345678901234")
                .attribute("industryStatus", "PMDN")
                .attribute("productionLicenceDate", "2020-05-04")
                .attribute("businessField", "Industri obat tradisional")
                .attribute("leader", "Budi Santoso")
                .attribute("employees", Integer.toString(employees))
                .attribute("deedNumber", "12")
                .attribute("deedDate", "2010-01-15")
                .attribute("notary", "Notaris Sri Wahyuni, S.H.")
                .attribute("iuiTdp", "IUI-503/2010")
                .attribute("businessStatus", "ACTIVE")
                .attribute("responsibleName", "Apt. Dewi")
                .attribute("responsibleEmail", "dewi@jamu-sehat.example.id")
                .attribute("responsiblePhone", "+62 21 555 0199");
        for (String kind : List.of("APPLICATION_LETTER", "STATEMENT_LETTER", "SIUP", "NPWP", "TDP")) {
            f.binaryFileUpload(kind, kind.toLowerCase() + ".pdf", PDF, "application/pdf");
        }
        return f;
    }

    static HttpResponse<Buffer> post(String path, MultipartForm form) throws Exception {
        return api.client
                .request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", path)
                .sendMultipartForm(form)
                .await(30, TimeUnit.SECONDS);
    }

    /** The newest one-time link mailed to {@code email}: the outbox keeps no token (issue 15). */
    static String link(String email, String prefix) throws Exception {
        String link = api.mailedLink(email, prefix);
        String token = link.substring(link.lastIndexOf('=') + 1);
        List<Row> leaked = api
                .lacak
                .services()
                .database()
                .pool()
                .preparedQuery("select 1 from outbox where link like $1 or body like $1 or link_secret = $2")
                .execute(Tuple.of("%" + token + "%", token))
                .await(30, TimeUnit.SECONDS)
                .stream()
                .toList();
        assertThat(leaked).isEmpty();
        return link;
    }

    @Test
    void seed002_registeredReturnedForRevisionRevisedAndApproved_theAccountIsActivated() throws Exception {
        HttpResponse<Buffer> filed = post("/api/v1/companies", form("Jamu Sehat Sentosa", 25));
        assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
        JsonObject company = filed.bodyAsJsonObject();
        long id = company.getLong("id");
        assertThat(company.getString("status")).isEqualTo("SUBMITTED");
        assertThat(company.getJsonArray("commodities")).containsExactly("OBAT_TRADISIONAL", "SUPLEMEN_KESEHATAN");
        assertThat(company.getJsonArray("documents")).hasSize(5);

        assertThat(api.get("/api/v1/companies", api.key(MANUFACTURER)).statusCode())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/companies/" + id + "/decision",
                                regulator,
                                new JsonObject().put("decision", "RETURN"))
                        .statusCode())
                .isEqualTo(400); // a return gives its reason
        HttpResponse<Buffer> returned = api.post(
                "/api/v1/companies/" + id + "/decision",
                regulator,
                new JsonObject().put("decision", "RETURN").put("note", "SIUP tidak terbaca"));
        assertThat(returned.bodyAsJsonObject().getString("status")).isEqualTo("RETURNED");

        // the applicant revises with the key the notice carried; a wrong key changes nothing
        String page = link("dewi@jamu-sehat.example.id", "/company.html?id=");
        assertThat(page).startsWith("/company.html?id=" + id + "&key="); // the revision page, which posts to:
        String revision = "/api/v1/companies/" + id + "/revision?key=" + page.substring(page.indexOf("&key=") + 5);
        assertThat(post("/api/v1/companies/" + id + "/revision?key=wrong", form("Jamu Sehat Sentosa", 30))
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<Buffer> revised = post(revision, form("Jamu Sehat Sentosa", 30));
        assertThat(revised.statusCode()).as(revised.bodyAsString()).isEqualTo(200);
        assertThat(revised.bodyAsJsonObject().getString("status")).isEqualTo("SUBMITTED");
        assertThat(revised.bodyAsJsonObject().getInteger("employees")).isEqualTo(30);
        assertThat(revised.bodyAsJsonObject().getJsonArray("documents")).hasSize(5); // replaced, not added
        assertThat(post(revision, form("Jamu Sehat Sentosa", 31)).statusCode()).isEqualTo(404); // the key served once

        HttpResponse<Buffer> approved = api.post(
                "/api/v1/companies/" + id + "/decision", regulator, new JsonObject().put("decision", "APPROVE"));
        assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);
        assertThat(approved.bodyAsJsonObject().getJsonArray("history").stream()
                        .map(e -> ((JsonObject) e).getString("status")))
                .containsExactly("SUBMITTED", "RETURNED", "SUBMITTED", "APPROVED");
        assertThat(api.post(
                                "/api/v1/companies/" + id + "/decision",
                                regulator,
                                new JsonObject().put("decision", "REJECT").put("note", "x"))
                        .statusCode())
                .isEqualTo(409);

        // approval activates the responsible person's account (seed 002: login data by e-mail, as a one-time link)
        String activation = link("dewi@jamu-sehat.example.id", "/activate.html?token=");
        String token = activation.substring(activation.indexOf("token=") + 6);
        HttpResponse<Buffer> activated = api.post(
                "/api/v1/accounts/activate",
                null,
                new JsonObject().put("token", token).put("password", "jamu-sehat-2026!"));
        assertThat(activated.statusCode()).as(activated.bodyAsString()).isEqualTo(200);
        String jwt = api.login(activated.bodyAsJsonObject().getString("username"), "jamu-sehat-2026!");
        assertThat(api.get("/api/v1/me/notifications", jwt).bodyAsJsonArray()).hasSize(1);
    }

    @Test
    void seed002_everyRuleBrokenIsListed_nameWithoutFormOfBusiness_digitsOnly_documentsByContent() throws Exception {
        MultipartForm bad = MultipartForm.create()
                .attribute("hasNib", "true")
                .attribute("legalEntity", "PT")
                .attribute("name", "PT Jamu Sehat")
                .attribute("npwp", "12")
                .attribute("industryStatus", "SWASTA")
                .attribute("employees", "25 orang")
                .attribute("deedDate", "15-01-2010")
                .attribute("businessStatus", "YES")
                .attribute("responsibleEmail", "dewi")
                .binaryFileUpload("SIUP", "siup.pdf", Buffer.buffer("just text"), "application/pdf");
        HttpResponse<Buffer> r = post("/api/v1/companies", bad);

        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        List<String> fields = r.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(o -> ((JsonObject) o).getString("field"))
                .toList();
        assertThat(fields)
                .contains(
                        "nib",
                        "commodities",
                        "name",
                        "npwp",
                        "industryStatus",
                        "employees",
                        "deedDate",
                        "businessStatus",
                        "responsibleEmail",
                        "businessField",
                        "leader",
                        "notary",
                        "documents.SIUP",
                        "documents.APPLICATION_LETTER",
                        "documents.TDP");
        assertThat(r.bodyAsJsonObject().getJsonArray("errors").stream().map(o -> ((JsonObject) o).getString("code")))
                .contains("FORM_OF_BUSINESS_IN_NAME", "DOCUMENT_TYPE");
        assertThat(post("/api/v1/companies", form("CV Maju", 3))
                        .bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("FORM_OF_BUSINESS_IN_NAME");
        assertThat(post("/api/v1/companies", form("Jamu Maju Tbk.", 3)).statusCode())
                .isEqualTo(400);
        assertThat(post("/api/v1/companies", form("Captain Herbal", 3)).statusCode())
                .isEqualTo(201); // "CV" only as a word
    }
}
