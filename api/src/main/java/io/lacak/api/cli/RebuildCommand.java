package io.lacak.api.cli;

import io.lacak.api.LacakConfig;
import io.lacak.core.calendar.WorkingDays;
import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.journal.Shards;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code rebuild [--data DIR] [--config FILE]}: empties the code store of every shard and replays
 * each shard's whole journal into it (DESIGN.md "Runtime": the store is a view of the journal). The server must be
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
          Empties the code store in DIR/store (and DIR/shard-N of each further shard, LACAK_SHARDS)
          and replays every journaled report into it, each shard from its own journal, then
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
                            new DatabaseOptions()
                                    .setDataDir(config.dataDir())
                                    .setUrl(config.pgUrl())
                                    .setShards(config.shards()))
                    .await(10, TimeUnit.MINUTES);
            SerialKeys keys = config.loadSerialKeys();
            // issue 21: every shard's store, each replayed from its own shard's journal
            Shards shards = Shards.of(config.shards());
            List<CodeStore> stores = new ArrayList<>();
            try {
                for (int shard = 0; shard < shards.count(); shard++) {
                    CodeStore store = CodeStore.open(config.storeOptions(shard));
                    stores.add(store);
                    store.clear();
                }
                ReferenceData ref = Sequencer.loadReferenceData(db.pool()).await(10, TimeUnit.MINUTES);
                List<Future<Sequencer>> each = new ArrayList<>();
                for (int shard = 0; shard < shards.count(); shard++) {
                    each.add(Sequencer.start(
                            vertx,
                            db.pool(),
                            stores.get(shard),
                            keys,
                            Clock.systemUTC(),
                            WorkingDays.of(config.holidays()),
                            Files.createTempDirectory("lacak-rebuild-staging"),
                            shard,
                            shards,
                            ref));
                }
                Future.all(each).await(24, TimeUnit.HOURS);
                long codes = stores.stream().mapToLong(CodeStore::size).sum();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (shards.count() == 1) {
                    out.printf(
                            java.util.Locale.ROOT,
                            "rebuilt %,d codes from the journal up to sequence %d in %.1f s%n",
                            codes,
                            stores.get(0).appliedSequence(),
                            seconds);
                } else {
                    List<String> upTo = new ArrayList<>();
                    for (int shard = 0; shard < shards.count(); shard++) {
                        upTo.add("shard " + shard + " up to sequence "
                                + stores.get(shard).appliedSequence());
                    }
                    out.printf(
                            java.util.Locale.ROOT,
                            "rebuilt %,d codes from the journals of %d shards (%s) in %.1f s%n",
                            codes,
                            shards.count(),
                            String.join(", ", upTo),
                            seconds);
                }
                for (Future<Sequencer> s : each) {
                    s.result().close();
                }
            } finally {
                for (CodeStore store : stores) {
                    store.close();
                }
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
