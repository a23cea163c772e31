package io.lacak.core.store.impl;

import static io.lacak.core.store.Bytes.readInt;
import static io.lacak.core.store.Bytes.writeInt;

import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeState;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

/** The code store on Chronicle Map: codes, containers, children, and the applied journal position. */
public final class ChronicleCodeStore implements CodeStore {

    private static final int CONTAINER_VALUE = CodeKey.SIZE + 4; // container's code key + child slots used

    /** Store layout: 2 since the 17-byte state record and the owners map (session 4); 1 before. */
    private static final long FORMAT = 2;

    private static final Logger LOG = Logger.getLogger(ChronicleCodeStore.class.getName());

    private static final String[] MAPS = {"states", "owners", "containers", "children"};

    private final GrowingMap codes;
    private final GrowingMap owners; // a container's code key -> its container id
    private final GrowingMap containers; // container id -> its key and child slot count
    private final GrowingMap children; // (container id, slot) -> child key
    private final FileChannel meta; // 24 bytes: applied journal sequence, next container id, format
    private final byte[] containerValue = new byte[CONTAINER_VALUE];
    private final byte[] intKey = new byte[4];
    private final byte[] slotKey = new byte[8];
    private long applied;
    private int nextContainer;

    private final Path openMarker;

    public ChronicleCodeStore(StoreOptions options) {
        Path dir = options.directory();
        long initial = options.initialCodes();
        // A marker present at open means the last process did not close the store: recover the maps.
        this.openMarker = dir.resolve("store.open");
        boolean recover;
        try {
            Files.createDirectories(dir);
            recover = Files.exists(openMarker);
            if (!recover) {
                Files.createFile(openMarker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store in " + dir, e);
        }
        boolean older = olderFormat(dir);
        if (recover && !older) {
            discardIfRecoveryWasCut(dir);
        }
        // Containers are a fraction of codes: a secondary holds at least a few primaries.
        this.codes = new GrowingMap(dir, "states", CodeKey.SIZE, CodeState.SIZE, initial, options.growAt(), recover);
        this.owners =
                new GrowingMap(dir, "owners", CodeKey.SIZE, 4, Math.max(1_000, initial / 8), options.growAt(), recover);
        this.containers = new GrowingMap(
                dir, "containers", 4, CONTAINER_VALUE, Math.max(1_000, initial / 8), options.growAt(), recover);
        this.children = new GrowingMap(dir, "children", 8, CodeKey.SIZE, initial, options.growAt(), recover);
        try {
            this.meta = FileChannel.open(
                    dir.resolve("store.meta"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            ByteBuffer b = ByteBuffer.allocate(24);
            if (!older && meta.read(b, 0) == 24) {
                b.flip();
                applied = b.getLong();
                nextContainer = (int) b.getLong();
            } else {
                applied = 0;
                nextContainer = 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store metadata in " + dir, e);
        }
        if (older) {
            clear(); // the journal rebuilds the store in today's layout
        }
    }

    /**
     * A kill during Chronicle's recovery leaves the map it was recovering marked not ready, with
     * entries that can no longer be trusted. The store is only a view of the journal: empty it, so
     * that replay from sequence 0 rebuilds it. The applied position is reset to 0 (durably) before
     * any file is deleted, and the files not ready are deleted last: a kill in between leaves one of
     * them, so the next open empties the store again rather than trusting what is left.
     */
    private static void discardIfRecoveryWasCut(Path dir) {
        List<Path> notReady = new ArrayList<>();
        for (String name : MAPS) {
            notReady.addAll(GrowingMap.notReady(dir, name));
        }
        if (notReady.isEmpty()) {
            return;
        }
        LOG.warning(() -> "the last recovery of " + notReady + " did not finish: the store starts empty and the journal"
                + " rebuilds it");
        try (FileChannel meta =
                FileChannel.open(dir.resolve("store.meta"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(24).putLong(0).putLong(1).putLong(FORMAT);
            b.flip();
            meta.write(b, 0);
            meta.force(true);
            for (String name : MAPS) {
                for (Path f : GrowingMap.files(dir, name)) {
                    if (!notReady.contains(f)) {
                        Files.delete(f);
                    }
                }
            }
            for (Path f : notReady) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the store in " + dir + " for a rebuild", e);
        }
    }

    /**
     * Whether {@code dir} holds a store of an older layout; if so its code files are deleted and
     * the store starts empty, to be rebuilt from the journal (which keeps every format readable).
     */
    private static boolean olderFormat(Path dir) {
        Path metaFile = dir.resolve("store.meta");
        try {
            if (!Files.exists(metaFile) || Files.size(metaFile) == 0) {
                return false;
            }
            if (Files.size(metaFile) >= 24) {
                ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(metaFile));
                if (b.getLong(16) == FORMAT) {
                    return false;
                }
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("codes-"))
                        .toList()) {
                    Files.delete(f);
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store metadata in " + dir, e);
        }
    }

    @Override
    public boolean read(byte[] key, CodeState into) {
        byte[] value = into.buffer();
        if (!codes.get(key, value)) {
            return false;
        }
        into.readFrom(value);
        return true;
    }

    @Override
    public void write(byte[] key, CodeState state) {
        codes.put(key, state.writeTo(state.buffer()));
    }

    @Override
    public int containerOf(byte[] key) {
        byte[] value = new byte[4];
        return owners.get(key, value) ? readInt(value, 0) : 0;
    }

    @Override
    public void putContainer(int id, byte[] key) {
        owners.put(key, writeInt(new byte[4], 0, id));
        writeInt(intKey, 0, id);
        int slots = containers.get(intKey, containerValue) ? readInt(containerValue, CodeKey.SIZE) : 0;
        System.arraycopy(key, 0, containerValue, 0, CodeKey.SIZE);
        writeInt(containerValue, CodeKey.SIZE, slots);
        containers.put(intKey, containerValue);
        nextContainer = Math.max(nextContainer, id + 1);
    }

    @Override
    public int nextContainerId() {
        return nextContainer;
    }

    @Override
    public boolean containerKey(int id, byte[] out) {
        byte[] value = new byte[CONTAINER_VALUE];
        if (!containers.get(writeInt(new byte[4], 0, id), value)) {
            return false;
        }
        System.arraycopy(value, 0, out, 0, CodeKey.SIZE);
        return true;
    }

    @Override
    public void putChild(int id, int slot, byte[] child) {
        writeInt(slotKey, 0, id);
        writeInt(slotKey, 4, slot);
        children.put(slotKey, child);
    }

    @Override
    public boolean childKey(int id, int slot, byte[] out) {
        byte[] key = new byte[8];
        writeInt(key, 0, id);
        writeInt(key, 4, slot);
        return children.get(key, out);
    }

    @Override
    public void extendChildSlots(int id, int slots) {
        if (!containers.get(writeInt(intKey, 0, id), containerValue)) {
            throw new IllegalArgumentException("no container " + id);
        }
        if (slots > readInt(containerValue, CodeKey.SIZE)) {
            writeInt(containerValue, CodeKey.SIZE, slots);
            containers.put(intKey, containerValue);
        }
    }

    @Override
    public int childSlots(int id) {
        byte[] value = new byte[CONTAINER_VALUE];
        return containers.get(writeInt(new byte[4], 0, id), value) ? readInt(value, CodeKey.SIZE) : 0;
    }

    @Override
    public void forEachChild(int id, Consumer<byte[]> action) {
        int slots = childSlots(id);
        byte[] key = new byte[8];
        byte[] child = new byte[CodeKey.SIZE];
        byte[] value = new byte[CodeState.SIZE];
        CodeState state = new CodeState();
        writeInt(key, 0, id);
        for (int slot = 0; slot < slots; slot++) {
            writeInt(key, 4, slot);
            // A child that moved alone or was unpacked no longer names this container: skip it.
            if (children.get(key, child)
                    && codes.get(child, value)
                    && state.readFrom(value).parent() == id) {
                action.accept(child);
            }
        }
    }

    @Override
    public long size() {
        return codes.size();
    }

    @Override
    public long capacity() {
        return codes.capacity();
    }

    @Override
    public int generations() {
        return codes.generationCount();
    }

    @Override
    public long appliedSequence() {
        return applied;
    }

    @Override
    public void appliedSequence(long sequence) {
        applied = sequence;
        ByteBuffer b =
                ByteBuffer.allocate(24).putLong(sequence).putLong(nextContainer).putLong(FORMAT);
        b.flip();
        try {
            meta.write(b, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the applied journal position", e);
        }
    }

    @Override
    public void clear() {
        codes.clear();
        owners.clear();
        containers.clear();
        children.clear();
        nextContainer = 1;
        appliedSequence(0);
    }

    @Override
    public void close() {
        codes.close();
        owners.close();
        containers.close();
        children.close();
        try {
            meta.force(true);
            meta.close();
            Files.deleteIfExists(openMarker);
        } catch (IOException e) {
            // the marker stays: the next open recovers the maps, which is safe either way
        }
    }
}
