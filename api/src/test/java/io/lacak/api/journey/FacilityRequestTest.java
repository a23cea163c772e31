package io.lacak.api.journey;

import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
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
 * Lampiran B over HTTP: a facility asks for access with its documents; the regulator approves
 * (partner ID, facility, account activated by a one-time link) or rejects; every step reaches the
 * applicant through the outbox, which the e-mail adapter delivers once.
 */
class FacilityRequestTest {

    static Api api;
    static String regulator;
    static final Buffer PDF =
            Buffer.buffer("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));

    @BeforeAll
    static void start() throws Exception {
        api = new Api(Files.createTempDirectory("lacak-facility-request-test"), c -> c.setVerifyRate(0));
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    static MultipartForm form(String name) {
        return form(name, "DRUG", "HEALTH_SUPPLEMENT");
    }

    /** Lampiran B: a distributor's request naming the products it handles ({@code commodities}, repeated). */
    static MultipartForm form(String name, String... commodities) {
        MultipartForm form = MultipartForm.create()
                .attribute("type", "DISTRIBUTOR")
                .attribute("name", name)
                .attribute("address", "Jl. Gudang 5, Surabaya")
                .attribute("npwp", "01.234.567.8-901.000")
                .attribute("nib", "9120001234567")
                .attribute("responsiblePerson", "Apt. Rina")
                .attribute("phone", "+62 31 555 0101")
                .attribute("email", "rina@" + name.toLowerCase().replace(' ', '-') + ".example.id");
        for (String c : commodities) {
            form.attribute("commodities", c);
        }
        return form;
    }

    static HttpResponse<Buffer> submit(MultipartForm form) throws Exception {
        return api.client
                .request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/facility-requests")
                .sendMultipartForm(form)
                .await(30, TimeUnit.SECONDS);
    }

    static List<Row> sql(String query, Object... args) throws Exception {
        return api
                .lacak
                .services()
                .database()
                .pool()
                .preparedQuery(query)
                .execute(Tuple.from(args))
                .await(30, TimeUnit.SECONDS)
                .stream()
                .toList();
    }

    @Test
    void lampiranB_approvalAssignsThePartnerId_createsTheFacility_andTheAccountIsActivatedByItsHolder()
            throws Exception {
        HttpResponse<Buffer> filed =
                submit(form("PBF Sehat Sentosa").binaryFileUpload("SIUP", "siup.pdf", PDF, "application/pdf"));
        assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
        JsonObject request = filed.bodyAsJsonObject();
        long id = request.getLong("id");
        assertThat(request.getString("status")).isEqualTo("SUBMITTED");
        assertThat(request.getString("npwp")).isEqualTo("012345678901000");
        assertThat(request.getJsonArray("documents")).singleElement().satisfies(d -> assertThat(
                        ((JsonObject) d).getString("mediaType"))
                .isEqualTo("application/pdf"));

        // only the regulator reads and decides
        String mfr = api.key(MANUFACTURER);
        assertThat(api.get("/api/v1/facility-requests", mfr).statusCode()).isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/facility-requests/" + id + "/decision",
                                mfr,
                                new JsonObject().put("decision", "APPROVE"))
                        .statusCode())
                .isEqualTo(403);
        JsonObject listed =
                api.get("/api/v1/facility-requests?status=SUBMITTED", regulator).bodyAsJsonObject();
        assertThat(listed.getJsonArray("requests").stream().map(o -> ((JsonObject) o).getLong("id")))
                .contains(id);
        long documentId = request.getJsonArray("documents").getJsonObject(0).getLong("id");
        HttpResponse<Buffer> doc = api.get("/api/v1/documents/" + documentId, regulator);
        assertThat(doc.getHeader("content-type")).isEqualTo("application/pdf");
        assertThat(doc.body()).isEqualTo(PDF);
        assertThat(api.get("/api/v1/documents/" + documentId, mfr).statusCode()).isEqualTo(403);

        HttpResponse<Buffer> approved = api.post(
                "/api/v1/facility-requests/" + id + "/decision",
                regulator,
                new JsonObject().put("decision", "APPROVE"));
        assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);
        String partnerId = approved.bodyAsJsonObject().getString("partnerId");
        assertThat(partnerId).isEqualTo(String.format("PBF-%06d", id));
        assertThat(approved.bodyAsJsonObject().getJsonArray("history").stream()
                        .map(e -> ((JsonObject) e).getString("status")))
                .containsExactly("SUBMITTED", "APPROVED");
        assertThat(((JsonObject) approved.bodyAsJsonObject()
                                .getJsonArray("history")
                                .getValue(1))
                        .getString("by"))
                .isEqualTo("regulator");
        assertThat(api.get("/api/v1/facilities/" + partnerId, mfr)
                        .bodyAsJsonObject()
                        .getString("type"))
                .isEqualTo("DISTRIBUTOR");
        assertThat(api.post(
                                "/api/v1/facility-requests/" + id + "/decision",
                                regulator,
                                new JsonObject().put("decision", "REJECT").put("note", "late"))
                        .statusCode())
                .isEqualTo(409);

