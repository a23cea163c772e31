package io.lacak.registration.account;

import io.lacak.core.refusal.Refusal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys for machine clients (issue 4): bound to one facility, shown once at creation, stored as
 * SHA-256, revocable. Keys found are cached, so the pharmacy's sale endpoint costs no extra
 * database round trip; revoking drops the cache entry at once.
 *
 * <p>{@code apiKeys.create(facilityRef, "POS terminal 1", accountId).map(Created::key)}
 */
public final class ApiKeys {

    /** A new key: its id and label, and the key itself, shown this once. */
    public record Created(int id, String label, String key) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Every key starts with this, so that leaked keys are easy to find by scanners. */
    public static final String PREFIX = "lk_";

    private final Pool pool;
    private final Map<String, Caller> cache = new ConcurrentHashMap<>();

    public ApiKeys(Pool pool) {
        this.pool = pool;
    }

    /** A new key for {@code facility}; the answer holds the key itself, which is never shown again. */
    public Future<Created> create(int facility, String label, int createdBy) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return pool.preparedQuery("insert into api_key (facility, key_hash, label, created_by) values ($1, $2, $3, $4)"
                        + " returning id, created_at")
                .execute(Tuple.of(facility, Buffer.buffer(sha256(key)), label, createdBy == 0 ? null : createdBy))
                .map(rows -> new Created(rows.iterator().next().getInteger("id"), label, key));
    }

    /** The caller a key stands for, or UNAUTHENTICATED when the key is unknown or revoked. */
    public Future<Caller> find(String key) {
        byte[] digest = sha256(key);
        String hash = Base64.getEncoder().encodeToString(digest);
        Caller cached = cache.get(hash);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return pool.preparedQuery("select id, facility from api_key where key_hash = $1 and revoked_at is null")
                .execute(Tuple.of(Buffer.buffer(digest)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Refusal.unauthenticated("unknown or revoked API key");
                    }
                    var row = rows.iterator().next();
                    Caller c = new Caller(
                            0,
                            "api-key-" + row.getInteger("id"),
                            false,
                            List.of(row.getInteger("facility")),
                            row.getInteger("id"),
                            List.of());
                    cache.put(hash, c);
                    return c;
                });
    }

    /** Revokes a key of a facility the caller belongs to (or any key, for the regulator). */
    public Future<Void> revoke(int id, Caller by) {
        return pool.preparedQuery("update api_key set revoked_at = now() where id = $1 and revoked_at is null"
                        + " and ($2 or facility = any($3)) returning id")
                .execute(Tuple.of(id, by.regulator(), by.facilities().toArray(new Integer[0])))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Refusal.notFound("no active API key " + id + " of the caller's facilities");
                    }
                    cache.values().removeIf(c -> c.apiKeyId() == id);
                    return null;
                });
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
