package io.lacak.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.api.Lacak;
import io.lacak.api.LacakConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled server on port 0 with the embedded Postgres, reached over HTTP. */
class LacakServerTest {

    @TempDir
    Path dataDir;

    @Test
    void startsReportsHealthAndStopsGracefully() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            LacakConfig config =
                    LacakConfig.defaults().setDataDir(dataDir).setPort(0).setStoreInitialCodes(10_000);
            Lacak lacak = Lacak.start(vertx, config).await(120, TimeUnit.SECONDS);
            WebClient client = WebClient.create(vertx);

            HttpResponse<Buffer> health =
                    client.get(lacak.port(), "127.0.0.1", "/health").send().await(30, TimeUnit.SECONDS);

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.getHeader("content-type")).isEqualTo("application/json");
            JsonObject body = health.bodyAsJsonObject();
            assertThat(body.getString("status")).isEqualTo("UP");
            assertThat(body.getString("postgres")).isEqualTo("UP");
            assertThat(body.getJsonObject("store").getLong("codes")).isZero();
            assertThat(body.getJsonObject("journal").getLong("lastSequence")).isZero();
            assertThat(dataDir.resolve("keys/serial.keys")).exists();

            lacak.stop().await(60, TimeUnit.SECONDS);
            assertThat(dataDir.resolve("store/store.open")).doesNotExist(); // closed cleanly
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void environmentVariablesConfigureAndOptionsOverride() {
        LacakConfig c = LacakConfig.defaults()
                .withEnvironment(Map.of(
                        "LACAK_PORT",
                        "9090",
                        "LACAK_DATA_DIR",
                        "/srv/lacak",
                        "LACAK_PG_URL",
                        "postgresql://u:p@db:5432/lacak",
                        "LACAK_HOST",
                        "0.0.0.0"));

        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/lacak"));
        assertThat(c.pgUrl()).isEqualTo("postgresql://u:p@db:5432/lacak");
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.setPort(0).port()).isZero();
    }

    @Test
    void timeoutsAndTheMetricsTokenAreSettings() {
        LacakConfig c = LacakConfig.defaults()
                .withEnvironment(Map.of(
                        "LACAK_IDLE_TIMEOUT",
                        "30",
                        "LACAK_HEADER_TIMEOUT",
                        "5",
                        "LACAK_BODY_TIMEOUT",
                        "90",
                        "LACAK_UPLOAD_TIMEOUT",
                        "7200",
                        "LACAK_METRICS_TOKEN",
                        " scrape-me-please-0123 "));

        assertThat(c.idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(c.headerTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(c.bodyTimeout()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(c.uploadTimeout()).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(c.metricsToken()).isEqualTo("scrape-me-please-0123");
        assertThat(LacakConfig.defaults().metricsToken()).isNull(); // the key file's
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> LacakConfig.defaults().withEnvironment(Map.of("LACAK_BODY_TIMEOUT", "0")))
                .hasMessageContaining("LACAK_BODY_TIMEOUT");
    }
}
