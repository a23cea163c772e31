package io.lacak.core.lifecycle;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.lifecycle.Outcome.Alert;
import io.lacak.core.lifecycle.Outcome.Refused;
import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.PackagingLevel;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeState;
import io.lacak.core.store.CodeStatus;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.Fenced;
import io.lacak.core.store.StagedStore;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The lifecycle of authentication codes (DESIGN.md "Lifecycle"; Lampiran G-L): validates each
 * report against the store and applies it, all or nothing unless per-code acceptance is asked for.
 * Moving a container touches only the container; codes inside take their holder and status from
 * their topmost container ("lazy inheritance"), and a code that moves alone leaves its container.
 *
 * <p>Single writer: one thread calls the report methods; {@link #effective} may be called from any.
 *
 * <p>{@code Outcome o = ledger.ship(distributor, pharmacy, List.of(CodeRef.of(productId, serial)), Mode.ATOMIC);}
 *
 * <p>Over 400 lines because it is the one owner of every transition of Lampiran G-L: each
 * report type is a short method over the same overlay, lazy inheritance and refusal rules, and
 * splitting it per Lampiran would spread those shared rules over several classes.
 */
public final class Ledger {

    /** All or nothing (one process, the default), or each code on its own. */
    public enum Mode {
        ATOMIC,
        PER_CODE
    }

    private static final int MAX_DEPTH = 2; // primary -> secondary -> tertiary

    private final CodeStore store;
    private final ReferenceData ref;
    private final Clock clock;
    private final LacakSerials serials; // writer thread only, as the scratch state
    private final CodeState scratch = new CodeState(); // writer thread only
    private long sequence;
    private IntPredicate batchFence = b -> false;
    private long holdWatermarkAt = Long.MAX_VALUE;
    private int batchShard;
    private int batchShards = 1;

    public Ledger(CodeStore store, ReferenceData ref, SerialKeys keys, Clock clock) {
        this.store = store;
        this.ref = ref;
        this.clock = clock;
        this.serials = new LacakSerials(ref, keys);
        this.sequence = store.appliedSequence();
    }

    /**
     * Batches the reports decided here must not use yet (those a bulk report not yet committed has
     * touched, issue 18): deciding a report that does throws {@link Fenced}. {@code null}: none.
     */
    public void fenceBatches(IntPredicate fence) {
        this.batchFence = fence == null ? b -> false : fence;
    }

    /**
     * Issue 21: the writers of {@code shards} shards share one reference data, so the new batches
     * this ledger makes take the references {@code r} with {@code (r - 1) mod shards == shard}: two
     * shards deciding at once never give two batches one reference. One shard: every next one.
     */
    public void batchRefsOf(int shard, int shards) {
        this.batchShard = shard;
        this.batchShards = shards;
    }

    /** The reference of the {@code index}th new batch of a report. */
    private int newBatchRef(int index) {
        int next = ref.nextBatchRef();
        if (batchShards == 1) {
            return next + index;
        }
        return next + Math.floorMod(batchShard + 1 - next, batchShards) + index * batchShards;
    }

    // ---- Lampiran G: usage (active / reject / retained sample) with aggregation ----

    /** Reports the use of codes by the NIE holder, with primary -> secondary -> tertiary packing. */
    public Decision usage(int facility, List<UsageLine> lines, Mode mode) {
        return usage(facility, new UsageLines(lines), mode);
    }

    /** As {@link #usage(int, List, Mode)}, with keys (and maybe serials) worked out ahead (issue 18). */
    public Decision usage(int facility, UsageLines lines, Mode mode) {
        // sized for the report up front: a file of a million lines must not rehash its way up
        Tx tx = new Tx(lines.size() + lines.size() / 4);
        LocalDate today = BpomTime.today(clock);
        Set<ByteBuffer> seen = new HashSet<>(Math.max(16, lines.size() * 4 / 3 + 1));
        Map<ByteBuffer, ByteBuffer> secondaryParent = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            UsageLine line = lines.line(i);
            Step step = tx.step();
            Refusal r = usageLine(step, facility, lines, i, seen, secondaryParent);
            CodeRef p = line.primary();
            Batch batch = r == null ? tx.batch(p.productId(), p.batch(), p.expiry()) : null;
            if (batch != null && ref.recalled(batch.ref())) {
                r = Refusal.RECALLED; // Lampiran L: a recalled batch is not put into circulation again
            } else if (batch != null && batch.expiry().isBefore(today)) {
                r = Refusal.EXPIRED; // an expired product is not released: its codes never go live
            }
            if (r != null) {
                tx.refuse(i, line.primary().serial(), r);
            } else {
                step.keep();
            }
        }
        return tx.finish(mode);
    }

    private Refusal usageLine(
            Step step,
            int facility,
            UsageLines lines,
            int i,
            Set<ByteBuffer> seen,
            Map<ByteBuffer, ByteBuffer> secondaryParent) {
        UsageLine line = lines.line(i);
        CodeRef p = line.primary();
        byte[] primaryKey = lines.key(i, 0);
        if (!seen.add(ByteBuffer.wrap(primaryKey))) {
            return Refusal.DUPLICATE_IN_REPORT;
        }
        Refusal r = checkNew(step, facility, p, primaryKey, PackagingLevel.PRIMARY, lines.decrypted(i, 0));
        if (r != null) {
            return r;
        }
        CodeStatus status =
                switch (line.use()) {
                    case ACTIVE -> CodeStatus.ACTIVE;
                    case REJECTED -> CodeStatus.REJECTED;
                    case RETAINED_SAMPLE -> CodeStatus.RETAINED_SAMPLE;
                };
        Batch batch = step.tx.batch(p.productId(), p.batch(), p.expiry());
        CodeState primary = new CodeState()
                .level(PackagingLevel.PRIMARY)
                .status(status)
                .batch(batch.ref())
                .holder(facility);
        if (line.secondary() == null) {
            if (line.tertiary() != null) {
                return Refusal.WRONG_AGGREGATION; // Lampiran G: a tertiary holds secondaries, not primaries
            }
            step.write(primaryKey, primary);
            return null;
        }
        if (status != CodeStatus.ACTIVE) {
            return Refusal.NOT_IN_CIRCULATION; // a rejected unit or retained sample is never packed
        }
        byte[] secondaryKey = lines.key(i, 1);
        Container secondary = container(
                step, facility, line.secondary(), secondaryKey, lines.decrypted(i, 1), PackagingLevel.SECONDARY, batch);
        if (secondary.refusal != null) {
            return secondary.refusal;
        }
        if (!step.addChild(secondary.id, primaryKey, secondary.capacity)) {
            return Refusal.CAPACITY_EXCEEDED;
        }
        primary.parent(secondary.id);
        step.write(primaryKey, primary);
        if (line.tertiary() != null) {
            byte[] tertiaryKey = lines.key(i, 2);
            ByteBuffer already = secondaryParent.get(ByteBuffer.wrap(secondaryKey));
            if (already != null && !already.equals(ByteBuffer.wrap(tertiaryKey))) {
                return Refusal.WRONG_AGGREGATION; // one secondary in two tertiaries
            }
            Container tertiary = container(
                    step,
                    facility,
                    line.tertiary(),
                    tertiaryKey,
                    lines.decrypted(i, 2),
                    PackagingLevel.TERTIARY,
                    batch);
            if (tertiary.refusal != null) {
                return tertiary.refusal;
            }
            if (secondary.state.parent() != tertiary.id) {
                if (secondary.state.parent() != 0) {
                    return Refusal.WRONG_AGGREGATION;
                }
                if (!step.addChild(tertiary.id, secondaryKey, tertiary.capacity)) {
                    return Refusal.CAPACITY_EXCEEDED;
                }
                secondary.state.parent(tertiary.id);
                step.write(secondaryKey, secondary.state);
            }
            secondaryParent.put(ByteBuffer.wrap(secondaryKey), ByteBuffer.wrap(tertiaryKey));
        }
        return null;
    }

    private record Container(int id, CodeState state, int capacity, Refusal refusal) {
        static Container refused(Refusal r) {
            return new Container(0, null, 0, r);
        }
    }

    /** The container a line packs into: reported by this line or an earlier one of the holder. */
    private Container container(
            Step step,
            int facility,
            CodeRef code,
            byte[] key,
            LacakSerials.Decrypted ahead,
            PackagingLevel level,
            Batch batch) {
        Product product = ref.product(code.productId());
        if (product == null) {
            return Container.refused(Refusal.UNKNOWN_CODE);
        }
        if (product.holder() != facility) {
            // before reading it: whether another holder's container exists is not the reporter's to learn
            return Container.refused(Refusal.NOT_NIE_HOLDER);
        }
        // Pasal 10(2), Lampiran L: one batch per container, the one its code names, so that a recall
        // of the batch stops the container wherever it is (the check on a moved code's own batch)
        if (code.productId() != batch.productId() || !code.batch().equals(batch.batch())) {
            return Container.refused(Refusal.MIXED_BATCH);
        }
        CodeState state = new CodeState();
        CodeState top = new CodeState();
        if (resolve(step, key, state, top) >= 0) {
            if (!party(facility, top)) {
                return Container.refused(Refusal.NOT_HELD);
            }
            if (state.level() != level) {
                return Container.refused(Refusal.LEVEL_MISMATCH);
            }
            if (state.batch() != batch.ref()) {
                return Container.refused(Refusal.MIXED_BATCH); // packed before with another batch's codes
            }
            // the state it inherits: a case on a pallet that has been shipped is not packed any more
            if (top.holder() != facility || top.status() != CodeStatus.ACTIVE) {
                return Container.refused(Refusal.NOT_HOLDER);
            }
            int id = step.containerOf(key);
            if (id == 0) {
                id = step.newContainer(key);
            }
            return new Container(id, state, step.tx.capacity(id, code, level), null);
        }
        Refusal r = checkNew(step, facility, code, key, level, ahead);
        if (r != null) {
            return Container.refused(r);
        }
        state.level(level).status(CodeStatus.ACTIVE).batch(batch.ref()).holder(facility);
        int id = step.newContainer(key);
        step.write(key, state);
        return new Container(id, state, step.tx.capacity(id, code, level), null);
    }

    /** Lampiran G: a new code, reported by its NIE holder, for the batch and level it was issued for. */
    private Refusal checkNew(
            Step step, int facility, CodeRef code, byte[] key, PackagingLevel level, LacakSerials.Decrypted ahead) {
        Product product = ref.product(code.productId());
        if (product == null) {
            return Refusal.UNKNOWN_CODE;
        }
        if (product.holder() != facility) {
            return Refusal.NOT_NIE_HOLDER;
        }
        if (step.read(key, scratch)) {
            // a bulk report's earlier chunk reported it: a duplicate of this report, not an old code
            return store instanceof StagedStore staged && staged.stagedNew(key)
                    ? Refusal.DUPLICATE_IN_REPORT
                    : Refusal.ALREADY_REPORTED;
        }
        // under whichever key version it was issued: a rotation must not turn Lacak's codes into self-issued ones
        LacakSerials.Match issued = serials.find(product, code.serial(), ahead);
        if (issued != null) {
            Issuance issuance = issued.issuance();
            // Pasal 10(2): Lacak's codes serve only the batch they were requested for.
            if (!issuance.batch().equals(code.batch()) || !issuance.expiry().equals(code.expiry())) {
                return Refusal.BATCH_MISMATCH;
            }
            if (issued.level() != level) {
                return Refusal.LEVEL_MISMATCH;
            }
        }
        // Pasal 5(1)b: any other valid serial is the manufacturer's own, accepted as reported.
        Batch batch = step.tx.batch(code.productId(), code.batch(), code.expiry());
        if (!batch.expiry().equals(code.expiry())) {
            return Refusal.BATCH_MISMATCH; // one batch, one expiry
        }
        return null;
    }

    // ---- Lampiran H, I: shipment and receipt ----

    /** Ships codes (primary codes, or the largest containers) from their holder to an addressee. */
    public Decision ship(int from, int to, List<CodeRef> codes, Mode mode) {
        if (ref.facility(to) == null) {
            return refuseAll(codes, Refusal.UNKNOWN_FACILITY);
        }
        return move(from, codes, mode, (own, top) -> {
            if (top.holder() != from) {
                return Refusal.NOT_HOLDER;
            }
            Refusal r = circulating(own, top, false);
            if (r != null) {
                return r;
            }
            if (top.status() != CodeStatus.ACTIVE && top.status() != CodeStatus.HELD) {
                return Refusal.WRONG_STATE;
            }
            own.status(CodeStatus.IN_TRANSIT).holder(from).counterparty(to);
            return null;
        });
    }

    /** Receives codes addressed to {@code at}. */
    public Decision receive(int at, List<CodeRef> codes, Mode mode) {
        return move(at, codes, mode, (own, top) -> {
            if (top.status() != CodeStatus.IN_TRANSIT) {
                return top.status() == CodeStatus.SOLD ? Refusal.ALREADY_SOLD : Refusal.WRONG_STATE;
            }
            if (top.counterparty() != at) {
                return Refusal.WRONG_ADDRESSEE;
            }
            own.status(CodeStatus.HELD).holder(at).counterparty(0);
            return null;
        });
    }

    // ---- Lampiran J: sale ----

    /** Sale or dispensing by a pharmacy, hospital or clinic; primary codes only. */
    public Decision sell(int at, List<CodeRef> codes, Mode mode) {
        Facility pharmacy = ref.facility(at);
        if (pharmacy == null || !pharmacy.type().dispenses()) {
            return refuseAll(codes, Refusal.NOT_PHARMACY);
        }
        Decision d = move(at, codes, mode, (own, top) -> {
            if (own.level() != PackagingLevel.PRIMARY) {
                return Refusal.NOT_PRIMARY;
            }
            if (top.status() == CodeStatus.SOLD) {
                return Refusal.ALREADY_SOLD;
            }
            if (top.holder() != at || top.status() != CodeStatus.HELD) {
                return top.holder() != at ? Refusal.NOT_HOLDER : Refusal.WRONG_STATE;
            }
            Refusal r = circulating(own, top, false);
            if (r != null) {
                return r;
            }
            own.status(CodeStatus.SOLD).holder(at).counterparty(0);
            return null;
        });
        Outcome o = d.outcome();
        List<Alert> alerts = new ArrayList<>();
        CodeState own = new CodeState();
        CodeState top = new CodeState();
        for (Refused r : o.refused()) {
            // Lampiran J: a second sale is a possible clone, whoever offers it; the regulator hears of it
            // either way, the reporter only when it is the pharmacy that sold the code (ALREADY_SOLD)
            CodeRef code = codes.get(r.index());
            if ((r.reason() == Refusal.ALREADY_SOLD || r.reason() == Refusal.NOT_HELD)
                    && resolve(null, key(code), own, top) >= 0
                    && top.status() == CodeStatus.SOLD) {
                alerts.add(new Alert(
                        Outcome.AlertKind.POSSIBLE_CLONE,
                        code.productId(),
                        r.serial(),
                        "code " + r.serial() + " offered for sale again at " + pharmacy.partnerId()
                                + " after it was sold",
                        r.reason() == Refusal.ALREADY_SOLD));
            }
        }
        return alerts.isEmpty()
                ? d
                : new Decision(new Outcome(o.applied(), o.accepted(), o.refused(), alerts), d.effects());
    }

    // ---- Lampiran K: return ----

    /** Returns held codes from {@code from} to {@code to}, pending {@code to}'s decision. */
    public Decision returnTo(int from, int to, List<CodeRef> codes, Mode mode) {
        if (ref.facility(to) == null) {
            return refuseAll(codes, Refusal.UNKNOWN_FACILITY);
        }
        return move(from, codes, mode, (own, top) -> {
            if (top.holder() != from) {
                return Refusal.NOT_HOLDER;
            }
            if (top.status() != CodeStatus.HELD) {
                return top.status() == CodeStatus.SOLD ? Refusal.ALREADY_SOLD : Refusal.WRONG_STATE;
            }
            own.status(CodeStatus.RETURN_PENDING).holder(from).counterparty(to);
            return null;
        });
    }

    /** The addressee of a return approves it (codes become its own) or rejects it (they stay). */
    public Decision decideReturn(int at, boolean approve, List<CodeRef> codes, Mode mode) {
        return move(at, codes, mode, (own, top) -> {
            if (top.status() != CodeStatus.RETURN_PENDING) {
                return Refusal.WRONG_STATE;
            }
            if (top.counterparty() != at) {
                return Refusal.WRONG_ADDRESSEE;
            }
            own.status(CodeStatus.HELD).holder(approve ? at : top.holder()).counterparty(0);
            return null;
        });
    }

    // ---- Lampiran L: recall ----

    /** L.a: the NIE holder recalls a batch; every code of it is recalled at once (a flag). */
    public Decision recallNotice(int by, int productId, String batchNumber) {
        Product product = ref.product(productId);
        Batch batch = ref.findBatch(productId, batchNumber);
        Refusal r = product == null || product.holder() != by
                ? Refusal.NOT_NIE_HOLDER
                : batch == null ? Refusal.UNKNOWN_CODE : null;
        if (r == null && batchFence.test(batch.ref())) {
            throw new Fenced(); // a bulk report is putting codes of the batch into circulation: after it
        }
        if (r == null && ref.recalled(batch.ref())) {
            r = Refusal.ALREADY_RECALLED; // the notice went out with the first recall: not twice
        }
        if (r != null) {
            return new Decision(new Outcome(false, 0, List.of(new Refused(0, batchNumber, r)), List.of()), null);
        }
        Effects fx = new Effects();
        fx.recalls.add(batch.ref());
        return new Decision(new Outcome(true, 1, List.of(), List.of()), fx);
    }

    /** L.b: the holder of recalled codes ships them back. */
    public Decision recallShip(int from, int to, List<CodeRef> codes, Mode mode) {
        if (ref.facility(to) == null) {
            return refuseAll(codes, Refusal.UNKNOWN_FACILITY);
        }
        return move(from, codes, mode, (own, top) -> {
            if (top.holder() != from) {
                return Refusal.NOT_HOLDER;
            }
            if (!ref.recalled(own.batch())) {
                return Refusal.NOT_RECALLED;
            }
            // L.b: recalled goods go back up the chain (pharmacy -> distributor -> NIE holder) in as many
            // recall shipments as it takes; received by the NIE holder, they are home
            boolean onTheWayBack = top.status() == CodeStatus.RECALL_RECEIVED && !nieHolder(from, own);
            if (top.status() != CodeStatus.HELD && top.status() != CodeStatus.ACTIVE && !onTheWayBack) {
                return Refusal.WRONG_STATE;
            }
            own.status(CodeStatus.RECALL_IN_TRANSIT).holder(from).counterparty(to);
            return null;
        });
    }

    /** L.b: the addressee receives recalled codes. */
    public Decision recallReceive(int at, List<CodeRef> codes, Mode mode) {
        return move(at, codes, mode, (own, top) -> {
            if (top.status() != CodeStatus.RECALL_IN_TRANSIT) {
                return Refusal.WRONG_STATE;
            }
            if (top.counterparty() != at) {
                return Refusal.WRONG_ADDRESSEE;
            }
            own.status(CodeStatus.RECALL_RECEIVED).holder(at).counterparty(0);
            return null;
        });
    }

    // ---- unpack ----

    /** Takes codes out of their container explicitly; the holder of the container does it. */
    public Decision unpack(int by, List<CodeRef> codes, Mode mode) {
        return move(by, codes, mode, (own, top) -> top.holder() == by ? null : Refusal.NOT_HOLDER);
    }

    // ---- queries ----

    /** A code's own state and the state it takes from its topmost container. */
    public record Effective(CodeState own, CodeState top, int depth, List<String> ancestors) {}

    /**
     * The effective state of a code, with the serials of the containers it is packed in (innermost
     * first), or {@code null} when it was never reported. Any thread.
     */
    public Effective effective(CodeRef code) {
        CodeState own = new CodeState();
        CodeState top = new CodeState();
        int depth = resolve(null, key(code), own, top);
        if (depth < 0) {
            return null;
        }
        List<String> ancestors = new ArrayList<>(depth);
        CodeState walk = new CodeState().set(own);
        byte[] parentKey = new byte[CodeKey.SIZE];
        for (int i = 0; i < depth && store.containerKey(walk.parent(), parentKey) && store.read(parentKey, walk); i++) {
            ancestors.add(CodeKey.serial(parentKey));
        }
        return new Effective(own, top, depth, List.copyOf(ancestors));
    }

    /**
     * Reads a code's own state into {@code own}, not what it inherits from its containers: one read,
     * for public verification (a sold code has left its container, Lampiran J, and only primaries are
     * sold); false when the code was never reported. Any thread.
     */
    public boolean own(CodeRef code, CodeState own) {
        return store.read(key(code), own);
    }

    /** Sequence of the last event applied; the next accepted report gets {@code sequence() + 1}. */
    public long sequence() {
        return sequence;
    }

    /** Goes back to {@code sequence} after events decided past it were not journaled (a failed group commit). */
    public void rewindTo(long sequence) {
        this.sequence = sequence;
    }

    /**
     * Applies the effects of event {@code seq} to the store and the reference data. Idempotent:
     * applying an event again, as a replay after a crash does, changes nothing further.
     */
    public void apply(long seq, Effects fx) {
        applyEffects(fx);
        sequence = Math.max(sequence, seq);
        store.appliedSequence(Math.min(sequence, holdWatermarkAt - 1));
    }

    private void applyEffects(Effects fx) {
        for (Batch b : fx.batches) {
            ref.addBatch(b);
        }
        for (int batchRef : fx.recalls) {
            ref.recall(batchRef);
        }
        for (Effects.Container c : fx.containers) {
            store.putContainer(c.id(), c.key());
        }
        Map<Integer, Integer> slots = new HashMap<>();
        for (Effects.Child c : fx.children) {
            store.putChild(c.container(), c.slot(), c.key());
            slots.merge(c.container(), c.slot() + 1, Math::max);
        }
        slots.forEach(store::extendChildSlots); // once per container, not once per child
        CodeState state = new CodeState();
        for (Map.Entry<ByteBuffer, byte[]> e : fx.states.entrySet()) {
            store.write(e.getKey().array(), state.readFrom(e.getValue()));
        }
    }

    /**
     * Applies one part of the effects of a bulk report (issue 18) without moving the store's
     * position: the report counts as applied only when its last part is, by {@link #apply} of its
     * commit.
     */
    public void applyPart(Effects part) {
        applyEffects(part);
    }

    /**
     * Takes sequence {@code seq} as given out (a bulk report's commit) while its parts are still
     * being applied: the store's position stays below it until {@link #releaseWatermark()}.
     */
    public void holdWatermarkAt(long seq) {
        sequence = Math.max(sequence, seq);
        holdWatermarkAt = seq;
    }

    /** The bulk report held at is applied whole: the store's position may pass it. */
    public void releaseWatermark() {
        holdWatermarkAt = Long.MAX_VALUE;
        store.appliedSequence(sequence);
    }

    // ---- the machinery ----

    private interface Rule {
        /** Changes {@code own} (already detached from its container) or returns why not. */
        Refusal apply(CodeState own, CodeState top);
    }

    private boolean nieHolder(int facility, CodeState own) {
        Batch batch = ref.batch(own.batch());
        Product product = batch == null ? null : ref.product(batch.productId());
        return product != null && product.holder() == facility;
    }

    /** Expiry and recall for codes in circulation. */
    private Refusal circulating(CodeState own, CodeState top, boolean recallAllowed) {
        if (top.status() == CodeStatus.REJECTED || top.status() == CodeStatus.RETAINED_SAMPLE) {
            return Refusal.NOT_IN_CIRCULATION;
        }
        if (!recallAllowed && ref.recalled(own.batch())) {
            return Refusal.RECALLED;
        }
        Batch batch = ref.batch(own.batch());
        if (batch != null && batch.expiry().isBefore(BpomTime.today(clock))) {
            return Refusal.EXPIRED;
        }
        return null;
    }

    /**
     * Whether {@code facility} has a part in a code's effective state: it holds the code, or the code
     * is shipped, returned or recalled to it. Only a party learns why a report on the code is refused.
     */
    private static boolean party(int facility, CodeState top) {
        return top.holder() == facility || top.counterparty() == facility;
    }

    /**
     * A movement of whole codes reported by {@code by}: each one, detached from its container if it
     * was packed, changed by the rule. A code {@code by} has no part in is refused {@link
     * Refusal#NOT_HELD} before any rule sees it, whatever its state: the refusal of a foreign code
     * must not tell where it is or what became of it, as its state is shown only to its parties.
     */
    private Decision move(int by, List<CodeRef> codes, Mode mode, Rule rule) {
        Tx tx = new Tx();
        Set<ByteBuffer> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            CodeRef code = codes.get(i);
            byte[] key = key(code);
            if (!seen.add(ByteBuffer.wrap(key))) {
                tx.refuse(i, code.serial(), Refusal.DUPLICATE_IN_REPORT);
                continue;
            }
            CodeState own = new CodeState();
            CodeState top = new CodeState();
            Step step = tx.step();
            if (resolve(step, key, own, top) < 0) {
                tx.refuse(i, code.serial(), Refusal.UNKNOWN_CODE);
                continue;
            }
            if (!party(by, top)) {
                tx.refuse(i, code.serial(), Refusal.NOT_HELD);
                continue;
            }
            CodeState before = new CodeState().set(own);
            // Moving alone: the code leaves its container, taking the state it inherited (lazy inheritance).
            own.status(top.status())
                    .holder(top.holder())
                    .counterparty(top.counterparty())
                    .parent(0);
            Refusal r = rule.apply(own, top);
            if (r != null) {
                tx.refuse(i, code.serial(), r);
                continue;
            }
            if (before.parent() != 0 || !sameState(before, own)) {
                step.write(key, own);
            }
            step.keep();
        }
        return tx.finish(mode);
    }

    private static boolean sameState(CodeState a, CodeState b) {
        return a.status() == b.status()
                && a.holder() == b.holder()
                && a.counterparty() == b.counterparty()
                && a.parent() == b.parent();
    }

    /**
     * Reads {@code key} into {@code own} and its topmost container's state into {@code top}
     * ({@code own} itself when not packed); returns the depth, or -1 when the code is unknown.
     */
    private int resolve(Step step, byte[] key, CodeState own, CodeState top) {
        if (!read(step, key, own)) {
            return -1;
        }
        top.set(own);
        byte[] parentKey = new byte[CodeKey.SIZE];
        int depth = 0;
        while (top.parent() != 0 && depth < MAX_DEPTH) {
            if (!containerKey(step, top.parent(), parentKey) || !read(step, parentKey, top)) {
                break;
            }
            depth++;
        }
        return depth;
    }

    private boolean read(Step step, byte[] key, CodeState into) {
        return step != null ? step.read(key, into) : store.read(key, into);
    }

    private boolean containerKey(Step step, int id, byte[] out) {
        return step != null ? step.containerKey(id, out) : store.containerKey(id, out);
    }

    private Decision refuseAll(List<CodeRef> codes, Refusal r) {
        List<Refused> refused = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            refused.add(new Refused(i, codes.get(i).serial(), r));
        }
        return new Decision(new Outcome(false, 0, refused, List.of()), null);
    }

    /** The issuance a Lacak serial came from, under any key version, or {@code null} for a self-issued one. */
    private Issuance issuanceOf(CodeRef code) {
        LacakSerials.Match m = serials.find(ref.product(code.productId()), code.serial());
        return m == null ? null : m.issuance();
    }

    private static byte[] key(CodeRef code) {
        return CodeKey.encode(code.productId(), code.serial(), new byte[CodeKey.SIZE]);
    }

    /** The pending changes of one report: read through, turned into effects only when accepted. */
    private final class Tx {
        final Effects fx;
        final Map<Integer, int[]> counts = new HashMap<>(); // container -> {inside, slots}

        Tx() {
            this(16);
        }

        Tx(int expectedCodes) {
            fx = new Effects(expectedCodes);
        }

        final Map<String, Batch> newBatches = new HashMap<>();
        final Map<ByteBuffer, Integer> owners = new HashMap<>(); // code key -> container id, new in this report
        final int firstContainer = store.nextContainerId();
        final List<Refused> refused = new ArrayList<>();
        int accepted;

        private final Step step = new Step(this);

        /** The step of the next code or line: one, emptied each time (a million-line file makes no million maps). */
        Step step() {
            step.clear();
            return step;
        }

        void refuse(int index, String serial, Refusal r) {
            refused.add(new Refused(index, serial, r));
        }

        private Batch lastBatch;
        final Map<Integer, Integer> capacities = new HashMap<>();

        /** A batch known already, or new in this report (then journaled with it). */
        Batch batch(int productId, String number, LocalDate expiry) {
            Batch last = lastBatch; // reports mostly name one batch: skip the look-ups
            if (last != null && last.productId() == productId && last.batch().equals(number)) {
                return last;
            }
            Batch known = ref.findBatch(productId, number);
            if (known != null && batchFence.test(known.ref())) {
                throw new Fenced(); // new or in use in a bulk report not yet committed
            }
            if (known == null) {
                known = newBatches.computeIfAbsent(productId + "/" + number, k -> {
                    Batch b = new Batch(newBatchRef(newBatches.size()), productId, number, expiry);
                    fx.batches.add(b);
                    return b;
                });
            }
            lastBatch = known;
            return known;
        }

        /** Pasal 8(2)e-f: the capacity requested with a container's codes; self-issued ones are unbounded. */
        int capacity(int container, CodeRef code, PackagingLevel level) {
            return capacities.computeIfAbsent(container, id -> {
                Issuance i = issuanceOf(code);
                return i == null
                        ? Integer.MAX_VALUE
                        : level == PackagingLevel.SECONDARY ? i.perSecondary() : i.perTertiary();
            });
        }

        Decision finish(Mode mode) {
            boolean apply = accepted > 0 && (mode == Mode.PER_CODE || refused.isEmpty());
            return new Decision(
                    new Outcome(apply, apply ? accepted : 0, List.copyOf(refused), List.of()), apply ? fx : null);
        }
    }

    /** The changes of one code or line, kept only when it is accepted. */
    private final class Step {
        final Tx tx;
        final Map<ByteBuffer, byte[]> states = new LinkedHashMap<>();
        final List<Effects.Container> containers = new ArrayList<>();
        final Map<ByteBuffer, Integer> owners = new HashMap<>();
        final List<Effects.Child> children = new ArrayList<>();
        final Map<Integer, int[]> counts = new HashMap<>();

        Step(Tx tx) {
            this.tx = tx;
        }

        boolean read(byte[] key, CodeState into) {
            ByteBuffer k = ByteBuffer.wrap(key);
            byte[] pending = states.get(k);
            if (pending == null) {
                pending = tx.fx.states.get(k);
            }
            if (pending != null) {
                into.readFrom(pending);
                return true;
            }
            return store.read(key, into);
        }

        void write(byte[] key, CodeState state) {
            states.put(ByteBuffer.wrap(key.clone()), state.writeTo(new byte[CodeState.SIZE]));
        }

        int newContainer(byte[] key) {
            int id = tx.firstContainer + tx.fx.containers.size() + containers.size();
            byte[] k = key.clone();
            containers.add(new Effects.Container(id, k));
            owners.put(ByteBuffer.wrap(k), id);
            return id;
        }

        /** Container ids of this report are consecutive from {@code tx.firstContainer}: kept ones, then this step's. */
        boolean containerKey(int id, byte[] out) {
            int i = id - tx.firstContainer;
            int kept = tx.fx.containers.size();
            Effects.Container c = i < 0
                    ? null
                    : i < kept
                            ? tx.fx.containers.get(i)
                            : i - kept < containers.size() ? containers.get(i - kept) : null;
            if (c != null) {
                System.arraycopy(c.key(), 0, out, 0, CodeKey.SIZE);
                return true;
            }
            return store.containerKey(id, out);
        }

        /** The container id of {@code key}: new in this step or report, or in the store; 0 when none. */
        int containerOf(byte[] key) {
            ByteBuffer k = ByteBuffer.wrap(key);
            Integer id = owners.get(k);
            if (id == null) {
                id = tx.owners.get(k);
            }
            return id != null ? id : store.containerOf(key);
        }

        /** Packs {@code child} into container {@code id} unless that exceeds its capacity. */
        boolean addChild(int id, byte[] child, int capacity) {
            int[] count = counts.get(id);
            if (count == null) {
                int[] known = tx.counts.get(id);
                count = known != null
                        ? known.clone()
                        : id < store.nextContainerId()
                                ? new int[] {countInside(id), store.childSlots(id)}
                                : new int[] {0, 0};
            }
            if (count[0] >= capacity) {
                return false;
            }
            children.add(new Effects.Child(id, count[1], child.clone()));
            counts.put(id, new int[] {count[0] + 1, count[1] + 1});
            return true;
        }

        private int countInside(int id) {
            int[] n = {0};
            store.forEachChild(id, k -> n[0]++);
            return n[0];
        }

        void clear() {
            states.clear();
            containers.clear();
            owners.clear();
            children.clear();
            counts.clear();
        }

        /** Keeps this step's changes in its report (copied: the step is emptied for the next). */
        void keep() {
            tx.fx.states.putAll(states);
            tx.fx.containers.addAll(containers);
            tx.owners.putAll(owners);
            tx.fx.children.addAll(children);
            tx.counts.putAll(counts);
            tx.accepted++;
        }
    }
}
