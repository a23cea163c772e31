package io.lacak.core.serial;

import io.lacak.core.secret.SecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The secret AES-256 keys that FF1 turns counters into serials with, by version. New issuances use
 * the highest version and each issuance records the version it used, so its codes can still be
 * listed after a new version is added. Rotation keeps older codes checked: the ledger and the
 * verifier ({@code core.lifecycle.LacakSerials}) decrypt a serial under every version that has
 * issuances for its product, so a code printed under an older key keeps its batch, level,
 * capacity and NOT_ACTIVATED checks. Never remove a version that issued codes: its codes would
 * then count as self-issued (Pasal 5(1) huruf b). {@code LACAK_SERIAL_KEY} gives version 1 only:
 * changing it re-keys every issued serial. Key material is never logged and never leaves this
 * class except to build a cipher.
 *
 * <p>{@code SerialKeys keys = SerialKeys.load(dataDir.resolve("keys/serial.keys"), System.getenv("LACAK_SERIAL_KEY"));}
 */
public final class SerialKeys {

    private final TreeMap<Integer, byte[]> keys;

    private SerialKeys(TreeMap<Integer, byte[]> keys) {
        this.keys = keys;
    }

    /**
     * The keys from {@code configured} (base64 of 32 bytes, version 1) when given; otherwise from
     * {@code file}, one {@code version:base64} per line, created with one fresh random key (mode
     * 600) when absent.
     */
    public static SerialKeys load(Path file, String configured) {
        if (configured != null && !configured.isBlank()) {
            return new SerialKeys(new TreeMap<>(Map.of(1, decode(configured.strip(), "LACAK_SERIAL_KEY"))));
        }
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            TreeMap<Integer, byte[]> keys = new TreeMap<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 1) {
                    throw new IllegalStateException(file + " line " + (i + 1) + ": expected version:base64");
                }
                keys.put(
                        Integer.parseInt(line.substring(0, colon)),
                        decode(line.substring(colon + 1), file + " line " + (i + 1)));
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException(file + " holds no key");
            }
            return new SerialKeys(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the serial keys in " + file, e);
        }
    }

    /** Keys given in code, for tests and tools. */
    public static SerialKeys of(Map<Integer, byte[]> keys) {
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        keys.forEach((v, k) -> copy.put(v, checkLength(k.clone(), "key " + v)));
        return new SerialKeys(copy);
    }

    /** The version new issuances use: the highest. */
    public int currentVersion() {
        return keys.lastKey();
    }

    /** Whether a key of {@code version} is held. */
    public boolean has(int version) {
        return keys.containsKey(version);
    }

    /** The versions held, lowest first. */
    public java.util.Set<Integer> versions() {
        return java.util.Collections.unmodifiableSet(keys.keySet());
    }

    /**
     * A check value of key {@code version}: HMAC-SHA256 of a constant under it, which tells two keys
     * apart and reveals nothing of either ({@link KeyCheck}).
     */
    public byte[] fingerprint(int version) {
        byte[] key = keys.get(version);
        if (key == null) {
            throw new IllegalArgumentException("no serial key of version " + version);
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal("lacak serial key check".getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java", e);
        }
    }

    /** FF1 under key {@code version}, radix of the serial alphabet. */
    Ff1 cipher(int version) {
        byte[] key = keys.get(version);
        if (key == null) {
            throw new IllegalArgumentException("no serial key of version " + version);
        }
        return Ff1.create(key, SerialCodec.ALPHABET.length());
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String text = "# Lacak serial keys (FF1, AES-256): version:base64. Keep secret, back up with the data.\n" + "1:"
                + Base64.getEncoder().encodeToString(key) + "\n";
        SecretFile.create(file, text);
    }

    private static byte[] decode(String base64, String where) {
        try {
            return checkLength(Base64.getDecoder().decode(base64.strip()), where);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": not base64", e);
        }
    }

    private static byte[] checkLength(byte[] key, String where) {
        if (key.length != 32) {
            throw new IllegalStateException(where + ": a serial key is 32 bytes (AES-256), not " + key.length);
        }
        return key;
    }

    @Override
    public String toString() {
        return "SerialKeys[versions=" + keys.keySet() + "]"; // never the key material
    }
}
