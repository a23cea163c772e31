package io.lacak.api;

import io.lacak.api.http.ApiVerticle;
import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * The whole server, assembled: Postgres (embedded or external), the serial keys, the code store,
 * the sequencer (which replays the journal into the store), and the HTTP verticle.
 *
 * <p>{@code Lacak.start(vertx, LacakConfig.defaults()).onSuccess(l -> System.out.println(l.port()));}
 */
public final class Lacak {

  private final Vertx vertx;
  private final Database database;
  private final CodeStore store;
  private final Sequencer sequencer;
  private final ApiVerticle api;
  private String deployment;

  private Lacak(Vertx vertx, Database database, CodeStore store, Sequencer sequencer, ApiVerticle api) {
    this.vertx = vertx;
    this.database = database;
    this.store = store;
    this.sequencer = sequencer;
    this.api = api;
  }

  public static Future<Lacak> start(Vertx vertx, LacakConfig config) {
    return Database.start(vertx, new DatabaseOptions().setDataDir(config.dataDir()).setUrl(config.pgUrl()))
        .compose(db -> vertx.executeBlocking(() -> {
          // Opening memory-mapped files and key files blocks: a worker thread.
          SerialKeys keys = SerialKeys.load(config.dataDir().resolve("keys").resolve("serial.keys"), config.serialKey());
          CodeStore store = CodeStore.open(new StoreOptions().setDirectory(config.dataDir().resolve("store"))
              .setInitialCodes(config.storeInitialCodes()));
          return new Object[] {db, keys, store};
        }))
        .compose(parts -> {
          Database db = (Database) parts[0];
          CodeStore store = (CodeStore) parts[2];
          return Sequencer.start(vertx, db.pool(), store, (SerialKeys) parts[1], Clock.systemUTC())
              .map(sequencer -> new Lacak(vertx, db, store, sequencer,
                  new ApiVerticle(config.host(), config.port(), db, store)));
        })
        .compose(lacak -> vertx.deployVerticle(lacak.api).map(id -> {
          lacak.deployment = id;
          return lacak;
        }));
  }

  /** The port the HTTP server listens on. */
  public int port() {
    return api.port();
  }

  public String describeDatabase() {
    return database.describe();
  }

  /**
   * Graceful stop: no new requests, reports already submitted finish and are journaled, then the
   * store and Postgres close.
   */
  public Future<Void> stop() {
    return vertx.undeploy(deployment)
        .eventually(() -> vertx.executeBlocking(() -> {
          sequencer.close();
          store.close();
          return null;
        }))
        .eventually(database::close)
        .mapEmpty();
  }
}
