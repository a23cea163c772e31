package io.lacak.api.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.journal.Shards;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the whole journey of {@link JourneyTest} over three Lacak JVMs on Citus, as {@link
 * ClusterJourneyIT}, with the writing spread: {@code LACAK_SHARDS=2}, node a writes shard 0 (the
 * registry, and the demo's accounts), b and c stand by for shard 1 only, and one of them writes it.
 * The demo's NIE holder is in shard 1, so every code of the journey is written by a node that is
 * not the registry: every request a and c (or b) take goes through the registry to shard 1's owner.
 */
class SpreadClusterJourneyIT extends ClusterJourneyIT {

    @Override
    Map<String, String> settings(String name) {
        return Map.of("LACAK_SHARDS", "2", "LACAK_NODE_SHARDS", name.equals("a") ? "0" : "1");
    }

    @Override
    @Test
    @Order(101)
    void theRequestsWereSpreadOverTheNodesAndEveryReportAnsweredByTheOwner() throws Exception {
        assertThat(Shards.of(2).ofHolder(io.lacak.api.Demo.MANUFACTURER))
                .as("the journey's codes are in the shard the registry does not write")
                .isEqualTo(1);
        JsonObject registry = a.health().getJsonObject("shard");
        assertThat(registry.getString("role")).as(registry.encode()).isEqualTo("OWNER");
        assertThat(registry.getJsonArray("shards")).containsExactly(0);
        LacakNode writer = null;
        for (LacakNode n : List.of(b, c)) {
            JsonObject shard = n.health().getJsonObject("shard");
            assertThat(shard.getJsonObject("owner").getString("node"))
                    .as("the registry")
                    .isEqualTo("a");
            if (shard.getString("role").equals("OWNER")) {
                assertThat(shard.getJsonArray("shards")).containsExactly(1);
                assertThat(writer).as("one owner of shard 1").isNull();
                writer = n;
            } else {
                assertThat(shard.getString("role"))
                        .as(n.name + ": " + shard.encode())
                        .isEqualTo("STANDBY");
            }
        }
        assertThat(writer).as("an owner of shard 1").isNotNull();
        // every report reached the registry (directly or forwarded there), which sent those it did not
        // refuse itself (bad input) on to shard 1's owner (it counts too the reports sent to it first, on
        // their way to the registry)
        assertThat(api.reports.get()).isPositive();
        assertThat(reportsAnswered(a)).isEqualTo(api.reports.get());
        assertThat(reportsAnswered(writer)).isPositive();
    }
}
