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
    @Order(102)
    void lampiranL_pasal12_5_theRegulatorsListsPageBySequenceAndShardOnTheDistributedJournal() throws Exception {
        String regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        var recalls = api.get("/api/v1/recalls", regulator);
        assertThat(recalls.statusCode()).as(recalls.bodyAsString()).isEqualTo(200);
        var first = recalls.bodyAsJsonArray().getJsonObject(0);
        assertThat(first.getInteger("shard")).isZero();
        var after = api.get(
                "/api/v1/recalls?beforeSequence=" + first.getLong("noticeSequence") + "&beforeShard=0", regulator);
        assertThat(after.statusCode()).as(after.bodyAsString()).isEqualTo(200);
        assertThat(after.bodyAsJsonArray().size())
                .isEqualTo(recalls.bodyAsJsonArray().size() - 1);
        var late = api.get("/api/v1/late-reports?limit=1&beforeSequence=1000000&beforeShard=0", regulator);
        assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(200);
    }

    @Test
    @Order(99)
    void pasal9_lampiranG_aLateCodeRequestAndAUsageFileAreRowsOfTheDistributedTables() throws Exception {
        var r = api.post(
                "/api/v1/code-requests",
                mfr,
                new io.vertx.core.json.JsonObject()
                        .put("nie", io.lacak.api.Demo.AUTH_NIE)
                        .put("batch", "C2612")
                        .put("expiry", "2028-11-30")
                        .put("primaries", 4)
                        .put("perSecondary", 4)
                        .put("perTertiary", 1)
                        .put(
                                "productionStart",
                                java.time.LocalDate.now().plusDays(1).toString()));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        long request = r.bodyAsJsonObject().getLong("id");
        java.util.List<String> p = api.codes(request, "primary", mfr);
        String s = api.codes(request, "secondary", mfr).get(0);
        String t = api.codes(request, "tertiary", mfr).get(0);
        StringBuilder csv = new StringBuilder("Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,"
                + "Expiry,Batch,GTIN,Active,Retained Sample,Reject\n");
        for (String code : p) {
            csv.append(io.lacak.api.Demo.MANUFACTURER + ",Primer," + code + "," + s + "," + t + ","
                    + io.lacak.api.Demo.AUTH_NIE + ",2028-11-30,C2612,,TRUE,FALSE,FALSE\n");
        }
        // Lampiran G as a file: its job row is written, read and finished in its shard
        io.vertx.core.json.JsonObject first = uploadUsage(csv.toString());
        io.vertx.core.json.JsonObject job = UploadTestSupport.finished(api, first.getLong("id"), mfr, 120);
        assertThat(job.getString("state")).as(job.encode()).isEqualTo("DONE");
        assertThat(job.getLong("rowsAccepted")).isEqualTo(4);
        io.vertx.core.json.JsonObject again = uploadUsage(csv.toString());
        assertThat(again.getLong("id")).isEqualTo(first.getLong("id"));
        assertThat(again.getBoolean("repeated")).isTrue();
        // Pasal 9: the regulator's list of late requests reads every shard
        String regulator = api.login("regulator", Api.ADMIN_PASSWORD);
        var late = api.get("/api/v1/late-code-requests", regulator);
        assertThat(late.statusCode()).as(late.bodyAsString()).isEqualTo(200);
        assertThat(late.bodyAsJsonArray().stream().map(o -> ((io.vertx.core.json.JsonObject) o).getLong("id")))
                .contains(request);
    }

    private io.vertx.core.json.JsonObject uploadUsage(String csv) throws Exception {
        var r = api.client
                .post(api.lacak.port(), "127.0.0.1", "/api/v1/uploads/usage")
                .putHeader("X-API-Key", mfr)
                .putHeader("content-type", "text/csv")
                .sendBuffer(io.vertx.core.buffer.Buffer.buffer(csv))
                .await(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
        return r.bodyAsJsonObject();
    }

    @Test
    @Order(100)
    void theShardedTablesAreDistributedOverTheWorkersAndTheRestReplicated() throws Exception {
        Map<String, String> kinds = new HashMap<>();
        Map<String, Long> colocation = new HashMap<>();
        try (Connection c = cluster.coordinator();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select table_name::text, citus_table_type, distribution_column,"
                        + " colocation_id from citus_tables")) {
            while (r.next()) {
                kinds.put(r.getString(1), r.getString(2) + ":" + r.getString(3));
                colocation.put(r.getString(1), r.getLong(4));
            }
        }
        // issue 21: a holder's batches, code requests and uploads beside its journal, in its shard
        for (String t :
                new String[] {"journal", "journal_part", "custody", "custody_watermark", "batch", "issuance", "upload"
                }) {
            assertThat(kinds.get(t)).as(t).isEqualTo("distributed:shard");
            assertThat(colocation.get(t)).as(t).isEqualTo(colocation.get("journal"));
            assertThat(cluster.workersHolding(t)).as(t).isEqualTo(2);
        }
        for (String t : new String[] {"facility", "product", "product_gtin", "account", "notification"}) {
            assertThat(kinds.get(t)).as(t).isEqualTo("reference:<none>");
        }
        // and the journey's reports, code requests, batches and files are in the distributed tables,
        // each in shard 0 (one shard: LACAK_SHARDS is 1)
        for (String t : new String[] {"journal", "issuance", "batch", "upload"}) {
            try (Connection c = cluster.coordinator();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select count(*), count(*) filter (where shard <> 0) from " + t)) {
                r.next();
                assertThat(r.getLong(1)).as(t).isPositive();
                assertThat(r.getLong(2)).as(t).isZero();
            }
        }
    }
}
