package io.lacak.core.serial;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * FF1 format-preserving encryption (NIST SP 800-38G, Algorithms 7 and 8) on the JDK's AES.
 * Supports any radix from 2 to 65536 and numeral strings whose halves fit in 62 bits, which covers
 * Lacak's serials and every NIST sample.
 *
 * <p>{@code Ff1.Domain d = Ff1.create(key, 32).domain(tweak, 12); long c = d.encrypt(counter);}
 */
public final class Ff1 {

    private static final int ROUNDS = 10;

    private final SecretKeySpec key;
    private final int radix;

    private Ff1(byte[] key, int radix) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes, not " + key.length);
        }
        if (radix < 2 || radix > 65536) {
            throw new IllegalArgumentException("radix must be 2 to 65536, not " + radix);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.radix = radix;
    }

    public static Ff1 create(byte[] key, int radix) {
        return new Ff1(key, radix);
    }

    public int radix() {
        return radix;
    }

    /** The permutation of numeral strings of length {@code n} under {@code tweak}. Not thread-safe. */
    public Domain domain(byte[] tweak, int n) {
        return new Domain(tweak, n);
    }

    /** Encrypts a numeral string (each element in {@code [0, radix)}). */
    public int[] encrypt(int[] numerals, byte[] tweak) {
        Domain d = domain(tweak, numerals.length);
        d.encryptHalves(d.half(numerals, 0, d.u), d.half(numerals, d.u, d.n));
        return d.numerals();
    }

    /** Decrypts a numeral string. */
    public int[] decrypt(int[] numerals, byte[] tweak) {
        Domain d = domain(tweak, numerals.length);
        d.decryptHalves(d.half(numerals, 0, d.u), d.half(numerals, d.u, d.n));
        return d.numerals();
    }

    /**
     * FF1 for one tweak and length, on numeral strings held as numbers: the string's value in base
     * radix, most significant numeral first. The constant part of the CBC-MAC (P and the tweak
     * blocks) is computed once here, so each Feistel round costs one AES block.
     */
    public final class Domain {

        private final int n;
        private final int u;
        private final int v;
        private final int b;
        private final int d;
        private final long[] pow; // radix^0 .. radix^v
        private final Cipher aes;
        private final byte[] chain = new byte[16]; // CBC-MAC state before the last block of Q
        private final byte[] last = new byte[16]; // the last block of Q, round and NUM(B) filled per round
        private final byte[] block = new byte[16];
        private final byte[] r = new byte[16];
        private final long size;
        private long outA;
        private long outB;

        Domain(byte[] tweak, int n) {
            if (n < 2) {
                throw new IllegalArgumentException("FF1 needs at least 2 numerals, not " + n);
            }
            this.n = n;
            this.u = n / 2;
            this.v = n - u;
            BigInteger radixV = BigInteger.valueOf(radix).pow(v);
            if (radixV.bitLength() > 62) {
                throw new IllegalArgumentException("radix^" + v + " exceeds 62 bits: numeral string too long");
            }
            if (BigInteger.valueOf(radix).pow(n).compareTo(BigInteger.valueOf(1_000_000)) < 0) {
                throw new IllegalArgumentException("FF1 requires radix^n >= 1,000,000 (SP 800-38G 5.2)");
            }
            BigInteger all = BigInteger.valueOf(radix).pow(n);
            this.size = all.bitLength() > 63 ? -1 : all.longValue();
            this.pow = new long[v + 1];
            pow[0] = 1;
            for (int i = 1; i <= v; i++) {
                pow[i] = pow[i - 1] * radix;
            }
            this.b = (radixV.subtract(BigInteger.ONE).bitLength() + 7) / 8; // ceil(ceil(v log2 radix) / 8)
            this.d = 4 * ((b + 3) / 4) + 4;
            try {
                this.aes = Cipher.getInstance("AES/ECB/NoPadding");
                aes.init(Cipher.ENCRYPT_MODE, key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES is not available", e);
            }
            int t = tweak.length;
            byte[] p = {
                1,
                2,
                1,
                (byte) (radix >> 16),
                (byte) (radix >> 8),
                (byte) radix,
                10,
                (byte) u,
                (byte) (n >> 24),
                (byte) (n >> 16),
                (byte) (n >> 8),
                (byte) n,
                (byte) (t >> 24),
                (byte) (t >> 16),
                (byte) (t >> 8),
                (byte) t
            };
            int pad = Math.floorMod(-t - b - 1, 16);
            byte[] q = new byte[t + pad + 1 + b];
            System.arraycopy(tweak, 0, q, 0, t);
            aesBlock(p, chain); // Y1 = CIPH(P), the CBC-MAC IV being zero
            for (int off = 0; off + 16 < q.length; off += 16) {
                for (int i = 0; i < 16; i++) {
                    block[i] = (byte) (chain[i] ^ q[off + i]);
                }
                aesBlock(block, chain);
            }
            System.arraycopy(q, q.length - 16, last, 0, 16);
        }

        /** Encrypts the numeral string whose value is {@code x}, {@code 0 <= x < radix^n <= 2^63}. */
        public long encrypt(long x) {
            checkFitsLong();
            encryptHalves(x / pow[v], x % pow[v]);
            return outA * pow[v] + outB; // after ten rounds A has u numerals again and B has v
        }

        /** Decrypts: the inverse of {@link #encrypt(long)}. */
        public long decrypt(long y) {
            checkFitsLong();
            decryptHalves(y / pow[v], y % pow[v]);
            return outA * pow[v] + outB;
        }

        private void encryptHalves(long a, long bb) {
            for (int i = 0; i < ROUNDS; i++) {
                int m = (i & 1) == 0 ? u : v;
                long c = Math.floorMod(a + prf(i, bb, m), pow[m]);
                a = bb;
                bb = c;
            }
            outA = a;
            outB = bb;
        }

        private void decryptHalves(long a, long bb) {
            for (int i = ROUNDS - 1; i >= 0; i--) {
                int m = (i & 1) == 0 ? u : v;
                long c = Math.floorMod(bb - prf(i, a, m), pow[m]);
                bb = a;
                a = c;
            }
            outA = a;
            outB = bb;
        }

        private void checkFitsLong() {
            if (size() < 0) {
                throw new IllegalStateException("radix^n exceeds a long; use the numeral-array methods");
            }
        }

        /** The number of numeral strings in this domain, radix^n, or -1 when it exceeds a long. */
        public long size() {
            return size;
        }

        /** y mod radix^m for round {@code i} with the other half {@code half}: steps 6.i-6.vi. */
        private long prf(int i, long half, int m) {
            last[15 - b] = (byte) i;
            for (int k = 0; k < b; k++) {
                last[15 - k] = (byte) (half >>> (8 * k));
            }
            for (int k = 0; k < 16; k++) {
                block[k] = (byte) (chain[k] ^ last[k]);
            }
            aesBlock(block, r);
            if (d <= 8) {
                long y = 0;
                for (int k = 0; k < d; k++) {
                    y = (y << 8) | (r[k] & 0xFF);
                }
                return Long.remainderUnsigned(y, pow[m]);
            }
            // d > 16 would need more AES blocks; b <= 8 here keeps d <= 12.
            byte[] s = new byte[d];
            System.arraycopy(r, 0, s, 0, d);
            return new BigInteger(1, s).mod(BigInteger.valueOf(pow[m])).longValue();
        }

        private void aesBlock(byte[] in, byte[] out) {
            try {
                aes.doFinal(in, 0, 16, out, 0);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES failed", e);
            }
        }

        /** NUM_radix of {@code numerals[from, to)}. */
        long half(int[] numerals, int from, int to) {
            if (numerals.length != n) {
                throw new IllegalArgumentException("expected " + n + " numerals, got " + numerals.length);
            }
            long x = 0;
            for (int i = from; i < to; i++) {
                if (numerals[i] < 0 || numerals[i] >= radix) {
                    throw new IllegalArgumentException("numeral " + numerals[i] + " outside radix " + radix);
                }
                x = x * radix + numerals[i];
            }
            return x;
        }

        /** STR_radix of the last result: u numerals of A then v numerals of B. */
        int[] numerals() {
            int[] out = new int[n];
            long a = outA;
            long bb = outB;
            for (int i = n - 1; i >= u; i--) {
                out[i] = (int) (bb % radix);
                bb /= radix;
            }
            for (int i = u - 1; i >= 0; i--) {
                out[i] = (int) (a % radix);
                a /= radix;
            }
            return out;
        }
    }
}
