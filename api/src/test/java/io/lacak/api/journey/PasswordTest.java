package io.lacak.api.journey;

import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 §4, seed 004 (one login for every module, with "Ubah Password" and "Lupa Password"): a
 * person changes their password logged in, or resets a forgotten one by a one-time link e-mailed
 * to the account; either ends the account's older sessions. Over HTTP against the real server.
 */
class PasswordTest {

    static final MovableClock clock = new MovableClock();
    static Api api;
    static String regulator;

    @BeforeAll
    static void start() throws Exception {
        // many logins from one address in this class: the per-address budget is raised, the per-account one is the
        // default
        api = new Api(Files.createTempDirectory("lacak-password-test"), c -> c.setLoginRate(100)
                .setClock(clock));
        regulator = api.login("regulator", Api.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    /** A new account with an e-mail address ({@code null}: none). */
    static void account(String username, String password, String email) throws Exception {
        JsonObject body = new JsonObject()
                .put("username", username)
                .put("password", password)
                .put("fullName", "Apt. " + username);
        if (email != null) {
            body.put("email", email);
        }
        HttpResponse<Buffer> r = api.post("/api/v1/accounts", regulator, body);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }

    static HttpResponse<Buffer> change(String token, String current, String fresh) throws Exception {
        return api.post(
                "/api/v1/me/password",
                token,
                new JsonObject().put("currentPassword", current).put("newPassword", fresh));
    }

    static HttpResponse<Buffer> askReset(JsonObject who) throws Exception {
        return api.post("/api/v1/password-resets", null, who);
    }

    static HttpResponse<Buffer> complete(String token, String password) throws Exception {
        return api.post(
                "/api/v1/password-resets/complete",
                null,
                new JsonObject().put("token", token).put("newPassword", password));
    }

    static int loginStatus(String username, String password) throws Exception {
        return api.post(
                        "/api/v1/login",
                        null,
                        new JsonObject().put("username", username).put("password", password))
                .statusCode();
    }

    /** What a token may do: 200 while it holds, 401 once refused. */
    static int session(String token) throws Exception {
        return api.get("/api/v1/me/notifications", token).statusCode();
    }

    static long count(String query, Object... args) throws Exception {
        return api.lacak
                .services()
                .database()
                .pool()
                .preparedQuery(query)
                .execute(Tuple.from(args))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong(0);
    }

    /** The token of the reset link in the newest mail to {@code to} sent after the first {@code since}. */
    static String resetToken(String to, int since) throws Exception {
        String link = api.mailedLink(to, "/reset.html?token=", since);
        return link.substring(link.indexOf("token=") + 6);
    }

    @Test
    void seed004_issue17_changeIsRefusedWithAWrongCurrentPassword_aShortOrUnchangedNewOne_orAnApiKey()
            throws Exception {
        account("ubah.salah", "kata-sandi-awal-1", "ubah.salah@apotek.example.id");
        String token = api.login("ubah.salah", "kata-sandi-awal-1");

        HttpResponse<Buffer> wrong = change(token, "bukan-kata-sandinya", "kata-sandi-baru-1");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.getHeader("content-type")).isEqualTo("application/problem+json");
        assertThat(wrong.bodyAsJsonObject()
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("code"))
                .isEqualTo("WRONG_PASSWORD");
        HttpResponse<Buffer> shortOne = change(token, "kata-sandi-awal-1", "pendek");
        assertThat(shortOne.statusCode()).isEqualTo(400);
        assertThat(shortOne.bodyAsString()).contains("TOO_SHORT");
        HttpResponse<Buffer> same = change(token, "kata-sandi-awal-1", "kata-sandi-awal-1");
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(same.bodyAsString()).contains("SAME_AS_CURRENT");
        // a machine has no password to change; nobody anonymous either
        assertThat(change(api.key(MANUFACTURER), "kata-sandi-awal-1", "kata-sandi-baru-1")
                        .statusCode())
                .isEqualTo(403);
        assertThat(change(null, "kata-sandi-awal-1", "kata-sandi-baru-1").statusCode())
                .isEqualTo(401);

        // nothing changed: the old password and the old token still hold
        assertThat(loginStatus("ubah.salah", "kata-sandi-awal-1")).isEqualTo(200);
        assertThat(loginStatus("ubah.salah", "kata-sandi-baru-1")).isEqualTo(401);
        assertThat(session(token)).isEqualTo(200);
    }

    @Test
    void seed004_issue17_changeSetsTheNewPassword_endsOlderSessions_andTellsTheHolder() throws Exception {
        account("ubah.berhasil", "kata-sandi-awal-2", "ubah.berhasil@apotek.example.id");
        String here = api.login("ubah.berhasil", "kata-sandi-awal-2");
        String elsewhere = api.login("ubah.berhasil", "kata-sandi-awal-2"); // another device
        int mailed = api.mails.size();

        HttpResponse<Buffer> changed = change(here, "kata-sandi-awal-2", "kata-sandi-baru-2");
        assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
        String fresh = changed.bodyAsJsonObject().getString("token");
        assertThat(fresh).isNotBlank().isNotEqualTo(here);

        assertThat(loginStatus("ubah.berhasil", "kata-sandi-awal-2")).isEqualTo(401);
        assertThat(loginStatus("ubah.berhasil", "kata-sandi-baru-2")).isEqualTo(200);
        // tokens issued before the change end, on this device and the other; the answer's token goes on
        assertThat(session(elsewhere)).isEqualTo(401);
        assertThat(session(here)).isEqualTo(401);
        assertThat(session(fresh)).isEqualTo(200);
        assertThat(count(
                        "select count(*) from account where username = $1 and password_changed_at is not null",
                        "ubah.berhasil"))
                .isEqualTo(1);
        // the holder learns of it by e-mail (someone else may have made it)
        long deadline = System.currentTimeMillis() + 20_000;
        while (api.mails.stream().skip(mailed).noneMatch(m -> m.getString("to")
                        .equals("ubah.berhasil@apotek.example.id"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(api.mails.stream().skip(mailed).filter(m -> m.getString("to")
                        .equals("ubah.berhasil@apotek.example.id")))
                .singleElement()
                .satisfies(m -> assertThat(m.getString("subject")).startsWith("Kata sandi Lacak diubah"));
    }

    @Test
    void issue17_resetForAnUnknownAccountAnswersTheSame202AndSendsNothing() throws Exception {
        account("lupa.tanpa.surel", "kata-sandi-awal-3", null); // exists, but has no address to send to
        account("lupa.ada", "kata-sandi-awal-3", "lupa.ada@apotek.example.id");
        long outbox = count("select count(*) from outbox");
        long links = count("select count(*) from password_reset");

        HttpResponse<Buffer> unknown = askReset(new JsonObject().put("username", "tidak.ada.siapa.pun"));
        HttpResponse<Buffer> unknownEmail = askReset(new JsonObject().put("email", "tidak.ada@apotek.example.id"));
        HttpResponse<Buffer> noAddress = askReset(new JsonObject().put("username", "lupa.tanpa.surel"));
        assertThat(count("select count(*) from outbox")).isEqualTo(outbox);
        assertThat(count("select count(*) from password_reset")).isEqualTo(links);
        HttpResponse<Buffer> known = askReset(new JsonObject().put("username", "lupa.ada"));
        for (HttpResponse<Buffer> r : List.of(unknown, unknownEmail, noAddress, known)) {
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.body()).isEqualTo(known.body()); // byte for byte: the answer tells nobody apart
        }
        assertThat(count("select count(*) from password_reset")).isEqualTo(links + 1);
        // neither username nor email, or both: a plain 400
        assertThat(askReset(new JsonObject()).statusCode()).isEqualTo(400);
        assertThat(askReset(new JsonObject().put("username", "lupa.ada").put("email", "lupa.ada@apotek.example.id"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void issue17_resetLinkArrivesByEmail_setsThePasswordOnce_andEndsOlderSessions() throws Exception {
        account("lupa.sekali", "kata-sandi-awal-4", "Lupa.Sekali@Apotek.example.id");
        String before = api.login("lupa.sekali", "kata-sandi-awal-4");
        int since = api.mails.size();
        assertThat(askReset(new JsonObject().put("email", "lupa.sekali@apotek.example.id"))
                        .statusCode())
                .isEqualTo(202);
        String token = resetToken("Lupa.Sekali@Apotek.example.id", since);
        JsonObject mail = api.mails.stream()
                .skip(since)
                .filter(m -> m.getString("body").contains(token))
                .findFirst()
                .orElseThrow();
        assertThat(mail.getString("subject")).isEqualTo("Atur ulang kata sandi Lacak / Reset your Lacak password");
        assertThat(mail.getString("body"))
                .contains("lupa.sekali")
                .contains("60 menit")
                .contains("60 minutes");
        // the token is in the mail only (issue 15)
        assertThat(count(
                        "select count(*) from outbox where link like $1 or body like $1 or link_secret = $2",
                        "%" + token + "%",
                        token))
                .isZero();

        assertThat(complete(token, "pendek").statusCode()).isEqualTo(400); // the same rules as activation
        HttpResponse<Buffer> done = complete(token, "kata-sandi-pulih-4");
        assertThat(done.statusCode()).as(done.bodyAsString()).isEqualTo(200);
        assertThat(done.bodyAsJsonObject().getString("username")).isEqualTo("lupa.sekali");
        assertThat(loginStatus("lupa.sekali", "kata-sandi-awal-4")).isEqualTo(401);
        String after = api.login("lupa.sekali", "kata-sandi-pulih-4");
        assertThat(session(before)).isEqualTo(401);
        assertThat(session(after)).isEqualTo(200);

        HttpResponse<Buffer> again = complete(token, "kata-sandi-lain-44");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.bodyAsJsonObject().getString("code")).isEqualTo("RESET_LINK_USED");
        assertThat(loginStatus("lupa.sekali", "kata-sandi-lain-44")).isEqualTo(401);
    }

    @Test
    void issue17_aNewerResetLinkVoidsTheOlder() throws Exception {
        account("lupa.dua.kali", "kata-sandi-awal-5", "lupa.dua.kali@apotek.example.id");
        int since = api.mails.size();
        askReset(new JsonObject().put("username", "lupa.dua.kali"));
        String first = resetToken("lupa.dua.kali@apotek.example.id", since);
        since = api.mails.size();
        askReset(new JsonObject().put("username", "lupa.dua.kali"));
        String second = resetToken("lupa.dua.kali@apotek.example.id", since);
        assertThat(second).isNotEqualTo(first);

        HttpResponse<Buffer> old = complete(first, "kata-sandi-pulih-5");
        assertThat(old.statusCode()).isEqualTo(409);
        assertThat(old.bodyAsJsonObject().getString("code")).isEqualTo("RESET_LINK_REPLACED");
        assertThat(complete(second, "kata-sandi-pulih-5").statusCode()).isEqualTo(200);
        assertThat(loginStatus("lupa.dua.kali", "kata-sandi-pulih-5")).isEqualTo(200);
    }

    @Test
    void issue17_anExpiredResetLinkIsRefused() throws Exception {
        account("lupa.terlambat", "kata-sandi-awal-6", "lupa.terlambat@apotek.example.id");
        int since = api.mails.size();
        askReset(new JsonObject().put("username", "lupa.terlambat"));
        String token = resetToken("lupa.terlambat@apotek.example.id", since);
        clock.pass(Duration.ofMinutes(61)); // the link opens for an hour, by the server's clock

        HttpResponse<Buffer> late = complete(token, "kata-sandi-pulih-6");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.bodyAsJsonObject().getString("code")).isEqualTo("RESET_LINK_EXPIRED");
        assertThat(loginStatus("lupa.terlambat", "kata-sandi-awal-6")).isEqualTo(200);
    }

    @Test
    void issue17_aTamperedResetTokenOrTheSecretFromTheDatabaseOpensNothing() throws Exception {
        account("lupa.palsu", "kata-sandi-awal-7", "lupa.palsu@apotek.example.id");
        int since = api.mails.size();
        askReset(new JsonObject().put("username", "lupa.palsu"));
        String token = resetToken("lupa.palsu@apotek.example.id", since);
        String secret = token.substring(0, token.lastIndexOf('.'));
        String mac = token.substring(token.lastIndexOf('.') + 1);
        String flipped = secret + "." + (mac.charAt(0) == 'A' ? 'B' : 'A') + mac.substring(1);
        String otherSecret = (secret.charAt(0) == 'A' ? 'B' : 'A') + secret.substring(1) + "." + mac;

        for (String forged : List.of(flipped, otherSecret, secret, "bukan-token")) {
            HttpResponse<Buffer> r = complete(forged, "kata-sandi-palsu-7");
            assertThat(r.statusCode()).as(forged).isEqualTo(404);
            assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
        }
        assertThat(loginStatus("lupa.palsu", "kata-sandi-awal-7")).isEqualTo(200);
        assertThat(complete(token, "kata-sandi-pulih-7").statusCode()).isEqualTo(200); // the real one still opens
    }

    @Test
    void issue17_resetRequestsAreRateLimitedPerAddressAndPerAccount() throws Exception {
        // per address, like logins (LACAK_LOGIN_RATE, here 100 a minute with bursts of 200): a new name each time
        WebClient asker = WebClient.create(api.vertx, new WebClientOptions().setLocalAddress("127.0.0.31"));
        HttpResponse<Buffer> refused = null;
        for (int i = 0; i < 400 && refused == null; i++) {
            HttpResponse<Buffer> r = asker.request(
                            HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/password-resets")
                    .putHeader("content-type", "application/json")
                    .sendBuffer(Buffer.buffer(
                            new JsonObject().put("username", "penebak-" + i).encode()))
                    .await(30, TimeUnit.SECONDS);
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(202);
            }
        }
        asker.close();
        assertThat(refused)
                .as("no 429 after 400 reset requests from one address")
                .isNotNull();
        assertThat(refused.bodyAsJsonObject().getString("code")).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isPositive();

        // per account asked for, from any address (LACAK_LOGIN_ACCOUNT_RATE: 5 a minute, bursts of 10): no flooded
        // mailbox
        account("lupa.banjir", "kata-sandi-awal-8", "lupa.banjir@apotek.example.id");
        HttpResponse<Buffer> flooded = null;
        int asked = 0;
        for (int a = 40; a < 60 && flooded == null; a++) {
            WebClient other = WebClient.create(api.vertx, new WebClientOptions().setLocalAddress("127.0.0." + a));
            HttpResponse<Buffer> r = other.request(
                            HttpMethod.POST, api.lacak.port(), "127.0.0.1", "/api/v1/password-resets")
                    .putHeader("content-type", "application/json")
                    .sendBuffer(Buffer.buffer(
                            new JsonObject().put("username", "lupa.banjir").encode()))
                    .await(30, TimeUnit.SECONDS);
            other.close();
            asked++;
            if (r.statusCode() == 429) {
                flooded = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(202);
            }
        }
        assertThat(flooded).as("no 429 after 20 requests for one account").isNotNull();
        assertThat(asked).isLessThanOrEqualTo(12);
        assertThat(count(
                        "select count(*) from password_reset r join account a on a.id = r.account_id where a.username = $1",
                        "lupa.banjir"))
                .isLessThanOrEqualTo(11);
    }

    @Test
    void issue17_theResetPageIsServedUnderTheStrictPolicyWithoutInlineScript() throws Exception {
        HttpResponse<Buffer> page = api.get("/reset.html", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(page.bodyAsString()).contains("/assets/set-password.js").doesNotContain("<script>");
    }
}
