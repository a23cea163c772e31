import io.lacak.core.gs1.Gs1Codec;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The codec alone on a file, from a cold JVM, without output: what {@code gs1 check} cannot go
 * under (benchmarks/RESULTS.md, "gs1 check after session 7"). Each thread parses its line-aligned
 * share of the file, one String per line.
 *
 * <pre>
 * javac -cp api/target/lacak.jar -d /tmp/cold benchmarks/scripts/ColdParse.java
 * java [-XX:+UseSerialGC -Xmn16m] -cp api/target/lacak.jar:/tmp/cold ColdParse lines-1m.txt 2
 * </pre>
 */
public class ColdParse {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        Gs1Codec codec = Gs1Codec.bpom();
        long size = Files.size(file);
        long[] cuts = new long[threads + 1];
        cuts[threads] = size;
        try (FileChannel ch = FileChannel.open(file)) {
            for (int t = 1; t < threads; t++) {
                ByteBuffer b = ByteBuffer.allocate(4096);
                ch.read(b, size * t / threads);
                int i = 0;
                while (b.get(i) != '\n') {
                    i++;
                }
                cuts[t] = size * t / threads + i + 1;
            }
        }
        long t1 = System.nanoTime();
        long[] valid = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int me = t;
            workers[t] = new Thread(() -> valid[me] = parse(codec, file, cuts[me], cuts[me + 1]));
            workers[t].start();
        }
        long total = 0;
        for (int t = 0; t < threads; t++) {
            workers[t].join();
            total += valid[t];
        }
        long t2 = System.nanoTime();
        System.err.printf("start %d ms, parse %d ms, valid %d%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, total);
    }

    private static long parse(Gs1Codec codec, Path file, long pos, long end) {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer bb = ByteBuffer.allocate(1 << 20);
            byte[] buf = bb.array();
            int have = 0;
            long valid = 0;
            while (pos < end) {
                bb.clear().position(have).limit((int) Math.min(buf.length, have + (end - pos)));
                pos += ch.read(bb, pos);
                have = bb.position();
                int s = 0;
                for (int i = 0; i < have; i++) {
                    if (buf[i] == '\n') {
                        if (codec.parse(new String(buf, s, i - s, StandardCharsets.ISO_8859_1)).valid()) {
                            valid++;
                        }
                        s = i + 1;
                    }
                }
                System.arraycopy(buf, s, buf, 0, have - s);
                have -= s;
            }
            return valid;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
