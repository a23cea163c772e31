package io.lacak.registration.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lacak.core.db.TestPostgres;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 §4, "e-mail that arrives", against a real SMTP server in this JVM (GreenMail, on a free
 * port): the outbox's messages reach it with their body and one-time link, a server that is down
 * is tried again with a doubling delay until it is up, a message is never sent twice once sent,
 * and one that keeps failing is given up with its error kept. Seed 002 ("pemberitahuan via email
 * penanggung jawab"), Lampiran B (the activation link).
 */
class OutboxSmtpTest {

    /** A clock the test moves: backoff is checked without waiting for it. */
    static final class TestClock extends Clock {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as Postgres keeps it

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final LinkSeal SEAL =
            new LinkSeal("a token secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));
    static final Outbox.Retry RETRY = new Outbox.Retry(Duration.ofMinutes(1), Duration.ofMinutes(4), 4);

    final TestClock clock = new TestClock();
    GreenMail smtp;
    Mailer mailer;

    @BeforeEach
    void empty() throws Exception {
        TestPostgres.pool().query("delete from outbox").execute().await(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (mailer != null) {
            mailer.close().await(10, TimeUnit.SECONDS);
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    static Mailer mailer(int port) {
        return Mailer.smtp(
                TestPostgres.vertx(),
                new SmtpOptions()
                        .setHost("127.0.0.1")
                        .setPort(port)
                        .setTls(SmtpOptions.Tls.NONE)
                        .setFrom("lacak@lacak.example.id")
                        .setConnectTimeoutMs(5_000));
    }

    static GreenMail smtpOn(int port) {
        GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        g.start();
        return g;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Outbox outbox() {
        return new Outbox(TestPostgres.pool(), SEAL, clock, RETRY);
    }

    static long queue(String email, String subject, String body, String link, String secret) throws Exception {
        TestPostgres.pool()
                .withTransaction(c -> Outbox.add(c, null, email, subject, body, link, secret))
                .await(30, TimeUnit.SECONDS);
        return row("select max(id) from outbox").getLong(0);
    }

    static Row row(String sql, Object... args) throws Exception {
        return TestPostgres.pool()
                .preparedQuery(sql)
                .execute(Tuple.from(args))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next();
    }

    @Test
    void lampiranB_aMessageArrivesBySmtpWithItsBodyAndItsOneTimeLink() throws Exception {
        smtp = smtpOn(freePort());
        mailer = mailer(smtp.getSmtp().getPort());
        queue(
                "rina@pbf-sehat.example.id",
                "Hak akses disetujui / access approved",
                "ID rekanan PBF-000001 — aktifkan akun Anda / activate your account:",
                "/activate.html?token={token}",
                "s3cret");

        assertThat(outbox().deliver(mailer, 10).await(30, TimeUnit.SECONDS)).isEqualTo(1);

        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage[] got = smtp.getReceivedMessages();
        assertThat(got).hasSize(1);
        assertThat(got[0].getAllRecipients()[0].toString()).isEqualTo("rina@pbf-sehat.example.id");
        assertThat(got[0].getFrom()[0].toString()).isEqualTo("lacak@lacak.example.id");
        assertThat(got[0].getSubject()).isEqualTo("Hak akses disetujui / access approved");
        String body = String.valueOf(got[0].getContent());
        assertThat(body)
                .contains("ID rekanan PBF-000001 — aktifkan akun Anda") // UTF-8 survives
                .contains("/activate.html?token=" + SEAL.token("s3cret"));
        assertThat(row("select count(*) from outbox where sent_at is not null and attempts = 1")
                        .getLong(0))
                .isEqualTo(1);

        // sent is final: nothing goes twice
        clock.now = clock.now.plus(Duration.ofDays(1));
        assertThat(outbox().deliver(mailer, 10).await(30, TimeUnit.SECONDS)).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void issue17_aServerThatIsDownIsTriedAgainWithBackoff_andTheMessageArrivesOnceItIsUp() throws Exception {
        int port = freePort(); // nothing listens there yet
        mailer = mailer(port);
        long id = queue(
                "apotek@demo.example.id", "Pemberitahuan penarikan / Recall notice", "Alasan: uji mutu", null, null);
        Outbox outbox = outbox();

        assertThat(outbox.deliver(mailer, 10).await(30, TimeUnit.SECONDS)).isZero();
        Row first =
                row("select attempts, next_attempt_at, last_error, sent_at, failed_at from outbox where id = $1", id);
        assertThat(first.getInteger("attempts")).isEqualTo(1);
        assertThat(first.getString("last_error")).isNotBlank();
        assertThat(first.getOffsetDateTime("next_attempt_at").toInstant())
                .isEqualTo(clock.now.plus(Duration.ofMinutes(1)));
        assertThat(first.getValue("sent_at")).isNull();

        // not due yet: not tried
        clock.now = clock.now.plusSeconds(30);
        outbox.deliver(mailer, 10).await(30, TimeUnit.SECONDS);
        assertThat(row("select attempts from outbox where id = $1", id).getInteger(0))
                .isEqualTo(1);

        // due, still down: the delay doubles
        clock.now = clock.now.plusSeconds(31);
        outbox.deliver(mailer, 10).await(30, TimeUnit.SECONDS);
        Row second = row("select attempts, next_attempt_at from outbox where id = $1", id);
        assertThat(second.getInteger("attempts")).isEqualTo(2);
        assertThat(second.getOffsetDateTime("next_attempt_at").toInstant())
                .isEqualTo(clock.now.plus(Duration.ofMinutes(2)));

        smtp = smtpOn(port);
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(outbox.deliver(mailer, 10).await(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();

        clock.now = clock.now.plus(Duration.ofDays(1));
        assertThat(outbox.deliver(mailer, 10).await(30, TimeUnit.SECONDS)).isZero();
        MimeMessage[] got = smtp.getReceivedMessages();
        assertThat(got).hasSize(1); // exactly one
        assertThat(String.valueOf(got[0].getContent())).contains("Alasan: uji mutu");
        Row sent = row("select attempts, sent_at, failed_at from outbox where id = $1", id);
        assertThat(sent.getInteger("attempts")).isEqualTo(3);
        assertThat(sent.getValue("sent_at")).isNotNull();
        assertThat(sent.getValue("failed_at")).isNull();
    }

    @Test
    void issue17_aMessageThatKeepsFailingIsGivenUpAfterItsAttempts_withItsErrorKept() throws Exception {
        mailer = mailer(freePort()); // never up
        long id = queue("gudang@demo.example.id", "Pengiriman masuk / Incoming shipment", "12 kode", null, null);
        long other = queue("other@demo.example.id", "Retur ditolak / Return rejected", "x", null, null);
        Outbox outbox = outbox();

        List<Duration> waits = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4));
        for (int attempt = 1; attempt <= 4; attempt++) {
            outbox.deliver(mailer, 10).await(30, TimeUnit.SECONDS);
            assertThat(row("select attempts from outbox where id = $1", id).getInteger(0))
                    .isEqualTo(attempt);
            if (attempt < 4) {
                clock.now = clock.now.plus(waits.get(attempt - 1));
            }
        }
        Row given = row("select attempts, last_error, failed_at, sent_at from outbox where id = $1", id);
        assertThat(given.getValue("failed_at"))
                .as("given up after RETRY.attempts()")
                .isNotNull();
        assertThat(given.getString("last_error")).isNotBlank();
        assertThat(given.getValue("sent_at")).isNull();
        assertThat(row("select failed_at is not null from outbox where id = $1", other)
                        .getBoolean(0))
                .isTrue();

        // given up is final too: later rounds try nothing
        clock.now = clock.now.plus(Duration.ofDays(7));
        outbox.deliver(mailer, 10).await(30, TimeUnit.SECONDS);
        assertThat(row("select attempts from outbox where id = $1", id).getInteger(0))
                .isEqualTo(4);
    }

    @Test
    void issue17_oneRefusedMessageDoesNotResendTheOthers() throws Exception {
        smtp = smtpOn(freePort());
        Mailer real = mailer(smtp.getSmtp().getPort());
        mailer = real;
        // the second address fails, the first and third are accepted by the server
        Mailer picky = (to, subject, body) -> to.startsWith("refused")
                ? io.vertx.core.Future.failedFuture(new IllegalStateException("550 mailbox unavailable"))
                : real.send(to, subject, body);
        queue("a@demo.example.id", "one", "1", null, null);
        long refused = queue("refused@demo.example.id", "two", "2", null, null);
        queue("c@demo.example.id", "three", "3", null, null);
        Outbox outbox = outbox();

        assertThat(outbox.deliver(picky, 10).await(30, TimeUnit.SECONDS)).isEqualTo(2);
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(outbox.deliver(picky, 10).await(30, TimeUnit.SECONDS)).isZero();
        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        assertThat(smtp.getReceivedMessages()).hasSize(2); // the accepted ones, once each
        assertThat(row("select last_error from outbox where id = $1", refused).getString(0))
                .isEqualTo("550 mailbox unavailable");
    }
}
