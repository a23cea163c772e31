package io.lacak.core.store;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Writes held in memory in front of a store, for the group commit of the single writer: the
 * reports of a group are decided one after the other, each seeing the effects of those before it,
 * while nothing reaches the store itself until the group is journaled; then {@link #flush()}
 * writes them through, or {@link #discard()} forgets them. Single writer only; readers keep
 * reading the store underneath, which holds only journaled state.
 *
 * <p>{@code OverlayStore pending = new OverlayStore(store); ledger.apply(seq, fx); ... pending.flush();}
 */
public final class OverlayStore implements CodeStore {

    private final CodeStore base;
    private final Map<ByteBuffer, byte[]> states = new LinkedHashMap<>();
    private final Map<Integer, byte[]> containers = new LinkedHashMap<>();
    private final Map<ByteBuffer, Integer> owners = new HashMap<>();
    private final Map<Long, byte[]> children = new LinkedHashMap<>();
    private final Map<Integer, Integer> slots = new HashMap<>();
    private int nextContainer = -1;
    private long applied = -1;
    private Predicate<byte[]> fence = key -> false;
    private int containerFloor;

    public OverlayStore(CodeStore base) {
        this.base = base;
    }

    /**
     * Codes the reports decided through this overlay must not read yet (those a bulk report not
     * yet committed has touched): reading one throws {@link Fenced}. {@code null}: none.
     */
    public void fence(Predicate<byte[]> fence) {
        this.fence = fence == null ? key -> false : fence;
    }

    /** Container ids below {@code id} are given out already (to a bulk report not yet committed). */
    public void reserveContainersBelow(int id) {
        containerFloor = Math.max(containerFloor, id);
    }

    /** Whether writes are waiting for {@link #flush()}. */
    public boolean pending() {
        return !states.isEmpty() || !containers.isEmpty() || !children.isEmpty() || !slots.isEmpty() || applied >= 0;
    }

    /** Writes everything held through to the store underneath, in dependency order. */
    public void flush() {
        containers.forEach(base::putContainer);
        children.forEach((k, child) -> base.putChild((int) (k >>> 32), (int) (long) k, child));
        slots.forEach(base::extendChildSlots);
        CodeState state = new CodeState();
        states.forEach((k, v) -> base.write(k.array(), state.readFrom(v)));
        if (applied >= 0) {
            base.appliedSequence(applied);
        }
        discard();
    }

    /** Forgets everything held (the group was not journaled). */
    public void discard() {
        states.clear();
        containers.clear();
        owners.clear();
        children.clear();
        slots.clear();
        nextContainer = -1;
        applied = -1;
    }

    @Override
    public boolean read(byte[] key, CodeState into) {
        byte[] v = states.get(ByteBuffer.wrap(key));
        if (v != null) {
            into.readFrom(v);
            return true;
        }
        if (fence.test(key)) {
            throw new Fenced();
        }
        return base.read(key, into);
    }

    @Override
    public void write(byte[] key, CodeState state) {
        states.put(ByteBuffer.wrap(key.clone()), state.writeTo(new byte[CodeState.SIZE]));
    }

    @Override
    public int containerOf(byte[] key) {
        Integer id = owners.get(ByteBuffer.wrap(key));
        return id != null ? id : base.containerOf(key);
    }

    @Override
    public void putContainer(int id, byte[] key) {
        byte[] k = key.clone();
        containers.put(id, k);
        owners.put(ByteBuffer.wrap(k), id);
        nextContainer = Math.max(nextContainerId(), id + 1);
    }

    @Override
    public int nextContainerId() {
        return Math.max(nextContainer >= 0 ? nextContainer : base.nextContainerId(), containerFloor);
    }

    @Override
    public boolean containerKey(int id, byte[] out) {
        byte[] k = containers.get(id);
        if (k != null) {
            System.arraycopy(k, 0, out, 0, CodeKey.SIZE);
            return true;
        }
        return base.containerKey(id, out);
    }

    @Override
    public void putChild(int id, int slot, byte[] child) {
        children.put(((long) id << 32) | (slot & 0xffffffffL), child.clone());
    }

    @Override
    public boolean childKey(int id, int slot, byte[] out) {
        byte[] k = children.get(((long) id << 32) | (slot & 0xffffffffL));
        if (k != null) {
            System.arraycopy(k, 0, out, 0, CodeKey.SIZE);
            return true;
        }
        return base.childKey(id, slot, out);
    }

    @Override
    public void extendChildSlots(int id, int count) {
        if (count > childSlots(id)) {
            slots.put(id, count);
        }
    }

    @Override
    public int childSlots(int id) {
        Integer n = slots.get(id);
        return n != null ? n : base.childSlots(id);
    }

    @Override
    public long size() {
        return base.size();
    }

    @Override
    public long capacity() {
        return base.capacity();
    }

    @Override
    public int generations() {
        return base.generations();
    }

    @Override
    public long appliedSequence() {
        return applied >= 0 ? applied : base.appliedSequence();
    }

    @Override
    public void appliedSequence(long sequence) {
        applied = sequence;
    }

    @Override
    public void clear() {
        discard();
        base.clear();
    }

    /** The store underneath is closed by its owner. */
    @Override
    public void close() {
        discard();
    }
}