        // the responsible person activates the account with the one-time link (no password by e-mail)
        String username = partnerId.toLowerCase();
        HttpResponse<Buffer> before = api.post(
                "/api/v1/login",
                null,
                new JsonObject().put("username", username).put("password", "whatever-password"));
        assertThat(before.statusCode()).isEqualTo(401);
        Row message = sql(
                        "select o.body, o.link, o.link_secret from outbox o join account a on a.id = o.account_id"
                                + " where a.username = $1",
                        username)
                .get(0);
        assertThat(message.getString("body")).contains(partnerId).doesNotContain("password:");
        // issue 15: the token is in the mail only; the outbox keeps a place-holder and a secret that
        // opens nothing without the server's key
        String link = api.mailedLink("rina@pbf-sehat-sentosa.example.id", "/activate.html?token=");
        String token = link.substring(link.indexOf("token=") + 6);
        assertThat(message.getString("link")).isEqualTo("/activate.html?token={token}");
        assertThat(sql(
                        "select 1 from outbox where link like $1 or body like $1 or link_secret = $2",
                        "%" + token + "%",
                        token))
                .isEmpty();
        assertThat(api.post(
                                "/api/v1/accounts/activate",
                                null,
                                new JsonObject()
                                        .put("token", message.getString("link_secret"))
                                        .put("password", "from-the-database-1"))
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/accounts/activate",
                                null,
                                new JsonObject()
                                        .put("token", message.getString("link_secret") + ".forged")
                                        .put("password", "from-the-database-1"))
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<Buffer> activated = api.post(
                "/api/v1/accounts/activate",
                null,
                new JsonObject().put("token", token).put("password", "gudang-surabaya-2026"));
        assertThat(activated.statusCode()).as(activated.bodyAsString()).isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/accounts/activate",
                                null,
                                new JsonObject().put("token", token).put("password", "another-password-1"))
                        .statusCode())
                .isEqualTo(404); // one time only
        String jwt = api.login(username, "gudang-surabaya-2026");

        // the new account acts for its facility and sees its notifications
        HttpResponse<Buffer> key =
                api.post("/api/v1/facilities/" + partnerId + "/api-keys", jwt, new JsonObject().put("label", "gudang"));
        assertThat(key.statusCode()).as(key.bodyAsString()).isEqualTo(201);
        JsonArray feed = api.get("/api/v1/me/notifications", jwt).bodyAsJsonArray();
        assertThat(feed).hasSize(1);
        long note = feed.getJsonObject(0).getLong("id");
        assertThat(api.post("/api/v1/me/notifications/" + note + "/read", jwt, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/me/notifications?unread=true", jwt).bodyAsJsonArray())
                .isEmpty();
        assertThat(api.post("/api/v1/me/notifications/" + note + "/read", regulator, null)
                        .statusCode())
                .isEqualTo(404);

        // the e-mail adapter delivers every message once (received, approved)
        long deadline = System.currentTimeMillis() + 15_000;
        while (!sql("select 1 from outbox where sent_at is null").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(sql("select 1 from outbox where sent_at is null")).isEmpty();
    }

    @Test
    void lampiranB_everyMissingOrBadFieldAndDocumentIsListed_andNothingIsKept() throws Exception {
        long before = sql("select count(*) from facility_request").get(0).getLong(0);
        byte[] big = new byte[2 * 1024 * 1024 + 10];
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 5);
        HttpResponse<Buffer> r = submit(MultipartForm.create()
                .attribute("type", "WAREHOUSE")
                .attribute("npwp", "123")
                .attribute("email", "not-an-address")
                .attribute("nib", "12")
                .attribute("commodities", "RADIO")
                .binaryFileUpload("SIUP", "siup.pdf", Buffer.buffer("MZ\u0090\u0000 not a pdf"), "application/pdf")
                .binaryFileUpload("NIB", "nib.pdf", Buffer.buffer(big), "application/pdf"));

        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
        List<String> fields = r.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(o -> ((JsonObject) o).getString("field"))
                .toList();
        assertThat(fields)
                .contains(
                        "type",
                        "name",
                        "address",
                        "npwp",
                        "nib",
                        "responsiblePerson",
                        "phone",
                        "email",
                        "commodities[0]",
                        "documents.SIUP",
                        "documents.NIB");
        assertThat(r.bodyAsJsonObject().getJsonArray("errors").stream().map(o -> ((JsonObject) o).getString("code")))
                .contains("DOCUMENT_TYPE", "DOCUMENT_TOO_LARGE");
        HttpResponse<Buffer> noDocuments = submit(form("Apotek Tanpa Dokumen"));
        assertThat(noDocuments.statusCode()).isEqualTo(400);
        assertThat(noDocuments
                        .bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("documents");
        assertThat(sql("select count(*) from facility_request").get(0).getLong(0))
                .isEqualTo(before);
    }

    @Test
    void lampiranB_aRejectionGivesItsReasonAndCreatesNothing() throws Exception {
        long id = submit(form("Apotek Ditolak").binaryFileUpload("NIB", "nib.pdf", PDF, "application/pdf"))
                .bodyAsJsonObject()
                .getLong("id");
        assertThat(api.post(
                                "/api/v1/facility-requests/" + id + "/decision",
                                regulator,
                                new JsonObject().put("decision", "REJECT"))
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<Buffer> rejected = api.post(
                "/api/v1/facility-requests/" + id + "/decision",
                regulator,
                new JsonObject().put("decision", "REJECT").put("note", "NPWP tidak sesuai OSS"));
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(rejected.bodyAsJsonObject().getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.bodyAsJsonObject().getValue("partnerId")).isNull();
        assertThat(sql("select body from outbox where email = $1 order by id desc", "rina@apotek-ditolak.example.id")
                        .get(0)
                        .getString("body"))
                .contains("NPWP tidak sesuai OSS");
    }
}
