package io.lacak.benchmarks.e2e;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Issue 18: every request of an open-loop load with its due time (on the schedule), send time and
 * answer time, in wall-clock milliseconds, so that the slow ones can be set beside the server's GC
 * log, Postgres's log and {@link Probe}'s samples of the same seconds. Kept on one event loop.
 */
final class Trace {

    private final long nanoBase = System.nanoTime();
    private final long wallBase = System.currentTimeMillis();
    private long[] rows = new long[4 << 16];
    private int size;

    void add(long dueNanos, long sentNanos, long answeredNanos, int status) {
        if (size + 4 > rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        rows[size++] = dueNanos;
        rows[size++] = sentNanos;
        rows[size++] = answeredNanos;
        rows[size++] = status;
    }

    int requests() {
        return size / 4;
    }

    /** The wall-clock time of a {@link System#nanoTime()} reading, in milliseconds with a fraction. */
    double wallMillis(long nanos) {
        return wallBase + (nanos - nanoBase) / 1e6;
    }

    /** Latencies from the due time (what a client on schedule waits: no coordinated omission), sorted, in ms. */
    double[] fromDue() {
        double[] out = new double[requests()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (rows[4 * i + 2] - rows[4 * i]) / 1e6;
        }
        Arrays.sort(out);
        return out;
    }

    /** One line a request: due, sent and answered (wall-clock ms), latency from send and from due (ms), status. */
    void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("due_ms,sent_ms,answered_ms,latency_ms,from_due_ms,status\n");
            for (int i = 0; i < size; i += 4) {
                w.write(String.format(
                        java.util.Locale.ROOT,
                        "%.3f,%.3f,%.3f,%.3f,%.3f,%d%n",
                        wallMillis(rows[i]),
                        wallMillis(rows[i + 1]),
                        wallMillis(rows[i + 2]),
                        (rows[i + 2] - rows[i + 1]) / 1e6,
                        (rows[i + 2] - rows[i]) / 1e6,
                        rows[i + 3]));
            }
        }
    }
}
