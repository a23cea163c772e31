package io.lacak.benchmarks.serial;

import io.lacak.core.serial.CodeListing;
import io.lacak.core.serial.Issuance;
import io.lacak.core.serial.PackagingLevel;
import io.lacak.core.serial.SerialCodec;
import io.lacak.core.serial.SerialKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Code listing rate (issue 3 target: >= 1 million codes/s): writing the bracketed codes of a
 * 10-million-code issuance in chunks of 8,192, single thread. Baseline in the same run: the same
 * lines with the counter written in base 32 instead of its FF1 serial (what listing would cost
 * without the keyed permutation).
 *
 * <p>{@code java -jar benchmarks/target/lacak-bench.jar SerialListingBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-Dchronicle.analytics.disable=true"})
public class SerialListingBenchmark {

    private static final int CHUNK = 8192;
    private static final long CODES = 10_000_000;

    private CodeListing listing;
    private final StringBuilder out = new StringBuilder(CHUNK * 64);
    private final char[] line = "(90)DKL1234567890A1(10)B2611A(17)281231(21)XXXXXXXXXXXX\n".toCharArray();
    private long from;

    @Setup
    public void setUp() {
        Issuance issuance = new Issuance(
                1,
                1,
                "DKL1234567890A1",
                null,
                "B2611A",
                LocalDate.of(2028, 12, 31),
                CODES,
                CODES / 10,
                CODES / 100,
                10,
                10,
                0,
                1,
                "MFR-001",
                Instant.now());
        SerialCodec codec = SerialCodec.create(SerialKeys.of(Map.of(1, new byte[32])), 1, issuance.nie());
        listing = CodeListing.of(
                issuance, PackagingLevel.PRIMARY, codec, CodeListing.Format.BRACKETED, "https://id.example");
    }

    @Benchmark
    @OperationsPerInvocation(CHUNK)
    public int listBracketed() {
        out.setLength(0);
        int n = listing.write(from, CHUNK, out);
        from = (from + CHUNK) % (CODES - CHUNK);
        return n;
    }

    /** Baseline: the same line, the counter in base 32 where the serial goes. */
    @Benchmark
    @OperationsPerInvocation(CHUNK)
    public int baselineCounterInBase32() {
        out.setLength(0);
        int at = line.length - 13;
        for (int i = 0; i < CHUNK; i++) {
            long x = from + i;
            for (int k = 11; k >= 0; k--) {
                line[at + k] = SerialCodec.ALPHABET.charAt((int) (x & 31));
                x >>>= 5;
            }
            out.append(line);
        }
        from = (from + CHUNK) % (CODES - CHUNK);
        return CHUNK;
    }
}
