package io.lacak.core.journal;

import io.lacak.core.lifecycle.Effects;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.store.CodeKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Issue 21: the rule that puts a product's codes in a shard, {@code floor_mod(crc32(holder
 * partner ID), S)} ({@code S} = {@code LACAK_SHARDS}, fixed when the data is made). By NIE holder,
 * not by product: one holder's usage report may pack several of its products into one tertiary,
 * and its code requests, containers and recalls are its own, so one process never leaves a shard.
 * A code names its product, so any node finds a code's shard without asking anyone. A product
 * whose holder is not a known facility (none is registered without one) is in shard 0.
 *
 * <p>{@code int shard = Shards.of(2).ofProduct(ref, code.productId());}
 */
public final class Shards {

    /** Most shards a cluster may have. */
    public static final int MAX = 1024;

    /** One shard: everything in shard 0, the single node as it always was. */
    public static final Shards ONE = new Shards(1);

    private final int count;

    private Shards(int count) {
        this.count = count;
    }

    /** {@code count} shards, 1 to {@link #MAX}. */
    public static Shards of(int count) {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("shards: 1 to " + MAX + ", not " + count);
        }
        return count == 1 ? ONE : new Shards(count);
    }

    public int count() {
        return count;
    }

    /** The shard of every product {@code holderPartnerId} holds. */
    public int ofHolder(String holderPartnerId) {
        if (count == 1) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(holderPartnerId.getBytes(StandardCharsets.UTF_8));
        return (int) Math.floorMod(crc.getValue(), (long) count);
    }

    /** The shard of product {@code productId}'s codes, by its holder in {@code ref}. */
    public int ofProduct(ReferenceData ref, int productId) {
        if (count == 1) {
            return 0;
        }
        Product p = ref.product(productId);
        Facility holder = p == null || p.holder() == 0 ? null : ref.facility(p.holder());
        return holder == null ? 0 : ofHolder(holder.partnerId());
    }

    /** The shard of the code whose store key is {@code key}. */
    public int ofKey(ReferenceData ref, byte[] key) {
        return count == 1 ? 0 : ofProduct(ref, CodeKey.productId(key));
    }

    /**
     * Why the writer of {@code shard} may not journal {@code fx} (a code of another shard's holder
     * in it: the report was sent to the wrong writer), or {@code null} when it may.
     */
    public RuntimeException elsewhere(ReferenceData ref, int shard, Effects fx) {
        if (count == 1) {
            return null;
        }
        SortedSet<Integer> others = new TreeSet<>();
        int last = -1;
        int lastShard = shard;
        for (ByteBuffer key : fx.states().keySet()) {
            int product = CodeKey.productId(key.array());
            if (product != last) {
                last = product;
                lastShard = ofProduct(ref, product);
            }
            if (lastShard != shard) {
                others.add(lastShard);
            }
        }
        if (others.isEmpty()) {
            return null;
        }
        others.add(shard);
        return ShardWriters.spansShards(others);
    }

    @Override
    public String toString() {
        return count + " shard" + (count == 1 ? "" : "s");
    }
}
