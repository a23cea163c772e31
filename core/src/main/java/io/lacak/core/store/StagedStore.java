package io.lacak.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The changes of one bulk report not yet committed (issue 18), kept off the heap in a scratch
 * store of their own in front of the real one: the report's later chunks read its earlier chunks
 * through it, while every other reader keeps reading the real store underneath, which holds only
 * journaled state. Memory does not grow with the file: the scratch store is memory-mapped files,
 * like the real one. Every code the report reads from underneath is copied into the scratch store,
 * so that {@link #staged(byte[])} answers the whole set of codes the report has touched: the
 * fence that makes other reports wait rather than read or change them before the report is
 * committed or dropped. Single writer only.
 *
 * <p>{@code try (StagedStore staged = StagedStore.open(store, dir, 1_000_000)) { ledger.apply(seq, fx); }}
 */
public final class StagedStore implements CodeStore {

    private final CodeStore base;
    private final CodeStore scratch;
    private final Path dir;
    private final CodeState copy = new CodeState();
    private int floor;

    private StagedStore(CodeStore base, CodeStore scratch, Path dir) {
        this.base = base;
        this.scratch = scratch;
        this.dir = dir;
    }

    /** A fresh scratch store in {@code dir} (emptied first) in front of {@code base}, sized for about {@code codes}. */
    public static StagedStore open(CodeStore base, Path dir, long codes) {
        delete(dir);
        CodeStore scratch = CodeStore.open(
                new StoreOptions().setDirectory(dir).setInitialCodes(Math.max(10_000, Math.min(codes, 4_000_000))));
        return new StagedStore(base, scratch, dir);
    }

    /** Whether this report has read or changed the code {@code key}: other reports must not touch it yet. */
    public boolean staged(byte[] key) {
        return scratch.read(key, copy);
    }

    /** Whether this report itself reported the code {@code key} (new here, not read from underneath). */
    public boolean stagedNew(byte[] key) {
        return scratch.read(key, copy) && !base.read(key, copy);
    }

    /** Codes staged (read or changed). */
    public long stagedCodes() {
        return scratch.size();
    }

    @Override
    public boolean read(byte[] key, CodeState into) {
        if (scratch.read(key, into)) {
            return true;
        }
        if (!base.read(key, into)) {
            return false;
        }
        scratch.write(key, into); // touched: fenced from other reports from now on
        return true;
    }

    @Override
    public void write(byte[] key, CodeState state) {
        scratch.write(key, state);
    }

    @Override
    public void putContainer(int id, byte[] key) {
        scratch.putContainer(id, key);
    }

    @Override
    public int containerOf(byte[] key) {
        int id = scratch.containerOf(key);
        return id != 0 ? id : base.containerOf(key);
    }

    /**
     * Container ids this report has not given out, above those of the real store and of any report
     * committed since ({@link #reserveContainersFrom}).
     */
    @Override
    public int nextContainerId() {
        return Math.max(Math.max(scratch.nextContainerId(), base.nextContainerId()), floor);
    }

    /** Other reports gave out container ids below {@code id} meanwhile: this report's next ones start there. */
    public void reserveContainersFrom(int id) {
        floor = Math.max(floor, id);
    }

    @Override
    public boolean containerKey(int id, byte[] out) {
        return scratch.containerKey(id, out) || base.containerKey(id, out);
    }

    @Override
    public void putChild(int id, int slot, byte[] child) {
        scratch.putChild(id, slot, child);
    }

    @Override
    public boolean childKey(int id, int slot, byte[] out) {
        return scratch.childKey(id, slot, out) || base.childKey(id, slot, out);
    }

    @Override
    public void extendChildSlots(int id, int slots) {
        scratch.extendChildSlots(id, slots);
    }

    @Override
    public int childSlots(int id) {
        return Math.max(scratch.childSlots(id), base.childSlots(id));
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

    /** The real store's: a staged report has no position in the journal until it is committed. */
    @Override
    public long appliedSequence() {
        return base.appliedSequence();
    }

    /** Ignored: only the real store has a position in the journal. */
    @Override
    public void appliedSequence(long sequence) {}

    @Override
    public void clear() {
        throw new UnsupportedOperationException("a staged report is dropped with close(), never cleared");
    }

    /** Drops the scratch store and its files; the real store underneath is its owner's. */
    @Override
    public void close() {
        scratch.close();
        delete(dir);
    }

    /** Deletes a scratch directory left by an earlier process (a report it had not committed). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the staging directory " + dir, e);
        }
    }
}
