package io.lacak.api.verify;

import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.lifecycle.LacakSerials;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.SerialKeys;

/**
 * Which serials Badan POM (Lacak) issued (Pasal 5(1)a): FF1 decrypts a serial to its product's
 * counter under each key version the product has issuances under, and that version's issuance
 * holds the counter ({@link LacakSerials}, the ledger's rule too). Self-issued serials (Pasal
 * 5(1)b) are not among them. Safe for concurrent use.
 *
 * <p>{@code Issuance i = issued.of(product, "2QXW28LW9WCL");}
 */
public final class IssuedSerials {

    private final ReferenceData ref;
    // SerialCodec is not thread-safe; event loops and workers ask concurrently, one finder each
    private final ThreadLocal<LacakSerials> serials;

    public IssuedSerials(ReferenceData ref, SerialKeys keys) {
        this.ref = ref;
        this.serials = ThreadLocal.withInitial(() -> new LacakSerials(ref, keys));
    }

    /** The issuance a Lacak serial of {@code p} came from, under any key version, or {@code null}. */
    public Issuance of(Product p, String serial) {
        LacakSerials.Match m = serials.get().find(p, serial);
        return m == null ? null : m.issuance();
    }

    /** Whether an authentication code's serial is one Lacak issued for its registered product. */
    public boolean issuedByLacak(Gs1Payload code) {
        Product p = ref.productOf(code.nie(), code.gtin());
        return p != null && of(p, code.serial()) != null;
    }
}
