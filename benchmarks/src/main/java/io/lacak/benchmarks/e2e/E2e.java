package io.lacak.benchmarks.e2e;

import io.lacak.benchmarks.Results;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end scenarios against the real server in its own JVM (embedded Postgres, fresh data
 * directory) over loopback, each beside a baseline measured in the same run; one JSON line per
 * scenario on standard output.
 *
 * <p>{@code java -cp benchmarks/target/lacak-bench.jar io.lacak.benchmarks.e2e.E2e verify sales ship ingest [--quick]}
 *
 * <p>Over 400 lines because each end-to-end scenario sits beside the baseline it is measured
 * against, in the same run: a scenario and its baseline are read together or not at all.
 */
public final class E2e {

    static final String MFR = "MFR-DEMO";
    static final String APT = "APT-DEMO";
    private static final String PBF = "PBF-DEMO";
    private static final String NIE = "DKL2600000001A1";

    private final Vertx vertx = Vertx.vertx();
    private final Path jar;
    private final boolean quick;
    private final List<JsonObject> rows = new ArrayList<>();

    private E2e(Path jar, boolean quick) {
        this.jar = jar;
        this.quick = quick;
    }

    public static void main(String[] args) throws Exception {
        List<String> list = new ArrayList<>(Arrays.asList(args));
        boolean quick = list.remove("--quick");
        run(list.isEmpty() || list.contains("all") ? ALL : list, quick);
    }

    /** The scenarios of {@code all}, in order. */
    public static final List<String> ALL = List.of("verify", "sales", "ship", "ingest", "listing", "metrics");
    // "ingest-big" (a 20 M-row file at -Xmx1g, about 4 GB on disk), "steady" (issue 18's sales tail, traced) and
    // "takeover" (issue 21, two nodes over a Postgres 15 of the machine's, against -Dlacak.before) and "spread"
    // (issue 21, sales through the registry to another node's shard, Spread) run only when named

