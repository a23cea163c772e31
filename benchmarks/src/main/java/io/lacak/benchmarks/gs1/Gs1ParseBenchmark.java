package io.lacak.benchmarks.gs1;

import io.lacak.core.gs1.Gs1CheckDigit;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.gs1.Symbology;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + validate of one payload per operation, single thread, for each input form (issue 2
 * target: >= 2 million bracketed payloads/s per core). Baseline in the same run: a regular
 * expression that only splits the bracketed form into its four fields, validating nothing.
 *
 * <p>{@code java -jar benchmarks/target/lacak-bench.jar Gs1ParseBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-Dchronicle.analytics.disable=true"})
@Threads(1)
public class Gs1ParseBenchmark {

    private static final int N = 4096; // distinct payloads, cycled, so that nothing is constant-folded
    private static final Pattern BRACKETED = Pattern.compile(
            "\\(90\\)([0-9A-Za-z]{1,16})\\(10\\)([0-9A-Za-z]{1,20})\\(17\\)(\\d{6})\\(21\\)([0-9A-Za-z]{1,20})");

    private final Gs1Codec codec = Gs1Codec.bpom();
    private final String[] bracketed = new String[N];
    private final String[] scanner = new String[N];
    private final String[] digitalLink = new String[N];
    private int i;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int k = 0; k < N; k++) {
            LocalDate expiry = LocalDate.of(2027, 1, 1).plusDays(rnd.nextInt(1500));
            String batch = "B" + rnd.nextInt(1_000_000);
            String serial = Long.toString(rnd.nextLong(1L << 50), 36).toUpperCase();
            Gs1Payload nie = Gs1Payload.authentication(
                    "DKL" + (1_000_000_000L + rnd.nextInt(1_000_000_000)) + "A1", batch, expiry, serial);
            bracketed[k] = nie.bracketed();
            scanner[k] = nie.scannerData(Symbology.DATAMATRIX);
            String gtin = Gs1CheckDigit.append("0" + (899_000_000_000L + rnd.nextInt(1_000_000_000)));
            Gs1Payload byGtin = Gs1Payload.authenticationByGtin(gtin, batch, expiry, serial);
            digitalLink[k] = byGtin.digitalLink("https://id.lacak.example");
            if (!codec.parse(bracketed[k]).valid()
                    || !codec.parse(scanner[k]).valid()
                    || !codec.parse(digitalLink[k]).valid()) {
                throw new IllegalStateException("benchmark payload invalid: " + codec.parse(digitalLink[k]));
            }
        }
    }

    private int next() {
        i = (i + 1) & (N - 1);
        return i;
    }

    @Benchmark
    public Gs1Result bracketed() {
        return codec.parse(bracketed[next()]);
    }

    @Benchmark
    public Gs1Result scannerData() {
        return codec.parse(scanner[next()]);
    }

    @Benchmark
    public Gs1Result digitalLink() {
        return codec.parse(digitalLink[next()]);
    }

    /** Baseline: split the bracketed form with a regular expression, no validation at all. */
    @Benchmark
    public String baselineRegexSplit() {
        Matcher m = BRACKETED.matcher(bracketed[next()]);
        return m.matches() ? m.group(4) : null;
    }
}
