package io.lacak.core.journal;

import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.refusal.Refusal;
import io.lacak.core.store.CodeStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Issue 21: the shards one node writes, each its {@link Sequencer} (its own journal sequence and
 * writer thread), its {@link CodeStore} and its {@link Custody} indexer, over one shared {@link
 * ReferenceData}; and the rule ({@link Shards}) that sends a report, a read or a look-up to the
 * shard of the product's holder, and a report mixing holders' codes in a part per shard ({@link
 * #split}). With one shard every look-up is shard 0, as the single node was.
 *
 * <p>{@code for (Part p : writers.split(codes)) p.sequencer().submit(reportOf(p.of(codes)))}
 */
public final class ShardWriters {

    /** One shard of this node: its writer, its store and its custody index. */
    public record Member(Sequencer sequencer, CodeStore store, Custody custody) {
        public int shard() {
            return sequencer.shard();
        }
    }

    private final Shards shards;
    private final List<Member> members;
    private final ReferenceData ref;

    /** {@code members} in shard order, one per shard of {@code shards}, sharing one reference data. */
    public ShardWriters(Shards shards, List<Member> members) {
        if (members.size() != shards.count()) {
            throw new IllegalArgumentException(shards + " need as many writers, not " + members.size());
        }
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).shard() != i) {
                throw new IllegalArgumentException(
                        "writer " + i + " keeps shard " + members.get(i).shard());
            }
        }
        this.shards = shards;
        this.members = List.copyOf(members);
        this.ref = members.get(0).sequencer().referenceData();
    }

    /** The only shard of a single node. */
    public static ShardWriters one(Sequencer sequencer, CodeStore store, Custody custody) {
        return new ShardWriters(Shards.ONE, List.of(new Member(sequencer, store, custody)));
    }

    public Shards shards() {
        return shards;
    }

    public List<Member> members() {
        return members;
    }

    public Member member(int shard) {
        return members.get(shard);
    }

    /** Shard 0's: what needs no shard (the reference data, issuance) is reached through it. */
    public Sequencer first() {
        return members.get(0).sequencer();
    }

    public ReferenceData referenceData() {
        return ref;
    }

    /** The shard product {@code productId}'s codes are in. */
    public int shardOf(int productId) {
        return shards.ofProduct(ref, productId);
    }

    /** The writer of product {@code productId}'s shard. */
    public Sequencer forProduct(int productId) {
        return members.get(shardOf(productId)).sequencer();
    }

    /** The reads of a code's state: its shard's ledger. */
    public Ledger ledger(int productId) {
        return forProduct(productId).ledger();
    }

    public CodeStore store(int productId) {
        return members.get(shardOf(productId)).store();
    }

    public Custody custody(int productId) {
        return members.get(shardOf(productId)).custody();
    }

    /**
     * One shard's part of a report whose codes span shards: that shard's writer and the positions,
     * ascending, of the report's codes that are in it.
     */
    public record Part(Sequencer sequencer, int[] indices) {
        public int shard() {
            return sequencer.shard();
        }

        /** The items of {@code all} (a report's codes, or what stands beside them) this part holds. */
        public <T> List<T> of(List<T> all) {
            List<T> out = new ArrayList<>(indices.length);
            for (int i : indices) {
                out.add(all.get(i));
            }
            return out;
        }
    }

    /**
     * {@code codes} split by their holders' shards, in shard order: one part for codes of one shard
     * (shard 0's for none), more for a distributor's or pharmacy's report mixing holders (issue 21).
     * Each part is decided and journaled in its own shard; no process of one holder is ever split.
     */
    public List<Part> split(List<CodeRef> codes) {
        if (shards.count() == 1) {
            return List.of(new Part(first(), IntStream.range(0, codes.size()).toArray()));
        }
        Map<Integer, IntStream.Builder> by = new TreeMap<>();
        int last = -1;
        int lastShard = 0;
        for (int i = 0; i < codes.size(); i++) {
            int product = codes.get(i).productId();
            if (product != last) { // a report's codes are mostly of one product: one look-up
                last = product;
                lastShard = shardOf(product);
            }
            by.computeIfAbsent(lastShard, k -> IntStream.builder()).add(i);
        }
        if (by.isEmpty()) {
            return List.of(new Part(first(), new int[0]));
        }
        List<Part> parts = new ArrayList<>(by.size());
        by.forEach((shard, indices) -> parts.add(
                new Part(members.get(shard).sequencer(), indices.build().toArray())));
        return parts;
    }

    /**
     * The writer of the one shard the products {@code productIds} are in (shard 0 for none): a
     * report that is never split (one holder's usage, Lampiran G) whose codes span shards is
     * refused (422 {@code SPANS_SHARDS}) rather than applied in one shard's journal.
     */
    public Sequencer forProducts(Collection<Integer> productIds) {
        if (shards.count() == 1) {
            return first();
        }
        SortedSet<Integer> in = new TreeSet<>();
        for (int p : productIds) {
            in.add(shardOf(p));
        }
        if (in.size() > 1) {
            throw spansShards(in);
        }
        return members.get(in.isEmpty() ? 0 : in.first()).sequencer();
    }

    /** The refusal of a report whose codes are in more than one shard, naming them. */
    public static Refusal spansShards(Collection<Integer> shards) {
        return new Refusal(
                Refusal.Kind.UNPROCESSABLE,
                "SPANS_SHARDS",
                "kode laporan ini ada di shard " + shards + " (pemegang NIE yang berbeda); kirim satu laporan per shard"
                        + " / the codes of this report are in shards " + shards
                        + " (different NIE holders); send one report per shard",
                List.of());
    }

    /** Every shard's custody caught up with its journal; how many events in all. */
    public Future<Long> catchUp() {
        if (members.size() == 1) {
            return members.get(0).custody().catchUp();
        }
        List<Future<Long>> each = new ArrayList<>();
        for (Member m : members) {
            each.add(m.custody().catchUp());
        }
        return Future.all(each).map(all -> {
            long n = 0;
            for (int i = 0; i < each.size(); i++) {
                n += all.<Long>resultAt(i);
            }
            return n;
        });
    }

    /** Stops every writer once what was submitted is done. */
    public void close() throws InterruptedException {
        for (Member m : members) {
            m.sequencer().close();
        }
    }
}
