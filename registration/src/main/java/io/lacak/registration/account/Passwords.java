package io.lacak.registration.account;

import io.lacak.core.refusal.Fields;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Slow salted password hashes (PBKDF2-HMAC-SHA256, 210,000 iterations as OWASP advises, 16-byte
 * salt), stored as {@code pbkdf2-sha256$iterations$salt$hash}. Hashing takes a noticeable fraction
 * of a second on purpose: call it off the event loop.
 *
 * <p>{@code String stored = Passwords.hash(pw); boolean ok = Passwords.matches(pw, stored);}
 */
public final class Passwords {

    public static final int ITERATIONS = 210_000;
    /** Seed 004 gives no policy; ten characters is the least we accept. */
    public static final int MIN_LENGTH = 10;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "pbkdf2-sha256";

    private Passwords() {}

    /**
     * The rules every new password meets, wherever it is chosen (account creation, activation, change,
     * reset): adds a {@code TOO_SHORT} problem for {@code field} to {@code f}; {@code null} is left to
     * the caller's "required" check.
     */
    public static void check(Fields f, String field, String password) {
        if (password != null && password.length() < MIN_LENGTH) {
            f.add(field, "TOO_SHORT", field + " must have at least " + MIN_LENGTH + " characters");
        }
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return PREFIX + "$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
    }

    /** Constant-time comparison against a stored hash; {@code false} for anything malformed. */
    public static boolean matches(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A random password for a generated account: 20 characters from an unambiguous alphabet. */
    public static String generate() {
        String alphabet = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
