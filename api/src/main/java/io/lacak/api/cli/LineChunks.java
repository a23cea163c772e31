package io.lacak.api.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a byte stream into chunks of whole lines, so that chunks can be parsed on several threads
 * without a {@code String} per line. Lines end as {@link java.io.BufferedReader#readLine} ends
 * them: at {@code \n}, {@code \r} or {@code \r\n}; the last line needs no terminator, and an
 * input ending with a terminator has no empty line after it.
 *
 * <p>{@code LineChunks in = new LineChunks(stream); while (in.next(chunk)) chunk.forEachLine(sink);}
 */
final class LineChunks {

    /** What receives each line: the bytes {@code data[from, to)}, terminator excluded. */
    interface LineSink {
        void line(byte[] data, int from, int to);
    }

    /** Whole lines read from the stream; reused from chunk to chunk, grown for a longer line. */
    static final class Chunk {
        byte[] data;
        int length;
        /** The previous chunk ended with {@code \r}: a {@code \n} first here ends no line. */
        boolean skipLeadingLf;

        Chunk(int capacity) {
            data = new byte[capacity];
        }

        void forEachLine(LineSink sink) {
            byte[] d = data;
            int n = length;
            int pos = skipLeadingLf && n > 0 && d[0] == '\n' ? 1 : 0;
            while (pos < n) {
                int end = pos;
                while (end < n && d[end] != '\n' && d[end] != '\r') {
                    end++;
                }
                sink.line(d, pos, end);
                if (end < n && d[end] == '\r' && end + 1 < n && d[end + 1] == '\n') {
                    end++;
                }
                pos = end + 1;
            }
        }
    }

    private final InputStream in;
    private byte[] carry = new byte[0];
    private int carryLength;
    private boolean endedWithCr;
    private boolean eof;

    LineChunks(InputStream in) {
        this.in = in;
    }

    /**
     * Fills {@code c} with the next whole lines, as many as fit its buffer (at least one: the
     * buffer grows for a line longer than it); false when the input is used up.
     */
    boolean next(Chunk c) throws IOException {
        if (eof && carryLength == 0) {
            return false;
        }
        if (c.data.length < carryLength) {
            c.data = new byte[carryLength * 2];
        }
        System.arraycopy(carry, 0, c.data, 0, carryLength);
        int n = carryLength;
        carryLength = 0;
        c.skipLeadingLf = endedWithCr;
        int scanned = 0;
        while (true) {
            while (!eof && n < c.data.length) {
                int r = in.read(c.data, n, c.data.length - n);
                if (r < 0) {
                    eof = true;
                } else {
                    n += r;
                }
            }
            if (eof) {
                c.length = n;
                endedWithCr = false;
                return n > 0;
            }
            int cut = lastTerminator(c.data, scanned, n);
            if (cut >= 0) {
                c.length = cut + 1;
                endedWithCr = c.data[cut] == '\r';
                carryLength = n - c.length;
                if (carry.length < carryLength) {
                    carry = new byte[Math.max(carryLength, c.data.length)];
                }
                System.arraycopy(c.data, c.length, carry, 0, carryLength);
                return true;
            }
            scanned = n; // one line longer than the buffer: grow it and read on
            c.data = Arrays.copyOf(c.data, c.data.length * 2);
        }
    }

    private static int lastTerminator(byte[] d, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (d[i] == '\n' || d[i] == '\r') {
                return i;
            }
        }
        return -1;
    }
}
