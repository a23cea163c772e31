package io.lacak.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code kill -9} of the JVM that started the embedded Postgres, its server outlives it;
 * the next start on the same data directory must still come up (and take the data with it).
 */
class EmbeddedRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void startsAgainAfterTheJvmWasKilled() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedChild.class.getName(),
                dataDir.toString()));
        Process child = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).startsWith("UP ");
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Vertx vertx = Vertx.vertx();
        try {
            Database again = Database.start(vertx, new DatabaseOptions().setDataDir(dataDir))
                    .await(120, TimeUnit.SECONDS);
            long products = again.pool()
                    .query("select count(*) from product")
                    .execute()
                    .await(30, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getLong(0);
            assertThat(products).isZero();
            again.close().await(60, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }
}
