package io.lacak.core.store.impl;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.openhft.chronicle.hash.serialization.impl.ByteArraySizedReader;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Fixed-size byte keys to fixed-size byte values in a series of persisted Chronicle Maps
 * ("generations"), each twice the size of the one before. New keys go to the newest generation;
 * when it reaches its fill threshold the next one is created, so no map is ever pushed past the
 * entries it was sized for (Chronicle's "extra tier" failures) and growth needs no downtime or
 * copying. A key stays in the generation it was first written to.
 *
 * <p>Single writer, many readers: {@code put} and {@code update} are called from one thread.
 */
final class GrowingMap implements Closeable {

    private static final Pattern FILE = Pattern.compile("(\\w+)-(\\d+)-(\\d+)\\.dat");
    /** A generation being created: renamed to its {@link #FILE} name only once Chronicle marked it ready. */
    private static final String CREATING = ".creating";

    private final Path dir;
    private final String name;
    private final int keySize;
    private final int valueSize;
    private final double growAt;
    private volatile List<Generation> generations; // oldest first; replaced, never mutated
    // Entries of the newest generation, counted here: ChronicleMap.size() walks every segment.
    private volatile long newestSize;
    private volatile long olderSize; // entries of all but the newest generation (they only change in place)

    private record Generation(int index, long capacity, ChronicleMap<byte[], byte[]> map) {}

    private final boolean recover;

    /**
     * Opens or creates the generations of {@code name} in {@code dir}; {@code recover} after an
     * unclean stop, so that locks a killed process held are released (Chronicle's recovery).
     */
    GrowingMap(
            Path dir, String name, int keySize, int valueSize, long initialCapacity, double growAt, boolean recover) {
        this.recover = recover;
        this.dir = dir;
        this.name = name;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.growAt = growAt;
        List<Generation> found = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            // A generation whose creation a kill interrupted never held an entry: drop it.
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> isOwn(f, name) && f.toString().endsWith(CREATING))
                        .toList()) {
                    Files.delete(f);
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> FILE.matcher(p.getFileName().toString()))
                        .filter(m -> m.matches() && m.group(1).equals(name))
                        .sorted((a, b) -> Integer.compare(Integer.parseInt(a.group(2)), Integer.parseInt(b.group(2))))
                        .forEach(m -> found.add(open(Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), true)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store in " + dir, e);
        }
        if (found.isEmpty()) {
            found.add(open(0, initialCapacity, false));
        }
        this.generations = List.copyOf(found);
        this.newestSize = found.get(found.size() - 1).map().size();
        for (int i = 0; i < found.size() - 1; i++) {
            olderSize += found.get(i).map().size();
        }
    }

    /**
     * Opens generation {@code index}: an {@code existing} file (recovered after an unclean stop), or
     * a new one. A new file is created under a temporary name and renamed into place once Chronicle
     * has marked it ready, so a kill during creation leaves no half-created map for the next start:
     * opening such a file waits a minute in Chronicle's {@code waitUntilReady} (issue 15, item 11).
     */
    private Generation open(int index, long capacity, boolean existing) {
        File file = dir.resolve(name + "-" + index + "-" + capacity + ".dat").toFile();
        try {
            var builder = ChronicleMap.of(byte[].class, byte[].class)
                    .name(name + "-" + index)
                    .constantKeySizeBySample(new byte[keySize])
                    .constantValueSizeBySample(new byte[valueSize])
                    .keyReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new ReusedBytesAccess())
                    .valueReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new ReusedBytesAccess())
                    .entries(capacity);
            if (!existing) {
                Path creating = dir.resolve(file.getName() + CREATING);
                Files.deleteIfExists(creating);
                builder.createPersistedTo(creating.toFile()).close();
                Files.move(creating, file.toPath(), StandardCopyOption.ATOMIC_MOVE);
            }
            ChronicleMap<byte[], byte[]> map =
                    existing && recover ? builder.recoverPersistedTo(file, true) : builder.createPersistedTo(file);
            return new Generation(index, capacity, map);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /**
     * The generation files of {@code name} in {@code dir} that are not marked ready in their
     * Chronicle header: the sign bit of the little-endian size word at byte 8 ({@code
     * SizePrefixedBlob}), which Chronicle clears only at the end of a creation or of a recovery. Such
     * a file was being recovered when its process died; its entries can no longer be trusted (an
     * entry was lost in {@code StoreCrashTest}), and opening it waits a minute in {@code
     * waitUntilReady}.
     */
    static List<Path> notReady(Path dir, String name) {
        List<Path> out = new ArrayList<>();
        for (Path f : files(dir, name)) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                ByteBuffer word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                if (ch.read(word, 8) != 4 || word.getInt(0) < 0) {
                    out.add(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        return out;
    }

    /** The generation files of {@code name} in {@code dir}. */
    static List<Path> files(Path dir, String name) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> isOwn(f, name)
                            && FILE.matcher(f.getFileName().toString()).matches())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the store in " + dir, e);
        }
    }

    private static boolean isOwn(Path file, String name) {
        return file.getFileName().toString().startsWith(name + "-");
    }

    /** Copies the value of {@code key} into {@code value}; false when absent. */
    boolean get(byte[] key, byte[] value) {
        List<Generation> gens = generations;
        for (int i = gens.size() - 1; i >= 0; i--) {
            if (gens.get(i).map().getUsing(key, value) != null) {
                return true;
            }
        }
        return false;
    }

    /** Writes {@code key -> value}, in place when the key exists, else in the newest generation. */
    void put(byte[] key, byte[] value) {
        List<Generation> gens = generations;
        int newest = gens.size() - 1;
        for (int i = newest - 1; i >= 0; i--) {
            ChronicleMap<byte[], byte[]> map = gens.get(i).map();
            if (map.containsKey(key)) {
                map.put(key, value);
                return;
            }
        }
        // One operation in the newest generation: put tells whether the key was there.
        Generation g = gens.get(newest);
        if (g.map().put(key, value) == null && ++newestSize >= (long) (g.capacity() * growAt)) {
            List<Generation> grown = new ArrayList<>(gens);
            grown.add(open(g.index() + 1, g.capacity() * 2, false));
            olderSize += newestSize;
            generations = List.copyOf(grown);
            newestSize = 0;
        }
    }

    /** Entries over all generations. */
    /** Entries over all generations, in O(1): Chronicle's own size() walks every segment. */
    long size() {
        return olderSize + newestSize;
    }

    /** Entries all generations are sized for. */
    long capacity() {
        long n = 0;
        for (Generation g : generations) {
            n += g.capacity();
        }
        return n;
    }

    int generationCount() {
        return generations.size();
    }

    void clear() {
        for (Generation g : generations) {
            g.map().clear();
        }
        newestSize = 0;
        olderSize = 0;
    }

    @Override
    public void close() {
        for (Generation g : generations) {
            g.map().close();
        }
    }
}
