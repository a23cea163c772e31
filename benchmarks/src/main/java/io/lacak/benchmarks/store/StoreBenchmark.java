package io.lacak.benchmarks.store;

import static io.lacak.benchmarks.JvmFlags.E1;
import static io.lacak.benchmarks.JvmFlags.E2;
import static io.lacak.benchmarks.JvmFlags.E3;
import static io.lacak.benchmarks.JvmFlags.E4;
import static io.lacak.benchmarks.JvmFlags.NO_ANALYTICS;
import static io.lacak.benchmarks.JvmFlags.O1;
import static io.lacak.benchmarks.JvmFlags.O2;
import static io.lacak.benchmarks.JvmFlags.O3;
import static io.lacak.benchmarks.JvmFlags.O4;
import static io.lacak.benchmarks.JvmFlags.O5;

import io.lacak.core.serial.PackagingLevel;
import io.lacak.core.serial.SerialCodec;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeState;
import io.lacak.core.store.CodeStatus;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point look-up of random codes in a store of 10 million (issue 3 target: >= 1 million/s per
 * core), single thread. Baseline in the same run: picking a random stored key, without the look-up.
 * The setup prints the store's bytes per code.
 *
 * <p>{@code java -jar benchmarks/target/lacak-bench.jar StoreBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", E1, E2, E3, E4, O1, O2, O3, O4, O5, NO_ANALYTICS})
public class StoreBenchmark {

    @Param("10000000")
    public int codes;

    private Path dir;
    private CodeStore store;
    private byte[] keys; // every stored key, 20 bytes each, flat: picking one costs one cache miss
    private String[] serials; // a sample of the stored serials, for the FF1 decrypt the dense-array design needs
    private SerialCodec codec;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = Files.createTempDirectory("lacak-bench-store");
        // Sized for the load with headroom, as an operator would: no growth during the fill.
        store = CodeStore.open(new StoreOptions().setDirectory(dir).setInitialCodes(codes + codes / 4 + 1_000));
        codec = SerialCodec.create(SerialKeys.of(Map.of(1, new byte[32])), 1, "DKL1234567890A1");
        keys = new byte[codes * CodeKey.SIZE];
        serials = new String[1 << 20];
        byte[] key = new byte[CodeKey.SIZE];
        CodeState state = new CodeState()
                .level(PackagingLevel.PRIMARY)
                .status(CodeStatus.HELD)
                .batch(1)
                .holder(7);
        for (int i = 0; i < codes; i++) {
            String serial = codec.serial(i);
            store.write(CodeKey.encode(1, serial, key), state.holder(i));
            if (i < serials.length) {
                serials[i] = serial;
            }
            System.arraycopy(key, 0, keys, i * CodeKey.SIZE, CodeKey.SIZE);
        }
        long codeFiles = diskUsage(dir, "codes");
        long all = diskUsage(dir, "");
        System.out.printf(
                "%n{\"name\":\"store-footprint\",\"codes\":%d,\"generations\":%d,"
                        + "\"codeFileBytesOnDisk\":%d,\"bytesPerCode\":%.1f,\"allFilesBytesOnDisk\":%d}%n",
                store.size(), store.generations(), codeFiles, codeFiles / (double) store.size(), all);
    }

    /** Disk blocks actually allocated (du), for files whose name starts with {@code prefix}. */
    static long diskUsage(Path dir, String prefix) throws IOException {
        long total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>)
                    files.filter(p -> p.getFileName().toString().startsWith(prefix))::iterator) {
                Process du = new ProcessBuilder("du", "-B1", "-s", f.toString())
                        .redirectErrorStream(true)
                        .start();
                String out = new String(du.getInputStream().readAllBytes()).trim();
                total += Long.parseLong(out.split("\\s+")[0]);
            }
        }
        return total;
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Per-thread cursor and buffers. */
    @State(Scope.Thread)
    public static class Cursor {
        final SplittableRandom rnd = new SplittableRandom(1);
        final byte[] key = new byte[CodeKey.SIZE];
        final CodeState state = new CodeState();
    }

    @Benchmark
    public int lookupRandom(Cursor c) {
        System.arraycopy(keys, c.rnd.nextInt(codes) * CodeKey.SIZE, c.key, 0, CodeKey.SIZE);
        return store.read(c.key, c.state) ? c.state.holder() : -1;
    }

    /**
     * Issue 19: the FF1 decrypt of a serial to its counter, which an array indexed by (issuance,
     * counter) would do instead of the hash probe of {@link #lookupRandom}.
     */
    @Benchmark
    public long ff1DecryptSerial(Cursor c) {
        return codec.counter(serials[c.rnd.nextInt(serials.length)]);
    }

    /** Baseline of {@link #ff1DecryptSerial}: pick the serial, no decrypt. */
    @Benchmark
    public int baselineSerialOnly(Cursor c) {
        return serials[c.rnd.nextInt(serials.length)].length();
    }

    /** Baseline: pick the key, no look-up. */
    @Benchmark
    public int baselineKeyOnly(Cursor c) {
        System.arraycopy(keys, c.rnd.nextInt(codes) * CodeKey.SIZE, c.key, 0, CodeKey.SIZE);
        return c.key[19];
    }
}
