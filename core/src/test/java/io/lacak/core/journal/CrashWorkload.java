package io.lacak.core.journal;

import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Effects;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.UsageLine;
import io.lacak.core.lifecycle.UsageLine.Use;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeState;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of {@link JournalCrashTest}. {@code work}: submits reports for ever, printing
 * {@code ACK <key>} after each acknowledgement, until killed. {@code verify}: opens the store as a
 * restart does, then checks it against a fresh replay of the whole journal and prints
 * {@code VERIFY OK <applied>} or {@code VERIFY FAIL <why>}.
 *
 * <p>Arguments: mode, Postgres URL, store directory, product id, manufacturer ref, distributor ref.
 */
public final class CrashWorkload {

    private static final SerialKeys KEYS = SerialKeys.of(Map.of(1, new byte[32]));

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        Path storeDir = Path.of(args[2]);
        int product = Integer.parseInt(args[3]);
        int mfr = Integer.parseInt(args[4]);
        int pbf = Integer.parseInt(args[5]);
        PrintStream out = System.out;
        Vertx vertx = Vertx.vertx();
        Database db = Database.start(vertx, new DatabaseOptions().setUrl(url).setDataDir(storeDir.getParent()))
                .await(120, TimeUnit.SECONDS);
        CodeStore store =
                CodeStore.open(new StoreOptions().setDirectory(storeDir).setInitialCodes(10_000));
        Sequencer sequencer = Sequencer.start(
                        vertx,
                        db.pool(),
                        store,
                        KEYS,
                        Clock.systemUTC(),
                        io.lacak.core.calendar.WorkingDays.of(Set.of()),
                        storeDir.resolveSibling("staging"))
                .await(120, TimeUnit.SECONDS);
        if (mode.equals("verify")) {
            out.println(verify(vertx, db, store, storeDir.resolveSibling("rebuild-" + System.nanoTime())));
            out.flush();
            Runtime.getRuntime().halt(0);
        }
        long next = db.pool()
                .query("select count(*) from journal")
                .execute()
                .await(60, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong(0);
        for (long i = next; ; i++) {
            if (i % 4 == 3) {
                bulkRound(sequencer, product, mfr, i, out);
                continue;
            }
            // Each round: 20 self-issued units packed into a box, reported, then the box shipped.
            List<UsageLine> lines = new ArrayList<>();
            CodeRef box = new CodeRef(product, "BOX" + i, "B1", LocalDate.of(2028, 12, 31));
            for (int u = 0; u < 20; u++) {
                lines.add(new UsageLine(
                        new CodeRef(product, "U" + i + "X" + u, "B1", LocalDate.of(2028, 12, 31)),
                        Use.ACTIVE,
                        box,
                        null));
            }
            String key = "round-" + i;
            long round = i;
            Receipt r = (round % 2 == 0)
                    ? sequencer
                            .submit(new Report(
                                    ReportKind.USAGE,
                                    mfr,
                                    java.time.Instant.now(),
                                    key,
                                    l -> l.usage(mfr, lines, Mode.ATOMIC)))
                            .await(60, TimeUnit.SECONDS)
                    : sequencer
                            .submit(new Report(
                                    ReportKind.SHIPMENT,
                                    mfr,
                                    java.time.Instant.now(),
                                    key,
                                    l -> l.ship(
                                            mfr,
                                            pbf,
                                            List.of(new CodeRef(product, "BOX" + (round - 1), null, null)),
                                            Mode.ATOMIC)))
                            .await(60, TimeUnit.SECONDS);
            if (!r.outcome().fullyAccepted()) {
                out.println("REFUSED " + key + " " + r.outcome().refused());
            }
            out.println("ACK " + key);
            out.flush();
        }
    }

