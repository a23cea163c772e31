package io.lacak.registration.account;

import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.notice.LinkSeal;
import io.lacak.registration.notice.Outbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's password after activation (issue 17 §4; seed 004's single login has "Ubah Password"
 * and "Lupa Password"): changed by its holder logged in, or reset by a one-time link e-mailed to
 * the account's address. Either ends the account's other sessions ({@link
 * Authenticator#passwordChanged}) and tells the holder by e-mail, and voids reset links not yet
 * used. A reset link is kept like an activation link ({@link LinkSeal}: the database holds the
 * SHA-256 of a secret, the mail the token), opens once, within {@link #RESET_LIFETIME} by the
 * server's clock, and a newer link voids older ones. Asking for a reset says nothing about whether
 * the account exists.
 *
 * <p>{@code passwords.change(caller, new Change(current, fresh)); passwords.requestReset(new ResetRequest("apt-000012", null));}
 */
public final class PasswordChanges {

    /** How long a reset link opens. */
    public static final Duration RESET_LIFETIME = Duration.ofHours(1);
    /** Where a reset link leads; {@link LinkSeal#TOKEN} is replaced by the token when the mail is sent. */
    public static final String RESET_LINK = "/reset.html?token=" + LinkSeal.TOKEN;

    /** A holder's change as sent: the current password and the new one ({@code null} when absent). */
    public record Change(String currentPassword, String newPassword) {}

    /** A reset request as sent: exactly one of {@code username} and {@code email} ({@code null} when absent). */
    public record ResetRequest(String username, String email) {}

    /** A reset as sent: the link's token and the new password ({@code null} when absent). */
    public record Reset(String token, String newPassword) {}

    /** A password set, committed: whose, and when (the system clock, as a token's {@code issuedMs}). */
    private record Changed(int accountId, String username, Instant at) {}

    private final Vertx vertx;
    private final Pool pool;
    private final LinkSeal seal;
    private final Authenticator authenticator;
    private final Clock clock;

    /** {@code clock}: the server's, for the reset links' lifetime. */
    public PasswordChanges(Vertx vertx, Pool pool, LinkSeal seal, Authenticator authenticator, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.seal = seal;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /**
     * Changes the password of the caller (a person logged in, not an API key) from {@code
     * currentPassword} to {@code newPassword}: INVALID when the current one is wrong, or the new one
     * breaks {@link Passwords#check} or is the current one; CONFLICT when it changed meanwhile.
     */
    public Future<Void> change(Caller caller, Change cmd) {
        caller.requirePerson();
        Fields f = Fields.of();
        String current = f.text("currentPassword", cmd.currentPassword(), null, null);
        String fresh = f.text("newPassword", cmd.newPassword(), null, null);
        Passwords.check(f, "newPassword", fresh);
        if (current != null && current.equals(fresh)) {
            f.add("newPassword", "SAME_AS_CURRENT", "the new password must differ from the current one");
        }
        f.check();
        return pool.preparedQuery("select password_hash from account where id = $1 and active")
                .execute(Tuple.of(caller.accountId()))
                .compose(rows -> {
                    String stored =
                            rows.size() == 0 ? null : rows.iterator().next().getString(0);
                    return vertx.executeBlocking(() -> stored != null && Passwords.matches(current, stored)
                            ? new String[] {stored, Passwords.hash(fresh)}
                            : null);
                })
                .compose(hashes -> {
                    if (hashes == null) {
                        return Future.failedFuture(Refusal.invalid(
                                "currentPassword",
                                "WRONG_PASSWORD",
                                "kata sandi saat ini salah / the current password is wrong"));
                    }
                    return pool.withTransaction(c -> setPassword(c, caller.accountId(), hashes[1], hashes[0]));
                })
                .onSuccess(this::endSessions)
                .mapEmpty();
    }

    /**
     * Sends a reset link to the e-mail address of the active account named by {@code username} or
     * {@code email} (exactly one of them; an address shared by several accounts gets one link for
     * each). Succeeds alike whether or not such an account exists: the answer enumerates nobody.
     */
    public Future<Void> requestReset(ResetRequest cmd) {
        Fields f = Fields.of();
        String username = f.optionalText("username", cmd.username(), null, null);
        String email = f.optionalText("email", cmd.email(), null, null);
        if (f.ok() && (username == null) == (email == null)) {
            f.add(
                    username == null ? "username" : "email",
                    username == null ? "REQUIRED" : "ONE_ONLY",
                    "give either username or email");
        }
        f.check();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String whose = username != null ? "username = $1" : "lower(email) = lower($1)";
        return pool.withTransaction(c -> c.preparedQuery("select id, username from account where " + whose
                        + " and active and email is not null order by id for update")
                .execute(Tuple.of(username != null ? username : email))
                .compose(rows -> {
                    List<Row> accounts = new ArrayList<>();
                    rows.forEach(accounts::add);
                    Future<Void> issued = Future.succeededFuture();
                    for (Row a : accounts) {
                        issued = issued.compose(v -> issue(c, a.getInteger("id"), a.getString("username"), now));
                    }
                    return issued;
                }));
    }

    /**
     * Sets {@code newPassword} with the reset token a link carried and voids the token; the username
     * whose password it set. NOT_FOUND for
     * a token this server did not make, CONFLICT ({@code RESET_LINK_USED}, {@code _REPLACED}, {@code
     * _EXPIRED}) for one that no longer opens.
     */
    public Future<String> reset(Reset cmd) {
        Fields f = Fields.of();
        String token = f.text("token", cmd.token(), null, null);
        String password = f.text("newPassword", cmd.newPassword(), null, null);
        Passwords.check(f, "newPassword", password);
        f.check();
        String secret = seal.open(token); // a forged or altered token opens nothing
        if (secret == null) {
            return Future.failedFuture(Refusal.notFound("tautan atur ulang tidak dikenal / the reset link is unknown"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return vertx.executeBlocking(() -> Passwords.hash(password))
                .compose(hash -> pool.withTransaction(c -> c.preparedQuery(
                                "select r.account_id, r.used_at, r.voided_at,"
                                        + " r.expires_at, a.username from password_reset r join account a on a.id = r.account_id"
                                        + " where r.token_hash = $1 for update of r")
                        .execute(Tuple.of(Buffer.buffer(Activations.hash(secret))))
                        .compose(rows -> {
                            Row r = rows.size() == 0 ? null : rows.iterator().next();
                            Refusal refused = refusal(r, now);
                            if (refused != null) {
                                return Future.failedFuture(refused);
                            }
                            int account = r.getInteger("account_id");
                            return c.preparedQuery("update password_reset set used_at = $2 where token_hash = $1")
                                    .execute(Tuple.of(Buffer.buffer(Activations.hash(secret)), now))
                                    .compose(v -> setPassword(c, account, hash, null));
                        })))
                .onSuccess(this::endSessions)
                .map(changed -> changed.username());
    }

    /** Why a reset row no longer opens, or {@code null} when it does. */
    private static Refusal refusal(Row r, OffsetDateTime now) {
        if (r == null) {
            return Refusal.notFound("tautan atur ulang tidak dikenal / the reset link is unknown");
        }
        if (r.getOffsetDateTime("used_at") != null) {
            return Refusal.conflict("RESET_LINK_USED", "tautan ini sudah dipakai / this reset link was used already");
        }
        if (r.getOffsetDateTime("voided_at") != null) {
            return Refusal.conflict(
                    "RESET_LINK_REPLACED",
                    "tautan ini diganti oleh tautan yang lebih baru atau kata sandi sudah diubah / a newer link or a password"
                            + " change replaced this reset link");
        }
        if (!r.getOffsetDateTime("expires_at").isAfter(now)) {
            return Refusal.conflict(
                    "RESET_LINK_EXPIRED",
                    "tautan ini kedaluwarsa (berlaku " + RESET_LIFETIME.toMinutes()
                            + " menit); minta yang baru / this reset link expired (it opens for "
                            + RESET_LIFETIME.toMinutes()
                            + " minutes); ask for a new one");
        }
        return null;
    }

    /** A new reset link for an account: older open ones voided, the link queued for its e-mail. */
    private Future<Void> issue(SqlClient c, int accountId, String username, OffsetDateTime now) {
        String secret = Activations.newToken();
        return c.preparedQuery("update password_reset set voided_at = $2 where account_id = $1 and used_at is null"
                        + " and voided_at is null")
                .execute(Tuple.of(accountId, now))
                // a link lives RESET_LIFETIME from now, an instant: not a day BPOM counts, so no Jakarta calendar
                .compose(v -> c.preparedQuery(
                                "insert into password_reset (token_hash, account_id, created_at, expires_at)"
                                        + " values ($1, $2, $3, $4)")
                        .execute(Tuple.of(
                                Buffer.buffer(Activations.hash(secret)), accountId, now, now.plus(RESET_LIFETIME))))
                .compose(v -> Outbox.add(
                        c,
                        accountId,
                        null,
                        "Atur ulang kata sandi Lacak / Reset your Lacak password",
                        "Ada permintaan untuk mengatur ulang kata sandi akun " + username
                                + ". Buka tautan di bawah dalam "
                                + RESET_LIFETIME.toMinutes()
                                + " menit untuk memilih kata sandi baru; tautan hanya berlaku sekali."
                                + " Jika Anda tidak memintanya, abaikan e-mail ini: kata sandi Anda tidak berubah.\n\n"
                                + "A password reset was asked for the account " + username
                                + ". Open the link below within "
                                + RESET_LIFETIME.toMinutes()
                                + " minutes to choose a new password; it works once. If you did not"
                                + " ask for it, ignore this e-mail: your password stays as it is.",
                        RESET_LINK,
                        secret));
    }

    /**
     * Sets a new password hash in the caller's transaction ({@code expected}: the hash it replaces,
     * CONFLICT when another change came first; {@code null}: whatever it was), voids open reset links,
     * and tells the holder; {@link #endSessions} once committed.
     */
    private Future<Changed> setPassword(SqlClient c, int accountId, String hash, String expected) {
        // the system clock, as a token's issuedMs: sessions are not a BPOM day rule, and tokens ignore the server clock
        Instant changed = Instant.now();
        OffsetDateTime at = OffsetDateTime.ofInstant(changed, ZoneOffset.UTC);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return c.preparedQuery("update account set password_hash = $2, password_changed_at = $3 where id = $1"
                        + " and ($4::text is null or password_hash = $4) returning username")
                .execute(Tuple.of(accountId, hash, at, expected))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(Refusal.conflict(
                                "PASSWORD_CHANGED_MEANWHILE",
                                "kata sandi baru saja diubah; coba lagi / the password changed meanwhile; try again"));
                    }
                    String username = rows.iterator().next().getString(0);
                    return c.preparedQuery(
                                    "update password_reset set voided_at = $2 where account_id = $1 and used_at is null"
                                            + " and voided_at is null")
                            .execute(Tuple.of(accountId, now))
                            .compose(v -> Outbox.add(
                                    c,
                                    accountId,
                                    null,
                                    "Kata sandi Lacak diubah / Your Lacak password was changed",
                                    "Kata sandi akun " + username
                                            + " baru saja diubah, dan sesi lain akun ini berakhir. Jika bukan Anda"
                                            + " yang mengubahnya, minta atur ulang kata sandi dan hubungi Badan POM.\n\n"
                                            + "The password of the account " + username
                                            + " was just changed, and the account's other"
                                            + " sessions ended. If you did not change it, ask for a password reset and contact Badan POM.",
                                    null))
                            .map(v -> new Changed(accountId, username, changed));
                });
    }

    /** Tokens issued before the change stop authenticating (after the commit: a rolled-back change ends nothing). */
    private void endSessions(Changed changed) {
        authenticator.passwordChanged(changed.accountId(), changed.at());
    }
}
