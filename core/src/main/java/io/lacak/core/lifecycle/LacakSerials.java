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

    private final ReferenceData ref;
    private final SerialKeys keys;
    private final Map<Long, SerialCodec> codecs = new HashMap<>();

    public LacakSerials(ReferenceData ref, SerialKeys keys) {
        this.ref = ref;
        this.keys = keys;
    }

    /** The issuance a serial of {@code product} came from, or {@code null} for a serial Lacak did not issue. */
    public Match find(Product product, String serial) {
        if (product == null || serial == null || serial.length() != SerialCodec.LENGTH) {
            return null;
        }
        // newest version first: after a rotation most codes in circulation soon are the current key's
        for (int version : ref.keyVersions(product.id())) {
            if (!keys.has(version)) {
                continue; // a version whose key is gone can prove nothing
            }
            long counter = codec(product, version).counter(serial);
            Issuance i = counter < 0 ? null : ref.issuance(product.id(), counter);
            if (i != null && i.keyVersion() == version) {
                return new Match(i, counter);
            }
        }
        return null;
    }

    private SerialCodec codec(Product product, int version) {
        return codecs.computeIfAbsent(
                ((long) product.id() << 8) | version, k -> SerialCodec.create(keys, version, product.nie()));
    }
}