    /**
     * Issue 18: a bulk report of 3,000 units in boxes of 20, offered in three chunks, so
     * that kills land while it is decided, journaled in parts, committed and applied.
     */
    private static void bulkRound(Sequencer sequencer, int product, int mfr, long i, PrintStream out) throws Exception {
        String key = "bulk-" + i;
        BulkReport b = sequencer
                .bulk(ReportKind.USAGE, mfr, java.time.Instant.now(), key, Mode.ATOMIC, java.time.Instant.now(), 3_000)
                .await(60, TimeUnit.SECONDS);
        out.println("BULK OPEN " + key);
        out.flush();
        LocalDate expiry = LocalDate.of(2028, 12, 31);
        for (int from = 0; from < 3_000; from += 1_000) {
            List<UsageLine> lines = new ArrayList<>();
            long[] numbers = new long[Math.min(1_000, 3_000 - from)];
            for (int u = from; u < from + numbers.length; u++) {
                lines.add(new UsageLine(
                        new CodeRef(product, "K" + i + "X" + u, "B1", expiry),
                        Use.ACTIVE,
                        new CodeRef(product, "KB" + i + "X" + u / 20, "B1", expiry),
                        null));
                numbers[u - from] = u + 2;
            }
            b.offer(new BulkReport.Chunk(numbers, (l, mode) -> l.usage(mfr, lines, mode)));
        }
        BulkReport.Result r = b.end(null).await(120, TimeUnit.SECONDS);
        if (!r.receipt().outcome().fullyAccepted()) {
            out.println("REFUSED " + key + " " + r.receipt().outcome().refused());
        }
        out.println("ACK " + key);
        out.flush();
    }

    private static String verify(Vertx vertx, Database db, CodeStore store, Path rebuildDir) throws Exception {
        long maxSeq = db.pool()
                .query("select coalesce(max(seq), 0) from journal")
                .execute()
                .await(60, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong(0);
        if (store.appliedSequence() != maxSeq) {
            return "VERIFY FAIL applied " + store.appliedSequence() + " but journal ends at " + maxSeq;
        }
        try (CodeStore rebuilt =
                CodeStore.open(new StoreOptions().setDirectory(rebuildDir).setInitialCodes(10_000))) {
            Sequencer replay = Sequencer.start(vertx, db.pool(), rebuilt, KEYS, Clock.systemUTC())
                    .await(120, TimeUnit.SECONDS);
            replay.close();
            if (rebuilt.size() != store.size()) {
                return "VERIFY FAIL store has " + store.size() + " codes, a replay " + rebuilt.size();
            }
            Set<ByteBuffer> keys = new HashSet<>();
            for (Row row :
                    db.pool().query("select effects from journal").execute().await(60, TimeUnit.SECONDS)) {
                Effects fx = Effects.decode(row.getBuffer("effects").getBytes());
                keys.addAll(fx.codeKeys());
            }
            // the parts of committed bulk reports: all of each is in the store, or (no journal row) none
            long orphans = db.pool()
                    .query("select count(*) from journal_part p where not exists"
                            + " (select 1 from journal j where j.bulk = p.bulk)")
                    .execute()
                    .await(60, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getLong(0);
            if (orphans != 0) {
                return "VERIFY FAIL " + orphans + " parts of uncommitted bulk reports left";
            }
            for (Row row : db.pool()
                    .query("select effects from journal_part")
                    .execute()
                    .await(60, TimeUnit.SECONDS)) {
                keys.addAll(Effects.decode(row.getBuffer("effects").getBytes()).codeKeys());
            }
            byte[] a = new byte[CodeState.SIZE];
            byte[] b = new byte[CodeState.SIZE];
            CodeState s = new CodeState();
            for (ByteBuffer k : keys) {
                if (!store.read(k.array(), s)) {
                    return "VERIFY FAIL code missing from the store";
                }
                s.writeTo(a);
                rebuilt.read(k.array(), s);
                s.writeTo(b);
                if (!Arrays.equals(a, b)) {
                    return "VERIFY FAIL a code differs from its replay: " + new CodeState().readFrom(a) + " vs " + s;
                }
            }
            return "VERIFY OK " + maxSeq + " " + keys.size();
        } finally {
            deleteQuietly(rebuildDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temporary directory; the test's own cleanup removes it
        }
    }
}
