package io.lacak.core.store.impl;

import io.lacak.core.store.Bytes;
import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeState;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.StampedLock;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The code store in memory-mapped files of its own (ARCHITECTURE.md "Store layout", issue 19):
 *
 * <ul>
 *   <li>{@code codes.dat}: one 37-byte record a code, in the order codes first appeared — its
 *       20-byte key and 17-byte state; a record's number (its row) never changes;
 *   <li>{@code codes-N.idx}: an open-addressing index of N 4-byte slots, row + 1 each, kept at most
 *       {@link StoreOptions#growAt()} full; doubled (rebuilt from the records) when it fills;
 *   <li>{@code containers.dat}: 16 bytes a container reference: its code's row + 1, where its
 *       children start in {@code children.dat}, the child slots counted and the slots reserved;
 *   <li>{@code children.dat}: 4 bytes a child (its row + 1), each container's slots contiguous;
 *   <li>{@code owners-N.idx}: container code row to container reference;
 *   <li>{@code store.head}: the applied journal sequence and the counters, 64 bytes.
 * </ul>
 *
 * <p>About 49 bytes a code with full aggregation (37 + 4 / load + 4 a child). A child or container
 * not yet reported is recorded with a reserved state (read answers false). One writer; readers read
 * optimistically under a {@link StampedLock} and retry under its read lock when a write overlapped.
 * A clean close forces the files; after an unclean stop (the {@code store.open} marker) the indexes
 * are rebuilt from the records, and the journal replays what follows the applied sequence.
 *
 * <p>Over 400 lines because codes, containers and children share one lock, one header and one
 * record file: the order of their writes is what makes the rebuild after an unclean stop sound,
 * and it is read in one place or not at all.
 */
public final class MappedCodeStore implements CodeStore {

    /** Store layout: 3 since the mapped records and indexes (issue 19); 2 and 1 were Chronicle Maps. */
    private static final long FORMAT = 3;

    private static final Logger LOG = Logger.getLogger(MappedCodeStore.class.getName());
    private static final Pattern CHRONICLE =
            Pattern.compile("(states|owners|containers|children|codes)-\\d+-\\d+\\.dat.*");

    private static final int RECORD = CodeKey.SIZE + CodeState.SIZE;
    private static final byte RESERVED = (byte) 0xFF; // state byte 0 of a code known only as a child or container
    // containers.dat fields
    private static final int ROW = 0;
    private static final int START = 4;
    private static final int SLOTS = 8;
    private static final int CAP = 12;
    // store.head fields
    private static final int H_FORMAT = 0;
    private static final int H_APPLIED = 8;
    private static final int H_NEXT_CONTAINER = 16;
    private static final int H_ROWS = 24;
    private static final int H_REPORTED = 32;
    private static final int H_CHILDREN = 40;
    private static final int H_GENERATION = 48;

    private final Path dir;
    private final double growAt;
    private final Path openMarker;
    private final StampedLock lock = new StampedLock();
    private final FileChannel headChannel;
    private final MappedByteBuffer head;
    private final MappedArray records;
    private final MappedArray containers;
    private final MappedArray children;
    private volatile SlotIndex index;
    private volatile SlotIndex owners;
    private volatile long rows;
    private volatile long reported;
    private volatile long applied;
    private volatile int nextContainer;
    private volatile int generation;
    private long childrenEnd;
    private final byte[] state = new byte[CodeState.SIZE];
    private final RowMemo memo = new RowMemo(); // writer only

    public MappedCodeStore(StoreOptions options) {
        this.dir = options.directory();
        this.growAt = options.growAt();
        this.openMarker = dir.resolve("store.open");
        boolean recover;
        try {
            Files.createDirectories(dir);
            recover = Files.exists(openMarker);
            if (!recover) {
                Files.createFile(openMarker);
            }
            if (olderLayout(dir)) {
                recover = false;
            }
            this.headChannel = FileChannel.open(
                    dir.resolve("store.head"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            this.head = headChannel.map(FileChannel.MapMode.READ_WRITE, 0, 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store in " + dir, e);
        }
        if (head.getLong(H_FORMAT) != FORMAT) {
            head.putLong(H_FORMAT, FORMAT).putLong(H_NEXT_CONTAINER, 1).putLong(H_GENERATION, 1);
        }
        this.applied = head.getLong(H_APPLIED);
        this.nextContainer = (int) head.getLong(H_NEXT_CONTAINER);
        this.rows = head.getLong(H_ROWS);
        this.reported = head.getLong(H_REPORTED);
        this.childrenEnd = head.getLong(H_CHILDREN);
        this.generation = (int) head.getLong(H_GENERATION);
        this.records = new MappedArray(dir.resolve("codes.dat"), RECORD, 16);
        this.containers = new MappedArray(dir.resolve("containers.dat"), 16, 16);
        this.children = new MappedArray(dir.resolve("children.dat"), 4, 18);
        records.ensure(rows);
        containers.ensure(nextContainer);
        children.ensure(childrenEnd);
        this.index = SlotIndex.open(dir, "codes", slotsFor(options.initialCodes()));
        this.owners = SlotIndex.open(dir, "owners", slotsFor(Math.max(1_000, options.initialCodes() / 8)));
        if (recover) {
            long t0 = System.nanoTime();
            rebuildIndexes();
            LOG.info(() -> "unclean stop: the store's indexes were rebuilt from " + rows + " records in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    private long slotsFor(long codes) {
        return (long) Math.ceil(codes / growAt) + 1;
    }

    /**
     * Whether {@code dir} holds a store of an older layout (the Chronicle Maps of formats 1 and 2, or
     * a head of another format); if so its files are deleted and the store starts empty, to be
     * rebuilt from the journal (which keeps every format readable).
     */
    private static boolean olderLayout(Path dir) throws IOException {
        Path headFile = dir.resolve("store.head");
        boolean older = Files.exists(dir.resolve("store.meta"))
                || (Files.exists(headFile)
                        && Files.size(headFile) >= 8
                        && java.nio.ByteBuffer.wrap(Files.readAllBytes(headFile))
                                        .getLong(0)
                                != FORMAT);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                older |= CHRONICLE.matcher(n).matches();
            }
        }
        if (!older) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!f.equals(dir.resolve("store.open"))) {
                    Files.delete(f);
                }
            }
        }
        LOG.warning(() -> "the store in " + dir + " had an older layout: it starts empty and the journal rebuilds it");
        return true;
    }

    /** Fills both indexes again from the records and the containers (after an unclean stop). */
    private void rebuildIndexes() {
        while (rows > capacity()) {
            index = installed(index.building(index.slots * 2), index);
        }
        index.clear();
        long counted = 0;
        for (long r = 0; r < rows; r++) {
            index.insert(hashOfRow(r), (int) (r + 1));
            counted += records.region(r).get(records.offset(r) + CodeKey.SIZE) != RESERVED ? 1 : 0;
        }
        reported = counted;
        head.putLong(H_REPORTED, counted);
        owners.clear();
        for (int id = 1; id < nextContainer; id++) {
            int row = containers.getInt(id, ROW);
            if (row != 0) {
                owners.insert(mix(row), id);
            }
        }
    }

    private SlotIndex installed(SlotIndex built, SlotIndex replaced) {
        built.install(replaced);
        replaced.close();
        return built;
    }

    // --- hashing -----------------------------------------------------------------------------------

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static long hash(long k0, long k1, int k2) {
        return mix(k0 * 0x9E3779B97F4A7C15L + k1 * 0xC2B2AE3D27D4EB4FL + k2);
    }

    private long hashOfRow(long row) {
        MappedByteBuffer b = records.region(row);
        int at = records.offset(row);
        return hash(b.getLong(at), b.getLong(at + 8), b.getInt(at + 16));
    }

    /** The row of the code {@code key}, -1 when it has none. */
    private long rowOf(byte[] key) {
        long k0 = Bytes.readLong(key, 0);
        long k1 = Bytes.readLong(key, 8);
        int k2 = Bytes.readInt(key, 16);
        return rowOf(hash(k0, k1, k2), k0, k1, k2);
    }

    private long rowOf(long hash, long k0, long k1, int k2) {
        SlotIndex idx = index;
        for (long i = idx.home(hash); ; i = idx.next(i)) {
            int v = idx.at(i);
            if (v == 0) {
                return -1;
            }
            long row = v - 1L;
            MappedByteBuffer b = records.region(row);
            int at = records.offset(row);
            if (b.getLong(at) == k0 && b.getLong(at + 8) == k1 && b.getInt(at + 16) == k2) {
                return row;
            }
        }
    }

    // --- codes -------------------------------------------------------------------------------------

    @Override
    public boolean read(byte[] key, CodeState into) {
        byte[] value = into.buffer();
        long stamp = lock.tryOptimisticRead();
        boolean found;
        try {
            found = readState(key, value);
        } catch (RuntimeException overlapped) { // a write moved things under the optimistic read
            found = false;
            stamp = 0;
        }
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                found = readState(key, value);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        if (found) {
            into.readFrom(value);
        }
        return found;
    }

    private boolean readState(byte[] key, byte[] value) {
        long row = rowOf(key);
        if (row < 0) {
            return false;
        }
        records.region(row).get(records.offset(row) + CodeKey.SIZE, value, 0, CodeState.SIZE);
        return value[0] != RESERVED;
    }

    @Override
    public void write(byte[] key, CodeState s) {
        growIfFull();
        long stamp = lock.writeLock();
        try {
            long row = rowOrNew(key);
            MappedByteBuffer b = records.region(row);
            int at = records.offset(row) + CodeKey.SIZE;
            if (b.get(at) == RESERVED) {
                head.putLong(H_REPORTED, ++reported);
            }
            b.put(at, s.writeTo(state), 0, CodeState.SIZE);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The row of {@code key}, recorded with a reserved state when new. Under the write lock. */
    private long rowOrNew(byte[] key) {
        long k0 = Bytes.readLong(key, 0);
        long k1 = Bytes.readLong(key, 8);
        int k2 = Bytes.readInt(key, 16);
        long hash = hash(k0, k1, k2);
        long row = memo.row(hash, k0, k1, k2);
        if (row >= 0) {
            return row;
        }
        row = rowOf(hash, k0, k1, k2);
        if (row < 0) {
            row = newRow(key, hash);
        }
        memo.remember(hash, k0, k1, k2, row);
        return row;
    }

    private long newRow(byte[] key, long hash) {
        long row = rows;
        if (row >= Integer.MAX_VALUE - 1) {
            throw new IllegalStateException("the store holds its maximum of " + row + " codes");
        }
        records.ensure(row + 1);
        MappedByteBuffer b = records.region(row);
        int at = records.offset(row);
        b.put(at, key, 0, CodeKey.SIZE);
        b.put(at + CodeKey.SIZE, RESERVED);
        rows = row + 1;
        head.putLong(
                H_ROWS, rows); // before the index names the row: a kill in between leaves a row the rebuild indexes
        index.insert(hash, (int) (row + 1));
        return row;
    }

    /**
     * Doubles the code index when one more row would pass its fill level: built from the records
     * beside the one in use, outside the lock (only this writer changes the records), so readers go
     * on reading the old index meanwhile; swapped in under the lock.
     */
    private void growIfFull() {
        if (rows + 1 <= capacity()) {
            return;
        }
        SlotIndex old = index;
        SlotIndex built = old.building(old.slots * 2);
        for (long r = 0; r < rows; r++) {
            built.insert(hashOfRow(r), (int) (r + 1));
        }
        long stamp = lock.writeLock();
        try {
            built.install(old);
            index = built;
            generation++;
            head.putLong(H_GENERATION, generation);
        } finally {
            lock.unlockWrite(stamp);
        }
        // old stays mapped until collected: a reader may still be probing it
    }

    // --- containers --------------------------------------------------------------------------------

    @Override
    public void putContainer(int id, byte[] key) {
        growIfFull();
        long stamp = lock.writeLock();
        try {
            int row = (int) rowOrNew(key) + 1;
            containers.ensure(id + 1L);
            if (containers.getInt(id, ROW) != row) {
                containers.putInt(id, ROW, row);
                if (Math.max(nextContainer, id + 1L) > owners.slots * growAt) {
                    growOwners(Math.max(nextContainer, id + 1));
                } else if (findOwner(owners, row) == 0) {
                    owners.insert(mix(row), id);
                }
            }
            if (id + 1 > nextContainer) {
                nextContainer = id + 1;
                head.putLong(H_NEXT_CONTAINER, nextContainer);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void growOwners(int upTo) {
        SlotIndex old = owners;
        SlotIndex built = old.building(old.slots * 2);
        for (int id = 1; id < upTo; id++) {
            int row = containers.getInt(id, ROW);
            if (row != 0 && findOwner(built, row) == 0) {
                built.insert(mix(row), id);
            }
        }
        owners = installed(built, old);
    }

    private int findOwner(SlotIndex idx, int row) {
        return idx.find(mix(row), id -> containers.getInt(id, ROW) == row);
    }

    @Override
    public int containerOf(byte[] key) {
        long stamp = lock.readLock();
        try {
            long row = rowOf(key);
            return row < 0 ? 0 : findOwner(owners, (int) row + 1);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public int nextContainerId() {
        return nextContainer;
    }

    private boolean known(int id) {
        return id > 0 && id < containers.mapped() && containers.getInt(id, ROW) != 0;
    }

    @Override
    public boolean containerKey(int id, byte[] out) {
        long stamp = lock.readLock();
        try {
            if (!known(id)) {
                return false;
            }
            copyKey(containers.getInt(id, ROW) - 1L, out);
            return true;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private void copyKey(long row, byte[] out) {
        records.region(row).get(records.offset(row), out, 0, CodeKey.SIZE);
    }

    // --- children ----------------------------------------------------------------------------------

    @Override
    public void putChild(int id, int slot, byte[] child) {
        growIfFull();
        long stamp = lock.writeLock();
        try {
            int row = (int) rowOrNew(child) + 1;
            containers.ensure(id + 1L);
            long start = containers.getInt(id, START) & 0xffffffffL;
            int cap = containers.getInt(id, CAP);
            if (slot >= cap) {
                boolean tail = cap == 0 || start + cap == childrenEnd;
                long from = tail && cap > 0 ? start : childrenEnd;
                int grown = tail ? slot + 1 : Math.max(slot + 1, cap * 2);
                if (from + grown > 0xffffffffL) {
                    throw new IllegalStateException("the children file is full");
                }
                childrenEnd = from + grown;
                children.ensure(childrenEnd);
                head.putLong(H_CHILDREN, childrenEnd); // first: a kill after it leaves unused slots, never shared ones
                if (from != start) {
                    for (int i = 0; i < cap; i++) {
                        children.putInt(from + i, 0, children.getInt(start + i, 0));
                    }
                }
                children.zero(from + cap, from + grown);
                containers.putInt(id, START, (int) from);
                containers.putInt(id, CAP, grown);
                start = from;
            }
            children.putInt(start + slot, 0, row);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public boolean childKey(int id, int slot, byte[] out) {
        long stamp = lock.readLock();
        try {
            if (id <= 0 || id >= containers.mapped() || slot < 0 || slot >= containers.getInt(id, CAP)) {
                return false;
            }
            int row = children.getInt((containers.getInt(id, START) & 0xffffffffL) + slot, 0);
            if (row == 0) {
                return false;
            }
            copyKey(row - 1L, out);
            return true;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public void extendChildSlots(int id, int slots) {
        long stamp = lock.writeLock();
        try {
            if (!known(id)) {
                throw new IllegalArgumentException("no container " + id);
            }
            if (slots > containers.getInt(id, SLOTS)) {
                containers.putInt(id, SLOTS, slots);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public int childSlots(int id) {
        long stamp = lock.readLock();
        try {
            return id > 0 && id < containers.mapped() ? containers.getInt(id, SLOTS) : 0;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    // --- the whole store ---------------------------------------------------------------------------

    @Override
    public long size() {
        return reported;
    }

    @Override
    public long capacity() {
        return (long) (index.slots * growAt);
    }

    /** Times the code index was sized: 1, plus one for each doubling. */
    @Override
    public int generations() {
        return generation;
    }

    @Override
    public long appliedSequence() {
        return applied;
    }

    @Override
    public void appliedSequence(long sequence) {
        applied = sequence;
        head.putLong(H_APPLIED, sequence);
    }

    @Override
    public void clear() {
        long stamp = lock.writeLock();
        try {
            index.clear();
            owners.clear();
            memo.clear();
            containers.zero(0, containers.mapped());
            rows = 0;
            reported = 0;
            childrenEnd = 0;
            nextContainer = 1;
            head.putLong(H_ROWS, 0)
                    .putLong(H_REPORTED, 0)
                    .putLong(H_CHILDREN, 0)
                    .putLong(H_NEXT_CONTAINER, 1);
            appliedSequence(0);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void close() {
        long stamp = lock.writeLock();
        try {
            records.force();
            containers.force();
            children.force();
            index.force();
            owners.force();
            head.force();
            records.close();
            containers.close();
            children.close();
            index.close();
            owners.close();
            headChannel.close();
            Files.deleteIfExists(openMarker);
        } catch (IOException e) {
            // the marker stays: the next open rebuilds the indexes, which is safe either way
        } finally {
            lock.unlockWrite(stamp);
        }
    }
}
