package io.lacak.registration.account;

import io.lacak.core.secret.SecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 secret that signs login tokens: configured (base64), or a file of the data directory
 * created on first start with 256 random bits, readable by its owner only. Never logged.
 *
 * <p>{@code byte[] secret = TokenSecret.load(dataDir.resolve("keys/jwt.key"), config.jwtSecret());}
 */
public final class TokenSecret {

    private TokenSecret() {}

    public static byte[] load(Path file, String configured) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.strip(), "LACAK_JWT_SECRET");
        }
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token secret in " + file, e);
        }
    }

    private static byte[] decode(String text, String where) {
        try {
            byte[] secret = Base64.getDecoder().decode(text);
            if (secret.length < 32) {
                throw new IllegalStateException(where + ": the token secret must be at least 32 bytes");
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": the token secret is not base64");
        }
    }

    private static void create(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SecretFile.create(file, Base64.getEncoder().encodeToString(secret) + "\n");
    }
}