    /** Runs {@code scenarios} against {@code -Dlacak.jar} (default {@code api/target/lacak.jar}); their result lines. */
    public static List<JsonObject> run(List<String> scenarios, boolean quick) throws Exception {
        Path jar = Path.of(System.getProperty("lacak.jar", "api/target/lacak.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    "no " + jar + ": build it first (mvn -q -DskipTests package) or give -Dlacak.jar=PATH");
        }
        E2e e2e = new E2e(jar, quick);
        try {
            for (String scenario : scenarios) {
                switch (scenario) {
                    case "verify" -> e2e.verify();
                    case "sales" -> e2e.sales();
                    case "ship" -> e2e.ship();
                    case "ingest" -> e2e.ingest();
                    case "ingest-big" -> e2e.ingestBig();
                    case "steady" -> e2e.steady();
                    case "listing" -> e2e.listing();
                    case "metrics" -> e2e.metrics();
                    case "takeover" -> e2e.takeover();
                    case "spread" -> new Spread(e2e.vertx, e2e.jar, e2e.quick, e2e::print).run();
                    default ->
                        throw new IllegalArgumentException("unknown scenario " + scenario + " (" + ALL + " or all)");
                }
            }
        } finally {
            e2e.vertx.close().await(30, TimeUnit.SECONDS);
        }
        return e2e.rows;
    }

    /**
     * Issue 7: public verification over loopback with 10 million codes in the store (1 million with
     * {@code --quick}), random codes (one in ten a well-formed serial never issued), 64 connections,
     * against the bare Vert.x JSON route taking the same bodies; then the restart time of the server
     * on that data directory (DESIGN.md: "restart with 10 million codes ready in seconds").
     */
    private void verify() throws Exception {
        int codes = quick ? 1_000_000 : 10_000_000;
        int perBatch = 1_000_000;
        long millis = quick ? 10_000 : 30_000;
        int connections = Integer.getInteger("connections", 64);
        Path data = Files.createTempDirectory("lacak-e2e-verify");
        Map<String, String> settings = Map.of(
                "LACAK_VERIFY_RATE",
                "100000000", // the limiter runs, but never refuses
                "LACAK_STORE_INITIAL_CODES",
                Integer.toString(codes + codes / 2)); // headroom: the store grows at 80 % full
        List<Buffer> bodies = new ArrayList<>();
        java.util.Set<String> issuedAsked = new java.util.LinkedHashSet<>(); // for the Postgres baseline's table
        java.util.Random random = new java.util.Random(7);
        Load.Result lacak;
        JsonObject store;
        long rss;
        long heap;
        double fillSeconds;
        try (ServerProcess server = ServerProcess.lacak(jar, data, "3g", settings);
                Http http = new Http(vertx, server.port())) {
            String mfr = server.apiKey(MFR);
            long t0 = System.nanoTime();
            fillForVerify(http, mfr, codes, perBatch, random, bodies, issuedAsked);
            fillSeconds = (System.nanoTime() - t0) / 1e9;
            // the chain-of-custody indexer follows the journal in the background; a custody query waits
            // for it, so that its catching up on the fill does not share the machine with the measurement
            http.call(
                    io.vertx.core.http.HttpMethod.GET,
                    "/api/v1/codes/custody?code="
                            + java.net.URLEncoder.encode(
                                    bodies.get(0).toJsonObject().getString("code"),
                                    java.nio.charset.StandardCharsets.UTF_8),
                    mfr,
                    null);
            JsonObject first = new JsonObject(
                    http.call(io.vertx.core.http.HttpMethod.POST, "/api/v1/verify", null, bodies.get(0)));
            if (!first.getString("verdict").equals("GENUINE")) {
                throw new IllegalStateException("verify does not find the stored codes: " + first.encode());
            }
            java.util.Collections.shuffle(bodies, random);
            new Load(vertx)
                    .run(server.port(), "/api/v1/verify", null, connections, 5_000, i -> bodies.get(i % bodies.size()));
            server.startRecording("verify");
            lacak = new Load(vertx)
                    .run(
                            server.port(),
                            "/api/v1/verify",
                            null,
                            connections,
                            millis,
                            i -> bodies.get(i % bodies.size()));
            server.stopRecording("verify");
            store = new JsonObject(http.call(io.vertx.core.http.HttpMethod.GET, "/health", null, null))
                    .getJsonObject("store");
            rss = server.rssKiB();
            heap = server.heapUsedMiB();
        }
        String beforeJar = System.getProperty("lacak.before");
        Load.Result before =
                beforeJar == null ? null : verifyBefore(Path.of(beforeJar), codes, perBatch, connections, millis);
        long storeKiB = diskKiB(data.resolve("store"), "");
        long codesKiB = diskKiB(data.resolve("store"), "codes");
        Load.Result bare;
        try (ServerProcess baseline = ServerProcess.bare("2g")) {
            new Load(vertx)
                    .run(
                            baseline.port(),
                            "/api/v1/verify",
                            null,
                            connections,
                            5_000,
                            i -> bodies.get(i % bodies.size()));
            baseline.startRecording("verify-bare");
            bare = new Load(vertx)
                    .run(
                            baseline.port(),
                            "/api/v1/verify",
                            null,
                            connections,
                            millis,
                            i -> bodies.get(i % bodies.size()));
            baseline.stopRecording("verify-bare");
        }
        // Issue 19: the plain alternative, the same verify by primary key from a Postgres table as large as the store
        Path table = Files.createTempFile("lacak-pg-codes", ".csv");
        Files.write(
                table,
                issuedAsked.stream()
                        .map(c -> "\"" + c.replace("\"", "\"\"") + "\",\\x0104000000010000000000000007")
                        .toList());
        Load.Result pg;
        try (ServerProcess plain = ServerProcess.pgVerify("2g", table, store.getLong("codes"))) {
            new Load(vertx)
                    .run(plain.port(), "/api/v1/verify", null, connections, 5_000, i -> bodies.get(i % bodies.size()));
            pg = new Load(vertx)
                    .run(plain.port(), "/api/v1/verify", null, connections, millis, i -> bodies.get(i % bodies.size()));
        } finally {
            Files.deleteIfExists(table);
        }
        long stored = store.getLong("codes");
        boolean full = codes >= 10_000_000;
        double ratio = lacak.perSecond() / bare.perSecond();
        print(Results.row(
                        "verify",
                        lacak.perSecond(),
                        "verifications/s",
                        bare.perSecond(),
                        "≥ 0.8 × bare Vert.x JSON route, p99 < 5 ms, 10 M codes",
                        full ? ratio >= 0.8 && lacak.p99Ms() < 5 : null)
                .put("baseline_is", "bare Vert.x JSON route")
                .put("p50_ms", round2(lacak.p50Ms()))
                .put("p99_ms", round2(lacak.p99Ms()))
                .put("baseline_p99_ms", round2(bare.p99Ms()))
                .put("postgres_baseline_per_s", Math.round(pg.perSecond()))
                .put("ratio_vs_postgres", round2(lacak.perSecond() / pg.perSecond()))
                .put("postgres_baseline_p99_ms", round2(pg.p99Ms()))
                .put("postgres_baseline_errors", pg.errors())
                .put("requests", lacak.requests())
                .put("errors", lacak.errors())
                .put("connections", connections)
                .put("store_codes", stored)
                .put("fill_seconds", round2(fillSeconds))
                .put("server_peak_rss_mib", rss / 1024)
                .put("server_heap_used_mib", heap));
        if (before != null) {
            print(Results.row(
                            "verify-after-change",
                            lacak.perSecond(),
                            "verifications/s",
                            before.perSecond(),
                            "(reported: this jar against -Dlacak.before, same run)",
                            null)
                    .put("baseline_is", "the same verify from -Dlacak.before=" + beforeJar)
                    .put("p50_ms", round2(lacak.p50Ms()))
                    .put("p99_ms", round2(lacak.p99Ms()))
                    .put("baseline_p50_ms", round2(before.p50Ms()))
                    .put("baseline_p99_ms", round2(before.p99Ms()))
                    .put("baseline_ratio_vs_bare", round2(before.perSecond() / bare.perSecond()))
                    .put("baseline_errors", before.errors()));
        }
        double bytesPerCode = storeKiB * 1024.0 / stored;
        print(Results.row(
                        "store-bytes-per-code",
                        bytesPerCode,
                        "B/code on disk (whole store directory)",
                        null,
                        "≤ 64 bytes per code, whole store, full aggregation",
                        full ? bytesPerCode <= 64 : null)
                .put("store_codes", stored)
                .put("code_files_bytes_per_code", round2(codesKiB * 1024.0 / stored))
                .put("server_peak_rss_mib", rss / 1024)
                .put(
                        "note",
                        "du of everything under the store directory / codes; code_files: the records and their index"));
        long t1 = System.nanoTime();
        double restartSeconds;
        try (ServerProcess again = ServerProcess.lacak(jar, data, "3g", settings)) {
            restartSeconds = (System.nanoTime() - t1) / 1e9; // until it listens, with the store ready
        }
        print(Results.row(
                        "restart",
                        restartSeconds,
                        "s to listening",
                        null,
                        "ready in ≤ 5 s with 10 M codes",
                        full ? restartSeconds <= 5 : null)
                .put("store_codes", stored)
                .put("note", "graceful stop before; the store reopened, the journal caught up"));
        double rebuildSeconds = rebuild(data, settings);
        print(Results.row("rebuild", stored / rebuildSeconds, "codes/s", null, "(reported)", null)
                .put("seconds", round2(rebuildSeconds))
                .put("store_codes", stored)
                .put(
                        "note",
                        "lacak.jar rebuild: the store emptied and the whole journal replayed, JVM start included"));
    }

    /**
     * Issues {@code codes} in batches of {@code perBatch} with full aggregation, reports them used, and
     * adds 20,000 verify bodies a batch to {@code bodies} (one in ten a serial never issued).
     */
    private void fillForVerify(
            Http http,
            String mfr,
            int codes,
            int perBatch,
            java.util.Random random,
            List<Buffer> bodies,
            java.util.Set<String> issuedAsked)
            throws Exception {
        for (int b = 0; b < codes / perBatch; b++) {
            JsonObject issued = http.post(
                    "/api/v1/code-requests",
                    mfr,
                    new JsonObject()
                            .put("nie", NIE)
                            .put("batch", "V" + b)
                            .put("expiry", "2029-12-31")
                            .put("primaries", perBatch)
                            .put("perSecondary", 100)
                            .put("perTertiary", 50));
            long id = issued.getLong("id");
            List<String> p = http.lines("/api/v1/code-requests/" + id + "/codes?level=primary", mfr);
            List<String> s = http.lines("/api/v1/code-requests/" + id + "/codes?level=secondary", mfr);
            List<String> t = http.lines("/api/v1/code-requests/" + id + "/codes?level=tertiary", mfr);
            usage(http, mfr, p, s, t, 100, 5_000);
            for (int i = 0; i < 20_000; i++) {
                String code = p.get(random.nextInt(p.size()));
                if (i % 10 == 9) { // the same product and batch, a serial never issued: UNKNOWN
                    code = code.substring(0, code.length() - 12) + randomSerial(random);
                } else {
                    issuedAsked.add(code);
                }
                bodies.add(Buffer.buffer("{\"code\":\"" + code + "\"}"));
            }
        }
    }

    /**
     * With {@code -Dlacak.before=JAR}: the same verify load against a server from that jar (the code
     * before a change) on its own store of {@code codes}, measured beside the current one in one run.
     */
    private Load.Result verifyBefore(Path before, int codes, int perBatch, int connections, long millis)
            throws Exception {
        Path data = Files.createTempDirectory("lacak-e2e-verify-before");
        Map<String, String> settings = Map.of(
                "LACAK_VERIFY_RATE", "100000000", "LACAK_STORE_INITIAL_CODES", Integer.toString(codes + codes / 2));
        List<Buffer> bodies = new ArrayList<>();
        try (ServerProcess server = ServerProcess.lacak(before, data, "3g", settings);
                Http http = new Http(vertx, server.port())) {
            fillForVerify(
                    http,
                    server.apiKey(MFR),
                    codes,
                    perBatch,
                    new java.util.Random(7),
                    bodies,
                    new java.util.HashSet<>());
            java.util.Collections.shuffle(bodies, new java.util.Random(7));
            new Load(vertx)
                    .run(server.port(), "/api/v1/verify", null, connections, 5_000, i -> bodies.get(i % bodies.size()));
            server.startRecording("verify-before");
            Load.Result r = new Load(vertx)
                    .run(
                            server.port(),
                            "/api/v1/verify",
                            null,
                            connections,
                            millis,
                            i -> bodies.get(i % bodies.size()));
            server.stopRecording("verify-before");
            return r;
        } finally {
            deleteTree(data);
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** {@code lacak.jar rebuild} on a stopped server's data directory; its wall time in seconds. */
    private double rebuild(Path data, Map<String, String> settings) throws Exception {
        ProcessBuilder b = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx3g",
                        "-jar",
                        jar.toString(),
                        "rebuild",
                        "--data",
                        data.toString())
                .redirectErrorStream(true);
        b.environment().putAll(settings);
        long t0 = System.nanoTime();
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("rebuild failed: " + out);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String randomSerial(java.util.Random random) {
        String alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        char[] c = new char[12];
        for (int i = 0; i < c.length; i++) {
            c[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(c);
    }

    /** Disk space of the files in {@code dir} whose names start with {@code prefix} (allocated blocks, as du counts them: the store's files are sparse). */
    private static long diskKiB(Path dir, String prefix) throws Exception {
        long total = 0;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>)
                    files.filter(p -> p.getFileName().toString().startsWith(prefix))::iterator) {
                Process du = new ProcessBuilder("du", "-sk", f.toString()).start();
                String out = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                du.waitFor();
                total += Long.parseLong(out.split("\\s+")[0]);
            }
        }
        return total;
    }

    /**
     * Issue 5: the pharmacy sale endpoint, one primary code per call, durable (journaled before the
     * answer), 64 connections, against a bare Vert.x JSON route taking the same bodies.
     */
    private void sales() throws Exception {
        int units = quick ? 50_000 : 200_000;
        long millis = quick ? 10_000 : 30_000;
        int connections = Integer.getInteger("connections", 64);
        Path data = Files.createTempDirectory("lacak-e2e-sales");
        List<String> codes;
        Load.Result lacak;
        long rss;
        try (ServerProcess server = ServerProcess.lacak(jar, data, "2g");
                Http http = new Http(vertx, server.port())) {
            codes = stockPharmacy(http, server, units, 100, 100);
            Load.Result warm = new Load(vertx)
                    .run(
                            server.port(),
                            "/api/v1/sales",
                            server.apiKey(APT),
                            connections,
                            3_000,
                            i -> i < codes.size() / 10 ? saleBody(codes.get(i)) : null);
            int offset = (int) warm.requests();
            lacak = new Load(vertx)
                    .run(
                            server.port(),
                            "/api/v1/sales",
                            server.apiKey(APT),
                            connections,
                            millis,
                            i -> offset + i < codes.size() ? saleBody(codes.get(offset + i)) : null);
            rss = server.rssKiB();
        }
        Load.Result bare;
        try (ServerProcess baseline = ServerProcess.bare("2g")) {
            new Load(vertx)
                    .run(
                            baseline.port(),
                            "/api/v1/sales",
                            null,
                            connections,
                            3_000,
                            i -> saleBody(codes.get(i % codes.size())));
            bare = new Load(vertx)
                    .run(
                            baseline.port(),
                            "/api/v1/sales",
                            null,
                            connections,
                            millis,
                            i -> saleBody(codes.get(i % codes.size())));
        }
        print(Results.row(
                        "pharmacy-sale",
                        lacak.perSecond(),
                        "sales/s",
                        bare.perSecond(),
                        "durable; no number (issue 5)",
                        null)
                .put("baseline_is", "bare Vert.x JSON route")
                .put("p50_ms", round2(lacak.p50Ms()))
                .put("p99_ms", round2(lacak.p99Ms()))
                .put("baseline_p99_ms", round2(bare.p99Ms()))
                .put("requests", lacak.requests())
                .put("errors", lacak.errors())
                .put("connections", connections)
                .put("server_peak_rss_mib", rss / 1024));
    }

    /**
     * Issue 3/5: shipping a pallet of 100,000 units over HTTP costs what shipping one unit costs
     * (lazy inheritance): alternating ship/receive round trips of each, latency compared.
     */
    private void ship() throws Exception {
        int units = quick ? 20_000 : 100_000;
        int rounds = quick ? 50 : 200;
        Path data = Files.createTempDirectory("lacak-e2e-ship");
        try (ServerProcess server = ServerProcess.lacak(jar, data, "2g");
                Http http = new Http(vertx, server.port())) {
            String mfr = server.apiKey(MFR);
            String pbf = server.apiKey(PBF);
            JsonObject issued = http.post(
                    "/api/v1/code-requests",
                    mfr,
                    new JsonObject()
                            .put("nie", NIE)
                            .put("batch", "SHIP1")
                            .put("expiry", "2029-12-31")
                            .put("primaries", units + 1)
                            .put("perSecondary", 100)
                            .put("perTertiary", units / 100));
            long id = issued.getLong("id");
            List<String> p = http.lines("/api/v1/code-requests/" + id + "/codes?level=primary", mfr);
            List<String> s = http.lines("/api/v1/code-requests/" + id + "/codes?level=secondary", mfr);
            List<String> t = http.lines("/api/v1/code-requests/" + id + "/codes?level=tertiary", mfr);
            usage(http, mfr, p.subList(0, units), s, t, 100, units);
            usage(http, mfr, p.subList(units, units + 1), null, null, 100, units); // the single unit, unpacked
            String pallet = t.get(0);
            String unit = p.get(units);
            roundTrips(http, mfr, pbf, pallet, rounds / 4); // warm-up of both paths
            roundTrips(http, mfr, pbf, unit, rounds / 4);
            double[] palletMs = new double[rounds * 2];
            double[] unitMs = new double[rounds * 2];
            for (int i = 0; i < rounds; i++) { // interleaved, so that drift of the machine hits both alike
                System.arraycopy(roundTrips(http, mfr, pbf, pallet, 1), 0, palletMs, 2 * i, 2);
                System.arraycopy(roundTrips(http, mfr, pbf, unit, 1), 0, unitMs, 2 * i, 2);
            }
            double ratio = median(palletMs) / median(unitMs);
            print(Results.row(
                            "ship-pallet-vs-unit",
                            median(palletMs),
                            "ms per shipment call",
                            median(unitMs),
                            "O(1): time ratio ~1",
                            ratio <= 1.5)
                    .put("baseline_is", "one unit")
                    .put("p50_ms", round2(median(palletMs)))
                    .put("pallet_units", units)
                    .put("rounds", rounds)
                    .put("p99_ms", round2(percentile(palletMs, 0.99)))
                    .put("baseline_p99_ms", round2(percentile(unitMs, 0.99))));
        }
    }

    /**
     * Issue 6, 18: a usage CSV of 1,000,000 rows with full aggregation (10 per secondary, 20
     * secondaries per tertiary) uploaded to the running server and applied durably, from the first
     * byte sent to the job's end; baselines: a bare Commons CSV parse of the same file in this
     * process, and the plain-Postgres alternative ({@link CopyBaseline}). Then pharmacy sales at a
     * steady 1,000/s, alone and while a second such file is applied (nobody waits behind a file);
     * the shipment file of every box; and the {@code rebuild} of the store from the journal.
     */
    private void ingest() throws Exception {
        int rows = quick ? 200_000 : 1_000_000;
        Path data = Files.createTempDirectory("lacak-e2e-ingest");
        Path file = data.resolveSibling(data.getFileName() + ".csv");
        long codes;
        try (ServerProcess server = ServerProcess.lacak(jar, data, "4g");
                Http http = new Http(vertx, server.port())) {
            String mfr = server.apiKey(MFR);
            List<String> s = usageFile(http, server, mfr, "CSV1", rows, file);
            List<String> primaries = firstPrimaries(file, rows / 10); // those of the first tenth of the boxes
            double baseline = bareParse(file, rows);
            double copy = CopyBaseline.rowsPerSecond(file, rows, 2);
            server.startRecording("usage-csv-ingest");
            double usageSeconds = uploadAndWait(http, server, mfr, "usage", file, rows);
            server.stopRecording("usage-csv-ingest");
            print(Results.row(
                            "usage-csv-ingest",
                            rows / usageSeconds,
                            "rows/s",
                            baseline,
                            "≥ 300,000 rows/s, 1 M rows, durable",
                            rows >= 1_000_000 ? rows / usageSeconds >= 300_000 : null)
                    .put("baseline_is", "bare Commons CSV parse")
                    .put("plain_postgres_rows_per_s", Math.round(copy))
                    .put("ratio_to_plain_postgres", round2(rows / usageSeconds / copy))
                    .put(
                            "plain_postgres_is",
                            "COPY into a staging table + one INSERT ... SELECT into an indexed"
                                    + " table, fsync and synchronous commit on")
                    .put("rows", rows)
                    .put("seconds", round2(usageSeconds))
                    .put("file_mib", Files.size(file) >> 20)
                    .put("server_peak_rss_mib", server.rssKiB() / 1024)
                    .put("server_heap_used_mib", server.heapUsedMiB()));

            salesBesideUpload(http, server, mfr, rows, file);

            // Lampiran H.c: the shipment CSV, every secondary (box) of the usage file shipped to the distributor
            try (java.io.BufferedWriter w = Files.newBufferedWriter(file)) {
                w.write("Partner ID,Destination Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch\n");
                for (String box : s) {
                    w.write(MFR + "," + PBF + ",Sekunder," + box + "," + NIE + ",2029-12-31,CSV1\n");
                }
            }
            double shipBaseline = bareParse(file, s.size());
            server.startRecording("shipment-csv-ingest");
            double shipSeconds = uploadAndWait(http, server, mfr, "shipment", file, s.size());
            server.stopRecording("shipment-csv-ingest");
            printFileRate("shipment-csv-ingest", s.size(), shipSeconds, shipBaseline);
            receiptAndSaleFiles(http, server, s, primaries, file);
            codes = http.get("/health", null).getJsonObject("store").getLong("codes");
        } finally {
            Files.deleteIfExists(file);
        }
        double rebuildSeconds = rebuild(data);
        print(Results.row(
                        "rebuild-from-journal",
                        codes / rebuildSeconds,
                        "codes/s",
                        null,
                        "≥ 1,000,000 codes/s",
                        codes / rebuildSeconds >= 1_000_000)
                .put("codes", codes)
                .put("seconds", round2(rebuildSeconds))
                .put("note", "the whole command: JVM, Postgres start, replay"));
    }

    /**
     * Issue 18: a usage file of 20,000,000 rows (about 4 GB; 2,000,000 with {@code --quick})
     * applied by a server with a 1 GiB heap: memory that does not grow with the file.
     */
    private void ingestBig() throws Exception {
        int rows = quick ? 2_000_000 : 20_000_000;
        Path data = Files.createTempDirectory("lacak-e2e-ingest-big");
        Path file = data.resolveSibling(data.getFileName() + ".csv");
        Map<String, String> settings = Map.of(
                "LACAK_UPLOAD_LIMIT", Long.toString(16L << 30),
                "LACAK_UPLOAD_QUOTA", Long.toString(16L << 30),
                "LACAK_STORE_INITIAL_CODES", Integer.toString(rows + rows / 4));
        try (ServerProcess server = ServerProcess.lacak(jar, data, "1g", settings);
                Http http = new Http(vertx, server.port())) {
            String mfr = server.apiKey(MFR);
            usageFile(http, server, mfr, "BIG1", rows, file);
            double seconds = uploadAndWait(http, server, mfr, "usage", file, rows);
            print(Results.row("usage-csv-ingest-big", rows / seconds, "rows/s", null, "completes at -Xmx1g", true)
                    .put("rows", rows)
                    .put("seconds", round2(seconds))
                    .put("file_mib", Files.size(file) >> 20)
                    .put("server_heap_max", "1g")
                    .put("server_peak_rss_mib", server.rssKiB() / 1024)
                    .put("server_heap_used_mib", server.heapUsedMiB()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Issues {@code rows} codes with full aggregation and writes their usage file, primaries
     * streamed (a file of 20 M rows never sits in memory here); returns the secondaries.
     */
    private static List<String> usageFile(
            Http http, ServerProcess server, String mfr, String batch, int rows, Path file) throws Exception {
        JsonObject issued = http.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", NIE)
                        .put("batch", batch)
                        .put("expiry", "2029-12-31")
                        .put("primaries", rows)
                        .put("perSecondary", 10)
                        .put("perTertiary", 20));
        long id = issued.getLong("id");
        List<String> s = http.lines("/api/v1/code-requests/" + id + "/codes?level=secondary", mfr);
        List<String> t = http.lines("/api/v1/code-requests/" + id + "/codes?level=tertiary", mfr);
        java.net.http.HttpResponse<java.util.stream.Stream<String>> primaries = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                                        + "/api/v1/code-requests/" + id + "/codes?level=primary"))
                                .header("X-API-Key", mfr)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofLines());
        try (java.io.BufferedWriter w = new java.io.BufferedWriter(Files.newBufferedWriter(file), 1 << 20);
                java.util.stream.Stream<String> p = primaries.body()) {
            w.write(
                    "Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,Expiry,Batch,Active,Retained Sample,Reject\n");
            int[] i = {0};
            p.forEach(code -> {
                try {
                    w.write(MFR + ",Primer," + code + "," + s.get(i[0] / 10) + "," + t.get(i[0] / 200) + "," + NIE
                            + ",2029-12-31," + batch + ",TRUE,FALSE,FALSE\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                i[0]++;
            });
            if (i[0] != rows) {
                throw new IllegalStateException("listed " + i[0] + " primaries, not " + rows);
            }
        }
        return s;
    }

    /** The primary codes of the first {@code n} lines of a usage file. */
    private static List<String> firstPrimaries(Path usage, int n) throws Exception {
        try (java.util.stream.Stream<String> lines = Files.lines(usage)) {
            return lines.skip(1).limit(n).map(l -> l.split(",")[2]).toList();
        }
    }

    /**
     * Issue 18: the receipt file of the distributor that the shipment file addressed (Lampiran
     * I.c, every box), then, after the first tenth of the boxes went on to the pharmacy (a shipment
     * and a receipt file, not timed), the pharmacy's sale file of their units (Lampiran J.c).
     */
    private void receiptAndSaleFiles(Http http, ServerProcess server, List<String> boxes, List<String> units, Path file)
            throws Exception {
        String pbf = server.apiKey(PBF);
        String apt = server.apiKey(APT);
        quiet(http);
        codesFile(file, "Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch", PBF + ",Sekunder,", boxes);
        double receiptBaseline = bareParse(file, boxes.size());
        server.startRecording("receipt-csv-ingest");
        double receiptSeconds = uploadAndWait(http, server, pbf, "receipt", file, boxes.size());
        server.stopRecording("receipt-csv-ingest");
        printFileRate("receipt-csv-ingest", boxes.size(), receiptSeconds, receiptBaseline);
        List<String> toPharmacy = boxes.subList(0, units.size() / 10);
        codesFile(
                file,
                "Partner ID,Destination Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch",
                PBF + "," + APT + ",Sekunder,",
                toPharmacy);
        uploadAndWait(http, server, pbf, "shipment", file, toPharmacy.size());
        codesFile(file, "Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch", APT + ",Sekunder,", toPharmacy);
        uploadAndWait(http, server, apt, "receipt", file, toPharmacy.size());
        quiet(http);
        codesFile(file, "Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch", APT + ",Primer,", units);
        double saleBaseline = bareParse(file, units.size());
        server.startRecording("sale-csv-ingest");
        double saleSeconds = uploadAndWait(http, server, apt, "sale", file, units.size());
        server.stopRecording("sale-csv-ingest");
        printFileRate("sale-csv-ingest", units.size(), saleSeconds, saleBaseline);
    }

    /** A file's rows per second beside the bare parse of the same file (no target of its own). */
    private void printFileRate(String name, int rows, double seconds, double bareParse) {
        print(Results.row(name, rows / seconds, "rows/s", bareParse, "(reported)", null)
                .put("baseline_is", "bare Commons CSV parse")
                .put("rows", rows)
                .put("seconds", round2(seconds)));
    }

    /** A file of {@code header} and a line {@code prefix + code + ",NIE,expiry,batch"} a code. */
    private static void codesFile(Path file, String header, String prefix, List<String> codes) throws Exception {
        try (java.io.BufferedWriter w = new java.io.BufferedWriter(Files.newBufferedWriter(file), 1 << 20)) {
            w.write(header + "\n");
            for (String code : codes) {
                w.write(prefix + code + "," + NIE + ",2029-12-31,CSV1\n");
            }
        }
    }

    /**
     * Issue 18: pharmacy sales at a steady 1,000 a second, for 10 s alone and then while a usage
     * file of {@code rows} rows is uploaded and applied; p99 of each (target < 50 ms beside it).
     */
    private void salesBesideUpload(Http http, ServerProcess server, String mfr, int rows, Path file) throws Exception {
        List<String> stock = stockPharmacy(http, server, quick ? 30_000 : 100_000, 100, 100);
        String apt = server.apiKey(APT);
        quiet(http);
        int[] next = {0};
        java.util.function.IntFunction<Buffer> sale =
                i -> next[0] < stock.size() ? saleBody(stock.get(next[0]++)) : null;
        // the sales path warmed up first, as in "sales": both JVMs compile it for 10-15 s on the two cores, and
        // measured cold the first 3 s (latencies of 0.5-1 s) were the p99 of a 10 s window (RESULTS.md, session 11)
        new Load(vertx)
                .steady(server.port(), "/api/v1/sales", apt, 1_000, vertx.timer(quick ? 5_000 : 15_000), sale)
                .await(5, TimeUnit.MINUTES);
        Load.Result alone = new Load(vertx)
                .steady(server.port(), "/api/v1/sales", apt, 1_000, vertx.timer(quick ? 10_000 : 30_000), sale)
                .await(5, TimeUnit.MINUTES);
        usageFile(http, server, mfr, "CSV2", rows, file);
        quiet(http);
        io.vertx.core.Promise<Void> uploaded = io.vertx.core.Promise.promise();
        io.vertx.core.Future<Load.Result> beside =
                new Load(vertx).steady(server.port(), "/api/v1/sales", apt, 1_000, uploaded.future(), sale);
        double seconds;
        try {
            seconds = uploadAndWait(http, server, mfr, "usage", file, rows);
        } finally {
            uploaded.tryComplete();
        }
        Load.Result withUpload = beside.await(5, TimeUnit.MINUTES);
        if (alone.errors() > 0 || withUpload.errors() > 0) {
            throw new IllegalStateException(
                    "sales failed: " + alone.errors() + " alone, " + withUpload.errors() + " beside the upload");
        }
        print(Results.row(
                        "sale-p99-beside-upload",
                        withUpload.p99Ms(),
                        "ms",
                        alone.p99Ms(),
                        "p99 < 50 ms at 1,000 sales/s while a 1 M-row usage file is applied",
                        rows >= 1_000_000 ? withUpload.p99Ms() < 50 : null)
                .put("baseline_is", "p99 of the same sales with no upload")
                .put("p50_ms", round2(withUpload.p50Ms()))
                .put("alone_p50_ms", round2(alone.p50Ms()))
                .put("sales_beside", withUpload.requests())
                .put("upload_rows", rows)
                .put("upload_seconds", round2(seconds)));
    }

    /**
     * Issue 18's sales tail, traced: the server prepared as {@code ingest} prepares it (a usage file
     * of 1,000,000 rows, 200,000 with {@code --quick}, unless {@code -Dsteady.file=false}; then
     * 80,000 units stocked at the pharmacy), then pharmacy sales at a steady 1,000/s for {@code
     * -Dsteady.seconds} (40) after {@code -Dsteady.warmup} seconds (15) of the same sales untraced, with {@code -Dsteady.upload=true} a second usage file uploaded beside
     * them from the fifth second. Into {@code -Dsteady.out} (a new directory): every request
     * ({@link Trace}), the server's GC, safepoint and JIT logs, its standard error (Postgres's log
     * with its checkpoints), and {@link Probe}'s samples every 50 ms, all in wall-clock time.
     */
    private void steady() throws Exception {
        int rows = quick ? 200_000 : 1_000_000;
        long seconds = Long.getLong("steady.seconds", 40);
        boolean upload = Boolean.getBoolean("steady.upload");
        Path out = Path.of(System.getProperty("steady.out", "steady-" + System.currentTimeMillis()));
        Files.createDirectories(out);
        Path data = Files.createTempDirectory("lacak-e2e-steady");
        Path file = data.resolveSibling(data.getFileName() + ".csv");
        Path logging =
                out.resolve("server-logging.properties"); // the jar's own, with the embedded Postgres's log let through
        Files.writeString(
                logging,
                String.join(
                        "\n",
                        "handlers=java.util.logging.ConsoleHandler",
                        ".level=INFO",
                        "java.util.logging.ConsoleHandler.level=ALL",
                        "java.util.logging.SimpleFormatter.format=%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s: %5$s%6$s%n",
                        "org.flywaydb.level=WARNING",
                        "io.micrometer.level=SEVERE",
                        "io.netty.level=WARNING",
                        "io.vertx.level=WARNING",
                        ""));
        List<String> jvm = List.of(
                "-Djava.util.logging.config.file=" + logging,
                "-Xlog:gc*=info,safepoint=info:file=" + out.resolve("server-gc.log") + ":timemillis,uptimemillis,tags",
                "-Xlog:jit+compilation=debug:file=" + out.resolve("server-jit.log") + ":timemillis,uptimemillis");
        try (ServerProcess server =
                        ServerProcess.lacak(jar, data, "4g", Map.of(), jvm, out.resolve("server-stderr.log"));
                Http http = new Http(vertx, server.port())) {
            String mfr = server.apiKey(MFR);
            if (!"false".equals(System.getProperty("steady.file"))) {
                usageFile(http, server, mfr, "CSV1", rows, file);
                uploadAndWait(http, server, mfr, "usage", file, rows);
            }
            List<String> stock = stockPharmacy(http, server, quick ? 30_000 : 100_000, 100, 100);
            if (upload) {
                usageFile(http, server, mfr, "CSV2", rows, file);
            }
            quiet(http);
            String apt = server.apiKey(APT);
            int[] next = {0};
            java.util.function.IntFunction<Buffer> sale =
                    i -> next[0] < stock.size() ? saleBody(stock.get(next[0]++)) : null;
            long warmup = Long.getLong("steady.warmup", 15);
            if (warmup > 0) { // the same sales, not traced: the JIT of both JVMs (see "ingest")
                new Load(vertx)
                        .steady(server.port(), "/api/v1/sales", apt, 1_000, vertx.timer(warmup * 1_000), sale)
                        .await(5, TimeUnit.MINUTES);
            }
            Trace trace = new Trace();
            double uploadSeconds = -1;
            Load.Result r;
            try (Probe probe = new Probe(server.pid(), data, out.resolve("probe.jsonl"), 50)) {
                io.vertx.core.Future<Load.Result> sales = new Load(vertx)
                        .steady(server.port(), "/api/v1/sales", apt, 1_000, vertx.timer(seconds * 1_000), sale, trace);
                if (upload) {
                    Thread.sleep(5_000);
                    uploadSeconds = uploadAndWait(http, server, mfr, "usage", file, rows);
                }
                r = sales.await(seconds + 300, TimeUnit.SECONDS);
            }
            trace.write(out.resolve("trace.csv"));
            double[] due = trace.fromDue();
            print(Results.row(
                            "sales-steady" + (upload ? "-beside-upload" : ""),
                            r.p99Ms(),
                            "ms p99",
                            null,
                            "p99 < 50 ms at 1,000 sales/s",
                            r.p99Ms() < 50)
                    .put("p50_ms", round2(r.p50Ms()))
                    .put("from_due_p50_ms", round2(due[due.length / 2]))
                    .put("from_due_p99_ms", round2(due[(int) (due.length * 0.99)]))
                    .put("from_due_max_ms", round2(due[due.length - 1]))
                    .put("requests", r.requests())
                    .put("errors", r.errors())
                    .put("seconds", seconds)
                    .put("upload_seconds", round2(uploadSeconds))
                    .put("out", out.toAbsolutePath().toString()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Waits until custody and notifications have caught up with the journal: no background work left. */
    private static void quiet(Http http) throws Exception {
        // a plain JDK client with a timeout, as uploadAndWait polls: a GET on the shared Vert.x client once waited
        // its full 10 minutes in that client's pool with no connection open while the server answered at once
        // (session 10's "custody did not catch up", seen again in session 11: custody was caught up)
        java.net.http.HttpClient poller = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + http.port() + "/health"))
                .timeout(java.time.Duration.ofSeconds(30))
                .build();
        for (int i = 0; i < 1_200; i++) {
            JsonObject journal = new JsonObject(poller.send(health, java.net.http.HttpResponse.BodyHandlers.ofString())
                            .body())
                    .getJsonObject("journal");
            if (journal.getLong("custodyIndexedTo").equals(journal.getLong("lastSequence"))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("custody did not catch up with the journal in 10 minutes");
    }

    /** Seconds {@code java -jar lacak.jar rebuild} takes on a stopped server's data directory. */
    private double rebuild(Path data) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx2g",
                        "-jar",
                        jar.toString(),
                        "rebuild",
                        "--data",
                        data.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("rebuild failed: " + p.exitValue());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Issue 3/8: the codes of a 10-million-code request (1 million with {@code --quick}) streamed
     * over HTTP in order (FF1 per code, Lampiran F), against the bare server streaming as many lines
     * of the same length.
     */
    private void listing() throws Exception {
        int codes = quick ? 1_000_000 : 10_000_000;
        Path data = Files.createTempDirectory("lacak-e2e-listing");
        double best = 0;
        long bytes;
        try (ServerProcess server = ServerProcess.lacak(jar, data, "2g");
                Http http = new Http(vertx, server.port())) {
            String mfr = server.apiKey(MFR);
            JsonObject issued = http.post(
                    "/api/v1/code-requests",
                    mfr,
                    new JsonObject()
                            .put("nie", NIE)
                            .put("batch", "LIST1")
                            .put("expiry", "2029-12-31")
                            .put("primaries", codes)
                            .put("perSecondary", 100)
                            .put("perTertiary", 100));
            String path = "/api/v1/code-requests/" + issued.getLong("id") + "/codes?level=primary";
            long[] counts = null;
            for (int run = 0; run < 3; run++) { // the first warms the server up
                long t0 = System.nanoTime();
                counts = http.stream(path, mfr);
                best = Math.max(best, counts[0] / ((System.nanoTime() - t0) / 1e9));
            }
            if (counts[0] != codes) {
                throw new IllegalStateException("listed " + counts[0] + " codes, not " + codes);
            }
            bytes = counts[1];
        }
        double bare = 0;
        try (ServerProcess baseline = ServerProcess.bare("1g");
                Http http = new Http(vertx, baseline.port())) {
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                long[] counts = http.stream("/stream?lines=" + codes + "&length=" + bytes / codes, null);
                bare = Math.max(bare, counts[0] / ((System.nanoTime() - t0) / 1e9));
            }
        }
        print(Results.row(
                        "code-listing-http", best, "codes/s", bare, "≥ 1,000,000 codes/s, streamed", best >= 1_000_000)
                .put("baseline_is", "bare Vert.x streaming lines of the same length")
                .put("codes", codes)
                .put("bytes_per_line", bytes / codes));
    }

    /**
     * Issue 21: the takeover after {@code kill -9} of the shard's owner, with this jar (whose standby
     * follows the owner's journal into its own store) against {@code -Dlacak.before=JAR} (one whose
     * standby catches up only when it takes over), alternating, {@code -Dtakeover.runs} (2) runs of
     * each. A run: a fresh Postgres 15 ({@link LocalPostgres}); node a, {@code serve --demo}, owns the
     * shard (lease 3 s); node b listens as a standby; a usage file of 1,000,000 rows (200,000 with
     * {@code --quick}) with full aggregation is uploaded to a; b's followed store reaches a's last
     * sequence ({@code /health} {@code shard.following}; the jar before has none); 10 s to settle and
     * 10 s idle (b's and Postgres's CPU, Postgres's statements); {@code kill -9} of a; the seconds until b's {@code /health} says {@code OWNER} and a verify of a
     * loaded code through b answers 200 {@code GENUINE}.
     */
    private void takeover() throws Exception {
        String before = System.getProperty("lacak.before");
        if (before == null) {
            throw new IllegalArgumentException(
                    "takeover compares with -Dlacak.before=JAR (a standby that does not follow)");
        }
        int rows = quick ? 200_000 : 1_000_000;
        int runs = Integer.getInteger("takeover.runs", 2);
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        for (int run = 0; run < runs; run++) { // alternating, so that drift of the machine hits both alike
            cold.add(takeoverRun(Path.of(before), "cold", run, rows));
            warm.add(takeoverRun(jar, "warm", run, rows));
        }
        double w = median(warm.stream().mapToDouble(Double::doubleValue).toArray());
        double c = median(cold.stream().mapToDouble(Double::doubleValue).toArray());
        print(Results.row(
                        "takeover",
                        w,
                        "s from kill -9 of the owner to OWNER and a verify answered by the standby",
                        c,
                        "(reported: median of each; lease 3 s)",
                        null)
                .put("baseline_is", "the same takeover with -Dlacak.before=" + before + " (standby not following)")
                .put("warm_s", new JsonArray(new ArrayList<>(warm)))
                .put("cold_s", new JsonArray(new ArrayList<>(cold)))
                .put("rows", rows));
    }

    /** One takeover run with {@code jar} (see {@link #takeover}); its seconds, after printing its row. */
    private double takeoverRun(Path jar, String label, int run, int rows) throws Exception {
        Path dir = Files.createTempDirectory("lacak-e2e-takeover");
        Path file = dir.resolve("usage.csv");
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        JsonObject row = new JsonObject().put("jar", jar.toString()).put("run", run);
        try (LocalPostgres pg = LocalPostgres.start()) {
            Map<String, String> env = Map.of(
                    "LACAK_PG_URL",
                    pg.url(),
                    "LACAK_SERIAL_KEY",
                    java.util.Base64.getEncoder().encodeToString(key), // both read the same codes
                    "LACAK_LEASE",
                    "3",
                    "LACAK_ADMIN_PASSWORD",
                    "takeover-admin-password-1");
            ServerProcess a =
                    ServerProcess.node(jar, dir.resolve("a"), "3g", node(env, "a"), true, dir.resolve("a.err"));
            try (ServerProcess b = ServerProcess.node(
                            jar, dir.resolve("b"), "3g", node(env, "b"), false, dir.resolve("b.err"));
                    Http http = new Http(vertx, a.port())) {
                String mfr = a.apiKey(MFR);
                usageFile(http, a, mfr, "TK" + run, rows, file);
                row.put("upload_s", round2(uploadAndWait(http, a, mfr, "usage", file, rows)));
                quiet(http);
                long last = http.get("/health", null).getJsonObject("journal").getLong("lastSequence");
                long t0 = System.nanoTime();
                boolean follows = applied(b) != null;
                while (follows && applied(b) < last) {
                    if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(10)) {
                        throw new IllegalStateException("b's followed store did not reach " + last + ": " + applied(b));
                    }
                    Thread.sleep(50);
                }
                row.put("last_sequence", last).put("b_follows", follows);
                if (follows) {
                    row.put("b_caught_up_after_quiet_s", round2((System.nanoTime() - t0) / 1e9));
                }
                // 10 s to settle (the JIT and GC after b's replay of the file cost b 35-57 ms of CPU a second
                // when measured at once), then 10 s idle: what b's following costs b and Postgres when the owner
                // writes nothing
                Thread.sleep(10_000);
                pg.resetStatements();
                long bTicks = b.cpuTicks();
                long pgTicks = pg.cpuTicks();
                long commits = pg.commits();
                Thread.sleep(10_000);
                // 10 ms a clock tick, over 10 s: ticks are ms per s
                row.put("idle_b_cpu_ms_per_s", b.cpuTicks() - bTicks)
                        .put("idle_postgres_cpu_ms_per_s", pg.cpuTicks() - pgTicks)
                        .put("idle_postgres_xacts_per_s", (pg.commits() - commits) / 10.0)
                        .put("idle_statements", new JsonArray(new ArrayList<>(pg.statements(10))))
                        .put("b_cpu_s_before_kill", b.cpuTicks() / 100.0)
                        .put("b_rss_mib_before_kill", b.rssNowKiB() / 1024)
                        .put("a_rss_mib_before_kill", a.rssNowKiB() / 1024);
                String code = firstPrimaries(file, 1).get(0);
                double[] took;
                try (java.sql.Connection c = pg.connect()) {
                    long killed = System.nanoTime();
                    a.kill();
                    row.put("lease_left_at_kill_s", round2((Double) LocalPostgres.lease(c, 0)[1]));
                    took = ownedAndVerified(b, c, code, killed);
                }
                row.put("lease_taken_s", round2(took[2]))
                        .put("owner_s", round2(took[0]))
                        .put("catch_up_s", round2(took[0] - took[2]))
                        .put("verified_s", round2(took[1]))
                        .put("b_peak_rss_mib", b.rssKiB() / 1024)
                        .put("b_rss_mib_after", b.rssNowKiB() / 1024)
                        .put("b_takeover_log", takeoverLine(dir.resolve("b.err")));
                print(Results.row("takeover-" + label, took[1], "s", null, "(reported)", null)
                        .mergeIn(row));
                return took[1];
            } finally {
                a.close();
            }
        } finally {
            deleteTree(dir);
        }
    }

    static Map<String, String> node(Map<String, String> env, String name) {
        Map<String, String> m = new java.util.HashMap<>(env);
        m.put("LACAK_NODE", name);
        return m;
    }

    /** {@code /health} of a node by a plain JDK client with a timeout (as {@link #quiet} polls). */
    static JsonObject health(ServerProcess node) throws Exception {
        return new JsonObject(POLLER.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + node.port() + "/health"))
                                .timeout(java.time.Duration.ofSeconds(30))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private static final java.net.http.HttpClient POLLER = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(2))
            .build();

    /** A standby's followed store's applied sequence, or {@code null} when its {@code /health} has none. */
    private static Long applied(ServerProcess standby) throws Exception {
        JsonArray following = health(standby).getJsonObject("shard").getJsonArray("following");
        return following == null || following.isEmpty()
                ? null
                : following.getJsonObject(0).getLong("appliedSequence");
    }

    /**
     * Seconds from {@code killed} until {@code b}'s {@code /health} says {@code OWNER}, until, after
     * that, a verify of {@code code} through b answers 200 {@code GENUINE}, and until {@code
     * shard_lease} names b (the lease taken: what follows is b's catching up); polled every 20 ms.
     */
    private static double[] ownedAndVerified(ServerProcess b, java.sql.Connection pg, String code, long killed)
            throws Exception {
        java.net.http.HttpRequest verify = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + b.port() + "/api/v1/verify?code="
                                + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8)))
                .timeout(java.time.Duration.ofSeconds(30))
                .build();
        double owner = -1;
        double leased = -1;
        while (System.nanoTime() - killed < TimeUnit.MINUTES.toNanos(10)) {
            if (leased < 0 && "b".equals(LocalPostgres.lease(pg, 0)[0])) {
                leased = (System.nanoTime() - killed) / 1e9;
            }
            if (owner < 0 && health(b).getJsonObject("shard").getString("role").equals("OWNER")) {
                owner = (System.nanoTime() - killed) / 1e9;
            }
            if (owner >= 0) {
                var r = POLLER.send(verify, java.net.http.HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    String verdict = new JsonObject(r.body()).getString("verdict");
                    if (!verdict.equals("GENUINE")) {
                        throw new IllegalStateException("b took over without the code: " + r.body());
                    }
                    return new double[] {owner, (System.nanoTime() - killed) / 1e9, leased};
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("b did not take the shard over in 10 minutes");
    }

    /** The line where the node says it writes the shards (with the jar after: the events replayed to catch up). */
    private static String takeoverLine(Path log) throws Exception {
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(" writes shards "))
                    .reduce((x, y) -> y)
                    .orElse("");
        }
    }

    /** Uploads a file and waits for its job; the seconds from the first byte sent to the job's end. */
    private static double uploadAndWait(
            Http http, ServerProcess server, String key, String template, Path file, int rows) throws Exception {
        long t0 = System.nanoTime();
        JsonObject job = new JsonObject(http.upload("/api/v1/uploads/" + template, key, file));
        java.net.http.HttpClient poller = java.net.http.HttpClient.newHttpClient(); // plain JDK client for polling
        java.net.http.HttpRequest poll = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + server.port() + "/api/v1/uploads/" + job.getLong("id")))
                .header("X-API-Key", key)
                .timeout(java.time.Duration.ofSeconds(30))
                .build();
        while (!List.of("DONE", "REFUSED", "FAILED").contains(job.getString("state"))) {
            Thread.sleep(50);
            job = new JsonObject(poller.send(poll, java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!job.getString("state").equals("DONE") || job.getLong("rowsAccepted") != rows) {
            throw new IllegalStateException("the " + template + " upload did not apply: " + job.encode());
        }
        return seconds;
    }

    /** Rows per second of a bare Commons CSV parse that touches every field: the floor of any CSV ingest. */
    private static double bareParse(Path file, int rows) throws Exception {
        double best = 0;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            long chars = 0;
            try (var reader = Files.newBufferedReader(file);
                    var parser = org.apache.commons.csv.CSVFormat.DEFAULT
                            .builder()
                            .setHeader()
                            .setSkipHeaderRecord(true)
                            .get()
                            .parse(reader)) {
                for (var record : parser) {
                    for (String v : record) {
                        chars += v.length();
                    }
                }
            }
            double perSecond = rows / ((System.nanoTime() - t0) / 1e9);
            best = Math.max(best, chars > 0 ? perSecond : 0);
        }
        return best;
    }

    /** Ship MFR -> PBF, receive, ship back, receive: the latency of each shipment call. */
    private static double[] roundTrips(Http http, String mfr, String pbf, String code, int rounds) throws Exception {
        double[] ms = new double[rounds * 2];
        for (int i = 0; i < rounds; i++) {
            ms[2 * i] = timed(http, "/api/v1/shipments", mfr, body(code).put("destination", PBF));
            http.post("/api/v1/receipts", pbf, body(code));
            ms[2 * i + 1] = timed(http, "/api/v1/shipments", pbf, body(code).put("destination", MFR));
            http.post("/api/v1/receipts", mfr, body(code));
        }
        return ms;
    }

    private static double timed(Http http, String path, String key, JsonObject body) throws Exception {
        long t0 = System.nanoTime();
        http.post(path, key, body);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Codes issued, reported used with aggregation, shipped by pallet to the pharmacy and received there. */
    static List<String> stockPharmacy(Http http, ServerProcess server, int units, int perSecondary, int perTertiary)
            throws Exception {
        String mfr = server.apiKey(MFR);
        JsonObject issued = http.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", NIE)
                        .put("batch", "SALE1")
                        .put("expiry", "2029-12-31")
                        .put("primaries", units)
                        .put("perSecondary", perSecondary)
                        .put("perTertiary", perTertiary));
        long id = issued.getLong("id");
        List<String> p = http.lines("/api/v1/code-requests/" + id + "/codes?level=primary", mfr);
        List<String> s = http.lines("/api/v1/code-requests/" + id + "/codes?level=secondary", mfr);
        List<String> t = http.lines("/api/v1/code-requests/" + id + "/codes?level=tertiary", mfr);
        usage(http, mfr, p, s, t, perSecondary, perSecondary * perTertiary);
        http.post(
                "/api/v1/shipments",
                mfr,
                new JsonObject().put("destination", APT).put("codes", new JsonArray(new ArrayList<>(t))));
        http.post(
                "/api/v1/receipts",
                server.apiKey(APT),
                new JsonObject().put("codes", new JsonArray(new ArrayList<>(t))));
        return p;
    }

    /** Usage reports of 20,000 lines each (under the body limit), primaries packed into secondaries and tertiaries. */
    private static void usage(
            Http http, String key, List<String> p, List<String> s, List<String> t, int perSecondary, int perTertiary)
            throws Exception {
        for (int from = 0; from < p.size(); from += 20_000) {
            JsonArray lines = new JsonArray();
            for (int i = from; i < Math.min(p.size(), from + 20_000); i++) {
                JsonObject line = new JsonObject().put("primary", p.get(i));
                if (s != null) {
                    line.put("secondary", s.get(i / perSecondary)).put("tertiary", t.get(i / perTertiary));
                }
                lines.add(line);
            }
            http.post("/api/v1/usage-reports", key, new JsonObject().put("lines", lines));
        }
    }

    /**
     * Issue 15 item 10: a flood of {@code GET /metrics} (16 connections, as measured when it was
     * anonymous and rendered per request) beside public verification on 2 connections: verify's
     * latency alone, beside a flood without the token (401s) and beside a flood with it (the
     * operator's scraper gone wild: one rendering a second serves them all).
     */
    private void metrics() throws Exception {
        long millis = quick ? 5_000 : 15_000;
        String token = "bench-metrics-token-0123456789";
        Path data = Files.createTempDirectory("lacak-e2e-metrics");
        Buffer verifyBody = Buffer.buffer(
                "{\"code\":\"(90)" + NIE + "(10)M1(17)291231(21)" + randomSerial(new java.util.Random(3)) + "\"}");
        try (ServerProcess server = ServerProcess.lacak(
                jar, data, "1g", Map.of("LACAK_METRICS_TOKEN", token, "LACAK_VERIFY_RATE", "100000000"))) {
            Load.Result warm = new Load(vertx).run(server.port(), "/api/v1/verify", null, 2, 5_000, i -> verifyBody);
            if (warm.errors() > 0) {
                throw new IllegalStateException("verify answered " + warm.errors() + " non-200s in the warm-up");
            }
            Load.Result alone = new Load(vertx).run(server.port(), "/api/v1/verify", null, 2, millis, i -> verifyBody);
            JsonObject row = new JsonObject()
                    .put("alone_p50_ms", round2(alone.p50Ms()))
                    .put("alone_p99_ms", round2(alone.p99Ms()));
            for (String who : List.of("anonymous", "token")) {
                Map<String, String> headers =
                        who.equals("token") ? Map.of("Authorization", "Bearer " + token) : Map.of();
                io.vertx.core.Future<Load.Result> flood = new Load(vertx)
                        .start(
                                server.port(),
                                io.vertx.core.http.HttpMethod.GET,
                                "/metrics",
                                headers,
                                16,
                                millis + 2_000,
                                i -> Buffer.buffer());
                Thread.sleep(1_000);
                Load.Result beside =
                        new Load(vertx).run(server.port(), "/api/v1/verify", null, 2, millis, i -> verifyBody);
                Load.Result scrapes = flood.await(millis + 150_000, TimeUnit.MILLISECONDS);
                row.put(who + "_p50_ms", round2(beside.p50Ms()))
                        .put(who + "_p99_ms", round2(beside.p99Ms()))
                        .put(who + "_verify_errors", beside.errors())
                        .put(who + "_scrapes_per_s", round(scrapes.perSecond()))
                        .put(who + "_scrape_200s", scrapes.requests() - scrapes.errors());
            }
            // the figure: verify's p99 beside the anonymous flood, against its p99 alone
            print(Results.row(
                            "verify-beside-metrics-flood",
                            row.getDouble("anonymous_p99_ms"),
                            "ms p99",
                            alone.p99Ms(),
                            "verify on 2 connections unharmed by 16 connections of GET /metrics (issue 15 item 10)",
                            null)
                    .mergeIn(row));
        }
    }

    static Buffer saleBody(String code) {
        return Buffer.buffer("{\"codes\":[\"" + code + "\"]}");
    }

    private static JsonObject body(String code) {
        return new JsonObject().put("codes", new JsonArray().add(code));
    }

    private static double median(double[] v) {
        return percentile(v, 0.5);
    }

    private static double percentile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
    }

    private static long round(double v) {
        return Math.round(v);
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private void print(JsonObject line) {
        rows.add(line);
        System.out.println(line.encode());
        System.out.flush();
    }
}
