package io.lacak.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Postgres: started in the data directory, migrated, and reused on the next start. */
class DatabaseTest {

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void startsMigratesAndKeepsDataAcrossRestarts() throws Exception {
        DatabaseOptions options = new DatabaseOptions().setDataDir(dataDir);

        Database first = Database.start(vertx, options).await(120, TimeUnit.SECONDS);
        assertThat(first.embedded()).isTrue();
        first.pool()
                .preparedQuery("insert into product (nie, name, holder, authentication, nie_valid_until)"
                        + " values ($1, 'Paracetamol 500 mg', 'PBF-001', true, date '2030-01-01')")
                .execute(Tuple.of("DKL1234567890A1"))
                .await(30, TimeUnit.SECONDS);
        first.close().await(60, TimeUnit.SECONDS);

        Database second = Database.start(vertx, options).await(120, TimeUnit.SECONDS);
        Row row = second.pool()
                .query("select nie, next_counter from product")
                .execute()
                .await(30, TimeUnit.SECONDS)
                .iterator()
                .next();
        assertThat(row.getString("nie")).isEqualTo("DKL1234567890A1");
        assertThat(row.getLong("next_counter")).isZero();
        assertThat(dataDir.resolve("pg").resolve("PG_VERSION")).exists();
        second.close().await(60, TimeUnit.SECONDS);
    }

    @Test
    void oneLacakPerDataDirectory() throws Exception {
        Database first =
                Database.start(vertx, new DatabaseOptions().setDataDir(dataDir)).await(120, TimeUnit.SECONDS);
        try {
            assertThatThrownBy(() -> Database.start(vertx, new DatabaseOptions().setDataDir(dataDir))
                            .await(120, TimeUnit.SECONDS))
                    .hasMessageContaining("another Lacak process is using the data directory");
            // the refused start left the running server alone
            assertThat(first.pool()
                            .query("select 1")
                            .execute()
                            .await(30, TimeUnit.SECONDS)
                            .size())
                    .isEqualTo(1);
        } finally {
            first.close().await(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectsToAnExternalServerByUrl() throws Exception {
        // An embedded server stands in for the external one; the second Database reaches it by URL.
        Database server =
                Database.start(vertx, new DatabaseOptions().setDataDir(dataDir)).await(120, TimeUnit.SECONDS);
        String url = TestPostgres.withPassword(server.uri(), dataDir);

        Database external = Database.start(
                        vertx,
                        new DatabaseOptions()
                                .setDataDir(dataDir.resolve("unused"))
                                .setUrl(url))
                .await(120, TimeUnit.SECONDS);

        assertThat(external.embedded()).isFalse();
        assertThat(external.pool()
                        .query("select count(*) from issuance")
                        .execute()
                        .await(30, TimeUnit.SECONDS)
                        .iterator()
                        .next()
                        .getLong(0))
                .isZero();
        assertThat(dataDir.resolve("unused").resolve("pg")).doesNotExist();
        external.close().await(30, TimeUnit.SECONDS);
        server.close().await(60, TimeUnit.SECONDS);
    }
}
