package io.lacak.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link LacakConfig}: defaults < file < environment, and refusals that name the variable and the value. */
class LacakConfigTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        LacakConfig c = LacakConfig.defaults();

        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.pgUrl()).isNull();
        assertThat(c.serialKey()).isNull();
        assertThat(c.storeInitialCodes()).isEqualTo(10_000_000);
        assertThat(c.jwtSecret()).isNull();
        assertThat(c.adminUser()).isEqualTo("regulator");
        assertThat(c.adminPassword()).isNull();
        assertThat(c.bodyLimit()).isEqualTo(8 * 1024 * 1024);
        assertThat(c.uploadLimit()).isEqualTo(2L << 30);
        assertThat(c.uploadQuota()).isEqualTo(4L << 30);
        assertThat(c.uploadDiskFloor()).isEqualTo(1L << 30);
        assertThat(c.verifyRate()).isEqualTo(20);
        assertThat(c.loginRate()).isEqualTo(10);
        assertThat(c.loginAccountRate()).isEqualTo(5);
        assertThat(c.holidays()).isEmpty();
        assertThat(c.cloneClients()).isEqualTo(3);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.headerTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.bodyTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.uploadTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(c.metricsToken()).isNull();
        assertThat(c.demo()).isFalse();
    }

    @Test
    void everyVariableIsApplied() {
        LacakConfig c = LacakConfig.defaults()
                .withEnvironment(Map.ofEntries(
                        Map.entry("LACAK_DATA_DIR", "/srv/lacak"),
                        Map.entry("LACAK_HOST", "0.0.0.0"),
                        Map.entry("LACAK_PORT", "9090"),
                        Map.entry("LACAK_PG_URL", "postgresql://db/l"),
                        Map.entry("LACAK_SERIAL_KEY", "c2VyaWFs"),
                        Map.entry("LACAK_STORE_INITIAL_CODES", "5000000000"),
                        Map.entry("LACAK_JWT_SECRET", "and"),
                        Map.entry("LACAK_ADMIN_USER", "root"),
                        Map.entry("LACAK_ADMIN_PASSWORD", "pw"),
                        Map.entry("LACAK_BODY_LIMIT", "2048"),
                        Map.entry("LACAK_UPLOAD_LIMIT", "100"),
                        Map.entry("LACAK_UPLOAD_QUOTA", "200"),
                        Map.entry("LACAK_UPLOAD_DISK_FLOOR", "0"),
                        Map.entry("LACAK_VERIFY_RATE", "0"),
                        Map.entry("LACAK_LOGIN_RATE", "1"),
                        Map.entry("LACAK_LOGIN_ACCOUNT_RATE", "2"),
                        Map.entry("LACAK_HOLIDAYS", "2026-12-25, 2027-01-01"),
                        Map.entry("LACAK_CLONE_CLIENTS", "0"),
                        Map.entry("LACAK_IDLE_TIMEOUT", "1"),
                        Map.entry("LACAK_HEADER_TIMEOUT", "2"),
                        Map.entry("LACAK_BODY_TIMEOUT", "3"),
                        Map.entry("LACAK_UPLOAD_TIMEOUT", "4"),
                        Map.entry("LACAK_METRICS_TOKEN", "t"),
                        Map.entry("LACAK_NODE_ADDRESS", "http://10.0.0.5:8080")));

        assertThat(Map.entry(c.dataDir(), c.host())).isEqualTo(Map.entry(Path.of("/srv/lacak"), "0.0.0.0"));
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.pgUrl()).isEqualTo("postgresql://db/l");
        assertThat(c.serialKey()).isEqualTo("c2VyaWFs");
        assertThat(c.storeInitialCodes()).isEqualTo(5_000_000_000L);
        assertThat(c.jwtSecret()).isEqualTo("and");
        assertThat(c.adminUser()).isEqualTo("root");
        assertThat(c.adminPassword()).isEqualTo("pw");
        assertThat(c.bodyLimit()).isEqualTo(2048);
        assertThat(c.uploadLimit()).isEqualTo(100);
        assertThat(c.uploadQuota()).isEqualTo(200);
        assertThat(c.uploadDiskFloor()).isZero();
        assertThat(c.verifyRate()).isZero();
        assertThat(c.loginRate()).isEqualTo(1);
        assertThat(c.loginAccountRate()).isEqualTo(2);
        assertThat(c.holidays()).containsExactlyInAnyOrder(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1));
        assertThat(c.cloneClients()).isZero();
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.headerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.bodyTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.uploadTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(c.metricsToken()).isEqualTo("t");
        assertThat(c.nodeAddress()).isEqualTo("http://10.0.0.5:8080");
    }

    @Test
    void issue21_aClusterNodeWritesTheShardsItNames_everyShardByDefault() {
        LacakConfig all = LacakConfig.defaults().withEnvironment(Map.of("LACAK_SHARDS", "3", "LACAK_NODE", "a"));
        assertThat(all.nodeShards()).containsExactly(0, 1, 2);
        LacakConfig some = LacakConfig.defaults()
                .withEnvironment(Map.of("LACAK_SHARDS", "3", "LACAK_NODE", "b", "LACAK_NODE_SHARDS", "2, 1"));
        assertThat(some.nodeShards()).containsExactly(1, 2);
        assertThatThrownBy(() -> LacakConfig.defaults()
                        .withEnvironment(Map.of("LACAK_SHARDS", "2", "LACAK_NODE", "b", "LACAK_NODE_SHARDS", "1,2"))
                        .nodeShards())
                .hasMessageContaining("LACAK_NODE_SHARDS names shard 2");
        assertThatThrownBy(() -> LacakConfig.defaults().withEnvironment(Map.of("LACAK_NODE_SHARDS", "one")))
                .hasMessageContaining("LACAK_NODE_SHARDS");
        assertThatThrownBy(() -> LacakConfig.defaults()
                        .withEnvironment(Map.of("LACAK_SHARDS", "2", "LACAK_NODE_SHARDS", "1"))
                        .nodeShards())
                .as("only a cluster node writes some shards")
                .hasMessageContaining("LACAK_NODE");
    }

    @Test
    void otherVariablesAreIgnored() {
        assertThat(LacakConfig.defaults()
                        .withEnvironment(Map.of("LACAK_URL", "http://x", "PATH", "/bin"))
                        .port())
                .isEqualTo(8080);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "LACAK_PORT | eighty | LACAK_PORT must be a whole number, not 'eighty'",
                "LACAK_PORT | 70000 | LACAK_PORT='70000': port must be 0 to 65535, not 70000",
                "LACAK_STORE_INITIAL_CODES | many | LACAK_STORE_INITIAL_CODES must be a whole number, not 'many'",
                "LACAK_BODY_LIMIT | 8 MiB | LACAK_BODY_LIMIT must be a whole number, not '8 MiB'",
                "LACAK_BODY_LIMIT | 100 | LACAK_BODY_LIMIT must be at least 1024 bytes, not 100",
                "LACAK_UPLOAD_QUOTA | -1 | LACAK_UPLOAD_QUOTA must be a whole number of bytes, not '-1'",
                "LACAK_UPLOAD_DISK_FLOOR | 1G | LACAK_UPLOAD_DISK_FLOOR must be a whole number of bytes, not '1G'",
                "LACAK_VERIFY_RATE | -1 | LACAK_VERIFY_RATE must be 0 (no limit) or more, not -1",
                "LACAK_CLONE_CLIENTS | -2 | LACAK_CLONE_CLIENTS must be 0 (never) or more, not -2",
                "LACAK_HOLIDAYS | 2026-12-25,25/12/2026 | LACAK_HOLIDAYS lists dates yyyy-mm-dd separated by commas; '25/12/2026'"
                        + " is not one",
                "LACAK_BODY_TIMEOUT | 0 | LACAK_BODY_TIMEOUT must be 1 second or more, not 0",
                "LACAK_IDLE_TIMEOUT | 1m | LACAK_IDLE_TIMEOUT must be a whole number, not '1m'",
                "LACAK_NODE_ADDRESS | 10.0.0.5:8080 | LACAK_NODE_ADDRESS must be http://host:port (no path), not"
                        + " '10.0.0.5:8080'",
                "LACAK_NODE_ADDRESS | http://10.0.0.5:8080/api | LACAK_NODE_ADDRESS must be http://host:port (no path),"
                        + " not 'http://10.0.0.5:8080/api'"
            })
    void aBadValueIsRefusedNamingTheVariableAndTheValue(String name, String value, String message) {
        assertThatThrownBy(() -> LacakConfig.defaults().withEnvironment(Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void theEnvironmentOverridesTheFileWhichOverridesTheDefaults(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("lacak.properties"), "LACAK_PORT = 9000\nLACAK_HOST=10.0.0.1 \n");

        LacakConfig c = LacakConfig.defaults().withFile(file).withEnvironment(Map.of("LACAK_PORT", "9100"));

        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.host()).isEqualTo("10.0.0.1");
        assertThat(c.adminUser()).isEqualTo("regulator");
    }

    @Test
    void aFileRefusesKeysThatAreNotSettings(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("lacak.properties"), "PORT=9000\n");

        assertThatThrownBy(() -> LacakConfig.defaults().withFile(file)).hasMessage("unknown setting PORT in " + file);
        Path misspelt = Files.writeString(dir.resolve("misspelt.properties"), "LACAK_PROT=9000\n");
        assertThatThrownBy(() -> LacakConfig.defaults().withFile(misspelt))
                .hasMessage("unknown setting LACAK_PROT in " + misspelt);
        assertThatThrownBy(() -> LacakConfig.defaults().withFile(dir.resolve("missing")))
                .hasMessageStartingWith("cannot read configuration file");
    }

    @Test
    void issue17_smtpSettings_noHostMeansTheLoggingMailer_aHostNeedsASender_andThePasswordIsNeverShown() {
        assertThat(LacakConfig.defaults().smtpOptions()).isNull(); // unset host: mail is logged
        assertThat(LacakConfig.defaults().smtpPort()).isEqualTo(587);
        assertThat(LacakConfig.defaults().smtpTls()).isEqualTo(io.lacak.registration.notice.SmtpOptions.Tls.STARTTLS);

        var smtp = LacakConfig.defaults()
                .withEnvironment(Map.of(
                        "LACAK_SMTP_HOST",
                        "smtp.bpom.example.id",
                        "LACAK_SMTP_PORT",
                        "465",
                        "LACAK_SMTP_TLS",
                        "TLS",
                        "LACAK_SMTP_USER",
                        "lacak",
                        "LACAK_SMTP_PASSWORD",
                        "rahasia-smtp",
                        "LACAK_SMTP_FROM",
                        "lacak@bpom.example.id"))
                .smtpOptions();
        assertThat(smtp.host()).isEqualTo("smtp.bpom.example.id");
        assertThat(smtp.port()).isEqualTo(465);
        assertThat(smtp.tls()).isEqualTo(io.lacak.registration.notice.SmtpOptions.Tls.TLS);
        assertThat(smtp.password()).isEqualTo("rahasia-smtp");
        assertThat(smtp.toString())
                .contains("smtp.bpom.example.id:465", "lacak@bpom.example.id")
                .doesNotContain("rahasia");

        assertThatThrownBy(() -> LacakConfig.defaults().withEnvironment(Map.of("LACAK_SMTP_TLS", "ssl")))
                .hasMessageContaining("LACAK_SMTP_TLS")
                .hasMessageContaining("ssl");
        assertThatThrownBy(() -> LacakConfig.defaults().withEnvironment(Map.of("LACAK_SMTP_PORT", "0")))
                .hasMessageContaining("LACAK_SMTP_PORT");
        assertThatThrownBy(() -> LacakConfig.defaults()
                        .withEnvironment(Map.of("LACAK_SMTP_HOST", "smtp.example.id"))
                        .smtpOptions())
                .hasMessageContaining("LACAK_SMTP_FROM");
    }
}
