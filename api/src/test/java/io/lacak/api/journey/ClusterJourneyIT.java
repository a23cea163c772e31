package io.lacak.api.journey;

import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static io.lacak.api.Demo.PHARMACY;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the whole journey of {@link JourneyTest} (code request, usage with aggregation, ship,
 * receive, sell, return, recall, verify, custody) over a cluster of three Lacak nodes, each its own
 * JVM ({@code lacak.jar serve}), on one Citus cluster (a coordinator and two workers). Node a starts
 * first with {@code --demo} and owns the shard; b and c are standbys that forward to a. Each
 * facility's requests go to a node of their own: the manufacturer's to b, the distributor's to c,
 * the pharmacy's to a, everyone else's (the regulator, the public) to c.
 */
class ClusterJourneyIT extends JourneyTest {

    static final String METRICS_TOKEN = "cluster-journey-metrics-token";

    CitusCluster cluster;
    Path dir;
    final List<LacakNode> nodes = new ArrayList<>();
    LacakNode a;
    LacakNode b;
    LacakNode c;

    @Override
    Api server() throws Exception {
        cluster = CitusCluster.start(2);
        dir = Files.createTempDirectory("lacak-cluster-journey");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = Map.of(
                "LACAK_PG_URL",
                cluster.url(),
                "LACAK_SERIAL_KEY",
                Base64.getEncoder().encodeToString(key), // every node reads the same codes
                "LACAK_JWT_SECRET",
                Base64.getEncoder()
                        .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(key)), // and checks the others' tokens
                "LACAK_ADMIN_PASSWORD",
                Api.ADMIN_PASSWORD,
                "LACAK_BODY_LIMIT",
                String.valueOf(8 * 1024 * 1024),
                "LACAK_METRICS_TOKEN",
                METRICS_TOKEN,
                // the journey verifies right after it reports, through c: read-your-writes, which a standby's
                // followed copy gives only a moment later (ShardForwardingTest covers its verify)
                "LACAK_STANDBY_VERIFY",
                "false");
        a = node("a", env, true); // the owner of shard 0, and the demo's accounts
        b = node("b", env, false);
        c = node("c", env, false);
        b.awaitListening(Duration.ofSeconds(180));
        c.awaitListening(Duration.ofSeconds(180));
        JsonObject credentials = a.credentials();
        Map<String, LacakNode> byKey = Map.of(
                credentials.getJsonObject(MANUFACTURER).getString("apiKey"), b,
                credentials.getJsonObject(DISTRIBUTOR).getString("apiKey"), c,
                credentials.getJsonObject(PHARMACY).getString("apiKey"), a);
        return new Api(credential -> (credential == null ? c : byKey.getOrDefault(credential, c)).port(), credentials);
    }

    /** What node {@code name} is given beside the cluster's settings: nothing here. */
    Map<String, String> settings(String name) {
        return Map.of();
    }

    private LacakNode node(String name, Map<String, String> env, boolean demo) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putAll(settings(name));
        LacakNode n = LacakNode.start(dir, name, all, demo);
        nodes.add(n);
        return n;
    }

    @Override
    @AfterAll // an override is not run unless it says so itself
    void stop() throws Exception {
        try {
            super.stop();
        } finally {
            try {
                for (LacakNode n : nodes) {
                    n.close();
                }
            } finally {
                cluster.close();
                CitusCluster.deleteTree(dir);
            }
        }
    }

    @Test
    @Order(100)
    void aPublicVerifySentToAStandbyAnswersTheRecall() throws Exception {
        // primaries.get(6): recalled (order 8) and sent back up to the manufacturer (order 11)
        String code = URLEncoder.encode(primaries.get(6), StandardCharsets.UTF_8);
        HttpResponse<Buffer> viaC = api.get("/api/v1/verify?code=" + code, null);
        assertThat(viaC.statusCode()).as(viaC.bodyAsString()).isEqualTo(200);
        assertThat(viaC.bodyAsJsonObject().getString("verdict")).isEqualTo("RECALLED");
        JsonObject atA =
                new JsonObject(a.get("/api/v1/verify?code=" + code, null).body());
        assertThat(viaC.bodyAsJsonObject().getString("verdict")).isEqualTo(atA.getString("verdict"));
    }

    @Test
    @Order(101)
    void theRequestsWereSpreadOverTheNodesAndEveryReportAnsweredByTheOwner() throws Exception {
        JsonObject owner = a.health().getJsonObject("shard");
        assertThat(owner.getString("role")).as(owner.encode()).isEqualTo("OWNER");
        for (LacakNode standby : List.of(b, c)) {
            JsonObject shard = standby.health().getJsonObject("shard");
            assertThat(shard.getString("role"))
                    .as(standby.name + ": " + shard.encode())
                    .isEqualTo("STANDBY");
            assertThat(shard.getJsonObject("owner").getString("node")).isEqualTo("a");
        }
        // every report, whichever node it was sent to, was answered by a: forwarded by b and c
        assertThat(api.reports.get()).isPositive();
        assertThat(reportsAnswered(a)).isEqualTo(api.reports.get());
    }

    /** The node's {@code lacak_http_server_requests_seconds_count} of the {@code reports} group, every outcome. */
    static long reportsAnswered(LacakNode node) throws Exception {
        String scrape = LacakNode.http
                .send(
                        HttpRequest.newBuilder(URI.create(node.base() + "/metrics"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + METRICS_TOKEN)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = Pattern.compile(
                        "^lacak_http_server_requests_seconds_count\\{group=\"reports\",outcome=\"[^\"]+\"} (\\S+)$",
                        Pattern.MULTILINE)
                .matcher(scrape);
        double total = 0;
        int series = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
            series++;
        }
        assertThat(series).as(scrape).isPositive();
        return (long) total;
    }
}
