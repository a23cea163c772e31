package io.lacak.core.store;

import static io.lacak.core.store.Bytes.readLong;
import static io.lacak.core.store.Bytes.writeLong;

import java.util.Arrays;

/**
 * The fixed-size binary key of a code in the store: the product reference (4 bytes) and the
 * serial packed six bits a character with its length (16 bytes), 20 bytes in all. Serials are the
 * alphanumerics of Lampiran C.2, 1 to 20 of them, whether Lacak or the manufacturer issued them.
 *
 * <p>{@code byte[] key = CodeKey.encode(productId, "7K3M9PXQ2R4T", new byte[CodeKey.SIZE]);}
 */
public final class CodeKey {

    public static final int SIZE = 20;
    public static final int MAX_SERIAL = 20;

    private static final String SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final byte[] CODE = new byte[128];

    static {
        Arrays.fill(CODE, (byte) -1);
        for (int i = 0; i < SYMBOLS.length(); i++) {
            CODE[SYMBOLS.charAt(i)] = (byte) (i + 1); // 0 stays free: it pads short serials
        }
    }

    private CodeKey() {}

    /**
     * Writes the key of {@code (productId, serial)} into {@code out[0, SIZE)} and returns it.
     *
     * @throws IllegalArgumentException when the serial is empty, longer than 20 or not alphanumeric
     */
    public static byte[] encode(int productId, CharSequence serial, byte[] out) {
        int n = serial.length();
        if (n < 1 || n > MAX_SERIAL) {
            throw new IllegalArgumentException("a serial has 1 to 20 characters, not " + n);
        }
        out[0] = (byte) (productId >>> 24);
        out[1] = (byte) (productId >>> 16);
        out[2] = (byte) (productId >>> 8);
        out[3] = (byte) productId;
        // 20 symbols x 6 bits = 120 bits in two longs, the first symbol most significant.
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < MAX_SERIAL; i++) {
            int code = 0;
            if (i < n) {
                char c = serial.charAt(i);
                code = c < 128 ? CODE[c] : -1;
                if (code < 0) {
                    throw new IllegalArgumentException("serial character " + (i + 1) + " is not alphanumeric");
                }
            }
            // shift the 120-bit number left by 6 and add the code
            hi = (hi << 6) | (lo >>> 58);
            lo = (lo << 6) | code;
        }
        writeLong(out, 4, hi);
        writeLong(out, 12, lo);
        return out;
    }

    /** The product reference of a key. */
    public static int productId(byte[] key) {
        return ((key[0] & 0xFF) << 24) | ((key[1] & 0xFF) << 16) | ((key[2] & 0xFF) << 8) | (key[3] & 0xFF);
    }

    /** The serial of a key. */
    public static String serial(byte[] key) {
        long hi = readLong(key, 4);
        long lo = readLong(key, 12);
        char[] out = new char[MAX_SERIAL];
        int n = 0;
        for (int i = MAX_SERIAL - 1; i >= 0; i--) {
            int code = (int) (lo & 63);
            lo = (lo >>> 6) | (hi << 58);
            hi >>>= 6;
            out[i] = code == 0 ? 0 : SYMBOLS.charAt(code - 1);
            n += code == 0 ? 0 : 1;
        }
        return new String(out, 0, n);
    }
}
