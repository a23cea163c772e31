package io.lacak.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.store.CodeKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Issue 21: a product's codes are in the shard of its NIE holder, {@code floor_mod(crc32(partner ID), S)}. */
class ShardsTest {

    @Test
    void oneShardPutsEverythingInShardZero() {
        assertThat(Shards.of(1)).isSameAs(Shards.ONE);
        assertThat(Shards.ONE.ofHolder("anything")).isZero();
        assertThat(Shards.ONE.ofProduct(new ReferenceData(), 42)).isZero();
    }

    @Test
    void theHolderPicksTheShardByCrc32() {
        Shards two = Shards.of(2);
        for (String partner : List.of("MFR-A", "MFR-B", "9120001234567", "")) {
            CRC32 crc = new CRC32();
            crc.update(partner.getBytes(StandardCharsets.UTF_8));
            assertThat(two.ofHolder(partner)).isEqualTo((int) (crc.getValue() % 2));
            assertThat(Shards.of(7).ofHolder(partner)).isBetween(0, 6);
        }
    }

    @Test
    void aProductAndItsCodesFollowTheirHolder() {
        ReferenceData ref = new ReferenceData();
        Shards two = Shards.of(2);
        String[] partners = holdersInBothShards(two);
        ref.addFacility(new Facility(1, partners[0], FacilityType.MANUFACTURER));
        ref.addFacility(new Facility(2, partners[1], FacilityType.MANUFACTURER));
        ref.addProduct(new Product(10, "DKL0000000001A1", 1));
        ref.addProduct(new Product(11, "DKL0000000002A1", 1));
        ref.addProduct(new Product(20, "DKL0000000003A1", 2));
        ref.addProduct(new Product(30, "DKL0000000004A1", 0)); // no holder facility: shard 0

        assertThat(two.ofProduct(ref, 10)).isEqualTo(0);
        assertThat(two.ofProduct(ref, 20)).isEqualTo(1);
        assertThat(two.ofProduct(ref, 30)).isEqualTo(0);
        assertThat(two.ofKey(ref, CodeKey.encode(20, "ABC123", new byte[CodeKey.SIZE])))
                .isEqualTo(1);
        // one holder's products never leave its shard (a mixed pallet of products 10 and 11)
        assertThat(two.ofProduct(ref, 11)).isEqualTo(two.ofProduct(ref, 10));
    }

    @Test
    void theCountIsBounded() {
        assertThatThrownBy(() -> Shards.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shards.of(Shards.MAX + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Two partner IDs, the first in shard 0 and the second in shard 1. */
    static String[] holdersInBothShards(Shards two) {
        String[] out = new String[2];
        for (int i = 0; out[0] == null || out[1] == null; i++) {
            String p = "MFR-" + i;
            out[two.ofHolder(p)] = out[two.ofHolder(p)] == null ? p : out[two.ofHolder(p)];
        }
        return out;
    }
}
