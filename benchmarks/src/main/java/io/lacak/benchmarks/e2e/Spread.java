package io.lacak.benchmarks.e2e;

import io.lacak.benchmarks.Results;
import io.lacak.core.journal.Shards;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Issue 21, writers spread over nodes ({@code LACAK_NODE_SHARDS}): the pharmacy sale of one code a
 * call ({@code sales}' request), 64 connections ({@code -Dconnections}), of codes in shard 1 of 2
 * (the demo manufacturer {@code MFR-DEMO} is its holder: {@code crc32 mod 2 = 1}), in three setups
 * over a fresh Postgres 15 each ({@link LocalPostgres}):
 *
 * <ol>
 *   <li>baseline: one node a writing both shards, the sales sent to a;
 *   <li>via the registry: node a writing shard 0 (the registry) and node b shard 1, the sales sent
 *       to a, which forwards each to b ({@code Forwarder.toShard}): one hop;
 *   <li>via b: the same two nodes, the sales sent to b, which forwards to the registry, which
 *       forwards back to b: two hops.
 * </ol>
 *
 * Each path measured for 10 s (30 s without {@code --quick}) after up to 5 s (10 s) of the same
 * sales not measured, once custody has caught up with the journal, in two rounds (baseline,
 * baseline; via a, via b, via a, via b): the second is the figure, the first shown beside it (the
 * JIT of two JVMs on two cores is not done in one round's warm-up). Stocked over HTTP as {@code
 * sales} stocks (code request, usage, pallets shipped to the pharmacy and received), through a.
 * With {@code -Dspread.logs=DIR} the nodes' logs are kept there.
 *
 * <p>{@code java -jar benchmarks/target/lacak-bench.jar e2e spread --quick}
 */
final class Spread {

    private final Vertx vertx;
    private final Path jar;
    private final Consumer<JsonObject> print;
    private final int connections = Integer.getInteger("connections", 64);
    private final long warmMillis;
    private final long millis;
    /**
     * Codes stocked for each round of the baseline and of a spread path (warm-up and measurement):
     * more than each sells in the time (8,100/s and 1,800/s measured; with the forwarder's pool
     * opened the spread paths sold 4,700-6,600/s and ran out: RESULTS.md, session 16).
     */
    private final int baselineUnits;

    private final int spreadUnits;

    Spread(Vertx vertx, Path jar, boolean quick, Consumer<JsonObject> print) {
        this.vertx = vertx;
        this.jar = jar;
        this.print = print;
        this.warmMillis = quick ? 5_000 : 10_000;
        this.millis = quick ? 10_000 : 30_000;
        this.baselineUnits = quick ? 130_000 : 300_000;
        this.spreadUnits = quick ? 40_000 : 120_000;
    }

    /** What one path measured: the load's result, and the CPU each process spent per sale in it. */
    private record Measured(Load.Result load, double aCpuMs, double bCpuMs, double pgCpuMs) {}

    void run() throws Exception {
        if (Shards.of(2).ofHolder(E2e.MFR) != 1) {
            throw new IllegalStateException(E2e.MFR + " is not in shard 1 of 2: pick another holder");
        }
        Path logs = System.getProperty("spread.logs") == null
                ? null
                : Files.createDirectories(Path.of(System.getProperty("spread.logs")));
        Path dir = Files.createTempDirectory("lacak-e2e-spread");
        try {
            Measured[] baseline = baseline(dir, logs == null ? dir : logs);
            Measured[] spread = spread(dir, logs == null ? dir : logs);
            Measured base = baseline[1];
            row("spread-sale-baseline", "one node writing both shards, sales sent to it", baseline[0], base, base);
            row(
                    "spread-sale-via-registry",
                    "a writes shard 0, b shard 1: sent to a, forwarded to b",
                    spread[0],
                    spread[2],
                    base);
            row("spread-sale-via-b", "sent to b: b -> a (the registry) -> b, two hops", spread[1], spread[3], base);
        } finally {
            E2e.deleteTree(dir);
        }
    }

    /** One node a, {@code LACAK_SHARDS=2}, both shards its own: two rounds. */
    private Measured[] baseline(Path dir, Path logs) throws Exception {
        try (LocalPostgres pg = LocalPostgres.start()) {
            Map<String, String> env = env(pg);
            try (ServerProcess a = ServerProcess.node(
                            jar, dir.resolve("one-a"), "2g", E2e.node(env, "a"), true, logs.resolve("one-a.err"));
                    Http http = new Http(vertx, a.port())) {
                owner(a);
                int units = baselineUnits;
                List<String> codes = E2e.stockPharmacy(http, a, 2 * units, 100, 100);
                Measured[] rounds = new Measured[2];
                for (int i = 0; i < rounds.length; i++) {
                    settled(pg);
                    rounds[i] = sell(a, a, null, pg, codes.subList(i * units, (i + 1) * units));
                }
                return rounds;
            }
        }
    }

    /** Node a writing shard 0 (the registry, the demo seeded there), node b shard 1: via a, via b, via a, via b. */
    private Measured[] spread(Path dir, Path logs) throws Exception {
        try (LocalPostgres pg = LocalPostgres.start()) {
            Map<String, String> env = env(pg);
            Map<String, String> onA = E2e.node(env, "a");
            onA.put("LACAK_NODE_SHARDS", "0");
            Map<String, String> onB = E2e.node(env, "b");
            onB.put("LACAK_NODE_SHARDS", "1");
            try (ServerProcess a =
                            ServerProcess.node(jar, dir.resolve("two-a"), "2g", onA, true, logs.resolve("two-a.err"));
                    ServerProcess b =
                            ServerProcess.node(jar, dir.resolve("two-b"), "2g", onB, false, logs.resolve("two-b.err"));
                    Http http = new Http(vertx, a.port())) {
                owner(a);
                owner(b);
                int units = spreadUnits;
                List<String> codes = E2e.stockPharmacy(http, a, 4 * units, 100, 100); // through the registry
                Measured[] rounds = new Measured[4];
                for (int i = 0; i < rounds.length; i++) {
                    settled(pg);
                    rounds[i] = sell(i % 2 == 0 ? a : b, a, b, pg, codes.subList(i * units, (i + 1) * units));
                }
                return rounds;
            }
        }
    }

    /** What every node shares: the database, the serial and token keys, two shards. */
    private static Map<String, String> env(LocalPostgres pg) {
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] serial = new byte[32];
        byte[] jwt = new byte[32];
        random.nextBytes(serial);
        random.nextBytes(jwt);
        Map<String, String> env = new HashMap<>();
        env.put("LACAK_PG_URL", pg.url());
        env.put("LACAK_SHARDS", "2");
        env.put("LACAK_SERIAL_KEY", java.util.Base64.getEncoder().encodeToString(serial));
        env.put("LACAK_JWT_SECRET", java.util.Base64.getEncoder().encodeToString(jwt));
        env.put("LACAK_ADMIN_PASSWORD", "spread-admin-password-1");
        return env;
    }

    /**
     * Sales of {@code codes} sent to {@code to}: the first fifth at most for the warm-up, then the
     * measured load; the CPU of a, b (when not {@code null}) and Postgres over the measured load.
     */
    private Measured sell(ServerProcess to, ServerProcess a, ServerProcess b, LocalPostgres pg, List<String> codes)
            throws Exception {
        String apt = a.apiKey(E2e.APT);
        int warmCodes = codes.size() / 5;
        Load.Result warm = new Load(vertx)
                .run(
                        to.port(),
                        "/api/v1/sales",
                        apt,
                        connections,
                        warmMillis,
                        i -> i < warmCodes ? E2e.saleBody(codes.get(i)) : null);
        int offset = (int) warm.requests();
        long aTicks = a.cpuTicks();
        long bTicks = b == null ? 0 : b.cpuTicks();
        long pgTicks = pg.cpuTicks();
        Load.Result r = new Load(vertx)
                .run(
                        to.port(),
                        "/api/v1/sales",
                        apt,
                        connections,
                        millis,
                        i -> offset + i < codes.size() ? E2e.saleBody(codes.get(offset + i)) : null);
        double perSale = 10.0 / Math.max(1, r.requests()); // a clock tick is 10 ms
        return new Measured(
                r,
                (a.cpuTicks() - aTicks) * perSale,
                b == null ? 0 : (b.cpuTicks() - bTicks) * perSale,
                (pg.cpuTicks() - pgTicks) * perSale);
    }

    /** A path's row: its second round against the baseline's, its first round beside. */
    private void row(String name, String setup, Measured first, Measured m, Measured baseline) {
        Load.Result r = m.load();
        Load.Result base = baseline.load();
        print.accept(Results.row(
                        name,
                        r.perSecond(),
                        "sales/s",
                        base.perSecond(),
                        "(reported: the hop's cost on 2 cores shared by both nodes and Postgres)",
                        null)
                .put("baseline_is", "one node writing both shards (spread-sale-baseline)")
                .put("setup", setup)
                .put("p50_ms", Results.round2(r.p50Ms()))
                .put("p99_ms", Results.round2(r.p99Ms()))
                .put("baseline_p50_ms", Results.round2(base.p50Ms()))
                .put("baseline_p99_ms", Results.round2(base.p99Ms()))
                .put("p50_ratio", Results.round2(r.p50Ms() / base.p50Ms()))
                .put("p99_ratio", Results.round2(r.p99Ms() / base.p99Ms()))
                .put("requests", r.requests())
                .put("errors", r.errors())
                .put("seconds", Results.round2(r.seconds()))
                .put("connections", connections)
                .put("a_cpu_ms_per_sale", Results.round2(m.aCpuMs()))
                .put("b_cpu_ms_per_sale", Results.round2(m.bCpuMs()))
                .put("postgres_cpu_ms_per_sale", Results.round2(m.pgCpuMs()))
                .put("first_round_per_s", Math.round(first.load().perSecond()))
                .put("first_round_p50_ms", Results.round2(first.load().p50Ms()))
                .put("first_round_p99_ms", Results.round2(first.load().p99Ms()))
                .put("first_round_errors", first.load().errors()));
    }

    /** Waits until the node's {@code /health} says {@code OWNER} (its shards' leases taken, its stores open). */
    private static void owner(ServerProcess node) throws Exception {
        long t0 = System.nanoTime();
        while (!"OWNER".equals(E2e.health(node).getJsonObject("shard").getString("role"))) {
            if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(2)) {
                throw new IllegalStateException("node on port " + node.port() + " is not OWNER after 2 minutes");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Waits until custody has caught up with every shard's journal (from Postgres: {@code /health}
     * names one shard's only), so that no indexer's catching up shares the cores with a measurement.
     */
    private static void settled(LocalPostgres pg) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = pg.connect();
                Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet r = s.executeQuery("select count(*) from (select shard, max(seq) as last from journal"
                        + " group by shard) j left join custody_watermark w using (shard)"
                        + " where coalesce(w.seq, 0) < j.last")) {
                    r.next();
                    if (r.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException("custody did not catch up with the journal in 5 minutes");
                }
                Thread.sleep(200);
            }
        }
    }
}
