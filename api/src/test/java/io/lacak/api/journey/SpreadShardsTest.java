package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static io.lacak.api.journey.Api.codes;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.api.Services;
import io.lacak.core.journal.Shards;
import io.lacak.registration.product.Products;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 21, writers spread over nodes, on one machine without Citus: {@code LACAK_SHARDS=2} over
 * one Postgres, node a writing shard 0 (the registry) and node b shard 1 ({@code
 * LACAK_NODE_SHARDS}), each holding its own shard's lease and store. Two NIE holders, one in each
 * shard. Whichever node a request reaches: a holder's code request and usage are issued and
 * journaled by its shard's node, verify and a code's state are answered by it, a distributor's or
 * pharmacy's report mixing both holders is decided a part on each node (per-shard atomic, one
 * answer, a keyed retry repeated), an upload goes to the uploader's shard's node, and a product
 * registered on the registry is known to b for the very next request. Then b is stopped and node c,
 * standing by for shard 1 only, takes it over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpreadShardsTest {

    static final Duration LEASE = Duration.ofSeconds(1);
    static final String OTHER_NIE = "DKL2600000004A1";

    static Api a;
    static Api b;
    static Api c;
    static String url;
    /** The demo manufacturer's shard and the other holder, in the other shard. */
    static int shardM;

    static String other;
    static String mfrM;
    static String mfrO;
    static String pbf;
    static String apt;
    /** Each holder's primaries, activated. */
    static List<String> m;

    static List<String> o;
    static JsonObject mixed;
    /** The nodes' data directories, deleted at the end. */
    static final List<Path> dirs = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        start(database());
    }

    /** The database the nodes share: {@code null}, a's embedded Postgres. */
    String database() throws Exception {
        return null;
    }

    /** The nodes over {@code pgUrl}, or over a's embedded Postgres when {@code null}. */
    static void start(String pgUrl) throws Exception {
        a = new Api(Files.createTempDirectory("lacak-spread-a"), x -> x.setNode("a")
                .setLease(LEASE)
                .setShards(2)
                .setNodeShards("0")
                .setPgUrl(pgUrl));
        dirs.add(a.dataDir);
        url = pgUrl != null ? pgUrl : a.pgUrl();
        b = new Api(a.dataDirSharingKeys("lacak-spread-b"), x -> x.setNode("b")
                .setLease(LEASE)
                .setShards(2)
                .setNodeShards("1")
                .setPgUrl(url)
                .setDemo(false));
        dirs.add(b.dataDir);
        Shards two = Shards.of(2);
        shardM = two.ofHolder(MANUFACTURER);
        for (int i = 0; other == null; i++) {
            if (two.ofHolder("MFR-SEBAR-" + i) != shardM) {
                other = "MFR-SEBAR-" + i;
            }
        }
        mfrO = a.manufacturerWithProduct(other, OTHER_NIE, "Sefadroksil 500 mg kapsul"); // registered on the registry
        mfrM = a.key(MANUFACTURER);
        pbf = a.key(DISTRIBUTOR);
        apt = a.key(PHARMACY);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            Api.closeAll(c, b, a); // a last: its database is everyone's
        } finally {
            for (Path dir : dirs) {
                CitusCluster.deleteTree(dir);
            }
            dirs.clear();
            a = b = c = null;
            other = null;
        }
    }

    /** The node writing shard {@code n}. */
    static Api writer(int n) {
        return n == 0 ? a : b;
    }

    @Test
    @Order(1)
    void eachNodeOwnsItsOwnShards_andNamesTheRegistry() throws Exception {
        JsonObject ha = until(a, h -> h.getJsonObject("shard").getString("role").equals("OWNER"))
                .getJsonObject("shard");
        JsonObject hb = until(b, h -> h.getJsonObject("shard").getString("role").equals("OWNER"))
                .getJsonObject("shard");
        assertThat(ha.getJsonArray("shards")).containsExactly(0);
        assertThat(hb.getJsonArray("shards")).containsExactly(1);
        assertThat(hb.getJsonObject("owner").getString("node"))
                .as("the registry")
                .isEqualTo("a");
        assertThat(a.lacak.services().writers().writes(1)).isFalse();
        assertThat(b.lacak.services().writers().writes(0)).isFalse();
        assertThat(b.lacak.services().writers().members()).hasSize(1);
    }

    @Test
    @Order(2)
    void pasal8_lampiranG_aHoldersCodeRequestAndUsageAreItsShardsNodesWhicheverNodeTheyReach() throws Exception {
        // each holder's requests sent to the node that does not write its shard
        m = issue(writer(1 - shardM), mfrM, AUTH_NIE, "SP2611", 4);
        o = issue(writer(shardM), mfrO, OTHER_NIE, "SQ2611", 4);
        writer(1 - shardM).activate(mfrM, null, m.toArray(String[]::new));
        writer(shardM).activate(mfrO, null, o.toArray(String[]::new));

        Map<Integer, List<String>> kinds = journal();
        assertThat(kinds.get(shardM)).containsExactly("USAGE");
        assertThat(kinds.get(1 - shardM)).containsExactly("USAGE");
        assertThat(issuanceShards()).containsEntry("SP2611", shardM).containsEntry("SQ2611", 1 - shardM);
        // each node's store holds its own shard's codes only
        assertThat(writer(shardM)
                        .lacak
                        .services()
                        .writers()
                        .member(shardM)
                        .store()
                        .size())
                .isEqualTo(4);
        assertThat(writer(1 - shardM)
                        .lacak
                        .services()
                        .writers()
                        .member(1 - shardM)
                        .store()
                        .size())
                .isEqualTo(4);
    }

    @Test
    @Order(3)
    void verifyAndAStateAreAnsweredByTheCodesShardWhicheverNodeIsAsked() throws Exception {
        for (String code : List.of(m.get(0), o.get(0))) {
            String q = URLEncoder.encode(code, StandardCharsets.UTF_8);
            for (Api node : List.of(a, b)) {
                HttpResponse<Buffer> v = node.get("/api/v1/verify?code=" + q, null);
                assertThat(v.statusCode()).as(v.bodyAsString()).isEqualTo(200);
                assertThat(v.bodyAsJsonObject().getString("verdict")).isEqualTo("GENUINE");
                String key = m.contains(code) ? mfrM : mfrO;
                JsonObject state = ok(node.get("/api/v1/codes/state?code=" + q, key));
                assertThat(state.getString("status")).as(state.encode()).isEqualTo("ACTIVE");
            }
        }
    }

    @Test
    @Order(4)
    void pasal12_aReportMixingHoldersIsDecidedAPartOnEachNode_aKeyedRetryRepeatsIt() throws Exception {
        ok(a.post("/api/v1/shipments", mfrM, codes(m.toArray(String[]::new)).put("destination", DISTRIBUTOR)));
        ok(a.post("/api/v1/shipments", mfrO, codes(o.toArray(String[]::new)).put("destination", DISTRIBUTOR)));
        List<String> all = new ArrayList<>(m);
        all.addAll(o);
        JsonObject body = codes(all.toArray(String[]::new));
        // sent to b, which is not the registry: b -> a (the registry) -> a's part here, b's part on b
        mixed = ok(keyed(b, "/api/v1/receipts", pbf, "spread-rcv-1", body));
        assertThat(mixed.getInteger("accepted")).isEqualTo(8);
        assertThat(mixed.getJsonArray("parts")).hasSize(2);
        for (int shard : new int[] {0, 1}) {
            JsonObject part = part(mixed, shard);
            assertThat(part.getInteger("accepted")).isEqualTo(4);
            assertThat(part.getLong("sequence")).isEqualTo(3); // usage, shipment, receipt in each shard
        }
        JsonObject again = ok(keyed(a, "/api/v1/receipts", pbf, "spread-rcv-1", body));
        assertThat(again.getBoolean("repeated")).isTrue();
        for (int shard : new int[] {0, 1}) {
            assertThat(part(again, shard).getBoolean("repeated")).isTrue();
            assertThat(part(again, shard).getLong("sequence"))
                    .isEqualTo(part(mixed, shard).getLong("sequence"));
        }
        assertThat(journal().get(0)).containsExactly("USAGE", "SHIPMENT", "RECEIPT");
        assertThat(journal().get(1)).containsExactly("USAGE", "SHIPMENT", "RECEIPT");
    }

    @Test
    @Order(5)
    void pasal13_aRefusedPartIsAtomicInItsShardOnly_itsIndicesThoseOfTheRequest() throws Exception {
        // the pharmacy receives two of each holder's codes; then sells one of each and one it never received
        List<String> shipped = List.of(m.get(0), m.get(1), o.get(0), o.get(1));
        ok(a.post(
                "/api/v1/shipments", pbf, codes(shipped.toArray(String[]::new)).put("destination", PHARMACY)));
        ok(b.post("/api/v1/receipts", apt, codes(shipped.toArray(String[]::new))));
        JsonObject sale = ok(b.post("/api/v1/sales", apt, codes(m.get(0), o.get(0), o.get(2))));
        assertThat(sale.getInteger("accepted")).as(sale.encode()).isEqualTo(1);
        JsonArray refused = sale.getJsonArray("refused");
        assertThat(refused.stream().map(x -> ((JsonObject) x).getInteger("index")))
                .as("the unheld code, by its index in the request; its part refused whole, ATOMIC in its shard")
                .containsExactly(2);
        assertThat(part(sale, shardM).getBoolean("applied")).isTrue();
        assertThat(part(sale, 1 - shardM).getBoolean("applied")).isFalse();
        String q = URLEncoder.encode(m.get(0), StandardCharsets.UTF_8);
        assertThat(ok(a.get("/api/v1/verify?code=" + q, null)).getString("verdict"))
                .isEqualTo(ok(b.get("/api/v1/verify?code=" + q, null)).getString("verdict"))
                .isEqualTo("SOLD");
    }

    @Test
    @Order(6)
    void anUploadGoesToTheUploadersShard_aFileOfMovementsReachingAnotherNodesShardIsRefusedWhole() throws Exception {
        HttpResponse<Buffer> request = a.post(
                "/api/v1/code-requests",
                mfrO,
                new JsonObject()
                        .put("nie", OTHER_NIE)
                        .put("batch", "SQ2612")
                        .put("expiry", "2028-11-30")
                        .put("primaries", 3)
                        .put("perSecondary", 1)
                        .put("perTertiary", 1));
        assertThat(request.statusCode()).as(request.bodyAsString()).isEqualTo(201);
        long id = request.bodyAsJsonObject().getLong("id");
        List<String> fresh = a.codes(id, "primary", mfrO);
        List<String> secondaries = a.codes(id, "secondary", mfrO);
        List<String> tertiaries = a.codes(id, "tertiary", mfrO);
        StringBuilder usage = new StringBuilder("Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,"
                + "Expiry,Batch,GTIN,Active,Retained Sample,Reject\n");
        for (int i = 0; i < fresh.size(); i++) {
            usage.append(other)
                    .append(",Primer,")
                    .append(fresh.get(i))
                    .append(',')
                    .append(secondaries.get(i))
                    .append(',')
                    .append(tertiaries.get(i))
                    .append(',')
                    .append(OTHER_NIE)
                    .append(",2028-11-30,SQ2612,,TRUE,FALSE,FALSE\n");
        }
        JsonObject job = UploadTest.upload(writer(shardM), "usage", mfrO, "", usage.toString());
        JsonObject done = UploadTestSupport.finished(writer(shardM), job.getLong("id"), mfrO, 120);
        assertThat(done.getString("state")).as(done.encode()).isEqualTo("DONE");
        assertThat(done.getLong("rowsAccepted")).isEqualTo(3);
        assertThat(journal().get(1 - shardM)).endsWith("USAGE");

        // the distributor's movements of both holders in one file: its node writes one of the two shards
        String head = "Partner ID,Destination Partner ID,Packaging,2D Barcode,NIE,Expiry,Batch,GTIN\n";
        String file = head
                + DISTRIBUTOR + "," + PHARMACY + ",," + m.get(2) + "," + AUTH_NIE + ",2028-11-30,SP2611,\n"
                + DISTRIBUTOR + "," + PHARMACY + ",," + o.get(2) + "," + OTHER_NIE + ",2028-11-30,SQ2611,\n";
        Map<Integer, List<String>> before = journal();
        JsonObject moved = UploadTestSupport.finished(
                a, UploadTest.upload(a, "shipment", pbf, "", file).getLong("id"), pbf, 120);
        assertThat(moved.getString("state")).as(moved.encode()).isEqualTo("REFUSED");
        JsonObject problem = moved.getJsonArray("problems").getJsonObject(0);
        assertThat(problem.getString("code")).isEqualTo("SHARD_ELSEWHERE");
        assertThat(problem.getJsonObject("messages").getString("id")).contains("shard");
        assertThat(problem.getJsonObject("messages").getString("en")).contains("JSON reports");
        assertThat(journal()).as("nothing of it applied in either shard").isEqualTo(before);
    }

    @Test
    @Order(7)
    void aProductTheRegistryRegisteredIsKnownToItsShardsNodeForTheVeryNextRequest() throws Exception {
        Services s = a.lacak.services();
        s.registration()
                .products()
                .register(new Products.Register(
                        "DKL2600000005A1",
                        "Amoksisilin 250 mg sirup",
                        other,
                        "DRUG",
                        "PRESCRIPTION",
                        null,
                        "sirup",
                        "Botol 60 ml",
                        LocalDate.now().plusYears(5).toString(),
                        null))
                .await(30, TimeUnit.SECONDS);
        // at once, through the registry: its mark makes the shard's node take the product in first
        List<String> codes = issue(a, mfrO, "DKL2600000005A1", "SR2611", 2);
        a.activate(mfrO, null, codes.toArray(String[]::new));
        String q = URLEncoder.encode(codes.get(0), StandardCharsets.UTF_8);
        assertThat(ok(a.get("/api/v1/codes/state?code=" + q, mfrO)).getString("status"))
                .isEqualTo("ACTIVE");
    }

    @Test
    @Order(8)
    void lampiranL_a_theRegulatorsRecallListHasEachShardsFiguresFromItsNode_andATokenIsCheckedOnEveryNode()
            throws Exception {
        // shard 0's holder recalls by JSON; shard 1's (not the registry's) with its letter, a form through b
        String[][] holders = {{mfrM, AUTH_NIE, "SP2611"}, {mfrO, OTHER_NIE, "SQ2611"}};
        String[] first = holders[shardM == 0 ? 0 : 1];
        String[] second = holders[shardM == 0 ? 1 : 0];
        ok(b.post(
                "/api/v1/recalls",
                first[0],
                new JsonObject()
                        .put("nie", first[1])
                        .put("batch", first[2])
                        .put("reason", "hasil uji mutu tidak memenuhi syarat")
                        .put("letterNumber", "PW.01.2026.31")));
        HttpResponse<Buffer> withLetter = b.client
                .request(io.vertx.core.http.HttpMethod.POST, b.lacak.port(), "127.0.0.1", "/api/v1/recall-letters")
                .putHeader("X-API-Key", second[0])
                .sendMultipartForm(io.vertx.ext.web.multipart.MultipartForm.create()
                        .attribute("nie", second[1])
                        .attribute("batch", second[2])
                        .attribute("reason", "cemaran mikroba melebihi batas")
                        .attribute("letterNumber", "PW.02.2026.32")
                        .attribute("letterDate", "")
                        .binaryFileUpload(
                                "letter", "surat.pdf", Buffer.buffer(RecallLetterTest.PDF), "application/pdf"))
                .await(30, TimeUnit.SECONDS);
        assertThat(ok(withLetter).getBoolean("applied")).isTrue();
        assertThat(journal().get(0)).contains("RECALL_NOTICE");
        assertThat(journal().get(1)).contains("RECALL_NOTICE");
        JsonObject details = new JsonObject(a.lacak
                .database()
                .pool()
                .query("select details from journal where shard = 1 and kind = 'RECALL_NOTICE'")
                .execute()
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString("details"));
        String href = details.getJsonObject("letter").getString("href");
        assertThat(details.getJsonObject("letter").getString("fileName")).isEqualTo("surat.pdf");
        for (String reader : List.of(second[0], pbf)) { // the holder, and a facility in the batch's path
            HttpResponse<Buffer> letter = a.get(href, reader);
            assertThat(letter.statusCode())
                    .as((reader.equals(pbf) ? "distributor " : "holder ") + letter.bodyAsString())
                    .isEqualTo(200);
            assertThat(letter.bodyAsBuffer().getBytes()).isEqualTo(RecallLetterTest.PDF);
        }
        String regulator = a.login("regulator", Api.ADMIN_PASSWORD); // signed by the registry
        for (Api node : List.of(a, b)) {
            HttpResponse<Buffer> list = node.get("/api/v1/recalls", regulator);
            assertThat(list.statusCode()).as(list.bodyAsString()).isEqualTo(200);
            JsonArray recalls = list.bodyAsJsonArray();
            assertThat(recalls.stream().map(r -> ((JsonObject) r).getInteger("shard")))
                    .containsExactlyInAnyOrder(0, 1);
            for (Object r : recalls) {
                JsonObject item = (JsonObject) r;
                assertThat(item.containsKey("elsewhere")).isFalse();
                // each batch's four units were at the distributor or the pharmacy when the notice came
                assertThat(item.getJsonObject("atNotice").getLong("units")
                                + item.getJsonObject("atNotice").getLong("soldBefore"))
                        .as(item.encode())
                        .isEqualTo(4);
            }
        }
        // a node with another token secret would refuse the registry's tokens: it does not start
        Path other = Files.createTempDirectory("lacak-spread-d");
        dirs.add(other);
        Files.createDirectories(other.resolve("keys"));
        Files.copy(
                a.dataDir.resolve("keys").resolve("serial.keys"),
                other.resolve("keys").resolve("serial.keys"));
        try (Api d = new Api(other, x -> x.setNode("d")
                .setLease(LEASE)
                .setShards(2)
                .setNodeShards("1")
                .setPgUrl(url)
                .setDemo(false))) {
            JsonObject shard = until(d, h -> h.getJsonObject("shard").containsKey("followError"))
                    .getJsonObject("shard");
            assertThat(shard.getString("followError")).contains("LACAK_JWT_SECRET", " / ");
        }
    }

    @Test
    @Order(9)
    void aStandbyForOneShardTakesItOverAlone() throws Exception {
        c = new Api(a.dataDirSharingKeys("lacak-spread-c"), x -> x.setNode("c")
                .setLease(LEASE)
                .setShards(2)
                .setNodeShards("1")
                .setPgUrl(url)
                .setDemo(false));
        dirs.add(c.dataDir);
        JsonObject standby =
                until(c, h -> h.getJsonObject("shard").containsKey("following")).getJsonObject("shard");
        assertThat(standby.getString("role")).isEqualTo("STANDBY");
        assertThat(standby.getJsonArray("following")).hasSize(1);
        assertThat(standby.getJsonArray("following").getJsonObject(0).getInteger("shard"))
                .isEqualTo(1);
        List<String> shard1 = shardM == 1 ? m : o;
        String key = shardM == 1 ? mfrM : mfrO;
        String q = URLEncoder.encode(shard1.get(3), StandardCharsets.UTF_8);
        String was = ok(a.get("/api/v1/codes/state?code=" + q, key)).getString("status");
        long journaled = b.lacak.services().writers().member(1).store().appliedSequence();
        b.close();
        b = null;
        JsonObject owner = until(
                        c, h -> h.getJsonObject("shard").getString("role").equals("OWNER"))
                .getJsonObject("shard");
        assertThat(owner.getJsonArray("shards")).containsExactly(1);
        assertThat(c.lacak.services().writers().member(1).store().appliedSequence())
                .isEqualTo(journaled);
        // shard 1's codes answered by c now, through the registry; shard 0 untouched
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<Buffer> state = a.get("/api/v1/codes/state?code=" + q, key);
        while (state.statusCode() == 503 && System.nanoTime() < deadline) { // a's look-up of the owner: a second old
            Thread.sleep(200);
            state = a.get("/api/v1/codes/state?code=" + q, key);
        }
        assertThat(ok(state).getString("status")).isEqualTo(was);
        assertThat(ok(c.get("/api/v1/verify?code=" + q, null)).getString("verdict"))
                .as("recalled in order 8: c replayed the notice")
                .isEqualTo("RECALLED");
    }

    private static List<String> issue(Api node, String key, String nie, String batch, int primaries) throws Exception {
        HttpResponse<Buffer> r = node.post(
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
        return node.codes(r.bodyAsJsonObject().getLong("id"), "primary", key);
    }

    private static HttpResponse<Buffer> keyed(Api node, String path, String key, String idem, JsonObject body)
            throws Exception {
        return node.client
                .post(node.lacak.port(), "127.0.0.1", path)
                .putHeader("X-API-Key", key)
                .putHeader("Idempotency-Key", idem)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(body.encode()))
                .await(60, TimeUnit.SECONDS);
    }

    /** The kinds of each shard's journal events, in order. */
    private static Map<Integer, List<String>> journal() throws Exception {
        Map<Integer, List<String>> out = new HashMap<>();
        for (Row r : a.lacak
                .database()
                .pool()
                .query("select shard, kind from journal order by shard, seq")
                .execute()
                .await(30, TimeUnit.SECONDS)) {
            out.computeIfAbsent(r.getInteger("shard"), k -> new ArrayList<>()).add(r.getString("kind"));
        }
        return out;
    }

    private static Map<String, Integer> issuanceShards() throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (Row r : a.lacak
                .database()
                .pool()
                .query("select batch, shard from issuance")
                .execute()
                .await(30, TimeUnit.SECONDS)) {
            out.put(r.getString("batch"), r.getInteger("shard"));
        }
        return out;
    }

    private static JsonObject ok(HttpResponse<Buffer> r) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        return r.bodyAsJsonObject();
    }

    private static JsonObject part(JsonObject answer, int shard) {
        return answer.getJsonArray("parts").stream()
                .map(JsonObject.class::cast)
                .filter(p -> p.getInteger("shard") == shard)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no part of shard " + shard + " in " + answer.encode()));
    }

    /** Polls {@code /health} of {@code node} until {@code ready} holds of it. */
    private static JsonObject until(Api node, Predicate<JsonObject> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String seen = "";
        while (System.nanoTime() < deadline) {
            JsonObject h = node.get("/health", null).bodyAsJsonObject();
            if (h.containsKey("shard") && ready.test(h)) {
                return h;
            }
            seen = h.encode();
            Thread.sleep(100);
        }
        throw new AssertionError("not reached; last health: " + seen);
    }
}
