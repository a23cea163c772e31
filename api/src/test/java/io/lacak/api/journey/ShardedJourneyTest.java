package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static io.lacak.api.journey.Api.codes;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.journal.BulkReport;
import io.lacak.core.journal.Shards;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 21: the journey on one node with {@code LACAK_SHARDS=2} (embedded Postgres), two NIE
 * holders whose products fall in different shards. Each holder's code request, usage, shipment and
 * recall goes to its own shard's writer and journal; the distributor and the pharmacy report each
 * holder's codes, and reads (state, custody, verify, notifications) find every code in its shard.
 * A distributor's or pharmacy's report mixing the two holders' codes is split: a part in each
 * holder's shard, each atomic there, the answer the parts' together and each part listed; a retry
 * with the report's idempotency key answers the parts journaled and decides the others. A usage
 * report (one holder's process, Lampiran G) mixing shards is refused whole (422 {@code SPANS_SHARDS}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardedJourneyTest {

    static final String OTHER_NIE = "DKL2600000003A1";

    static Api api;
    static String mfrA;
    static String mfrB;
    static String pbf;
    static String apt;
    static String otherHolder;
    static int shardA;
    static int shardB;
    static List<String> a;
    static List<String> b;
    /** The parts of the mixed receipt keyed {@code rcv-mixed-1}, as first answered. */
    static JsonArray mixedReceipt;
    /** Each holder's codes of batch *2612, beyond a chunk. */
    static List<String> bigA;

    static List<String> bigB;

    @BeforeAll
    void start() throws Exception {
        api = new Api(Files.createTempDirectory("lacak-shards-test"), c -> c.setShards(2)
                .setBodyLimit(8 * 1024 * 1024));
        Shards two = Shards.of(2);
        shardA = two.ofHolder(MANUFACTURER);
        for (int i = 0; otherHolder == null; i++) {
            if (two.ofHolder("MFR-LAIN-" + i) != shardA) {
                otherHolder = "MFR-LAIN-" + i;
            }
        }
        shardB = two.ofHolder(otherHolder);
        mfrB = api.manufacturerWithProduct(
                otherHolder, OTHER_NIE, "Sefaleksin 500 mg kapsul"); // registered on the node
        mfrA = api.key(MANUFACTURER);
        pbf = api.key(DISTRIBUTOR);
        apt = api.key(PHARMACY);
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
    }

    @Test
    @Order(1)
    void pasal8_lampiranG_eachHolderRequestsAndReportsUsageInItsOwnShard() throws Exception {
        assertThat(shardA).isNotEqualTo(shardB);
        a = issue(mfrA, AUTH_NIE, "SA2611", 4);
        b = issue(mfrB, OTHER_NIE, "SB2611", 4);
        api.activate(mfrA, null, a.toArray(String[]::new));
        api.activate(mfrB, null, b.toArray(String[]::new));

        Map<Integer, List<String>> kinds = journal();
        assertThat(kinds.get(shardA)).containsExactly("USAGE");
        assertThat(kinds.get(shardB)).containsExactly("USAGE");
        // a seq counts within its shard: each shard's first event is 1
        assertThat(api.lacak.services().writers().member(shardA).store().appliedSequence())
                .isEqualTo(1);
        assertThat(api.lacak.services().writers().member(shardB).store().appliedSequence())
                .isEqualTo(1);

        // Lampiran G: one holder's usage (primary -> secondary -> tertiary) never leaves its shard
        JsonObject usage = new JsonObject()
                .put(
                        "lines",
                        new JsonArray()
                                .add(new JsonObject().put("primary", a.get(0)))
                                .add(new JsonObject().put("primary", b.get(0))));
        assertSpansShards(api.post("/api/v1/usage-reports", mfrA, usage));
        assertThat(journal().get(shardA)).containsExactly("USAGE");

        JsonObject health = api.get("/health", null).bodyAsJsonObject();
        assertThat(health.getString("status")).isEqualTo("UP");
        JsonArray shards = health.getJsonObject("writer").getJsonArray("shards");
        assertThat(shards).hasSize(2);
        assertThat(shards.getJsonObject(shardB).getLong("codes")).isGreaterThanOrEqualTo(4);
    }

    @Test
    @Order(2)
    void lampiranH_eachHolderShipsToTheDistributor_andAMixedReceiptIsAPartInEachShard() throws Exception {
        assertOk(api.post(
                "/api/v1/shipments", mfrA, codes(a.toArray(String[]::new)).put("destination", DISTRIBUTOR)));
        assertOk(api.post(
                "/api/v1/shipments", mfrB, codes(b.toArray(String[]::new)).put("destination", DISTRIBUTOR)));

        JsonObject mixed = codes(b.get(0), a.get(0)).put("idempotencyKey", "rcv-mixed-1");
        JsonObject first = ok(api.post("/api/v1/receipts", pbf, mixed));
        assertThat(first.getInteger("accepted")).isEqualTo(2);
        assertThat(first.getBoolean("applied")).isTrue();
        assertThat(first.getBoolean("repeated")).isFalse();
        mixedReceipt = first.getJsonArray("parts");
        assertThat(mixedReceipt).hasSize(2);
        for (int i = 0; i < 2; i++) { // in shard order, each journaled in its shard as that shard's third event
            JsonObject part = mixedReceipt.getJsonObject(i);
            assertThat(part.getInteger("shard")).isEqualTo(i);
            assertThat(part.getBoolean("applied")).isTrue();
            assertThat(part.getInteger("accepted")).isEqualTo(1);
            assertThat(part.getLong("sequence")).isEqualTo(3);
        }
        assertThat(state(a.get(0), pbf).getString("holder")).isEqualTo(DISTRIBUTOR);
        assertThat(state(b.get(0), pbf).getString("holder")).isEqualTo(DISTRIBUTOR);

        // the same report again: each part's first answer, nothing journaled twice
        JsonObject again = ok(api.post("/api/v1/receipts", pbf, mixed));
        assertThat(again.getBoolean("repeated")).isTrue();
        assertThat(again.getJsonArray("parts").stream()
                        .map(o -> ((JsonObject) o).getLong("sequence"))
                        .toList())
                .containsExactly(3L, 3L);

        JsonObject rest = ok(
                api.post("/api/v1/receipts", pbf, codes(a.get(1), b.get(1), a.get(2), b.get(2), a.get(3), b.get(3))));
        assertThat(rest.getInteger("accepted")).isEqualTo(6);
        assertThat(journal().get(shardA)).containsExactly("USAGE", "SHIPMENT", "RECEIPT", "RECEIPT");
        assertThat(journal().get(shardB)).containsExactly("USAGE", "SHIPMENT", "RECEIPT", "RECEIPT");
    }

    @Test
    @Order(3)
    void lampiranH_I_aDistributorsShipmentMixingHoldersGoesThroughAPartInEachShard() throws Exception {
        JsonObject shipped = ok(api.post(
                "/api/v1/shipments",
                pbf,
                codes(a.get(0), a.get(1), b.get(0), b.get(1), a.get(2), b.get(2))
                        .put("destination", PHARMACY)));
        assertThat(shipped.getInteger("accepted")).isEqualTo(6);
        assertThat(shipped.getJsonArray("parts")).hasSize(2);
        assertThat(state(b.get(1), pbf).getString("status")).isEqualTo("IN_TRANSIT");

        JsonObject received = ok(
                api.post("/api/v1/receipts", apt, codes(a.get(0), a.get(1), a.get(2), b.get(0), b.get(1), b.get(2))));
        assertThat(received.getInteger("accepted")).isEqualTo(6);
        assertThat(state(a.get(2), apt).getString("holder")).isEqualTo(PHARMACY);
        assertThat(state(b.get(2), apt).getString("holder")).isEqualTo(PHARMACY);
    }

    @Test
    @Order(4)
    void lampiranJ_aMixedSaleIsAtomicInEachShard_aRefusedPartLeavesTheOtherApplied() throws Exception {
        // b3 is still the distributor's: the other holder's part (b0, b3) is refused whole (ATOMIC),
        // the first holder's part (a0) is applied; the refusal names b3's place in the request
        JsonObject sale = codes(a.get(0), b.get(0), b.get(3)).put("idempotencyKey", "sale-mixed-1");
        JsonObject first = ok(api.post("/api/v1/sales", apt, sale));
        assertThat(first.getBoolean("applied")).isTrue();
        assertThat(first.getInteger("accepted")).isEqualTo(1);
        JsonArray refused = first.getJsonArray("refused");
        assertThat(refused).hasSize(1);
        assertThat(refused.getJsonObject(0).getInteger("index")).isEqualTo(2);
        assertThat(refused.getJsonObject(0).getString("code")).isEqualTo(b.get(3));
        assertThat(refused.getJsonObject(0).getString("reason")).isEqualTo("NOT_HELD");
        JsonObject partA = part(first, shardA);
        JsonObject partB = part(first, shardB);
        assertThat(partA.getBoolean("applied")).isTrue();
        assertThat(partB.getBoolean("applied")).isFalse();
        assertThat(partB.getInteger("refused")).isEqualTo(1);
        assertThat(state(a.get(0), apt).getString("status")).isEqualTo("SOLD");
        assertThat(state(b.get(0), apt).getString("status")).isNotEqualTo("SOLD");

        // a retry with the key: the applied part answered as first (not sold twice), the refused one decided again
        JsonObject again = ok(api.post("/api/v1/sales", apt, sale));
        assertThat(again.getBoolean("repeated")).isFalse();
        assertThat(part(again, shardA).getBoolean("repeated")).isTrue();
        assertThat(part(again, shardA).getLong("sequence")).isEqualTo(partA.getLong("sequence"));
        assertThat(part(again, shardB).getBoolean("applied")).isFalse();
        assertThat(journal().get(shardA).stream().filter("SALE"::equals)).hasSize(1);
        assertThat(journal().get(shardB)).doesNotContain("SALE");

        // nothing applied in any part: 422, as for a report in one shard
        HttpResponse<Buffer> none = api.post("/api/v1/sales", apt, codes(a.get(0), b.get(3)));
        assertThat(none.statusCode()).as(none.bodyAsString()).isEqualTo(422);
        assertThat(none.bodyAsJsonObject().getString("code")).isEqualTo("REFUSED");

        assertOk(api.post("/api/v1/sales", apt, codes(b.get(0))));
        assertThat(state(b.get(0), apt).getString("status")).isEqualTo("SOLD");
    }

    @Test
    @Order(5)
    void pasal25_verifyReadsEachCodeInItsShard() throws Exception {
        for (String code : List.of(a.get(1), b.get(1))) {
            HttpResponse<Buffer> r = api.get("/api/v1/verify?code=" + encode(code), null);
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getString("verdict")).isEqualTo("GENUINE");
        }
        assertThat(api.get("/api/v1/verify?code=" + encode(b.get(1)), null)
                        .bodyAsJsonObject()
                        .getJsonObject("product")
                        .getString("nie"))
                .isEqualTo(OTHER_NIE);
    }

    @Test
    @Order(6)
    void lampiranH_I_custodyAndNotificationsComeFromEachShard() throws Exception {
        for (String code : List.of(a.get(0), b.get(0))) {
            HttpResponse<Buffer> r = api.get("/api/v1/codes/custody?code=" + encode(code), apt);
            assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
            assertThat(r.bodyAsJsonObject().getJsonArray("events").stream()
                            .map(e -> ((JsonObject) e).getString("kind"))
                            .toList())
                    .containsExactly("USAGE", "SHIPMENT", "RECEIPT", "SHIPMENT", "RECEIPT", "SALE");
        }
        List<JsonObject> feed = feed(pbf);
        assertThat(feed)
                .anyMatch(n -> n.getString("kind").equals("INCOMING_SHIPMENT")
                        && n.getString("subject").contains(MANUFACTURER));
        assertThat(feed)
                .anyMatch(n -> n.getString("kind").equals("INCOMING_SHIPMENT")
                        && n.getString("subject").contains(otherHolder));
        // the codes of the other holder's notification, read in its shard
        JsonObject other = feed.stream()
                .filter(n -> n.getString("subject").contains(otherHolder))
                .findFirst()
                .orElseThrow();
        HttpResponse<Buffer> listed = api.get("/api/v1/notifications/" + other.getLong("id") + "/codes", pbf);
        assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
        assertThat(listed.bodyAsJsonObject().getInteger("total")).isEqualTo(4);
    }

    @Test
    @Order(7)
    void lampiranL_a_theOtherHoldersRecallIsJournaledInItsShardAndReachesItsPath() throws Exception {
        HttpResponse<Buffer> recall = api.post(
                "/api/v1/recalls",
                mfrB,
                new JsonObject()
                        .put("nie", OTHER_NIE)
                        .put("batch", "SB2611")
                        .put("reason", "hasil uji mutu tidak memenuhi syarat")
                        .put("letterNumber", "PW.01.2026.21"));
        assertOk(recall);
        assertThat(journal().get(shardB)).contains("RECALL_NOTICE");
        assertThat(journal().get(shardA)).doesNotContain("RECALL_NOTICE");
        for (String key : List.of(pbf, apt)) {
            assertThat(feed(key))
                    .anyMatch(n -> n.getString("kind").equals("RECALL_NOTICE")
                            && n.getString("subject").contains("SB2611"));
            assertThat(feed(key))
                    .noneMatch(n -> n.getString("kind").equals("RECALL_NOTICE")
                            && n.getString("subject").contains("SA2611"));
        }
        assertThat(state(b.get(1), apt).getBoolean("recalled")).isTrue();
        assertThat(state(a.get(1), apt).getBoolean("recalled")).isFalse();
    }

    @Test
    @Order(8)
    void aRestartReplaysEachShardsJournalIntoItsOwnStore() throws Exception {
        java.nio.file.Path dir = api.dataDir;
        api.close();
        api = null;
        // the other holder's store is lost: its writer rebuilds it from its own shard's journal alone
        java.nio.file.Path lost = dir.resolve(shardB == 0 ? "store" : "shard-" + shardB);
        try (var files = Files.walk(lost)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
        api = new Api(dir, c -> c.setShards(2).setBodyLimit(8 * 1024 * 1024));

        Map<Integer, List<String>> kinds = journal();
        for (int shard : List.of(shardA, shardB)) {
            assertThat(api.lacak.services().writers().member(shard).store().appliedSequence())
                    .isEqualTo(kinds.get(shard).size());
        }
        assertThat(state(b.get(0), apt).getString("status")).isEqualTo("SOLD");
        assertThat(state(b.get(1), apt).getBoolean("recalled")).isTrue();
        assertThat(state(a.get(0), apt).getString("status")).isEqualTo("SOLD");
        // the keyed mixed receipt again: each shard's part answered from its journal, as before the restart
        JsonObject again =
                ok(api.post("/api/v1/receipts", pbf, codes(b.get(0), a.get(0)).put("idempotencyKey", "rcv-mixed-1")));
        assertThat(again.getBoolean("repeated")).isTrue();
        assertThat(again.getJsonArray("parts").stream()
                        .map(o -> ((JsonObject) o).getLong("sequence"))
                        .toList())
                .isEqualTo(mixedReceipt.stream()
                        .map(o -> ((JsonObject) o).getLong("sequence"))
                        .toList());
        // a mixed sale after the restart: the recall replayed in the other holder's shard refuses its part
        JsonObject sold = ok(api.post("/api/v1/sales", apt, codes(a.get(1), b.get(2))));
        assertThat(sold.getInteger("accepted")).isEqualTo(1);
        assertThat(sold.getJsonArray("refused").getJsonObject(0).getInteger("index"))
                .isEqualTo(1);
        assertThat(sold.getJsonArray("refused").getJsonObject(0).getString("reason"))
                .isEqualTo("RECALLED");
        assertThat(state(a.get(1), apt).getString("status")).isEqualTo("SOLD");
    }

    @Test
    @Order(9)
    void lampiranI_aBigMixedReceiptIsABulkPartInEachShard_itsRefusalNamingThePlaceInTheRequest() throws Exception {
        int n = BulkReport.CHUNK_LINES + 100; // each part beyond a chunk: each decided as a bulk report
        bigA = issue(mfrA, AUTH_NIE, "SA2612", n);
        bigB = issue(mfrB, OTHER_NIE, "SB2612", n);
        api.activate(mfrA, null, bigA.toArray(String[]::new));
        api.activate(mfrB, null, bigB.toArray(String[]::new));
        assertOk(api.post(
                "/api/v1/shipments", mfrA, codes(bigA.toArray(String[]::new)).put("destination", DISTRIBUTOR)));
        String kept = bigB.get(7); // never shipped: the distributor cannot receive it
        assertOk(api.post(
                "/api/v1/shipments",
                mfrB,
                codes(bigB.stream().filter(c -> !c.equals(kept)).toArray(String[]::new))
                        .put("destination", DISTRIBUTOR)));

        List<String> mixed = new ArrayList<>(); // a, b, a, b...: the parts' places are not their own order
        for (int i = 0; i < n; i++) {
            mixed.add(bigA.get(i));
            mixed.add(bigB.get(i));
        }
        JsonObject report = codes(mixed.toArray(String[]::new)).put("idempotencyKey", "rcv-big-1");
        JsonObject first = ok(api.post("/api/v1/receipts", pbf, report));
        assertThat(first.getInteger("accepted")).isEqualTo(n);
        JsonArray refused = first.getJsonArray("refused");
        assertThat(refused).hasSize(1);
        assertThat(refused.getJsonObject(0).getInteger("index")).isEqualTo(mixed.indexOf(kept));
        assertThat(refused.getJsonObject(0).getString("code")).isEqualTo(kept);
        assertThat(part(first, shardA).getBoolean("applied")).isTrue();
        assertThat(part(first, shardB).getBoolean("applied")).isFalse(); // ATOMIC in its shard
        assertThat(state(bigA.get(n - 1), pbf).getString("holder")).isEqualTo(DISTRIBUTOR);
        assertThat(state(bigB.get(0), pbf).getString("status")).isEqualTo("IN_TRANSIT");

        JsonObject again = ok(api.post("/api/v1/receipts", pbf, report));
        assertThat(part(again, shardA).getBoolean("repeated")).isTrue();
        assertThat(part(again, shardA).getLong("sequence"))
                .isEqualTo(part(first, shardA).getLong("sequence"));
        assertThat(again.getJsonArray("refused").getJsonObject(0).getInteger("index"))
                .isEqualTo(mixed.indexOf(kept));
    }

    @Test
    @Order(10)
    void lampiranH_I_aDistributorsFileMixingHoldersIsAPartInEachShard_refusedWholeOrResumedAsOne() throws Exception {
        int n = BulkReport.CHUNK_LINES + 100;
        String kept = bigB.get(7);
        List<String> inTransit = bigB.stream().filter(c -> !c.equals(kept)).toList();
        JsonObject received = upload("receipt", pbf, "", csv(RECEIPT_HEAD, DISTRIBUTOR, null, inTransit));
        assertThat(received.getString("state")).as(received.encode()).isEqualTo("DONE");
        assertThat(received.getLong("rowsAccepted")).isEqualTo(n - 1);
        Map<Integer, List<String>> before = journal();

        // one process: a bad row refuses the whole file, in every shard
        List<String> mixed = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            mixed.add(bigA.get(i));
            mixed.add(inTransit.get(i));
        }
        String bad = csv(SHIPMENT_HEAD, DISTRIBUTOR, PHARMACY, mixed) + DISTRIBUTOR + "," + PHARMACY + ",,bukan-kode,"
                + AUTH_NIE + ",2028-11-30,SA2612,\n";
        JsonObject refused = upload("shipment", pbf, "", bad);
        assertThat(refused.getString("state")).as(refused.encode()).isEqualTo("REFUSED");
        assertThat(journal()).isEqualTo(before);
        assertThat(state(bigA.get(0), pbf).getString("holder")).isEqualTo(DISTRIBUTOR);

        String good = csv(SHIPMENT_HEAD, DISTRIBUTOR, PHARMACY, mixed);
        JsonObject shipped = upload("shipment", pbf, "", good);
        assertThat(shipped.getString("state")).as(shipped.encode()).isEqualTo("DONE");
        assertThat(shipped.getLong("rowsAccepted")).isEqualTo(2L * (n - 1));
        assertThat(state(bigA.get(3), pbf).getString("status")).isEqualTo("IN_TRANSIT");
        assertThat(state(inTransit.get(3), pbf).getString("status")).isEqualTo("IN_TRANSIT");
        for (int shard : List.of(shardA, shardB)) {
            assertThat(journal().get(shard))
                    .hasSize(before.get(shard).size() + 1)
                    .endsWith("SHIPMENT");
        }

        // mode=partial at the pharmacy: the good rows of both shards, the one it cannot receive listed by line
        JsonObject partial = upload(
                "receipt",
                apt,
                "?mode=partial",
                csv(RECEIPT_HEAD, PHARMACY, null, List.of(bigA.get(0), kept, inTransit.get(0))));
        assertThat(partial.getString("state")).as(partial.encode()).isEqualTo("DONE");
        assertThat(partial.getLong("rowsAccepted")).isEqualTo(2);
        JsonObject problem = partial.getJsonArray("problems").getJsonObject(0);
        assertThat(problem.getLong("line")).isEqualTo(3); // the header is line 1
        assertThat(problem.getString("code")).isEqualTo("NOT_HELD");

        // a stop after both parts' commits, before the job's end: resumed, it ends with their answers, applied once
        long id = shipped.getLong("id");
        java.nio.file.Path dir = api.dataDir;
        Map<Integer, List<String>> applied = journal();
        api.lacak
                .services()
                .database()
                .pool()
                .preparedQuery(
                        "update upload set state = 'APPLYING', finished_at = null, rows_accepted = 0 where id = $1")
                .execute(io.vertx.sqlclient.Tuple.of(id))
                .await(30, TimeUnit.SECONDS);
        api.close();
        api = null;
        Files.writeString(dir.resolve("uploads").resolve(id + ".csv"), good);
        api = new Api(dir, c -> c.setShards(2).setBodyLimit(8 * 1024 * 1024));
        JsonObject resumed = UploadTestSupport.finished(api, id, pbf, 120);
        assertThat(resumed.getString("state")).as(resumed.encode()).isEqualTo("DONE");
        assertThat(resumed.getLong("rowsAccepted")).isEqualTo(2L * (n - 1));
        assertThat(journal()).isEqualTo(applied);
    }

    @Test
    @Order(11)
    void lacakRebuildRebuildsEveryShardsStoreFromItsOwnJournal() throws Exception {
        java.nio.file.Path dir = api.dataDir;
        Map<Integer, Long> codes = new HashMap<>();
        for (int shard : List.of(shardA, shardB)) {
            codes.put(
                    shard, api.lacak.services().writers().member(shard).store().size());
        }
        Map<Integer, List<String>> kinds = journal();
        api.close();
        api = null;
        java.nio.file.Path config = Files.createTempFile("lacak-shards", ".properties");
        Files.writeString(config, "LACAK_SHARDS=2\n");
        // the command as an operator runs it: a process of its own (the data directory's lock is per process)
        Process rebuild = new ProcessBuilder(
                        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        io.lacak.api.cli.Main.class.getName(),
                        "rebuild",
                        "--data",
                        dir.toString(),
                        "--config",
                        config.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(rebuild.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rebuild.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(rebuild.exitValue()).as(out).isZero();
        assertThat(out)
                .contains(String.format(java.util.Locale.ROOT, "rebuilt %,d codes", codes.get(0) + codes.get(1)))
                .contains("shard 0 up to sequence " + kinds.get(0).size())
                .contains("shard 1 up to sequence " + kinds.get(1).size());

        api = new Api(dir, c -> c.setShards(2).setBodyLimit(8 * 1024 * 1024));
        for (int shard : List.of(shardA, shardB)) {
            assertThat(api.lacak.services().writers().member(shard).store().size())
                    .isEqualTo(codes.get(shard));
        }
        assertThat(state(b.get(0), apt).getString("status")).isEqualTo("SOLD");
    }

    @Test
    @Order(12)
    void aHoldersCodeRequestsBatchesAndUploadsAreRowsOfItsShard() throws Exception {
        HttpResponse<Buffer> requested = api.post(
                "/api/v1/code-requests",
                mfrB,
                new JsonObject()
                        .put("nie", OTHER_NIE)
                        .put("batch", "SB2613")
                        .put("expiry", "2028-11-30")
                        .put("primaries", 3)
                        .put("perSecondary", 3)
                        .put("perTertiary", 1));
        assertThat(requested.statusCode()).as(requested.bodyAsString()).isEqualTo(201);
        long id = requested.bodyAsJsonObject().getLong("id");
        String secondary = api.codes(id, "secondary", mfrB).get(0);
        String tertiary = api.codes(id, "tertiary", mfrB).get(0);
        StringBuilder usage = new StringBuilder("Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,"
                + "Expiry,Batch,GTIN,Active,Retained Sample,Reject\n");
        for (String code : api.codes(id, "primary", mfrB)) {
            usage.append(otherHolder)
                    .append(",Primer,")
                    .append(code)
                    .append(',')
                    .append(secondary)
                    .append(',')
                    .append(tertiary)
                    .append(',')
                    .append(OTHER_NIE)
                    .append(",2028-11-30,SB2613,,TRUE,FALSE,FALSE\n");
        }
        JsonObject used = upload("usage", mfrB, "", usage.toString());
        assertThat(used.getString("state")).as(used.encode()).isEqualTo("DONE");
        assertThat(used.getLong("rowsAccepted")).isEqualTo(3);

        // issue 21: a code request's row, and each batch its usage made, are in its holder's shard
        assertThat(shardsOf("select requested_by, shard from issuance"))
                .containsEntry(MANUFACTURER, java.util.Set.of(shardA))
                .containsEntry(otherHolder, java.util.Set.of(shardB));
        Map<String, java.util.Set<Integer>> batches = shardsOf("select batch, shard from batch");
        for (String batch : List.of("SA2611", "SA2612")) {
            assertThat(batches).containsEntry(batch, java.util.Set.of(shardA));
        }
        for (String batch : List.of("SB2611", "SB2612", "SB2613")) {
            assertThat(batches).containsEntry(batch, java.util.Set.of(shardB));
        }
        // Lampiran L.a: the recall of order 7 flagged the batch's row in its shard
        assertThat(shardsOf("select batch, shard from batch where recalled"))
                .containsEntry("SB2611", java.util.Set.of(shardB));
        // an upload's row is in its uploader's holder shard: the usage file's, and the distributor's
        // files whose parts went to both shards (order 10), each once, in its own
        assertThat(shardsOf("select 'usage', shard from upload where id = " + used.getLong("id")))
                .isEqualTo(Map.of("usage", java.util.Set.of(shardB)));
        int distributor = Shards.of(2).ofHolder(DISTRIBUTOR);
        assertThat(shardsOf("select f.partner_id, u.shard from upload u join facility f on f.ref = u.facility"))
                .containsEntry(otherHolder, java.util.Set.of(shardB))
                .containsEntry(DISTRIBUTOR, java.util.Set.of(distributor))
                .containsEntry(PHARMACY, java.util.Set.of(Shards.of(2).ofHolder(PHARMACY)));
    }

    /** The shards {@code sql}'s rows (a name, a shard) are in, by name. */
    private static Map<String, java.util.Set<Integer>> shardsOf(String sql) throws Exception {
        Map<String, java.util.Set<Integer>> out = new HashMap<>();
        for (Row r : api.lacak.services().database().pool().query(sql).execute().await(30, TimeUnit.SECONDS)) {
            out.computeIfAbsent(r.getString(0), k -> new java.util.TreeSet<>()).add(r.getInteger(1));
        }
        return out;
    }

    static final String SHIPMENT_HEAD = "Partner ID,Destination Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch,GTIN";
    static final String RECEIPT_HEAD = "Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch,GTIN";

    /** A movement file of {@code codes}, each row naming its own product and batch (the codes' holders differ). */
    private static String csv(String head, String partner, String destination, List<String> codes) {
        StringBuilder csv = new StringBuilder(head).append('\n');
        for (String code : codes) {
            boolean other = bigB.contains(code) || b.contains(code);
            csv.append(partner)
                    .append(destination == null ? "" : "," + destination)
                    .append(",,")
                    .append(code)
                    .append(',')
                    .append(other ? OTHER_NIE : AUTH_NIE)
                    .append(",2028-11-30,")
                    .append(other ? "SB2612" : "SA2612")
                    .append(",\n");
        }
        return csv.toString();
    }

    /** Uploads {@code csv} and waits for its job to end. */
    @Test
    @Order(13)
    void pasal12_5_lampiranL_lateReportsAndRecallsOfBothShardsArePagedEachOnce_evenAtOneSequence() throws Exception {
        // the shard that journaled less catches up, one usage report at a time, so that the two holders'
        // late usage reports (Pasal 12(5): over 24 hours after the activity) get the same sequence
        long seqA = lastSeq(shardA);
        long seqB = lastSeq(shardB);
        boolean aBehind = seqA < seqB;
        String behindKey = aBehind ? mfrA : mfrB;
        List<String> filler =
                issue(behindKey, aBehind ? AUTH_NIE : OTHER_NIE, "SL2613", (int) Math.abs(seqA - seqB) + 1);
        for (int i = 0; i < Math.abs(seqA - seqB); i++) {
            api.activate(behindKey, null, filler.get(i));
        }
        assertThat(lastSeq(shardA)).isEqualTo(lastSeq(shardB));
        java.time.Instant twoDaysAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(2));
        List<String> lateA = issue(mfrA, AUTH_NIE, "SL2614", 1);
        List<String> lateB = issue(mfrB, OTHER_NIE, "SL2614", 1);
        api.activate(mfrA, twoDaysAgo, lateA.get(0));
        api.activate(mfrB, twoDaysAgo, lateB.get(0));
        assertThat(lastSeq(shardA)).isEqualTo(lastSeq(shardB));

        String regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        JsonArray all = api.get("/api/v1/late-reports?kind=USAGE", regulator).bodyAsJsonArray();
        assertThat(all.size()).isGreaterThanOrEqualTo(2);
        assertThat(all.getJsonObject(0).getLong("sequence"))
                .isEqualTo(all.getJsonObject(1).getLong("sequence"));
        assertThat(List.of(
                        all.getJsonObject(0).getInteger("shard"),
                        all.getJsonObject(1).getInteger("shard")))
                .containsExactlyInAnyOrder(shardA, shardB);
        assertThat(pagedOneByOne("/api/v1/late-reports?kind=USAGE", regulator, "sequence"))
                .isEqualTo(keys(all, "sequence"));

        // Lampiran L.a: a recall in the first holder's shard beside the other holder's (order 7)
        assertOk(api.post(
                "/api/v1/recalls",
                mfrA,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "SL2614")
                        .put("reason", "hasil uji mutu tidak memenuhi syarat")
                        .put("letterNumber", "PW.01.2026.22")));
        JsonArray recalls = api.get("/api/v1/recalls", regulator).bodyAsJsonArray();
        assertThat(recalls.stream().map(r -> ((JsonObject) r).getInteger("shard")))
                .contains(shardA, shardB);
        assertThat(pagedOneByOne("/api/v1/recalls", regulator, "noticeSequence"))
                .isEqualTo(keys(recalls, "noticeSequence"));
    }

    /** The journal's last sequence in {@code shard}. */
    private static long lastSeq(int shard) throws Exception {
        return api.lacak
                .services()
                .database()
                .pool()
                .preparedQuery("select coalesce(max(seq), 0) from journal where shard = $1")
                .execute(io.vertx.sqlclient.Tuple.of(shard))
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong(0);
    }

    /** {@code path} read a page of one at a time, each page before the last item's sequence and shard. */
    private static List<String> pagedOneByOne(String path, String token, String sequence) throws Exception {
        List<String> out = new ArrayList<>();
        String next = path + (path.contains("?") ? "&" : "?") + "limit=1";
        for (int i = 0; i < 100; i++) {
            HttpResponse<Buffer> r = api.get(next, token);
            assertThat(r.statusCode()).as(next + ": " + r.bodyAsString()).isEqualTo(200);
            JsonArray page = r.bodyAsJsonArray();
            if (page.isEmpty()) {
                return out;
            }
            JsonObject last = page.getJsonObject(0);
            out.addAll(keys(page, sequence));
            next = path + (path.contains("?") ? "&" : "?") + "limit=1&beforeSequence=" + last.getLong(sequence)
                    + "&beforeShard=" + last.getInteger("shard");
        }
        throw new AssertionError("more than 100 pages of " + path);
    }

    /** Each item as {@code shard/sequence}, its sequence in member {@code sequence}. */
    private static List<String> keys(JsonArray items, String sequence) {
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            JsonObject item = (JsonObject) o;
            out.add(item.getInteger("shard") + "/" + item.getLong(sequence));
        }
        return out;
    }

    private static JsonObject upload(String template, String key, String query, String csv) throws Exception {
        return UploadTestSupport.finished(
                api, UploadTest.upload(api, template, key, query, csv).getLong("id"), key, 120);
    }

    private static List<String> issue(String key, String nie, String batch, int primaries) throws Exception {
        HttpResponse<Buffer> r = api.post(
                "/api/v1/code-requests",
                key,
                new JsonObject()
                        .put("nie", nie)
                        .put("batch", batch)
                        .put("expiry", "2028-11-30")
                        .put("primaries", primaries)
                        .put("perSecondary", 1)
                        .put("perTertiary", 1));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        return api.codes(r.bodyAsJsonObject().getLong("id"), "primary", key);
    }

    /** The kinds of each shard's journal events, in order. */
    private static Map<Integer, List<String>> journal() throws Exception {
        Map<Integer, List<String>> out = new HashMap<>();
        for (Row r : api.lacak
                .services()
                .database()
                .pool()
                .query("select shard, kind from journal order by shard, seq")
                .execute()
                .await(30, TimeUnit.SECONDS)) {
            out.computeIfAbsent(r.getInteger("shard"), k -> new ArrayList<>()).add(r.getString("kind"));
        }
        return out;
    }

    private static void assertOk(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }

    private static JsonObject ok(HttpResponse<Buffer> r) {
        assertOk(r);
        return r.bodyAsJsonObject();
    }

    /** The part of a split report's answer that went to {@code shard}. */
    private static JsonObject part(JsonObject answer, int shard) {
        return answer.getJsonArray("parts").stream()
                .map(o -> (JsonObject) o)
                .filter(p -> p.getInteger("shard") == shard)
                .findFirst()
                .orElseThrow();
    }

    /** Refused whole, in Indonesian and English, naming both shards. */
    private static void assertSpansShards(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
        JsonObject problem = r.bodyAsJsonObject();
        assertThat(problem.getString("code")).isEqualTo("SPANS_SHARDS");
        assertThat(problem.getString("detail"))
                .contains("shard [0, 1]", "shards [0, 1]", "kirim satu laporan per shard", "send one report per shard");
    }

    private static JsonObject state(String code, String key) throws Exception {
        HttpResponse<Buffer> r = api.get("/api/v1/codes/state?code=" + encode(code), key);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static List<JsonObject> feed(String key) throws Exception {
        HttpResponse<Buffer> r = api.get("/api/v1/notifications", key);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonArray().stream().map(o -> (JsonObject) o).toList();
    }

    private static String encode(String code) {
        return URLEncoder.encode(code, StandardCharsets.UTF_8);
    }
}
