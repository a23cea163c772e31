package io.lacak.api.verify;

import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.SerialCodec;
import io.lacak.core.serial.SerialKeys;
import java.util.HashMap;
import java.util.Map;

/**
 * Which serials Badan POM (Lacak) issued (Pasal 5(1)a): FF1 decrypts a serial to its product's
 * counter, and an issuance holds that counter. Self-issued serials (Pasal 5(1)b) are not among
 * them. Safe for concurrent use.
 *
 * <p>{@code Issuance i = issued.of(product, "2QXW28LW9WCL");}
 */
public final class IssuedSerials {

  private final ReferenceData ref;
  private final SerialKeys keys;
  // SerialCodec is not thread-safe; event loops and workers ask concurrently, one set of codecs each
  private final ThreadLocal<Map<Long, SerialCodec>> codecs = ThreadLocal.withInitial(HashMap::new);

  public IssuedSerials(ReferenceData ref, SerialKeys keys) {
    this.ref = ref;
    this.keys = keys;
  }

  /** The issuance a Lacak serial of {@code p} under the current key came from, or {@code null}. */
  public Issuance of(Product p, String serial) {
    if (serial == null || serial.length() != SerialCodec.LENGTH) {
      return null;
    }
    int version = keys.currentVersion();
    SerialCodec c = codecs.get().computeIfAbsent(((long) p.id() << 8) | version,
        k -> SerialCodec.create(keys, version, p.nie()));
    long counter = c.counter(serial);
    Issuance i = counter < 0 ? null : ref.issuance(p.id(), counter);
    return i != null && i.keyVersion() == version ? i : null;
  }

  /** Whether an authentication code's serial is one Lacak issued for its registered product. */
  public boolean issuedByLacak(Gs1Payload code) {
    Product p = ref.productOf(code.nie(), code.gtin());
    return p != null && of(p, code.serial()) != null;
  }
}
