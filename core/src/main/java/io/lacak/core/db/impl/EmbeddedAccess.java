package io.lacak.core.db.impl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who may reach the embedded Postgres: the owner of the data directory, by a password kept in it.
 * Any local user could otherwise connect as the superuser over loopback and run programs as Lacak's
 * user ({@code COPY ... TO PROGRAM}).
 */
final class EmbeddedAccess {

    static final String PASSWORD_FILE = "pg.password";

    /**
     * Password (SCRAM-SHA-256) over loopback TCP only: no {@code trust}, no replication (the
     * {@code all} database does not match it), no {@code local} line, so the Unix socket refuses
     * everyone.
     */
    static final String HBA = """
      # Written by Lacak, replaced on start if changed. Only password (SCRAM-SHA-256) logins over
      # loopback TCP, the password in <data dir>/keys/pg.password; no replication, no Unix socket.
      host all all 127.0.0.1/32 scram-sha-256
      host all all ::1/128 scram-sha-256
      """;

    private static final SecureRandom RANDOM = new SecureRandom();

    private EmbeddedAccess() {}

    /** Creates {@code dir} (and missing parents) private to its owner, and makes an existing one so. */
    static Path privateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir); // not a POSIX file system: its own ACLs have to do
        }
        return dir;
    }

    /**
     * The superuser's password from {@code <keys>/pg.password}, created once (256 random bits, mode
     * 600, written whole or not at all) and reused on every later start.
     */
    static String password(Path keys) throws IOException {
        Path file = keys.resolve(PASSWORD_FILE);
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            // URL-safe base64: no character that needs quoting in a URI, a conninfo or SQL
            writePrivate(file, Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n");
        }
        restrict(file);
        String password = Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .findFirst()
                .orElse("")
                .strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " holds no password");
        }
        return password;
    }

    /** Whether {@code pg/pg_hba.conf} is Lacak's: written only once the password is set. */
    static boolean locked(Path pg) throws IOException {
        Path hba = pg.resolve("pg_hba.conf");
        return Files.exists(hba)
                && Files.readString(hba, StandardCharsets.US_ASCII).equals(HBA);
    }

    static void writeHba(Path pg) throws IOException {
        writePrivate(pg.resolve("pg_hba.conf"), HBA);
    }

    /** Writes {@code file} with mode 600 from the first byte, synced, then renamed into place. */
    private static void writePrivate(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's protection has to do
        }
    }
}
