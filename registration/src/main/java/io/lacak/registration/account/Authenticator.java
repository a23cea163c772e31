package io.lacak.registration.account;

import io.lacak.core.refusal.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the caller from the credentials a request carried: a JWT ({@code Authorization: Bearer
 * ...}, seed 004's single sign-on, HS256 with the server's secret) or an API key ({@code
 * X-API-Key}). No credentials at all is an anonymous caller ({@code null}: public operations
 * serve it, the others refuse it); bad credentials are refused at once ({@link
 * Refusal#unauthenticated}). It reads no request: the API hands it the two header values.
 *
 * <p>A change or reset of the password ends the account's other sessions (issue 17 §4): a token
 * carries the millisecond it was issued ({@code issuedMs}), and one issued before the account's
 * {@code password_changed_at} is refused; so is one issued before its {@code access_changed_at} (its
 * directorates changed: the token names the old ones, Lampiran B). The change time of each account is kept in memory, read
 * from the database on first use and again after {@link #STAMP_SECONDS} (a change made through
 * another server is seen within that), and set at once by {@link #passwordChanged}: a request
 * costs a map look-up, not a query. Sessions are timed by the system clock, as the tokens' expiry is.
 *
 * <p>{@code authenticator.caller(request.getHeader("Authorization"), request.getHeader("X-API-Key"))}
 */
public final class Authenticator {

    /** Tokens last a working shift. */
    public static final int TOKEN_SECONDS = 8 * 3600;

    /** How long the password change time of an account read from the database is trusted. */
    public static final int STAMP_SECONDS = 60;

    /** When an account's password last changed (epoch ms, 0: never), and when that was read (nanoTime). */
    private record Stamp(long changedMs, long readNanos) {}

    private final JWTAuth jwt;
    private final ApiKeys apiKeys;
    private final Pool pool;
    private final Map<Integer, Stamp> changes = new ConcurrentHashMap<>();

    /** {@code pool}: where the accounts' password change times are read. */
    public Authenticator(Vertx vertx, byte[] secret, ApiKeys apiKeys, Pool pool) {
        this.jwt = JWTAuth.create(
                vertx,
                new JWTAuthOptions()
                        .addPubSecKey(new PubSecKeyOptions()
                                .setAlgorithm("HS256")
                                .setBuffer(io.vertx.core.buffer.Buffer.buffer(secret))));
        this.apiKeys = apiKeys;
        this.pool = pool;
    }

    /**
     * The caller these credentials name, {@code null} when there are none; a failed future with an
     * {@link Refusal.Kind#UNAUTHENTICATED} refusal when they do not hold. {@code authorization} wins
     * over {@code apiKey} when both are given.
     */
    public Future<Caller> caller(String authorization, String apiKey) {
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Future.failedFuture(Refusal.unauthenticated("Authorization must be 'Bearer <token>'"));
            }
            return jwt.authenticate(
                            new TokenCredentials(authorization.substring(7).strip()))
                    .recover(e -> Future.failedFuture(Refusal.unauthenticated("invalid or expired token")))
                    .compose(user -> current(user.principal()));
        }
        if (apiKey != null) {
            return apiKeys.find(apiKey.strip());
        }
        return Future.succeededFuture();
    }

    /**
     * Records that the password of {@code accountId} changed at {@code at} (already committed): tokens
     * issued before it stop authenticating at once on this server.
     */
    public void passwordChanged(int accountId, Instant at) {
        remember(accountId, new Stamp(at.toEpochMilli(), System.nanoTime()));
    }

    /** A signed token for a caller who just logged in. */
    public String token(Caller c) {
        JsonObject claims = new JsonObject()
                .put("sub", String.valueOf(c.accountId()))
                .put("username", c.username())
                .put("regulator", c.regulator())
                .put("facilities", new JsonArray(new ArrayList<>(c.facilities())))
                .put("directorates", new JsonArray(new ArrayList<>(c.directorates())))
                .put("issuedMs", System.currentTimeMillis()); // iat has whole seconds: a change and a login share one
        return jwt.generateToken(
                claims,
                new JWTOptions()
                        .setAlgorithm("HS256")
                        .setExpiresInSeconds(TOKEN_SECONDS)
                        .setIssuer("lacak"));
    }

    /** The caller of a valid token, unless the password changed after the token was issued. */
    private Future<Caller> current(JsonObject claims) {
        Caller c = fromClaims(claims);
        // tokens issued before issuedMs existed carry iat (seconds) only
        long issued = claims.getLong("issuedMs", claims.getLong("iat", 0L) * 1000);
        return changedMs(c.accountId()).map(changed -> {
            if (issued < changed) {
                throw Refusal.unauthenticated("the password or the account's directorates changed after this token was"
                        + " issued: log in again / kata sandi atau direktorat akun berubah: masuk lagi");
            }
            return c;
        });
    }

    private Future<Long> changedMs(int accountId) {
        Stamp known = changes.get(accountId);
        long now = System.nanoTime();
        if (known != null && now - known.readNanos() < STAMP_SECONDS * 1_000_000_000L) {
            return Future.succeededFuture(known.changedMs());
        }
        return pool.preparedQuery("select greatest(password_changed_at, access_changed_at) from account where id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    OffsetDateTime at =
                            rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime(0);
                    return remember(
                                    accountId,
                                    new Stamp(at == null ? 0 : at.toInstant().toEpochMilli(), now))
                            .changedMs();
                });
    }

    /** Keeps the later change: a read begun before a change must not bring back the time before it. */
    private Stamp remember(int accountId, Stamp stamp) {
        return changes.merge(
                accountId,
                stamp,
                (old, fresh) -> old.changedMs() > fresh.changedMs()
                        ? new Stamp(old.changedMs(), Math.max(old.readNanos(), fresh.readNanos()))
                        : fresh);
    }

    private static Caller fromClaims(JsonObject p) {
        List<Integer> facilities = new ArrayList<>();
        JsonArray list = p.getJsonArray("facilities", new JsonArray());
        for (int i = 0; i < list.size(); i++) {
            facilities.add(list.getInteger(i));
        }
        List<String> directorates = new ArrayList<>();
        p.getJsonArray("directorates", new JsonArray()).forEach(d -> directorates.add(String.valueOf(d)));
        return new Caller(
                Integer.parseInt(p.getString("sub")),
                p.getString("username"),
                p.getBoolean("regulator", false),
                List.copyOf(facilities),
                0,
                List.copyOf(directorates));
    }
}
