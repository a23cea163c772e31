package io.lacak.api.http;

import io.lacak.core.secret.SecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token that {@code GET /metrics} requires: {@code LACAK_METRICS_TOKEN}, or a file of the
 * data directory created on first start with 256 random bits, readable by its owner only, for the
 * scraper to read ({@code authorization.credentials_file} in Prometheus). Never logged or printed.
 * Blocking: a worker or the command line.
 *
 * <p>{@code String token = MetricsToken.load(dataDir.resolve("keys/metrics.token"), config.metricsToken());}
 */
public final class MetricsToken {

    private MetricsToken() {}

    public static String load(Path file, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (token.length() < 16) {
                throw new IllegalStateException(file + ": the metrics token must be at least 16 characters");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metrics token in " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        SecretFile.create(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
    }
}
