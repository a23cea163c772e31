package io.lacak.api.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: the whole journey of {@link JourneyTest} (code request, usage with aggregation, ship,
 * receive, sell, return, recall, verify, custody) with the system of record on a Citus cluster, a
 * coordinator and two workers, named by {@code LACAK_PG_URL}: Lacak lays its schema out itself,
 * the sharded tables distributed by their shard over the workers, the rest replicated.
 */
class CitusJourneyTest extends JourneyTest {

    CitusCluster cluster;

    @Override
    Api server() throws Exception {
        cluster = CitusCluster.start(2);
        return new Api(Files.createTempDirectory("lacak-citus-journey"), c -> c.setBodyLimit(8 * 1024 * 1024)
                .setPgUrl(cluster.url()));
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

    @Test
    @Order(101)
    void everyNotificationListsItsCodesFromTheDistributedJournalAndCustody() throws Exception {
        int listed = 0;
        for (String key : new String[] {mfr, pbf, apt}) {
            for (Object o : api.get("/api/v1/notifications", key).bodyAsJsonArray()) {
                long id = ((io.vertx.core.json.JsonObject) o).getLong("id");
                var r = api.get("/api/v1/notifications/" + id + "/codes", key);
                assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
                listed += r.bodyAsJsonObject().getJsonArray("codes").size();
            }
        }
        assertThat(listed).isPositive();
    }

    @Test
    @Order(100)
    void theShardedTablesAreDistributedOverTheWorkersAndTheRestReplicated() throws Exception {
        Map<String, String> kinds = new HashMap<>();
        try (Connection c = cluster.coordinator();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "select table_name::text, citus_table_type, distribution_column" + " from citus_tables")) {
            while (r.next()) {
                kinds.put(r.getString(1), r.getString(2) + ":" + r.getString(3));
            }
        }
        for (String t : new String[] {"journal", "journal_part", "custody", "custody_watermark"}) {
            assertThat(kinds.get(t)).as(t).isEqualTo("distributed:shard");
            assertThat(cluster.workersHolding(t)).as(t).isEqualTo(2);
        }
        for (String t :
                new String[] {"facility", "product", "batch", "issuance", "account", "upload", "notification"}) {
            assertThat(kinds.get(t)).as(t).isEqualTo("reference:<none>");
        }
        // and the journey's reports are in the distributed journal
        try (Connection c = cluster.coordinator();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from journal")) {
            r.next();
            assertThat(r.getLong(1)).isPositive();
        }
    }
}
