package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.journey.Api.codes;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lacak.registration.notice.SmtpOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 §4 over HTTP, with the server configured as an operator would ({@code LACAK_SMTP_*})
 * and a real SMTP server in this JVM (GreenMail, on a free port): a recall notice reaches the
 * distributor's account by e-mail with its reason and letter number (Lampiran L.a.7: "pada
 * dashboard dan email"), and an approved facility's activation link arrives by SMTP, so the new
 * account can log in (Lampiran B; onboarding dead-ended with the logging mailer only).
 */
class EmailTest {

    static GreenMail smtp;
    static Api api;
    static String regulator;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        api = new Api(
                Files.createTempDirectory("lacak-email-test"),
                c -> c.setVerifyRate(0)
                        .setSmtpHost("127.0.0.1")
                        .setSmtpPort(port)
                        .setSmtpTls(SmtpOptions.Tls.NONE)
                        .setSmtpFrom("lacak@bpom.example.id"),
                true);
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        smtp.stop();
    }

    /** The mails to {@code to} that GreenMail received and {@code which} accepts, waiting for at least one. */
    static List<MimeMessage> mailsTo(String to, Predicate<MimeMessage> which) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<MimeMessage> found = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> {
                        try {
                            return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                            .anyMatch(a -> a.toString().equals(to))
                                    && which.test(m);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            if (!found.isEmpty() || System.currentTimeMillis() > deadline) {
                return found;
            }
            Thread.sleep(200);
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(MimeMessage m) {
        try {
            return String.valueOf(m.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void lampiranLa7_aRecallNoticeReachesTheDistributorsAccountByEmail_withItsReasonAndLetterNumber() throws Exception {
        // the distributor's warehouse account has an address; the demo's own "pbf" account has none
        HttpResponse<Buffer> account = api.post(
                "/api/v1/accounts",
                regulator,
                new JsonObject()
                        .put("username", "pbf-gudang")
                        .put("password", "gudang-jakarta-2026")
                        .put("fullName", "Apt. Gudang")
                        .put("email", "gudang@pbf-demo.example.id")
                        .put("facilities", new JsonArray().add(DISTRIBUTOR)));
        assertThat(account.statusCode()).as(account.bodyAsString()).isEqualTo(201);

        String mfr = api.key(MANUFACTURER);
        HttpResponse<Buffer> issued = api.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "M2612")
                        .put("expiry", "2028-12-31")
                        .put("primaries", 2)
                        .put("perSecondary", 2)
                        .put("perTertiary", 1));
        assertThat(issued.statusCode()).as(issued.bodyAsString()).isEqualTo(201);
        long id = issued.bodyAsJsonObject().getLong("id");
        List<String> primaries = api.codes(id, "primary", mfr);
        String secondary = api.codes(id, "secondary", mfr).get(0);
        String tertiary = api.codes(id, "tertiary", mfr).get(0);
        JsonArray lines = new JsonArray();
        primaries.forEach(p -> lines.add(new JsonObject()
                .put("primary", p)
                .put("use", "ACTIVE")
                .put("secondary", secondary)
                .put("tertiary", tertiary)));
        assertThat(api.post("/api/v1/usage-reports", mfr, new JsonObject().put("lines", lines))
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/shipments", mfr, codes(tertiary).put("destination", DISTRIBUTOR))
                        .statusCode())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/receipts", api.key(DISTRIBUTOR), codes(tertiary))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<Buffer> recall = api.post(
                "/api/v1/recalls",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "M2612")
                        .put("reason", "hasil uji mutu tidak memenuhi syarat")
                        .put("letterNumber", "PW.01.2026.12")
                        .put("letterDate", "2026-12-01"));
        assertThat(recall.statusCode()).as(recall.bodyAsString()).isEqualTo(200);

        List<MimeMessage> notices = mailsTo(
                "gudang@pbf-demo.example.id", m -> subject(m).startsWith("Pemberitahuan penarikan / Recall notice"));
        assertThat(notices).as("the recall notice by e-mail").hasSize(1);
        MimeMessage notice = notices.get(0);
        assertThat(subject(notice))
                .isEqualTo("Pemberitahuan penarikan / Recall notice: NIE " + AUTH_NIE + ", batch M2612");
        assertThat(notice.getFrom()[0].toString()).isEqualTo("lacak@bpom.example.id");
        assertThat(body(notice))
                .contains(
                        "Alasan: hasil uji mutu tidak memenuhi syarat",
                        "Nomor surat: PW.01.2026.12",
                        "Tanggal surat: 2026-12-01",
                        "Reason: hasil uji mutu tidak memenuhi syarat",
                        "Letter number: PW.01.2026.12",
                        "Fasilitas: " + DISTRIBUTOR);
        // Lampiran H-I: the incoming shipment was mailed too, in Bahasa Indonesia first
        assertThat(mailsTo("gudang@pbf-demo.example.id", m -> subject(m)
                        .startsWith("Pengiriman masuk / Incoming shipment from " + MANUFACTURER)))
                .hasSize(1);
        // the same notice is on the dashboard, where the "pbf" account (no address) reads it
        JsonArray feed = api.get("/api/v1/notifications", api.key(DISTRIBUTOR)).bodyAsJsonArray();
        assertThat(feed.stream().map(o -> ((JsonObject) o).getString("kind"))).contains("RECALL_NOTICE");
        // one outbox message per (notification, account): only the account with an address got one
        assertThat(api.lacak
                        .services()
                        .database()
                        .pool()
                        .preparedQuery("select count(*) from outbox o"
                                + " join notification n on n.id = o.notification_id where n.kind = 'RECALL_NOTICE' and n.facility = ("
                                + "select ref from facility where partner_id = $1)")
                        .execute(Tuple.of(DISTRIBUTOR))
                        .await(30, TimeUnit.SECONDS)
                        .iterator()
                        .next()
                        .getLong(0))
                .isEqualTo(1);
    }

    @Test
    void lampiranB_anApprovedFacilitysActivationLinkArrivesBySmtp_andTheAccountLogsIn() throws Exception {
        Buffer pdf = Buffer.buffer(
                "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        HttpResponse<Buffer> filed = api.client
                .request(HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/facility-requests")
                .sendMultipartForm(FacilityRequestTest.form("PBF Surel Tiba")
                        .binaryFileUpload("SIUP", "siup.pdf", pdf, "application/pdf"))
                .await(30, TimeUnit.SECONDS);
        assertThat(filed.statusCode()).as(filed.bodyAsString()).isEqualTo(201);
        long id = filed.bodyAsJsonObject().getLong("id");
        HttpResponse<Buffer> approved = api.post(
                "/api/v1/facility-requests/" + id + "/decision",
                regulator,
                new JsonObject().put("decision", "APPROVE"));
        assertThat(approved.statusCode()).as(approved.bodyAsString()).isEqualTo(200);
        String partnerId = approved.bodyAsJsonObject().getString("partnerId");

        List<MimeMessage> mails =
                mailsTo("rina@pbf-surel-tiba.example.id", m -> body(m).contains("/activate.html?token="));
        assertThat(mails).as("the activation mail").hasSize(1);
        String link = Arrays.stream(body(mails.get(0)).split("\r?\n"))
                .filter(l -> l.contains("/activate.html?token="))
                .findFirst()
                .orElseThrow()
                .strip();
        String token = link.substring(link.indexOf("token=") + 6);
        HttpResponse<Buffer> activated = api.post(
                "/api/v1/accounts/activate",
                null,
                new JsonObject().put("token", token).put("password", "surel-tiba-2026"));
        assertThat(activated.statusCode()).as(activated.bodyAsString()).isEqualTo(200);
        assertThat(api.login(partnerId.toLowerCase(), "surel-tiba-2026")).isNotBlank();
    }
}
