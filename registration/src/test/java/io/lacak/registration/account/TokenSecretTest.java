package io.lacak.registration.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The login-token secret file: created once, for its owner only, and reused. */
class TokenSecretTest {

    @TempDir
    Path dir;

    @Test
    void createdOnceForTheOwnerOnlyAndReused() throws Exception {
        Path file = dir.resolve("keys/jwt.key");

        byte[] first = TokenSecret.load(file, null);
        byte[] second = TokenSecret.load(file, null);

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
}
