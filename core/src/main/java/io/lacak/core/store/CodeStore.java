package io.lacak.core.store;

import io.lacak.core.store.impl.MappedCodeStore;
import java.io.Closeable;
import java.util.function.Consumer;

/**
 * The current state of every reported code, off-heap in memory-mapped files under the data
 * directory (ARCHITECTURE.md "Store layout": 37-byte records, an open-addressing index of 4-byte
 * slots), with the containers that aggregate codes and their children beside it. Reads are thread-safe; writes come from the single writer only.
 *
 * <p>{@code try (CodeStore store = CodeStore.open(options)) { store.read(key, state); }}
 */
public interface CodeStore extends Closeable {

    static CodeStore open(StoreOptions options) {
        return new MappedCodeStore(options);
    }

    /** Copies the state of {@code key} into {@code into}; false when the code was never reported. */
    boolean read(byte[] key, CodeState into);

    /** Writes the state of {@code key}. Single writer only. */
    void write(byte[] key, CodeState state);

    /**
     * Records container reference {@code id} for the code {@code key}, so that it can aggregate
     * children ({@link #containerOf} answers it from then on). Idempotent. Single writer only.
     */
    void putContainer(int id, byte[] key);

    /** The container reference of the code {@code key}, 0 when it aggregates nothing. */
    int containerOf(byte[] key);

    /** The lowest container reference not yet given out. */
    int nextContainerId();

    /** Copies the key of container {@code id} into {@code out}; false when unknown. */
    boolean containerKey(int id, byte[] out);

    /**
     * Records {@code child} in slot {@code slot} of container {@code id}; {@link #childSlots} counts
     * it once {@link #extendChildSlots} covers the slot. Idempotent. Single writer only.
     */
    void putChild(int id, int slot, byte[] child);

    /** Copies the key of the child in slot {@code slot} of container {@code id} into {@code out}; false when none. */
    boolean childKey(int id, int slot, byte[] out);

    /** Makes container {@code id} count at least {@code slots} child slots. Idempotent. Single writer only. */
    void extendChildSlots(int id, int slots);

    /** Number of children ever packed into container {@code id}, including those since moved out. */
    int childSlots(int id);

    /**
     * Calls {@code action} with the key of each code whose parent is still container {@code id};
     * the array passed is reused between calls.
     */
    default void forEachChild(int id, Consumer<byte[]> action) {
        byte[] child = new byte[CodeKey.SIZE];
        CodeState state = new CodeState();
        for (int slot = 0, n = childSlots(id); slot < n; slot++) {
            // a child that moved alone or was unpacked no longer names this container: skip it
            if (childKey(id, slot, child) && read(child, state) && state.parent() == id) {
                action.accept(child);
            }
        }
    }

    /** Codes stored. */
    long size();

    /** Codes the current index is sized for (to its fill level); grows by itself. */
    long capacity();

    /** Times the code index was sized: 1, and one more each time it doubled on filling. */
    int generations();

    /** Sequence of the last journal event applied, persisted with the store. */
    long appliedSequence();

    /** Records that every journal event up to {@code sequence} is applied. Single writer only. */
    void appliedSequence(long sequence);

    /** Forgets everything, for a rebuild from the journal. Single writer only. */
    void clear();

    @Override
    void close();
}
