package io.lacak.api.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

  private MetricsToken() {
  }

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
    try {
      // owner only from the start: never a moment with the token in a world-readable file
      Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      return; // another process created it first: use theirs
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's protection has to do
      Files.createDirectories(file.getParent());
      try {
        Files.createFile(file);
      } catch (FileAlreadyExistsException again) {
        return;
      }
    }
    Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n", StandardCharsets.US_ASCII);
  }
}
