package io.lacak.core.store.impl;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A file of fixed-size elements, memory-mapped in regions of {@code 2^shift} elements each (a
 * mapping is at most 2 GiB), mapped as the array grows. Regions are only added, never unmapped while
 * open, so a reader holding an element index below {@link #mapped()} can always read it. The file
 * grows by mapping past its end: blocks never written stay holes (not on disk, not resident).
 *
 * <p>Single writer ({@link #ensure}); reads from any thread.
 */
final class MappedArray implements Closeable {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final Path file;
    private final FileChannel channel;
    private final int elementSize;
    private final int shift;
    private final long mask;
    private volatile MappedByteBuffer[] regions;

    MappedArray(Path file, int elementSize, int shift) {
        this.file = file;
        this.elementSize = elementSize;
        this.shift = shift;
        this.mask = (1L << shift) - 1;
        if ((long) elementSize << shift > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a region of 2^" + shift + " elements of " + elementSize + " bytes");
        }
        try {
            this.channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long regionBytes = (long) elementSize << shift;
            int n = (int) ((channel.size() + regionBytes - 1) / regionBytes);
            MappedByteBuffer[] r = new MappedByteBuffer[n];
            for (int i = 0; i < n; i++) {
                r[i] = channel.map(FileChannel.MapMode.READ_WRITE, i * regionBytes, regionBytes);
            }
            this.regions = r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file, e);
        }
    }

    /** Maps regions until elements {@code [0, elements)} are covered. Single writer. */
    void ensure(long elements) {
        MappedByteBuffer[] r = regions;
        long regionBytes = (long) elementSize << shift;
        if (((long) r.length << shift) >= elements) {
            return;
        }
        int n = (int) ((elements + mask) >>> shift);
        MappedByteBuffer[] grown = Arrays.copyOf(r, n);
        try {
            for (int i = r.length; i < n; i++) {
                grown[i] = channel.map(FileChannel.MapMode.READ_WRITE, i * regionBytes, regionBytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot grow " + file, e);
        }
        regions = grown;
    }

    /** Elements mapped. */
    long mapped() {
        return (long) regions.length << shift;
    }

    MappedByteBuffer region(long index) {
        return regions[(int) (index >>> shift)];
    }

    /** Byte offset of element {@code index} in its {@link #region}. */
    int offset(long index) {
        return (int) (index & mask) * elementSize;
    }

    int getInt(long index, int field) {
        return region(index).getInt(offset(index) + field);
    }

    void putInt(long index, int field, int value) {
        region(index).putInt(offset(index) + field, value);
    }

    /** Writes zeros over elements {@code [from, to)} that are mapped. */
    void zero(long from, long to) {
        byte[] zeros = ZEROS; // shared, never written: a child slot added zeroes 4 bytes, not a new 64 KiB
        long end = Math.min(to, mapped());
        for (long i = from; i < end; ) {
            MappedByteBuffer r = region(i);
            int at = offset(i);
            long inRegion = Math.min(end - i, (mask + 1) - (i & mask));
            long bytes = inRegion * elementSize;
            for (long done = 0; done < bytes; ) {
                int n = (int) Math.min(zeros.length, bytes - done);
                r.put(at + (int) done, zeros, 0, n);
                done += n;
            }
            i += inRegion;
        }
    }

    /** Writes the mapped pages to disk (a clean close). */
    void force() {
        for (MappedByteBuffer r : regions) {
            r.force();
        }
    }

    @Override
    public void close() {
        try {
            channel.close(); // the mappings stay valid until collected
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
