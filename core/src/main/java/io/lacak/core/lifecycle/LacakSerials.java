package io.lacak.core.lifecycle;

import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.PackagingLevel;
import io.lacak.core.serial.SerialCodec;
import io.lacak.core.serial.SerialKeys;
import java.util.HashMap;
import java.util.Map;

/**
 * Which serials Badan POM (Lacak) issued (Pasal 5(1) huruf a), whatever key version they were
 * issued under: a serial is decrypted under each version that has issuances for its product,
 * current first, and is Lacak's when that version's issuance holds the counter. Anything else is
 * self-issued (Pasal 5(1) huruf b). The cost is one FF1 decryption per key version the product has
 * issuances under (usually one), never one per issuance. Not thread-safe: one per thread.
 *
 * <p>{@code LacakSerials.Match m = serials.find(product, "2QXW28LW9WCL"); if (m != null) m.issuance().batch();}
 */
public final class LacakSerials {

    /** A Lacak serial: the issuance it came from and its counter there. */
    public record Match(Issuance issuance, long counter) {

        /** The packaging level the serial was issued for (Pasal 8(2) huruf d-f). */
        public PackagingLevel level() {
            return issuance.levelOf(counter);
        }
    }

    /** A serial decrypted under key {@code version}: its counter (negative when it is no serial of that key). */
    public record Decrypted(int version, long counter) {}

    private final ReferenceData ref;
    private final SerialKeys keys;
    private final Map<Long, SerialCodec> codecs = new HashMap<>();

    public LacakSerials(ReferenceData ref, SerialKeys keys) {
        this.ref = ref;
        this.keys = keys;
    }

    /** The issuance a serial of {@code product} came from, or {@code null} for a serial Lacak did not issue. */
    public Match find(Product product, String serial) {
        return find(product, serial, null);
    }

    /**
     * As {@link #find(Product, String)}, with the decryption under one version done ahead (by
     * {@link #decryptCurrent} on another thread): only the other versions are decrypted here.
     */
    public Match find(Product product, String serial, Decrypted ahead) {
        if (product == null || serial == null || serial.length() != SerialCodec.LENGTH) {
            return null;
        }
        // newest version first: after a rotation most codes in circulation soon are the current key's
        for (int version : ref.keyVersions(product.id())) {
            if (!keys.has(version)) {
                continue; // a version whose key is gone can prove nothing
            }
            long counter = ahead != null && ahead.version() == version
                    ? ahead.counter()
                    : codec(product, version).counter(serial);
            Issuance i = counter < 0 ? null : ref.issuance(product.id(), counter);
            if (i != null && i.keyVersion() == version) {
                return new Match(i, counter);
            }
        }
        return null;
    }

    /**
     * The first decryption {@link #find} makes of {@code code}'s serial (under the newest version
     * with a key), or {@code null} when it would make none; for a reader to do ahead of the writer.
     */
    public Decrypted decryptCurrent(CodeRef code) {
        Product product = ref.product(code.productId());
        String serial = code.serial();
        if (product == null || serial == null || serial.length() != SerialCodec.LENGTH) {
            return null;
        }
        for (int version : ref.keyVersions(product.id())) {
            if (keys.has(version)) {
                return new Decrypted(version, codec(product, version).counter(serial));
            }
        }
        return null;
    }

    private SerialCodec codec(Product product, int version) {
        return codecs.computeIfAbsent(
                ((long) product.id() << 8) | version, k -> SerialCodec.create(keys, version, product.nie()));
    }
}
