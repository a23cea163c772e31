package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: two Lacak nodes (each its own JVM, {@code lacak.jar serve}) over one Citus cluster.
 * Node a holds the lease on the shard; node b listens as a standby and forwards to a: a code
 * request, a CSV upload (usage with aggregation, Lampiran G), verify and half of a pharmacy's sales
 * are sent to b and answered by a. {@code kill -9} of a in the middle of the sales: b takes the
 * shard over when a's lease runs out, without a restart, catches its own store up from the journal
 * and answers itself; every sale a acknowledged (directly or through b) is answered again by b, the
 * same (same journal sequence, {@code repeated}); every sale left unanswered (a gone, or b's 503
 * while no owner answered) is applied exactly once when retried with its idempotency key; none is
 * half applied.
 */
class ShardFailoverIT {

    private static final int LEASE_SECONDS = 3;
    private static final int SALES = 120;

    static CitusCluster cluster;
    static Path dir;
    static final List<Process> nodes = new ArrayList<>();
    static final HttpClient http = LacakNode.http;

    @BeforeAll
    static void start() throws Exception {
        cluster = CitusCluster.start(2);
        dir = Files.createTempDirectory("lacak-failover");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : nodes) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        cluster.close();
        CitusCluster.deleteTree(dir);
    }

    @Test
    void anotherNodeTakesTheShardOverAfterKill9AndNoAcknowledgedSaleIsLostOrAppliedTwice() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of(
                "LACAK_PG_URL", cluster.url(),
                "LACAK_SERIAL_KEY", Base64.getEncoder().encodeToString(key), // every node reads the same codes
                "LACAK_JWT_SECRET",
                        Base64.getEncoder()
                                .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(key)), // and checks the others' tokens
                "LACAK_LEASE", String.valueOf(LEASE_SECONDS),
                "LACAK_ADMIN_PASSWORD", "failover-admin-password-1");
        LacakNode a = start("a", env, true);
        Map<String, String> keys = a.apiKeys();
        String mfr = keys.get(MANUFACTURER);
        String pbf = keys.get(DISTRIBUTOR);
        String apt = keys.get(PHARMACY);
        LacakNode b = start("b", env, false); // a standby: it listens, forwarding to a
        assertThat(b.listening(Duration.ofSeconds(180)))
                .as("b listens as a standby")
                .isTrue();
        JsonObject standby = b.health();
        assertThat(standby.getJsonObject("shard").getString("role")).isEqualTo("STANDBY");
        assertThat(standby.getJsonObject("shard").getJsonObject("owner").getString("node"))
                .isEqualTo("a");

        // the pharmacy's stock: codes issued (asked of b), activated by an upload to b, shipped and received
        JsonObject request = new JsonObject(b.send(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", AUTH_NIE)
                        .put("batch", "FO1")
                        .put("expiry", "2028-12-31")
                        .put("primaries", SALES)
                        .put("perSecondary", 10)
                        .put("perTertiary", 12),
                201));
        long id = request.getLong("id");
        List<String> codes = List.of(b.get("/api/v1/code-requests/" + id + "/codes?level=primary", mfr)
                .body()
                .split("\n"));
        List<List<String>> issued = List.of(
                codes,
                List.of(b.get("/api/v1/code-requests/" + id + "/codes?level=secondary", mfr)
                        .body()
                        .split("\n")),
                List.of(b.get("/api/v1/code-requests/" + id + "/codes?level=tertiary", mfr)
                        .body()
                        .split("\n")));
        HttpResponse<String> uploaded = http.send(
                HttpRequest.newBuilder(URI.create(b.base() + "/api/v1/uploads/usage"))
                        .timeout(Duration.ofSeconds(60))
                        .header("X-API-Key", mfr)
                        .header("content-type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(UploadTest.usageCsv(issued, "FO1", 10, 120)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        String job = "/api/v1/uploads/" + new JsonObject(uploaded.body()).getLong("id");
        JsonObject done = new JsonObject(b.get(job, mfr).body());
        for (int i = 0; i < 1200 && !List.of("DONE", "REFUSED", "FAILED").contains(done.getString("state")); i++) {
            Thread.sleep(100);
            done = new JsonObject(b.get(job, mfr).body());
        }
        assertThat(done.getString("state")).as(done.encode()).isEqualTo("DONE");
        assertThat(done.getLong("rowsAccepted")).as(done.encode()).isEqualTo(SALES);
        JsonArray all = new JsonArray(new ArrayList<>(codes));
        a.post("/api/v1/shipments", mfr, new JsonObject().put("codes", all).put("destination", DISTRIBUTOR));
        a.post("/api/v1/receipts", pbf, new JsonObject().put("codes", all));
        a.post("/api/v1/shipments", pbf, new JsonObject().put("codes", all).put("destination", PHARMACY));
        a.post("/api/v1/receipts", apt, new JsonObject().put("codes", all));

        // sales, four at a time, two to a and two to b (which forwards them to a), until a is killed a
        // third of the way through; a verify sent to b is answered from b's followed copy
        Map<Integer, JsonObject> acknowledged = new HashMap<>();
        List<Integer> unanswered = new ArrayList<>();
        long killedAt = 0;
        for (int i = 0; i < SALES; i += 4) {
            if (i == SALES / 3) {
                JsonObject verdict = new JsonObject(b.get(
                                "/api/v1/verify?code="
                                        + java.net.URLEncoder.encode(codes.get(0), StandardCharsets.UTF_8),
                                null)
                        .body());
                assertThat(verdict.getString("verdict")).isEqualTo("SOLD");
                a.kill();
                killedAt = System.nanoTime();
            }
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int j = i; j < i + 4; j++) {
                LacakNode to = j % 2 == 0 ? a : b;
                sent.add(http.sendAsync(
                        to.request("/api/v1/sales", apt, sale(codes, j)), HttpResponse.BodyHandlers.ofString()));
            }
            for (int j = i; j < i + 4; j++) {
                try {
                    HttpResponse<String> r = sent.get(j - i).get(30, TimeUnit.SECONDS);
                    if (r.statusCode() == 503) { // b while no owner answers: not applied, try again later
                        assertThat(r.headers().firstValue("Retry-After")).isPresent();
                        assertThat(killedAt)
                                .as("503 only after the kill: " + r.body())
                                .isPositive();
                        unanswered.add(j);
                        continue;
                    }
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    acknowledged.put(j, new JsonObject(r.body()));
                } catch (java.util.concurrent.ExecutionException refused) {
                    unanswered.add(j); // a is gone: the client will retry elsewhere with the same key
                }
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(SALES / 3);
        assertThat(unanswered).isNotEmpty();

        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                !b.health().getJsonObject("shard").getString("role").equals("OWNER"); ) {
            assertThat(System.nanoTime() < deadline).as("b took the shard over").isTrue();
            Thread.sleep(50);
        }
        double takeover = (System.nanoTime() - killedAt) / 1e9;
        try (Connection c = cluster.coordinator();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select node, epoch from shard_lease where shard = 0")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString("node")).isEqualTo("b");
            assertThat(r.getLong("epoch")).isEqualTo(2);
        }
        System.out.printf(
                "takeover: b owned the shard %.1f s after kill -9 of a (lease %d s); %d sales acknowledged, %d"
                        + " unanswered%n",
                takeover, LEASE_SECONDS, acknowledged.size(), unanswered.size());

        // every acknowledged sale answered again, the same; every unanswered one applied now, once
        for (Map.Entry<Integer, JsonObject> e : acknowledged.entrySet()) {
            JsonObject again = new JsonObject(b.send("/api/v1/sales", apt, sale(codes, e.getKey()), 200));
            assertThat(again.getBoolean("repeated")).isTrue();
            assertThat(again.getLong("sequence")).isEqualTo(e.getValue().getLong("sequence"));
        }
        for (int i : unanswered) {
            JsonObject r = new JsonObject(b.send("/api/v1/sales", apt, sale(codes, i), 200));
            assertThat(r.getInteger("accepted")).isEqualTo(1);
        }
        try (Connection c = cluster.coordinator();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "select count(*), count(distinct idempotency_key) from journal" + " where kind = 'SALE'")) {
            r.next();
            assertThat(r.getLong(1)).as("one journal row per sale").isEqualTo(SALES);
            assertThat(r.getLong(2)).isEqualTo(SALES);
        }
        for (String code : codes) {
            JsonObject state = new JsonObject(
                    b.get("/api/v1/codes/state?code=" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8), apt)
                            .body());
            assertThat(state.getString("status")).as(code).isEqualTo("SOLD");
        }
    }

    private static LacakNode start(String name, Map<String, String> env, boolean demo) throws Exception {
        LacakNode n = LacakNode.start(dir, name, env, demo);
        nodes.add(n.process);
        return n;
    }

    private static JsonObject sale(List<String> codes, int i) {
        return new JsonObject().put("codes", new JsonArray().add(codes.get(i))).put("idempotencyKey", "sale-" + i);
    }
}
