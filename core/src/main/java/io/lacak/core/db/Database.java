package io.lacak.core.db;

import io.lacak.core.db.impl.PostgresDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * The Postgres that holds Lacak's system of record: started embedded or reached by URL, schema
 * migrated (Flyway, on a worker thread) before the reactive pool is handed out.
 *
 * <p>{@code Database.start(vertx, new DatabaseOptions()).compose(db -> db.pool().query("select 1").execute())}
 */
public interface Database {

    static Future<Database> start(Vertx vertx, DatabaseOptions options) {
        return PostgresDatabase.start(vertx, options);
    }

    /** The reactive pool: the only client on request paths. */
    Pool pool();

    /** {@code true} when this process started the server itself. */
    boolean embedded();

    /** Where the server listens, for logs (no password). */
    String describe();

    /**
     * {@code postgresql://user@host:port/database}, without the password: how another process reaches
     * it, with the password of the embedded server from {@code <data dir>/keys/pg.password}.
     */
    String uri();

    /** Closes the pool and stops an embedded server. */
    Future<Void> close();
}
