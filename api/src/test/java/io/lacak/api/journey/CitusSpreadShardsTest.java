package io.lacak.api.journey;

import org.junit.jupiter.api.AfterAll;

/**
 * Issue 21: all of {@link SpreadShardsTest} (two writer nodes, a shard each, and a standby for one)
 * with the system of record on a Citus cluster, a coordinator and two workers: each node's
 * journal, custody, batches, code requests and uploads are rows of its own shard on the workers,
 * the reference tables the registry writes are replicated, and the nodes meet only there and over
 * HTTP.
 */
class CitusSpreadShardsTest extends SpreadShardsTest {

    CitusCluster cluster;

    @Override
    String database() throws Exception {
        cluster = CitusCluster.start(2);
        return cluster.url();
    }

    @Override
    @AfterAll // an override is not run unless it says so itself
    void stop() throws Exception {
        try {
            super.stop();
        } finally {
            cluster.close();
        }
    }
}
