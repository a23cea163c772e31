package io.lacak.core.db.impl;

import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/** Embedded (io.zonky) or external Postgres, migrated with Flyway, served by a vertx-pg-client pool. */
public final class PostgresDatabase implements Database {

  private static final String EMBEDDED_USER = "postgres";
  private static final String EMBEDDED_DB = "postgres";

  private final Vertx vertx;
  private final Pool pool;
  private final EmbeddedPostgres embedded;
  private final PgConnectOptions connect;

  private PostgresDatabase(Vertx vertx, Pool pool, EmbeddedPostgres embedded, PgConnectOptions connect) {
    this.vertx = vertx;
    this.pool = pool;
    this.embedded = embedded;
    this.connect = connect;
  }

  public static Future<Database> start(Vertx vertx, DatabaseOptions options) {
    // Starting a server and migrating block: a worker thread, never an event loop.
    return vertx.executeBlocking(() -> {
      EmbeddedPostgres embedded = null;
      PgConnectOptions connect;
      String jdbcUrl;
      if (options.url() == null) {
        embedded = startEmbedded(options.dataDir().resolve("pg"));
        connect = new PgConnectOptions().setHost("127.0.0.1").setPort(embedded.getPort())
            .setUser(EMBEDDED_USER).setDatabase(EMBEDDED_DB).setPassword("");
        jdbcUrl = embedded.getJdbcUrl(EMBEDDED_USER, EMBEDDED_DB);
      } else {
        connect = PgConnectOptions.fromUri(options.url());
        jdbcUrl = "jdbc:postgresql://" + connect.getHost() + ":" + connect.getPort() + "/" + connect.getDatabase();
      }
      try {
        Flyway.configure()
            .dataSource(jdbcUrl, connect.getUser(), connect.getPassword())
            .locations("classpath:db/migration")
            .load()
            .migrate();
      } catch (RuntimeException e) {
        closeQuietly(embedded);
        throw e;
      }
      Pool pool = PgBuilder.pool()
          .with(new PoolOptions().setMaxSize(options.poolSize()))
          .connectingTo(connect)
          .using(vertx)
          .build();
      return (Database) new PostgresDatabase(vertx, pool, embedded, connect);
    });
  }

  private static EmbeddedPostgres startEmbedded(Path dir) {
    try {
      Files.createDirectories(dir);
      return EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false) // reuse the same cluster on the next start
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("fsync", "on")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Postgres in " + dir, e);
    }
  }

  @Override
  public Pool pool() {
    return pool;
  }

  @Override
  public boolean embedded() {
    return embedded != null;
  }

  @Override
  public String describe() {
    return (embedded != null ? "embedded Postgres" : "Postgres") + " at " + connect.getHost() + ":"
        + connect.getPort() + "/" + connect.getDatabase();
  }

  @Override
  public String uri() {
    return "postgresql://" + connect.getUser() + "@" + connect.getHost() + ":" + connect.getPort() + "/" + connect.getDatabase();
  }

  @Override
  public Future<Void> close() {
    // Stopping the embedded server waits for its process: a worker thread again.
    return pool.close().eventually(() -> vertx.executeBlocking(() -> {
      closeQuietly(embedded);
      return null;
    }));
  }

  private static void closeQuietly(EmbeddedPostgres embedded) {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        // The server is going away either way; nothing is lost, the cluster is durable.
      }
    }
  }
}
