package io.lacak.core.serial;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Issue 21: a node starts writing or following only with the serial keys the database's codes were
 * issued under. Each key version's check value ({@link SerialKeys#fingerprint}) is recorded by the
 * first node that holds it, in {@code serial_key_check}; a node whose key of a recorded version
 * differs is refused with the versions named. Without it, a cluster node started without the
 * cluster's {@code LACAK_SERIAL_KEY} makes a key of its own and, once it owns the shard, finds every
 * code issued before self-issued (Pasal 5(1)): refusing their usage, verifying them unknown.
 *
 * <p>{@code KeyCheck.verify(pool, keys).compose(v -> Sequencer.start(...))}
 */
public final class KeyCheck {

    private KeyCheck() {}

    /**
     * Issue 21: succeeds when {@code secret}, the token secret ({@code LACAK_JWT_SECRET}), is the one
     * the cluster's first node recorded (or is the first, and recorded now). With the shards spread
     * over nodes a token the registry signed is checked by the node a request is sent on to.
     */
    public static Future<Void> verifyTokenSecret(Pool pool, byte[] secret) {
        byte[] mine = tokenFingerprint(secret);
        return pool.preparedQuery("insert into token_secret_check (name, fingerprint) values ('jwt', $1)"
                        + " on conflict (name) do nothing")
                .execute(Tuple.of(Buffer.buffer(mine)))
                .compose(v -> pool.query("select fingerprint from token_secret_check where name = 'jwt'")
                        .execute())
                .compose(found -> {
                    for (var r : found) {
                        if (!Arrays.equals(r.getBuffer("fingerprint").getBytes(), mine)) {
                            return Future.failedFuture(new IllegalStateException("rahasia token di node ini bukan"
                                    + " rahasia klaster; setiap node klaster memerlukan LACAK_JWT_SECRET yang sama"
                                    + " / the token secret on this node is not the cluster's; every node of a"
                                    + " cluster needs the same LACAK_JWT_SECRET (or <data>/keys/jwt.key)"));
                        }
                    }
                    return Future.succeededFuture();
                });
    }

    /** An HMAC-SHA256 of a constant under {@code secret}: equal secrets, equal values; it reveals nothing of it. */
    static byte[] tokenFingerprint(byte[] secret) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("lacak token secret check".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Succeeds when every version of {@code keys} matches the database's record (or is new, and recorded now). */
    public static Future<Void> verify(Pool pool, SerialKeys keys) {
        List<Tuple> rows = new ArrayList<>();
        for (int version : keys.versions()) {
            rows.add(Tuple.of(version, Buffer.buffer(keys.fingerprint(version))));
        }
        return pool.preparedQuery("insert into serial_key_check (version, fingerprint) values ($1, $2)"
                        + " on conflict (version) do nothing")
                .executeBatch(rows)
                .compose(v -> pool.preparedQuery(
                                "select version, fingerprint from serial_key_check where version = any($1)")
                        .execute(Tuple.of(keys.versions().toArray(Integer[]::new))))
                .compose(found -> {
                    TreeSet<Integer> differ = new TreeSet<>();
                    found.forEach(r -> {
                        int version = r.getInteger("version");
                        if (!Arrays.equals(r.getBuffer("fingerprint").getBytes(), keys.fingerprint(version))) {
                            differ.add(version);
                        }
                    });
                    if (differ.isEmpty()) {
                        return Future.succeededFuture();
                    }
                    return Future.failedFuture(new IllegalStateException("kunci serial versi " + differ
                            + " di node ini bukan kunci yang menerbitkan kode di basis data ini; setiap node klaster"
                            + " memerlukan LACAK_SERIAL_KEY yang sama / the serial key of version " + differ
                            + " on this node is not the key this database's codes were issued under; every node of"
                            + " a cluster needs the same LACAK_SERIAL_KEY (or <data>/keys/serial.keys)"));
                });
    }
}
