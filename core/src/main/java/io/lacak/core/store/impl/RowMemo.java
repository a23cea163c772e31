package io.lacak.core.store.impl;

/**
 * The writer's memory of the rows it looked up last, by key (issue 18): applying a part of a bulk
 * report writes most codes two or three times (as a child, as a container, then its state), and
 * each look-up in the index is a cache miss or two in a table of hundreds of megabytes. A
 * direct-mapped table of {@value #SIZE} entries, each a whole key and its row, answers the repeats
 * from the processor's cache. Rows never move, so an entry stays true until {@link #clear()} (the
 * store emptied). Writer thread only, under the store's write lock.
 */
final class RowMemo {

    static final int SIZE = 8192; // a power of two; about 230 KB
    private final long[] k0 = new long[SIZE];
    private final long[] k1 = new long[SIZE];
    private final int[] k2 = new int[SIZE];
    private final long[] rowPlusOne = new long[SIZE];

    private static int slot(long hash) {
        return (int) hash & (SIZE - 1);
    }

    /** The row remembered for the key, -1 when none is. */
    long row(long hash, long a, long b, int c) {
        int i = slot(hash);
        return rowPlusOne[i] != 0 && k0[i] == a && k1[i] == b && k2[i] == c ? rowPlusOne[i] - 1 : -1;
    }

    void remember(long hash, long a, long b, int c, long row) {
        int i = slot(hash);
        k0[i] = a;
        k1[i] = b;
        k2[i] = c;
        rowPlusOne[i] = row + 1;
    }

    void clear() {
        java.util.Arrays.fill(rowPlusOne, 0);
    }
}
