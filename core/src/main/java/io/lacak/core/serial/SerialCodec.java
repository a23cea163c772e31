package io.lacak.core.serial;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lacak-issued serials (Pasal 7-10, Lampiran F): FF1 over a per-product counter, written in an
 * alphabet without easily confused characters. Not thread-safe: one per stream or per thread.
 *
 * <ul>
 *   <li>Alphabet: {@value #ALPHABET} (32 symbols: no 0/O, no 1/I).</li>
 *   <li>Length: {@value #LENGTH} characters, so 32^12 = 2^60 (about 1.15e18) serials per product.</li>
 *   <li>Guessing: with 1 billion codes of one product issued, a random well-formed serial hits one
 *       with probability 1e9 / 2^60 = 8.7e-10, below 1e-9; FF1 under a secret key makes issued
 *       serials indistinguishable from random ones.</li>
 *   <li>Tweak: the product key ((90) NIE or (01) GTIN), so each product has its own permutation.</li>
 * </ul>
 *
 * <p>{@code String serial = SerialCodec.create(keys, 1, "DKL1234567890A1").serial(42);}
 */
public final class SerialCodec {

    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public static final int LENGTH = 12;
    /** Number of counters per product: 32^12. */
    public static final long CAPACITY = 1L << 60;

    private static final byte[] DIGIT = new byte[128];

    static {
        Arrays.fill(DIGIT, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGIT[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private final Ff1.Domain domain;
    private final char[] buffer = new char[LENGTH];

    private SerialCodec(Ff1.Domain domain) {
        this.domain = domain;
    }

    public static SerialCodec create(SerialKeys keys, int keyVersion, String productKey) {
        return new SerialCodec(keys.cipher(keyVersion).domain(productKey.getBytes(StandardCharsets.UTF_8), LENGTH));
    }

    /** The serial of counter {@code counter}, {@code 0 <= counter < CAPACITY}. */
    public String serial(long counter) {
        write(counter, buffer, 0);
        return new String(buffer);
    }

    /** Writes the serial of {@code counter} into {@code out[at, at + LENGTH)}. */
    public void write(long counter, char[] out, int at) {
        if (counter < 0 || counter >= CAPACITY) {
            throw new IllegalArgumentException("counter out of range: " + counter);
        }
        long x = domain.encrypt(counter);
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[at + i] = ALPHABET.charAt((int) (x & 31));
            x >>>= 5;
        }
    }

    /** The counter a serial was issued from, or -1 when the text is not a Lacak serial. */
    public long counter(CharSequence serial) {
        if (serial.length() != LENGTH) {
            return -1;
        }
        long x = 0;
        for (int i = 0; i < LENGTH; i++) {
            char c = serial.charAt(i);
            int d = c < 128 ? DIGIT[c] : -1;
            if (d < 0) {
                return -1;
            }
            x = (x << 5) | d;
        }
        return domain.decrypt(x);
    }
}
