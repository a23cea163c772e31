package io.lacak.registration.notice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time links (account activation, company revision) without their secret in a queryable table
 * (issue 15): the database keeps a random {@code secret} (in the outbox, to render the mail) and
 * its SHA-256 (to find what it opens), but the token the link carries is {@code secret.mac}, the
 * MAC made with a key derived from the server's token secret, which is not in the database. Who
 * reads the database alone can neither open an account nor revise a registration.
 *
 * <p>{@code String token = seal.token(secret); String secret = seal.open(token); // null: forged}
 */
public final class LinkSeal {

    /** Where the token goes in a link queued with its secret; replaced when the mail is rendered. */
    public static final String TOKEN = "{token}";

    private final SecretKeySpec key;

    /** A seal keyed by {@code tokenSecret} (the HS256 login-token secret), through a key of its own. */
    public LinkSeal(byte[] tokenSecret) {
        this.key = new SecretKeySpec(
                mac(
                        new SecretKeySpec(tokenSecret, "HmacSHA256"),
                        "lacak one-time links v1".getBytes(StandardCharsets.US_ASCII)),
                "HmacSHA256");
    }

    /** The token a link carries for {@code secret}. */
    public String token(String secret) {
        return secret + "." + encode(mac(key, secret.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The secret a token was made for, or {@code null} when it is not one this server made. */
    public String open(String token) {
        if (token == null) {
            return null;
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String secret = token.substring(0, dot);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected =
                encode(mac(key, secret.getBytes(StandardCharsets.US_ASCII))).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, expected) ? secret : null;
    }

    /** A link with its token in place of {@link #TOKEN}. */
    public String render(String link, String secret) {
        return secret == null ? link : link.replace(TOKEN, token(secret));
    }

    private static String encode(byte[] raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
