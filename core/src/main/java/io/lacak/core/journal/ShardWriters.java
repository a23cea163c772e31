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
 * #split}). With one shard every look-up is shard 0, as the single node was. A cluster node may
 * write some shards only: asking for another's throws {@link Elsewhere}.
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
    /** This node's members, in shard order. */
    private final List<Member> members;
    /** By shard: this node's member, or {@code null} for a shard another node writes. */
    private final Member[] byShard;

    private final ReferenceData ref;

    /**
     * Issue 21: asking for the writer, ledger, store or custody of a shard this node does not write
     * (another node of the cluster owns it, {@code LACAK_NODE_SHARDS}). Thrown before anything is
     * written; the HTTP side sends the request on to that shard's owner.
     */
    public static final class Elsewhere extends RuntimeException {
        private final int shard;

        public Elsewhere(int shard) {
            super("shard " + shard + " is written by another node", null, false, false);
            this.shard = shard;
        }

        public int shard() {
            return shard;
        }
    }

    /** {@code members} in shard order, one per shard of {@code shards}, sharing one reference data. */
    public ShardWriters(Shards shards, List<Member> members) {
        this(shards, members, true);
    }

    /**
     * This node's {@code members} in shard order, sharing one reference data: every shard of {@code
     * shards} when {@code all}, else some (issue 21: a cluster node writing its {@code
     * LACAK_NODE_SHARDS}; the others' requests go to their owners, {@link Elsewhere}).
     */
    public ShardWriters(Shards shards, List<Member> members, boolean all) {
        if (members.isEmpty() || (all && members.size() != shards.count())) {
            throw new IllegalArgumentException(shards + " need as many writers, not " + members.size());
        }
        this.byShard = new Member[shards.count()];
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if ((all && m.shard() != i)
                    || m.shard() >= shards.count()
                    || (i > 0 && m.shard() <= members.get(i - 1).shard())) {
                throw new IllegalArgumentException("writer " + i + " keeps shard " + m.shard());
            }
            byShard[m.shard()] = m;
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

    /** Shard {@code shard}'s member; {@link Elsewhere} when another node writes it. */
    public Member member(int shard) {
        Member m = byShard[shard];
        if (m == null) {
            throw new Elsewhere(shard);
        }
        return m;
    }

    /** Whether this node writes shard {@code shard}. */
    public boolean writes(int shard) {
        return shard >= 0 && shard < byShard.length && byShard[shard] != null;
    }

    /** Whether this node writes every shard (the only node, or a cluster node holding them all). */
    public boolean writesAll() {
        return members.size() == byShard.length;
    }

    /**
     * The first of this node's shards (shard 0 on the only node): what needs no particular shard (the
     * reference data) is reached through it.
     */
    public Sequencer first() {
        return members.get(0).sequencer();
    }

    /** The writer of the shard of the NIE holder {@code partnerId} (a code request's, Pasal 7(2)). */
    public Sequencer forHolder(String partnerId) {
        return member(shards.ofHolder(partnerId)).sequencer();
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
        return member(shardOf(productId)).sequencer();
    }

    /** The reads of a code's state: its shard's ledger. */
    public Ledger ledger(int productId) {
        return forProduct(productId).ledger();
    }

    public CodeStore store(int productId) {
        return member(shardOf(productId)).store();
    }

    public Custody custody(int productId) {
        return member(shardOf(productId)).custody();
    }

    /**
     * One shard's part of a report whose codes span shards: that shard's writer and the positions,
     * ascending, of the report's codes that are in it.
     */
    public record Part(int shard, Sequencer sequencer, int[] indices) {

        /** Whether this node writes the part's shard; else {@link #sequencer} is {@code null}. */
        public boolean local() {
            return sequencer != null;
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
            return List.of(new Part(0, first(), IntStream.range(0, codes.size()).toArray()));
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
            return List.of(new Part(first().shard(), first(), new int[0]));
        }
        List<Part> parts = new ArrayList<>(by.size());
        by.forEach((shard, indices) -> {
            Member m = byShard[shard];
            parts.add(new Part(
                    shard, m == null ? null : m.sequencer(), indices.build().toArray()));
        });
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
        return in.isEmpty() ? first() : member(in.first()).sequencer();
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
