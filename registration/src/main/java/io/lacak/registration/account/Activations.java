package io.lacak.registration.account;

import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.notice.LinkSeal;
import io.lacak.registration.notice.Outbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * Accounts created by an approval (a facility's access request, a company's registration) and
 * activated by the person they belong to: the approval creates the account with a password nobody
 * knows and a one-time activation token (kept as SHA-256, valid 7 days) that the notification
 * carries; {@code POST /api/v1/accounts/activate} sets the first password. No password travels by
 * e-mail or rests in the outbox.
 *
 * <p>{@code Activations.create(tx, "apt-000012", hash, "Apt. Sari", "sari@example.id", List.of(ref))}
 */
public final class Activations {

    /**
     * An account waiting for activation, and the secret of its token (the link carries {@link
     * LinkSeal#token}; queue it with {@link Outbox#add(io.vertx.sqlclient.SqlClient, Integer, String,
     * String, String, String, String)}).
     */
    public record Pending(int accountId, String username, String secret) {}

    /** An activation as sent: the link's token and the first password ({@code null} when absent). */
    public record Activate(String token, String password) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DAYS = 7;

    private final Vertx vertx;
    private final Pool pool;
    private final LinkSeal seal;

    public Activations(Vertx vertx, Pool pool, LinkSeal seal) {
        this.vertx = vertx;
        this.pool = pool;
        this.seal = seal;
    }

    /**
     * Creates the account in the caller's transaction, linked to {@code facilities}, with {@code
     * unusableHash} (the hash of a random password, made off the event loop), and its activation token.
     */
    public static Future<Pending> create(
            SqlClient c,
            String username,
            String unusableHash,
            String fullName,
            String email,
            List<Integer> facilities) {
        String token = newToken();
        return c.preparedQuery("insert into account (username, password_hash, full_name, email) values ($1, $2, $3, $4)"
                        + " on conflict (username) do nothing returning id")
                .execute(Tuple.of(username, unusableHash, fullName, email))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(
                                Refusal.conflict("USERNAME_TAKEN", "username " + username + " is taken"));
                    }
                    int id = rows.iterator().next().getInteger(0);
                    List<Tuple> links =
                            facilities.stream().map(f -> Tuple.of(id, f)).toList();
                    Future<?> linked = links.isEmpty()
                            ? Future.succeededFuture()
                            : c.preparedQuery("insert into account_facility (account_id, facility) values ($1, $2)")
                                    .executeBatch(links);
                    // a link lives DAYS x 24 hours from now, an instant: not a day BPOM counts, so no Jakarta calendar
                    return linked.compose(v -> c.preparedQuery(
                                            "insert into account_activation (token_hash, account_id, expires_at)"
                                                    + " values ($1, $2, $3)")
                                    .execute(Tuple.of(
                                            Buffer.buffer(hash(token)),
                                            id,
                                            OffsetDateTime.now(ZoneOffset.UTC).plusDays(DAYS))))
                            .map(v -> new Pending(id, username, token));
                });
    }

    /** A password hash nobody can log in with until the account is activated. Blocking (PBKDF2): a worker. */
    public static String unusableHash() {
        return Passwords.hash(Passwords.generate() + Passwords.generate());
    }

    /**
     * Sets the first password of the account the token belongs to, now active; its username. INVALID for
     * a bad password, NOT_FOUND for a bad token.
     */
    public Future<String> activate(Activate cmd) {
        Fields f = Fields.of();
        String token = seal.open(f.text("token", cmd.token(), null, null)); // a forged token opens nothing
        String password = f.text("password", cmd.password(), null, null);
        Passwords.check(f, "password", password);
        f.check();
        return vertx.executeBlocking(() -> Passwords.hash(password))
                .compose(hash -> pool.withTransaction(c -> c.preparedQuery(
                                "update account_activation set used_at = now()"
                                        + " where token_hash = $1 and used_at is null and expires_at > now() returning account_id")
                        .execute(Tuple.of(Buffer.buffer(hash(token == null ? "" : token))))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(
                                        Refusal.notFound("the activation link is unknown, used or expired"));
                            }
                            return c.preparedQuery(
                                            "update account set password_hash = $2 where id = $1 returning username")
                                    .execute(Tuple.of(rows.iterator().next().getInteger(0), hash));
                        })))
                .map(rows -> rows.iterator().next().getString(0));
    }

    /** A one-time token: 256 random bits, URL-safe. */
    public static String newToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** What is kept of a token: its SHA-256. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
