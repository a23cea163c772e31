package io.lacak.core.db;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One real embedded Postgres for all tests of a JVM run, in a temporary data directory: starting
 * one costs seconds, so test classes share it and {@link #reset()} the tables they use.
 */
public final class TestPostgres {

    private static Vertx vertx;
    private static Database database;
    private static Path dataDir;

    private TestPostgres() {}

    public static synchronized Database database() {
        if (database == null) {
            try {
                dataDir = Files.createTempDirectory("lacak-test-pg");
                vertx = Vertx.vertx();
                database = Database.start(vertx, new DatabaseOptions().setDataDir(dataDir))
                        .await(120, TimeUnit.SECONDS);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        database.close().await(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // the JVM is ending; the temporary cluster goes with it
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test Postgres", e);
            }
        }
        return database;
    }

    /** The server's URL with its password, for a child process: {@code postgresql://user:password@host:port/db}. */
    public static String url() {
        return withPassword(database().uri(), dataDir);
    }

    /** {@code uri} (an embedded server's {@link Database#uri()}) with the password kept in {@code dataDir}. */
    public static String withPassword(String uri, Path dataDir) {
        try {
            String password = Files.readAllLines(dataDir.resolve("keys").resolve("pg.password"))
                    .get(0)
                    .strip();
            return uri.replaceFirst("@", ":" + password + "@");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Pool pool() {
        return database().pool();
    }

    public static Vertx vertx() {
        database();
        return vertx;
    }

    /** Registers a facility; returns its reference. */
    public static int facility(String partnerId, String type) throws Exception {
        return pool().preparedQuery("insert into facility (partner_id, type) values ($1, $2) returning ref")
                .execute(io.vertx.sqlclient.Tuple.of(partnerId, type))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getInteger(0);
    }

    /** Registers an authentication product valid until 2030 held by {@code holder}; returns its id. */
    public static int product(String nie, String holder) throws Exception {
        return pool().preparedQuery("insert into product (nie, name, holder, authentication, nie_valid_until)"
                        + " values ($1, 'Produk ' || $1, $2, true, date '2030-12-31') returning id")
                .execute(io.vertx.sqlclient.Tuple.of(nie, holder))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getInteger(0);
    }

    /** Waits for {@code f} (a minute at most) and returns its result. */
    public static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.await(60, TimeUnit.SECONDS);
    }

    /** Empties every table. */
    public static void reset() throws Exception {
        pool().query(
                        "truncate custody, notification, alert, journal, batch, facility, issuance, product_gtin, product restart identity cascade")
                .execute()
                .await(30, TimeUnit.SECONDS);
        pool().query("update custody_watermark set seq = 0").execute().await(30, TimeUnit.SECONDS);
    }
}
