package io.lacak.api.journey;

import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.journal.Shards;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 21: cluster nodes ({@code LACAK_NODE}) with several shards ({@code LACAK_SHARDS=2}), two in
 * this JVM over one Postgres. A node takes the leases of all its shards together or none: a holds
 * both and writes each with its own writer, fenced by its own lease; b is a standby and forwards.
 * When one shard's lease is taken from a, a is replaced; b takes no lease while another node holds
 * one of them, then both at once, and answers the reports a journaled.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardedNodesTest {

    static final Duration LEASE = Duration.ofSeconds(1);

    static Api a;
    static Api b;
    static String mfr;
    static String apt;
    static List<String> codes;
    static JsonObject firstSale;

    @BeforeAll
    static void start() throws Exception {
        a = new Api(
                Files.createTempDirectory("lacak-sharded-a"),
                c -> c.setNode("a").setLease(LEASE).setShards(2));
        String url = a.pgUrl();
        b = new Api(
                a.dataDirSharingKeys("lacak-sharded-b"),
                c -> c.setNode("b").setLease(LEASE).setShards(2).setPgUrl(url).setDemo(false));
        mfr = a.key(MANUFACTURER);
        apt = a.key(PHARMACY);
    }

    @AfterAll
    static void stop() throws Exception {
        Api.closeAll(b, a); // b first: its database is a's
    }

    @Test
    @Order(1)
    void aNodeHoldsTheLeasesOfAllItsShards_eachShardsWriterItsOwn() throws Exception {
        assertThat(leases()).containsEntry(0, "a").containsEntry(1, "a");
        JsonObject health = a.get("/health", null).bodyAsJsonObject();
        assertThat(health.getJsonObject("shard").getString("role")).isEqualTo("OWNER");
        assertThat(health.getJsonObject("writer").getJsonArray("shards")).hasSize(2);
        assertThat(b.get("/health", null)
                        .bodyAsJsonObject()
                        .getJsonObject("shard")
                        .getString("role"))
                .isEqualTo("STANDBY");
    }

    @Test
    @Order(2)
    void reportsThroughTheStandbyAreJournaledInTheHoldersShardByTheOwner() throws Exception {
        String pbf = a.key(DISTRIBUTOR);
        codes = b.issue(mfr, "SN1", 4);
        b.activate(mfr, null, codes.toArray(String[]::new));
        JsonObject all = Api.codes(codes.toArray(String[]::new));
        assertThat(b.post("/api/v1/shipments", mfr, all.copy().put("destination", DISTRIBUTOR))
                        .statusCode())
                .isEqualTo(200);
        assertThat(b.post("/api/v1/receipts", pbf, all).statusCode()).isEqualTo(200);
        assertThat(b.post("/api/v1/shipments", pbf, all.copy().put("destination", PHARMACY))
                        .statusCode())
                .isEqualTo(200);
        assertThat(b.post("/api/v1/receipts", apt, all).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> sold = sale(b, codes.get(0), "sn-sale-0");
        assertThat(sold.statusCode()).as(sold.bodyAsString()).isEqualTo(200);
        firstSale = sold.bodyAsJsonObject();

        int holder = Shards.of(2).ofHolder(MANUFACTURER);
        assertThat(kinds(holder)).containsExactly("USAGE", "SHIPMENT", "RECEIPT", "SHIPMENT", "RECEIPT", "SALE");
        assertThat(kinds(1 - holder)).isEmpty();
    }

    @Test
    @Order(3)
    void oneShardsLeaseTakenReplacesTheOwner_theStandbyTakesBothOnlyOnceBothAreFree() throws Exception {
        // another node ("x", which never answers) takes shard 1 alone for three seconds
        a.lacak
                .services()
                .database()
                .pool()
                .query("update shard_lease set node = 'x', address = 'http://127.0.0.1:1', epoch = epoch + 1,"
                        + " expires_at = now() + interval '3 seconds' where shard = 1")
                .execute()
                .await(30, TimeUnit.SECONDS);
        // a's shard 1 writer stops at its next renewal: a no longer writes either shard
        until(a, "REPLACED");
        // a stops renewing shard 0, which runs out within the lease; b still takes neither while x holds 1
        Thread.sleep(2 * LEASE.toMillis());
        Map<Integer, String> meanwhile = leases();
        if (meanwhile.get(1).equals("x")) {
            assertThat(meanwhile.get(0)).isNotEqualTo("b");
        }

        until(b, "OWNER"); // x's lease ran out: b took both, replayed each shard's journal
        assertThat(leases()).containsEntry(0, "b").containsEntry(1, "b");
        JsonObject again = sale(b, codes.get(0), "sn-sale-0").bodyAsJsonObject();
        assertThat(again.getBoolean("repeated")).as(again.encode()).isTrue();
        assertThat(again.getLong("sequence")).isEqualTo(firstSale.getLong("sequence"));
        HttpResponse<Buffer> viaA = sale(a, codes.get(1), "sn-sale-1"); // the replaced node forwards
        assertThat(viaA.statusCode()).as(viaA.bodyAsString()).isEqualTo(200);
        assertThat(viaA.bodyAsJsonObject().getInteger("accepted")).isEqualTo(1);
    }

    private static HttpResponse<Buffer> sale(Api node, String code, String key) throws Exception {
        return node.client
                .post(node.lacak.port(), "127.0.0.1", "/api/v1/sales")
                .putHeader("X-API-Key", apt)
                .putHeader("Idempotency-Key", key)
                .putHeader("content-type", "application/json")
                .sendBuffer(Buffer.buffer(
                        new JsonObject().put("codes", new JsonArray().add(code)).encode()))
                .await(60, TimeUnit.SECONDS);
    }

    /** Each shard's lease holder. */
    private static Map<Integer, String> leases() throws Exception {
        Map<Integer, String> out = new HashMap<>();
        for (Row r : a.lacak
                .services()
                .database()
                .pool()
                .query("select shard, node from shard_lease")
                .execute()
                .await(30, TimeUnit.SECONDS)) {
            out.put(r.getInteger(0), r.getString(1));
        }
        return out;
    }

    private static List<String> kinds(int shard) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (Row r : a.lacak
                .services()
                .database()
                .pool()
                .preparedQuery("select kind from journal where shard = $1 order by seq")
                .execute(io.vertx.sqlclient.Tuple.of(shard))
                .await(30, TimeUnit.SECONDS)) {
            out.add(r.getString(0));
        }
        return out;
    }

    /** Polls {@code /health} of {@code node} until its shard role is {@code role}. */
    private static void until(Api node, String role) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = null;
        while (System.nanoTime() < deadline) {
            JsonObject h = node.get("/health", null).bodyAsJsonObject();
            if (h.containsKey("shard") && role.equals(h.getJsonObject("shard").getString("role"))) {
                return;
            }
            last = h.encode();
            Thread.sleep(100);
        }
        throw new AssertionError("not " + role + "; last health: " + last);
    }
}
