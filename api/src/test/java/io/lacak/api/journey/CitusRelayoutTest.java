package io.lacak.api.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a Citus cluster made before V30, where {@code batch}, {@code issuance} and {@code
 * upload} were reference tables, is re-laid out when Lacak starts on it: the three distributed by
 * {@code shard}, colocated with the journal, their rows and foreign keys kept, and a second start
 * changes nothing. The node ran two shards: its rows, all in shard 0 then, are moved to their
 * holder's shard before they are distributed ({@code ShardStamp}).
 */
class CitusRelayoutTest {

    /** A holder in shard 1 of 2: its rows of before V30 are in shard 0, and move. */
    static final String HOLDER = holderInShard1();

    /** What the layout distributed by shard before V30; every other table was a reference table. */
    static final List<String> SHARDED_BEFORE = List.of("journal", "journal_part", "custody", "custody_watermark");

    @Test
    void aClusterMadeBeforeV30HasItsBatchesIssuancesAndUploadsDistributedOnTheNextStart() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (CitusCluster cluster = CitusCluster.start(1)) {
            Flyway.configure()
                    .dataSource(cluster.jdbcUrl(), "postgres", "")
                    .locations("classpath:db/migration")
                    .target("29")
                    .load()
                    .migrate();
            try (Connection c = cluster.coordinator();
                    Statement s = c.createStatement()) {
                layOutAsBeforeV30(s);
                s.execute("insert into facility (partner_id, type) values ('" + HOLDER + "', 'MANUFACTURER')");
                s.execute("insert into product (nie, name, holder, authentication, nie_valid_until)"
                        + " values ('DKL2600000001A1', 'Lama', '" + HOLDER + "', true, '2030-01-01')");
                s.execute("insert into batch (ref, product_id, batch, expiry, recalled)"
                        + " select 1, id, 'L2601', '2028-01-31', true from product");
                s.execute("insert into issuance (product_id, batch, expiry, primaries, secondaries, tertiaries,"
                        + " per_secondary, per_tertiary, counter_start, key_version, requested_by)"
                        + " select id, 'L2601', '2028-01-31', 2, 1, 1, 2, 1, 0, 1, '" + HOLDER + "' from product");
                s.execute("insert into upload (facility, template, mode, sha256, bytes, occurred_at, received_at,"
                        + " state) select ref, 'USAGE', 'ATOMIC', repeat('a', 64), 10, now(), now(), 'DONE'"
                        + " from facility");
                assertThat(kinds(s)).containsEntry("batch", "reference:<none>");
            }

            for (int start = 0; start < 2; start++) { // the second start finds it laid out
                Database db = Database.start(
                                vertx,
                                new DatabaseOptions()
                                        .setUrl(cluster.url())
                                        .setShards(2)
                                        .setDataDir(Files.createTempDirectory("lacak-relayout")))
                        .await(180, TimeUnit.SECONDS);
                db.close().await(30, TimeUnit.SECONDS);
                try (Connection c = cluster.coordinator();
                        Statement s = c.createStatement()) {
                    Map<String, String> kinds = kinds(s);
                    for (String t : List.of("batch", "issuance", "upload")) {
                        assertThat(kinds.get(t)).as(t).isEqualTo("distributed:shard:" + colocation(s, "journal"));
                        assertThat(count(s, "select count(*) from " + t + " where shard = 1"))
                                .as(t)
                                .isEqualTo(1);
                        assertThat(count(
                                        s,
                                        "select count(*) from pg_constraint where contype = 'f' and conrelid = '" + t
                                                + "'::regclass"))
                                .as(t + "'s foreign keys")
                                .isEqualTo(t.equals("issuance") ? 2 : 1);
                    }
                    assertThat(kinds.get("product")).isEqualTo("reference:<none>");
                    assertThat(count(s, "select count(*) from batch where recalled and batch = 'L2601'"))
                            .isEqualTo(1);
                    // a row of another shard goes in beside it; its foreign key still holds
                    s.execute("insert into batch (ref, product_id, batch, expiry, shard)" + " select 2" + start
                            + ", id, 'L2602" + start + "', '2028-01-31', 0 from product");
                    assertThat(count(s, "select count(*) from batch where shard = 0"))
                            .isEqualTo(start + 1);
                }
            }
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static String holderInShard1() {
        for (int i = 0; ; i++) {
            if (io.lacak.core.journal.Shards.of(2).ofHolder("MFR-LAMA-" + i) == 1) {
                return "MFR-LAMA-" + i;
            }
        }
    }

    /** As {@code CitusLayout} laid a cluster out before V30: four tables by shard, the rest replicated. */
    private static void layOutAsBeforeV30(Statement s) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (ResultSet r = s.executeQuery("select c.relname from pg_class c join pg_namespace n"
                + " on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'"
                + " and c.relname <> 'flyway_schema_history'")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        Map<String, Set<String>> needs = new HashMap<>();
        try (ResultSet r = s.executeQuery("select conrelid::regclass::text, confrelid::regclass::text"
                + " from pg_constraint where contype = 'f' and conrelid <> confrelid")) {
            while (r.next()) {
                needs.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(r.getString(2));
            }
        }
        List<String> done = new ArrayList<>();
        while (done.size() < tables.size()) {
            for (String t : tables) {
                if (!done.contains(t) && done.containsAll(needs.getOrDefault(t, Set.of()))) {
                    if (!SHARDED_BEFORE.contains(t)) {
                        s.execute("select create_reference_table('" + t + "')");
                    }
                    done.add(t);
                }
            }
        }
        for (String t : SHARDED_BEFORE) {
            s.execute("select create_distributed_table('" + t + "', 'shard', colocate_with => '"
                    + (t.equals("journal") ? "default" : "journal") + "')");
        }
    }

    private static Map<String, String> kinds(Statement s) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (ResultSet r = s.executeQuery(
                "select table_name::text, citus_table_type, distribution_column, colocation_id from citus_tables")) {
            while (r.next()) {
                out.put(
                        r.getString(1),
                        r.getString(2) + ":" + r.getString(3)
                                + (r.getString(2).equals("distributed") ? ":" + r.getLong(4) : ""));
            }
        }
        return out;
    }

    private static long colocation(Statement s, String table) throws SQLException {
        return count(s, "select colocation_id from citus_tables where table_name = '" + table + "'::regclass");
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
