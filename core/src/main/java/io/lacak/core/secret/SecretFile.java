package io.lacak.core.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A file of secrets the server makes for itself on first start (serial keys, the login-token
 * secret, the metrics token): readable by its owner only from the moment it exists.
 *
 * <p>{@code SecretFile.create(dataDir.resolve("keys/jwt.key"), base64 + "\n");}
 */
public final class SecretFile {

    private SecretFile() {}

    /**
     * Creates {@code file} (and its directory) owner-only and writes {@code text} in it; when another
     * process created it first, leaves theirs as it is.
     */
    public static void create(Path file, String text) throws IOException {
        try {
            // owner only from the start: never a moment with the secret in a world-readable file
            Files.createDirectories(
                    file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
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
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }
}
