package io.lacak.ingest.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The files of upload jobs: their hash (a repeated upload is found by it), deletion, and bytes read. */
final class UploadFiles {

    private static final Logger LOG = Logger.getLogger(UploadFiles.class.getName());

    private UploadFiles() {}

    /** The SHA-256 of a file, in hex, read a block at a time. */
    static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Deletes a job's file; one that cannot be deleted is logged, the job goes on. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete " + file, e);
        }
    }

    /** Tells {@code read} the bytes read, for the job's percentage. */
    static final class Counting extends FilterInputStream {
        private final LongConsumer read;

        Counting(InputStream in, LongConsumer read) {
            super(in);
            this.read = read;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                read.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read.accept(n);
            }
            return n;
        }
    }
}
