package io.lacak.ingest.upload;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Issue 18: a file still being received, read by its job while it arrives. The receiver (the
 * event loop) writes the body to the job's file and says how far it is written ({@link #wrote}:
 * writes may complete out of order, so only the prefix whose writes have all completed is
 * visible); the job's thread reads the file through {@link #open} up to there and waits for more.
 * The end of the file is given only once the upload is accepted ({@link #accepted}: its hash
 * compared, so a repeated file is never committed); a broken or repeated upload fails the reader
 * ({@link #withdraw}), and its job ends with nothing applied.
 *
 * <p>{@code arriving.wrote(end, out.write(chunk)); ... arriving.accepted();}
 */
final class Arriving {

    /** The reader's failure when the upload was withdrawn: broken, refused or a repeat. */
    static final class Withdrawn extends IOException {
        Withdrawn(Throwable cause) {
            super("the upload was withdrawn before it was complete", cause);
        }
    }

    private final Path file;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition more = lock.newCondition();
    /** Event loop only: writes issued and not yet visible, in file order: their ends, and whether each completed. */
    private final ArrayDeque<long[]> writes = new ArrayDeque<>();

    private long issued;
    private long visible;
    private boolean ended;
    private Throwable withdrawn;

    Arriving(Path file) {
        this.file = file;
    }

    /** Event loop: a write up to {@code end} was issued; it counts once it and all before it completed. */
    void wrote(long end, Future<Void> write) {
        long[] w = {end, 0};
        writes.add(w);
        lock.lock();
        try {
            issued = end;
        } finally {
            lock.unlock();
        }
        write.onComplete(ar -> {
            if (ar.failed()) {
                withdraw(ar.cause());
                return;
            }
            w[1] = 1;
            long upTo = -1;
            while (!writes.isEmpty() && writes.peek()[1] == 1) {
                upTo = writes.poll()[0];
            }
            if (upTo >= 0) {
                signal(upTo, false, null);
            }
        });
    }

    /** The upload is complete and accepted: the reader may reach the end once all is written. */
    void accepted() {
        signal(-1, true, null);
    }

    /** The upload will not be a job: the reader fails with {@link Withdrawn}. */
    void withdraw(Throwable cause) {
        signal(-1, false, cause);
    }

    private void signal(long upTo, boolean end, Throwable failed) {
        lock.lock();
        try {
            if (upTo > visible) {
                visible = upTo;
            }
            ended |= end;
            if (failed != null && withdrawn == null) {
                withdrawn = failed;
            }
            more.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The file as it arrives: blocks for bytes not yet written; the end once accepted and written. */
    InputStream open() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                long until = awaitBeyond(position);
                if (until < 0) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, until - position)), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** How far the file may be read from {@code position}: beyond it, or -1 at the accepted end. */
    private long awaitBeyond(long position) throws IOException {
        lock.lock();
        try {
            while (true) {
                if (withdrawn != null) {
                    throw new Withdrawn(withdrawn);
                }
                if (visible > position) {
                    return visible;
                }
                if (ended && visible >= issued) {
                    return -1;
                }
                more.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("stopped while the upload arrived");
        } finally {
            lock.unlock();
        }
    }
}
