package io.lacak.core.store.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An open-addressing hash index of non-zero ints (0 marks an empty slot) in one memory-mapped
 * file {@code <name>-<slots>.idx}, probed linearly. It holds no keys: the caller hashes, and tells
 * whether the value in a slot is the one sought ({@link Match}), by reading the record the value
 * names. 4 bytes a slot. Growing builds a larger file beside it and renames it into place, so a
 * file on disk is always whole; after an unclean stop the store rebuilds it from its records.
 *
 * <p>Single writer; readers probe concurrently (their validity is the store's lock).
 */
final class SlotIndex {

    private static final Pattern FILE = Pattern.compile("(\\w+)-(\\d+)\\.idx");

    /** Whether slot value {@code value} is the one sought. */
    interface Match {
        boolean test(int value);
    }

    private final Path dir;
    private final String name;
    final long slots;
    private final MappedArray slotArray;

    private SlotIndex(Path dir, String name, long slots) {
        this.dir = dir;
        this.name = name;
        this.slots = slots;
        this.slotArray = new MappedArray(file(dir, name, slots), 4, shift(slots));
        slotArray.ensure(slots);
    }

    /** Regions of at most 1 GiB, no larger than the table needs. */
    private static int shift(long slots) {
        return Math.max(10, Math.min(28, 64 - Long.numberOfLeadingZeros(slots - 1)));
    }

    private static Path file(Path dir, String name, long slots) {
        return dir.resolve(name + "-" + slots + ".idx");
    }

    /**
     * Opens the largest index file of {@code name} in {@code dir}, or creates one of {@code slots}; other
     * index files of the name (the one a growth replaced, one a kill left half-built) are deleted.
     */
    static SlotIndex open(Path dir, String name, long slots) {
        long found = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                Matcher m = FILE.matcher(n);
                if (m.matches() && m.group(1).equals(name)) {
                    found = Math.max(found, Long.parseLong(m.group(2)));
                } else if (n.startsWith(name + "-") && n.endsWith(".idx.new")) {
                    Files.delete(f);
                }
            }
            for (Path f : files(dir, name)) {
                if (!f.equals(file(dir, name, found))) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the index " + name + " in " + dir, e);
        }
        return new SlotIndex(dir, name, found > 0 ? found : slots);
    }

    static java.util.List<Path> files(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                        Matcher m = FILE.matcher(f.getFileName().toString());
                        return m.matches() && m.group(1).equals(name);
                    })
                    .toList();
        }
    }

    /** The first slot probed for {@code hash}: its high 32 bits scaled to the table (no power of two needed). */
    long home(long hash) {
        return ((hash >>> 32) * slots) >>> 32;
    }

    /** The value in slot {@code i}. */
    int at(long i) {
        return slotArray.getInt(i, 0);
    }

    /** The slot after {@code i}, wrapping. */
    long next(long i) {
        return i + 1 == slots ? 0 : i + 1;
    }

    /** The value in the slot chain of {@code hash} that {@code match} accepts; 0 when none. */
    int find(long hash, Match match) {
        for (long i = home(hash); ; i = i + 1 == slots ? 0 : i + 1) {
            int v = slotArray.getInt(i, 0);
            if (v == 0 || match.test(v)) {
                return v;
            }
        }
    }

    /** Puts {@code value} in the first empty slot of the chain of {@code hash} (it is known absent). */
    void insert(long hash, int value) {
        for (long i = home(hash); ; i = i + 1 == slots ? 0 : i + 1) {
            if (slotArray.getInt(i, 0) == 0) {
                slotArray.putInt(i, 0, value);
                return;
            }
        }
    }

    /** A new empty index of {@code slots} beside this one, under a temporary name until {@link #install}. */
    SlotIndex building(long slots) {
        Path tmp = dir.resolve(name + "-" + slots + ".idx.new");
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + tmp, e);
        }
        return new SlotIndex(dir, name, slots, tmp);
    }

    private SlotIndex(Path dir, String name, long slots, Path tmp) {
        this.dir = dir;
        this.name = name;
        this.slots = slots;
        this.slotArray = new MappedArray(tmp, 4, shift(slots));
        slotArray.ensure(slots);
    }

    /** Renames a {@link #building} index into place and deletes {@code replaced}'s file. */
    void install(SlotIndex replaced) {
        try {
            Files.move(
                    dir.resolve(name + "-" + slots + ".idx.new"),
                    file(dir, name, slots),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            if (replaced != null && replaced.slots != slots) {
                Files.deleteIfExists(file(dir, name, replaced.slots));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the index " + name, e);
        }
    }

    void clear() {
        slotArray.zero(0, slots);
    }

    void force() {
        slotArray.force();
    }

    void close() {
        slotArray.close();
    }
}
