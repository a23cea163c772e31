package io.lacak.api.journey;

import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.api.http.Forwarder;
import io.lacak.api.verify.VerifyRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 21, "any node answers", on one machine without Citus: two cluster nodes in this JVM over
 * one Postgres (node a's embedded server; b reaches it by {@code LACAK_PG_URL}). a holds the shard;
 * b listens as a standby and forwards every {@code /api/} request to a (a code request, reports,
 * a sale with its {@code Idempotency-Key} header, verify, a streamed CSV upload); a forwarded
 * request is never forwarded twice. Meanwhile b's own copy of the store follows a's journal. Then
 * the lease is taken from a: a forwards too, b takes the shard over without a restart, replays only
 * what its copy lacks and answers itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardForwardingTest {

    static final Duration LEASE = Duration.ofSeconds(1);

    static Api a;
    static Api b;
    static String mfr;
    static String pbf;
    static String apt;
    static List<String> codes;
    static JsonObject firstSale;
    /** The sequence b's followed store had reached before the takeover. */
    static long followed;

    static String url;

    @BeforeAll
    static void start() throws Exception {
        a = new Api(
                Files.createTempDirectory("lacak-node-a"), c -> c.setNode("a").setLease(LEASE));
        url = a.pgUrl();
        b = new Api(
                a.dataDirSharingKeys("lacak-node-b"),
                c -> c.setNode("b").setLease(LEASE).setPgUrl(url).setDemo(false));
        mfr = a.key(MANUFACTURER);
        pbf = a.key(DISTRIBUTOR);
        apt = a.key(PHARMACY);
    }

    @AfterAll
    static void stop() throws Exception {
        Api.closeAll(b, a); // b first: its database is a's
    }

    @Test
    @Order(1)
    void aStandbyListensAndItsHealthNamesTheOwner() throws Exception {
        assertThat(b.lacak.services()).as("b holds no store and no writer").isNull();
        HttpResponse<Buffer> health = b.get("/health", null);
        assertThat(health.statusCode()).as(health.bodyAsString()).isEqualTo(200);
        JsonObject shard = health.bodyAsJsonObject().getJsonObject("shard");
        assertThat(shard.getString("role")).isEqualTo("STANDBY");
        assertThat(shard.getJsonObject("owner").getString("node")).isEqualTo("a");
        assertThat(shard.getJsonObject("owner").getString("address")).isEqualTo("http://127.0.0.1:" + a.lacak.port());
        // its own copy of the shard's store, following a's journal
        assertThat(until(b, h -> h.getJsonObject("shard").containsKey("following"))
                        .getJsonObject("shard")
                        .getJsonArray("following")
                        .getJsonObject(0)
                        .getInteger("shard"))
                .isZero();
        assertThat(a.get("/health", null)
                        .bodyAsJsonObject()
                        .getJsonObject("shard")
                        .getString("role"))
                .isEqualTo("OWNER");
    }

    @Test
    @Order(1)
    void pasal5_1a_aNodeWithASerialKeyOfItsOwnFollowsNothingAndSaysWhy() throws Exception {
        Api c = new Api(
                Files.createTempDirectory("lacak-node-c"),
                x -> x.setNode("c").setLease(LEASE).setPgUrl(url).setDemo(false)); // no serial keys of a's
        try {
            JsonObject shard = until(c, h -> h.getJsonObject("shard").containsKey("followError"))
                    .getJsonObject("shard");
            assertThat(shard.getString("followError")).contains("LACAK_SERIAL_KEY", " / ");
            assertThat(shard.getString("role")).isEqualTo("STANDBY");
        } finally {
            c.close();
        }
    }

    @Test
    @Order(2)
    void requestsToTheStandbyAreAnsweredByTheOwner_reportsASaleAndVerify() throws Exception {
        codes = b.issue(mfr, "FW1", 8); // code request and its codes, through b
        b.activate(mfr, null, codes.toArray(String[]::new)); // Lampiran G: usage, through b
        JsonObject all = Api.codes(codes.toArray(String[]::new));
        assertThat(b.post("/api/v1/shipments", mfr, all.copy().put("destination", DISTRIBUTOR))
                        .statusCode())
                .isEqualTo(200);
        assertThat(b.post("/api/v1/receipts", pbf, all).statusCode()).isEqualTo(200);
        assertThat(b.post("/api/v1/shipments", pbf, all.copy().put("destination", PHARMACY))
                        .statusCode())
                .isEqualTo(200);
        assertThat(b.post("/api/v1/receipts", apt, all).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> sold = sale(b, codes.get(0), "fw-sale-0");
        assertThat(sold.statusCode()).as(sold.bodyAsString()).isEqualTo(200);
        firstSale = sold.bodyAsJsonObject();
        assertThat(firstSale.getInteger("accepted")).isEqualTo(1);
        // the owner journaled it under the key b passed on: asked directly, a answers it as a repeat
        JsonObject again = sale(a, codes.get(0), "fw-sale-0").bodyAsJsonObject();
        assertThat(again.getBoolean("repeated")).isTrue();
        assertThat(again.getLong("sequence")).isEqualTo(firstSale.getLong("sequence"));

        String verify = "/api/v1/verify?code=" + URLEncoder.encode(codes.get(0), StandardCharsets.UTF_8);
        caughtUp(); // b answers verify from its own copy, which follows a's journal a moment behind
        HttpResponse<Buffer> viaB = b.get(verify, null);
        HttpResponse<Buffer> viaA = a.get(verify, null);
        assertThat(viaB.statusCode()).as(viaB.bodyAsString()).isEqualTo(200);
        // a sold code's scans are counted by one clone watch, the owner's: b sends it there
        assertThat(viaB.getHeader(VerifyRoutes.ANSWERED_BY)).isNull();
        assertThat(viaA.getHeader(VerifyRoutes.ANSWERED_BY)).isNull();
        assertThat(viaB.getHeader("content-type")).isEqualTo(viaA.getHeader("content-type"));
        assertThat(viaB.bodyAsJsonObject().getString("verdict"))
                .isEqualTo(viaA.bodyAsJsonObject().getString("verdict"))
                .isEqualTo("SOLD");
    }

    @Test
    @Order(3)
    void anUploadToTheStandbyIsStreamedToTheOwner() throws Exception {
        HttpResponse<Buffer> request = b.post(
                "/api/v1/code-requests",
                mfr,
                new JsonObject()
                        .put("nie", io.lacak.api.Demo.AUTH_NIE)
                        .put("batch", "FW2")
                        .put("expiry", "2028-12-31")
                        .put("primaries", 3000)
                        .put("perSecondary", 10)
                        .put("perTertiary", 10));
        assertThat(request.statusCode()).as(request.bodyAsString()).isEqualTo(201);
        long id = request.bodyAsJsonObject().getLong("id");
        List<List<String>> issued =
                List.of(b.codes(id, "primary", mfr), b.codes(id, "secondary", mfr), b.codes(id, "tertiary", mfr));
        List<String> primaries = issued.get(0);
        String csv = UploadTest.usageCsv(issued, "FW2", 10, 100); // Lampiran G: with aggregation
        assertThat(csv.length()).as("many chunks, not one").isGreaterThan(200_000);
        JsonObject job = UploadTest.upload(b, "usage", mfr, "", csv);
        JsonObject done = UploadTestSupport.finished(b, job.getLong("id"), mfr, 120);
        assertThat(done.getString("state")).as(done.encode()).isEqualTo("DONE");
        assertThat(done.getLong("rowsAccepted")).isEqualTo(3000);
        JsonObject state = a.get(
                        "/api/v1/codes/state?code=" + URLEncoder.encode(primaries.get(2999), StandardCharsets.UTF_8),
                        mfr)
                .bodyAsJsonObject();
        assertThat(state.getString("status")).as(state.encode()).isEqualTo("ACTIVE");
    }

    @Test
    @Order(4)
    void theStandbysOwnStoreFollowsTheOwnersJournal_aBulkUploadToo() throws Exception {
        long journaled = a.lacak.services().store().appliedSequence();
        assertThat(journaled).as("reports and a bulk usage file journaled").isGreaterThan(5);
        JsonObject h = caughtUp();
        followed = journaled;
        assertThat(h.getJsonObject("shard").getString("role")).isEqualTo("STANDBY");
        assertThat(b.lacak.services())
                .as("following is not writing: still no services")
                .isNull();
    }

    @Test
    @Order(5)
    void theStandbyAnswersVerifyOfWhatItsCopyKnowsAndForwardsWhatItDoesNot() throws Exception {
        // issued after b loaded its reference data: b does not know the issuance, a does
        List<String> fresh = a.issue(mfr, "FW3", 2);
        String notYet = "/api/v1/verify?code=" + URLEncoder.encode(fresh.get(0), StandardCharsets.UTF_8);
        HttpResponse<Buffer> forwarded = b.get(notYet, null);
        assertThat(forwarded.statusCode()).as(forwarded.bodyAsString()).isEqualTo(200);
        assertThat(forwarded.bodyAsJsonObject().getString("verdict"))
                .as("never UNKNOWN because b's copy lags: a answers, or b once it knows the issuance")
                .isEqualTo("NOT_ACTIVATED");
        // within a second b's reference data takes the issuance in and answers it itself
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<Buffer> own = b.get(notYet, null);
        while (own.getHeader(VerifyRoutes.ANSWERED_BY) == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            own = b.get(notYet, null);
        }
        assertThat(own.getHeader(VerifyRoutes.ANSWERED_BY)).isEqualTo("b");
        assertThat(own.bodyAsJsonObject().getString("verdict")).isEqualTo("NOT_ACTIVATED");

        a.activate(mfr, null, fresh.toArray(String[]::new)); // Lampiran G: usage, at a
        caughtUp();
        HttpResponse<Buffer> local = b.get(notYet, null);
        assertThat(local.getHeader(VerifyRoutes.ANSWERED_BY)).isEqualTo("b");
        assertThat(local.bodyAsJsonObject().getString("verdict")).isEqualTo("GENUINE");
        assertThat(local.bodyAsJsonObject().encode())
                .isEqualTo(a.get(notYet, null).bodyAsJsonObject().encode());

        // b's copy falls behind (the journal locked, as when Postgres does not answer it): past two
        // seconds it answers no verify, a does
        var pool = a.lacak.services().database().pool();
        var lock = pool.getConnection().await(30, TimeUnit.SECONDS);
        try {
            var tx = lock.begin().await(30, TimeUnit.SECONDS);
            lock.query("lock table journal in access exclusive mode").execute().await(30, TimeUnit.SECONDS);
            JsonObject behind = until(b, x -> x.getJsonObject("shard").getLong("caughtUpMsAgo", 0L) > 2_500);
            assertThat(behind.getJsonObject("shard").getString("role")).isEqualTo("STANDBY");
            HttpResponse<Buffer> stale = b.get(notYet, null);
            assertThat(stale.getHeader(VerifyRoutes.ANSWERED_BY))
                    .as("a stale copy answers nothing")
                    .isNull();
            assertThat(stale.bodyAsJsonObject().getString("verdict")).isEqualTo("GENUINE");
            tx.rollback().await(30, TimeUnit.SECONDS);
        } finally {
            lock.close().await(30, TimeUnit.SECONDS);
        }
        caughtUp();
        assertThat(b.get(notYet, null).getHeader(VerifyRoutes.ANSWERED_BY)).isEqualTo("b");

        // a serial never issued: b does not know it either way, so a says so
        String forged = fresh.get(1).substring(0, fresh.get(1).length() - 3) + "ZZZ";
        HttpResponse<Buffer> unknown =
                b.get("/api/v1/verify?code=" + URLEncoder.encode(forged, StandardCharsets.UTF_8), null);
        assertThat(unknown.getHeader(VerifyRoutes.ANSWERED_BY)).isNull();
        assertThat(unknown.bodyAsJsonObject().getString("verdict")).isIn("UNKNOWN", "MISMATCH");
    }

    /** b's followed store has applied everything a journaled; b's health then. */
    private static JsonObject caughtUp() throws Exception {
        long journaled = a.lacak.services().store().appliedSequence();
        return until(
                b,
                x -> x.getJsonObject("shard").containsKey("following")
                        && x.getJsonObject("shard")
                                        .getJsonArray("following")
                                        .getJsonObject(0)
                                        .getLong("appliedSequence")
                                == journaled);
    }

    @Test
    @Order(6)
    void anUploadTheOwnerRefusesBeforeItsBodyIsReadIsRefusedThroughTheStandby() throws Exception {
        // 2 MB the owner never reads: it refuses the key from the head; b relays the 401 and the
        // connection is not left waiting for the rest
        HttpResponse<Buffer> r = b.client
                .post(b.lacak.port(), "127.0.0.1", "/api/v1/uploads/usage")
                .putHeader("X-API-Key", "lk_not-a-key")
                .putHeader("content-type", "text/csv")
                .sendBuffer(Buffer.buffer(new byte[2 * 1024 * 1024]))
                .await(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(401);
        assertThat(r.getHeader("content-type")).startsWith("application/problem+json");
        assertThat(b.get("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void aForwardedRequestReachingANodeThatDoesNotOwnTheShardIsRefusedNotForwardedAgain() throws Exception {
        HttpResponse<Buffer> r = b.client
                .get(b.lacak.port(), "127.0.0.1", "/api/v1/notifications")
                .putHeader("X-API-Key", mfr)
                .putHeader(Forwarder.FORWARDED, "a")
                .send()
                .await(30, TimeUnit.SECONDS);
        assertRefused(r, "NOT_THE_OWNER");
    }

    @Test
    @Order(8)
    void whenTheLeaseIsTakenFromTheOwnerItForwardsAndTheStandbyTakesTheShardOverWithoutARestart() throws Exception {
        // another node ("x", which never answers) takes the shard for three seconds: a is replaced
        a.lacak
                .services()
                .database()
                .pool()
                .query("update shard_lease set node = 'x', address = 'http://127.0.0.1:1', epoch = epoch + 1,"
                        + " expires_at = now() + interval '3 seconds' where shard = 0")
                .execute()
                .await(30, TimeUnit.SECONDS);
        JsonObject replaced =
                until(a, h -> h.getJsonObject("shard").getString("role").equals("REPLACED"));
        assertThat(replaced.getString("status")).isEqualTo("DOWN");
        HttpResponse<Buffer> refused = sale(a, codes.get(1), "fw-sale-1");
        assertRefused(refused, "OWNER_UNREACHABLE");

        // x's lease runs out; b, still trying, takes the shard, replays the journal and answers itself
        JsonObject owner =
                until(b, h -> h.getJsonObject("shard").getString("role").equals("OWNER"));
        assertThat(owner.getString("status")).isEqualTo("UP");
        assertThat(b.lacak.services()).isNotNull();
        assertThat(b.lacak.services().store().appliedSequence()).isPositive();
        // its followed store became the writer's: every journal event replayed once, not the journal again
        long events = b.lacak
                .services()
                .database()
                .pool()
                .query("select count(*) from journal where shard = 0")
                .execute()
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong(0);
        assertThat(b.lacak.services().sequencer().replayed()).isEqualTo(events);
        assertThat(b.lacak.services().sequencer().replayedToLead())
                .as("at the takeover, only what the owner wrote since the last follow")
                .isBetween(0L, events - followed);

        JsonObject again = sale(b, codes.get(0), "fw-sale-0").bodyAsJsonObject();
        assertThat(again.getBoolean("repeated")).as(again.encode()).isTrue();
        assertThat(again.getLong("sequence")).isEqualTo(firstSale.getLong("sequence"));
        // the replaced node forwards to the new owner
        HttpResponse<Buffer> viaA = sale(a, codes.get(1), "fw-sale-1");
        assertThat(viaA.statusCode()).as(viaA.bodyAsString()).isEqualTo(200);
        assertThat(viaA.bodyAsJsonObject().getInteger("accepted")).isEqualTo(1);
        JsonObject state = b.get(
                        "/api/v1/codes/state?code=" + URLEncoder.encode(codes.get(1), StandardCharsets.UTF_8), apt)
                .bodyAsJsonObject();
        assertThat(state.getString("status")).isEqualTo("SOLD");
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

    private static void assertRefused(HttpResponse<Buffer> r, String code) {
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
        assertThat(r.getHeader("Retry-After")).isEqualTo("1");
        assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
        JsonObject problem = r.bodyAsJsonObject();
        assertThat(problem.getString("code")).isEqualTo(code);
        assertThat(problem.getString("detail")).contains(" / "); // Bahasa Indonesia, then English
    }

    /** Polls {@code /health} of {@code node} until {@code ready} holds of it. */
    private static JsonObject until(Api node, Predicate<JsonObject> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonObject h = node.get("/health", null).bodyAsJsonObject();
            if (h.containsKey("shard") && ready.test(h)) {
                return h;
            }
            seen.add(h.encode());
            Thread.sleep(100);
        }
        throw new AssertionError("not reached; last health: " + seen.get(seen.size() - 1));
    }
}
