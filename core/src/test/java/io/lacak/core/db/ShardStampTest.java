package io.lacak.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.journal.Shards;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a node that ran with two shards before V30 kept every batch and code request in shard
 * 0; started again with its {@code LACAK_SHARDS}, each row moves to its holder's shard, where the
 * code reads and writes it since. With one shard nothing moves.
 */
class ShardStampTest {

    @Test
    void rowsOfBeforeV30MoveToTheirHoldersShardWhenTheNodeStartsWithItsShards() throws Exception {
        String holder = null;
        for (int i = 0; holder == null; i++) {
            if (Shards.of(2).ofHolder("MFR-STAMP-" + i) == 1) {
                holder = "MFR-STAMP-" + i;
            }
        }
        TestPostgres.pool()
                .query("drop database if exists lacak_stamp")
                .execute()
                .await(30, TimeUnit.SECONDS);
        TestPostgres.pool().query("create database lacak_stamp").execute().await(30, TimeUnit.SECONDS);
        String url = TestPostgres.url().replaceFirst("/[^/]*$", "/lacak_stamp");
        PgConnectOptions connect = PgConnectOptions.fromUri(url);
        Flyway.configure()
                .dataSource(
                        "jdbc:postgresql://" + connect.getHost() + ":" + connect.getPort() + "/lacak_stamp",
                        connect.getUser(),
                        connect.getPassword())
                .locations("classpath:db/migration")
                .target("29")
                .load()
                .migrate();
        Database before = start(url, 1);
        for (String sql : new String[] {
            "insert into facility (partner_id, type) values ('" + holder + "', 'MANUFACTURER')",
            "insert into product (nie, name, holder, authentication, nie_valid_until)"
                    + " values ('DKL2600000009A1', 'Stempel', '" + holder + "', true, '2030-01-01')",
            "insert into batch (ref, product_id, batch, expiry) select 2, id, 'ST01', '2028-01-31' from product",
            "insert into issuance (product_id, batch, expiry, primaries, secondaries, tertiaries, per_secondary,"
                    + " per_tertiary, counter_start, key_version, requested_by)"
                    + " select id, 'ST01', '2028-01-31', 2, 1, 1, 2, 1, 0, 1, '" + holder + "' from product"
        }) {
            before.pool().query(sql).execute().await(30, TimeUnit.SECONDS);
        }
        // started with one shard (V30 applied): every row stays in shard 0
        assertThat(shards(before)).isEqualTo(Map.of("batch", 0, "issuance", 0));
        before.close().await(30, TimeUnit.SECONDS);

        Database two = start(url, 2);
        assertThat(shards(two)).isEqualTo(Map.of("batch", 1, "issuance", 1));
        two.close().await(30, TimeUnit.SECONDS);
        Database again = start(url, 2);
        assertThat(shards(again)).isEqualTo(Map.of("batch", 1, "issuance", 1));
        again.close().await(30, TimeUnit.SECONDS);
    }

    private static Database start(String url, int shards) throws Exception {
        return Database.start(
                        TestPostgres.vertx(),
                        new DatabaseOptions()
                                .setDataDir(Files.createTempDirectory("lacak-stamp"))
                                .setUrl(url)
                                .setShards(shards))
                .await(120, TimeUnit.SECONDS);
    }

    private static Map<String, Integer> shards(Database db) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (Row r : db.pool()
                .query("select 'batch', shard from batch union all select 'issuance', shard from issuance")
                .execute()
                .await(30, TimeUnit.SECONDS)) {
            out.put(r.getString(0), r.getInteger(1));
        }
        return out;
    }
}
