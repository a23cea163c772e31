package io.lacak.api.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a standby whose takeover fails gives the shard back at once, rather than hold a lease
 * it cannot write under (no node would answer); its {@code /health} says DOWN and why. Here it
 * fails as it should: node c holds a serial key of its own (Pasal 5(1)), so it may not write the
 * codes a's key issued.
 */
class FailedTakeoverTest {

    static final Duration LEASE = Duration.ofSeconds(1);

    static Api a;
    static Api c;

    @BeforeAll
    static void start() throws Exception {
        a = new Api(
                Files.createTempDirectory("lacak-failed-a"), x -> x.setNode("a").setLease(LEASE));
        String url = a.pgUrl();
        c = new Api(
                Files.createTempDirectory("lacak-failed-c"),
                x -> x.setNode("c").setLease(LEASE).setPgUrl(url).setDemo(false));
    }

    @AfterAll
    static void stop() throws Exception {
        Api.closeAll(c, a);
    }

    @Test
    void pasal5_1a_aTakeoverThatFailsGivesTheShardBackAndSaysWhy() throws Exception {
        var pool = a.lacak.services().database().pool();
        // a is replaced by a node that is gone at once: its lease runs out in a moment and c takes the shard
        pool.query("update shard_lease set node = 'x', address = 'http://127.0.0.1:1', epoch = epoch + 1,"
                        + " expires_at = now() + interval '200 milliseconds' where shard = 0")
                .execute()
                .await(30, TimeUnit.SECONDS);
        JsonObject health = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            health = c.get("/health", null).bodyAsJsonObject();
            if (health.getJsonObject("shard").containsKey("failure")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(health.getString("status")).as(health.encode()).isEqualTo("DOWN");
        assertThat(health.getJsonObject("shard").getString("failure")).contains("LACAK_SERIAL_KEY");
        assertThat(c.get("/health", null).statusCode()).isEqualTo(503);
        assertThat(c.lacak.services()).as("c writes nothing").isNull();
        // c took the lease and gave it back: it has run out, free for another node
        var lease = pool.query("select node, expires_at <= now() from shard_lease where shard = 0")
                .execute()
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next();
        assertThat(lease.getString(0)).isEqualTo("c");
        assertThat(lease.getBoolean(1)).as("given back").isTrue();
    }
}
