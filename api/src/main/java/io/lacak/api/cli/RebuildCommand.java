package io.lacak.api.cli;

import io.lacak.api.LacakConfig;
import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStore;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code rebuild [--data DIR] [--config FILE]}: empties the code store and replays the whole
 * journal into it (DESIGN.md "Runtime": the store is a view of the journal). The server must be
 * stopped; the data directory's lock refuses a second process.
 */
final class RebuildCommand implements Command {

    @Override
    public String summary() {
        return "rebuild the code store from the journal (server stopped)";
    }

    @Override
    public String usage() {
        return """
        usage: java -jar lacak.jar rebuild [--data DIR] [--config FILE]
          Empties the code store in DIR/store and replays every journaled report into it, then
          prints the codes stored, the last sequence and the time taken. Stop the server first.
          Settings as for serve (LACAK_DATA_DIR, LACAK_PG_URL, LACAK_SERIAL_KEY, ...).""";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        LacakConfig config;
        try {
            config = ServeCommand.configure(args);
        } catch (IllegalArgumentException e) {
            err.println("lacak rebuild: " + e.getMessage());
            err.println(usage());
            return Main.USAGE;
        }
        Vertx vertx = Vertx.vertx();
        long t0 = System.nanoTime();
        try {
            Database db = Database.start(
                            vertx,
                            new DatabaseOptions().setDataDir(config.dataDir()).setUrl(config.pgUrl()))
                    .await(10, TimeUnit.MINUTES);
            SerialKeys keys = config.loadSerialKeys();
            CodeStore store = CodeStore.open(config.storeOptions());
            try {
                Sequencer sequencer = Sequencer.rebuild(vertx, db.pool(), store, keys, Clock.systemUTC())
                        .await(24, TimeUnit.HOURS);
                out.printf(
                        java.util.Locale.ROOT,
                        "rebuilt %,d codes from the journal up to sequence %d in %.1f s%n",
                        store.size(),
                        store.appliedSequence(),
                        (System.nanoTime() - t0) / 1e9);
                sequencer.close();
            } finally {
                store.close();
                db.close().onFailure(e -> err.println("lacak rebuild: Postgres did not stop cleanly: " + e));
            }
            return Main.OK;
        } catch (Exception e) {
            err.println("lacak rebuild: failed: " + e);
            java.util.logging.Logger.getLogger(RebuildCommand.class.getName())
                    .log(java.util.logging.Level.SEVERE, "rebuild failed", e);
            return 1;
        } finally {
            vertx.close();
        }
    }
}
