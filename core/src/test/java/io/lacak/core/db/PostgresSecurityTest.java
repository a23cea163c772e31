package io.lacak.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The embedded Postgres lets in only its owner: the superuser's password from
 * {@code <data>/keys/pg.password} (SCRAM-SHA-256, loopback TCP), never trust, never replication;
 * a cluster made open by an earlier version is locked on its next start.
 */
class PostgresSecurityTest {

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void onlyTheRightPasswordGetsIn() throws Exception {
        Database db =
                Database.start(vertx, new DatabaseOptions().setDataDir(dataDir)).await(120, TimeUnit.SECONDS);
        try {
            int port = PgConnectOptions.fromUri(db.uri()).getPort();
            assertThatThrownBy(() -> select1(port, null))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("SCRAM"); // the server asked for a password
            assertThatThrownBy(() -> select1(port, "not-the-password"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(select1(port, password())).isEqualTo(1);

            // no replication line: not even the password opens a physical replication connection (pg_basebackup)
            PGSimpleDataSource replication = source(port, password());
            replication.setProperty("replication", "true");
            replication.setProperty("preferQueryMode", "simple");
            replication.setProperty(
                    "assumeMinServerVersion", "9.4"); // else pgjdbc leaves replication out of the start-up packet
            assertThatThrownBy(() -> replication.getConnection().close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no pg_hba.conf entry for replication connection");

            try (Connection c = source(port, password()).getConnection();
                    Statement s = c.createStatement()) {
                assertThat(column(s, "show listen_addresses")).containsExactly("127.0.0.1");
                assertThat(column(s, "select distinct auth_method from pg_hba_file_rules"))
                        .containsExactly("scram-sha-256");
                assertThat(column(s, "select distinct type from pg_hba_file_rules"))
                        .containsExactly("host");
            }
        } finally {
            db.close().await(60, TimeUnit.SECONDS);
        }
        String hba = Files.readString(dataDir.resolve("pg/pg_hba.conf"), StandardCharsets.US_ASCII);
        assertThat(hba).doesNotContain("trust");
        assertThat(hba.lines().filter(l -> !l.startsWith("#"))).noneMatch(l -> l.contains("replication"));
    }

    @Test
    void theSecretIsTheOwnersAndKeptAcrossRestarts() throws Exception {
        DatabaseOptions options = new DatabaseOptions().setDataDir(dataDir);
        Database.start(vertx, options).await(120, TimeUnit.SECONDS).close().await(60, TimeUnit.SECONDS);
        String first = password();
        assertThat(first).hasSizeGreaterThanOrEqualTo(43); // 256 bits in base64

        Database again = Database.start(vertx, options).await(120, TimeUnit.SECONDS);
        try {
            assertThat(password()).isEqualTo(first);
            assertThat(select1(PgConnectOptions.fromUri(again.uri()).getPort(), first))
                    .isEqualTo(1);
        } finally {
            again.close().await(60, TimeUnit.SECONDS);
        }
        assertThat(mode(dataDir.resolve("keys/pg.password"))).isEqualTo("rw-------");
        assertThat(mode(dataDir.resolve("keys"))).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("pg"))).isEqualTo("rwx------");
        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("pg/pg_hba.conf"))).isEqualTo("rw-------");
    }

    @Test
    void aTrustClusterOfAnEarlierVersionIsLockedOnStart() throws Exception {
        // What earlier versions left: a cluster initialised with trust, world-readable directories.
        Path pg = Files.createDirectories(dataDir.resolve("pg"));
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                        .setDataDirectory(pg)
                        .setCleanDataDirectory(false)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .start();
                Connection c = source(old.getPort(), null).getConnection();
                Statement s = c.createStatement()) {
            s.execute("create schema earlier");
            s.execute("create table earlier.notes (note text)");
            s.execute("insert into earlier.notes values ('kept')");
        }
        assertThat(Files.readString(pg.resolve("pg_hba.conf"))).contains("trust");
        Files.createDirectories(dataDir.resolve("keys"));
        Files.setPosixFilePermissions(dataDir.resolve("keys"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        Database db =
                Database.start(vertx, new DatabaseOptions().setDataDir(dataDir)).await(120, TimeUnit.SECONDS);
        try {
            int port = PgConnectOptions.fromUri(db.uri()).getPort();
            assertThatThrownBy(() -> select1(port, null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> select1(port, "not-the-password"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection c = source(port, password()).getConnection();
                    Statement s = c.createStatement()) {
                assertThat(column(s, "select note from earlier.notes")).containsExactly("kept");
                assertThat(column(s, "select distinct auth_method from pg_hba_file_rules"))
                        .containsExactly("scram-sha-256");
            }
        } finally {
            db.close().await(60, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(pg.resolve("pg_hba.conf"))).doesNotContain("trust");
        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("keys"))).isEqualTo("rwx------");

        // and it stays locked: the next start finds its password set
        Database again =
                Database.start(vertx, new DatabaseOptions().setDataDir(dataDir)).await(120, TimeUnit.SECONDS);
        try {
            int port = PgConnectOptions.fromUri(again.uri()).getPort();
            assertThatThrownBy(() -> select1(port, null)).isInstanceOf(SQLException.class);
            assertThat(select1(port, password())).isEqualTo(1);
        } finally {
            again.close().await(60, TimeUnit.SECONDS);
        }
    }

    private String password() throws Exception {
        return Files.readAllLines(dataDir.resolve("keys/pg.password"), StandardCharsets.US_ASCII)
                .get(0)
                .strip();
    }

    private static PGSimpleDataSource source(int port, String password) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        source.setUser("postgres");
        source.setPassword(password);
        return source;
    }

    private static int select1(int port, String password) throws SQLException {
        try (Connection c = source(port, password).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> column(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
