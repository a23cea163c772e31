package io.lacak.core.db.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stale {@code pg/postmaster.pid} whose pid now belongs to some other live process: start-up
 * leaves that process alone (it once SIGTERMed any process named postgres) and still comes up.
 * The orphan of this very data directory is still stopped: {@code EmbeddedRestartTest}.
 */
class PostgresOrphanTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void anotherDirectorysPostgresNamedByAStalePidFileIsNotStopped() throws Exception {
        Path ours = dir.resolve("ours");
        Path theirs = dir.resolve("theirs");
        Database.start(vertx, new DatabaseOptions().setDataDir(ours))
                .await(120, TimeUnit.SECONDS)
                .close()
                .await(60, TimeUnit.SECONDS);
        Database other =
                Database.start(vertx, new DatabaseOptions().setDataDir(theirs)).await(120, TimeUnit.SECONDS);
        try {
            long otherPid = Long.parseLong(Files.readAllLines(theirs.resolve("pg/postmaster.pid"))
                    .get(0)
                    .strip());
            ProcessHandle otherPostmaster = ProcessHandle.of(otherPid).orElseThrow();
            assertThat(PostgresDatabase.isPostmasterOf(otherPostmaster, theirs.resolve("pg")))
                    .isTrue();
            assertThat(PostgresDatabase.isPostmasterOf(otherPostmaster, ours.resolve("pg")))
                    .isFalse();
            // as if our server had died with its pid file left behind, and the pid gone to the other one
            writePidFile(ours, otherPid);

            Database again = Database.start(vertx, new DatabaseOptions().setDataDir(ours))
                    .await(120, TimeUnit.SECONDS);
            assertThat(again.pool()
                            .query("select 1")
                            .execute()
                            .await(30, TimeUnit.SECONDS)
                            .size())
                    .isEqualTo(1);
            again.close().await(60, TimeUnit.SECONDS);

            assertThat(otherPostmaster.isAlive()).isTrue();
            assertThat(other.pool()
                            .query("select count(*) from product")
                            .execute()
                            .await(30, TimeUnit.SECONDS)
                            .iterator()
                            .next()
                            .getLong(0))
                    .isZero();
        } finally {
            other.close().await(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnrelatedProcessNamedByAStalePidFileIsNotSignalled() throws Exception {
        Database.start(vertx, new DatabaseOptions().setDataDir(dir))
                .await(120, TimeUnit.SECONDS)
                .close()
                .await(60, TimeUnit.SECONDS);
        // even one sitting in our data directory: what counts is that it is no postmaster of it
        Process sleep = new ProcessBuilder("sleep", "600")
                .directory(dir.resolve("pg").toFile())
                .start();
        try {
            assertThat(PostgresDatabase.isPostmasterOf(sleep.toHandle(), dir.resolve("pg")))
                    .isFalse();
            writePidFile(dir, sleep.pid());

            Database again =
                    Database.start(vertx, new DatabaseOptions().setDataDir(dir)).await(120, TimeUnit.SECONDS);
            assertThat(again.pool()
                            .query("select 1")
                            .execute()
                            .await(30, TimeUnit.SECONDS)
                            .size())
                    .isEqualTo(1);
            again.close().await(60, TimeUnit.SECONDS);

            assertThat(sleep.isAlive()).isTrue();
        } finally {
            sleep.destroyForcibly();
        }
    }

    private static void writePidFile(Path dataDir, long pid) throws Exception {
        Path pg = dataDir.resolve("pg");
        Files.writeString(
                pg.resolve("postmaster.pid"), pid + "\n" + pg.toAbsolutePath() + "\n", StandardCharsets.US_ASCII);
    }
}
