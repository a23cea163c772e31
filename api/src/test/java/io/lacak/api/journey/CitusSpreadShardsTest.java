package io.lacak.api.journey;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Issue 21: all of {@link SpreadShardsTest} (two writer nodes, a shard each, and a standby for one)
 * with the system of record on a Citus cluster, a coordinator and two workers: each node's
 * journal, custody, batches, code requests and uploads are rows of its own shard on the workers,
 * the reference tables the registry writes are replicated, and the nodes meet only there and over
 * HTTP.
 */
class CitusSpreadShardsTest extends SpreadShardsTest {

    static CitusCluster cluster;

    @BeforeAll
    static void start() throws Exception { // hides SpreadShardsTest's: the nodes over Citus instead
        cluster = CitusCluster.start(2);
        start(cluster.url());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            SpreadShardsTest.stop();
        } finally {
            cluster.close();
        }
    }
}
