package io.lacak.benchmarks.lifecycle;

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

import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.lifecycle.UsageLine;
import io.lacak.core.lifecycle.UsageLine.Use;
import io.lacak.core.serial.SerialKeys;
import io.lacak.core.store.CodeStore;
import io.lacak.core.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store side of the lifecycle, without HTTP, CSV or the journal (issue 3):
 * <ul>
 *   <li>{@code usageApply}: activation + aggregation (10 units a box, 10 boxes a case) decided and
 *       applied, per code (target >= 500,000 codes/s); baseline {@code usageDecideOnly}.</li>
 *   <li>{@code shipPallet} vs {@code shipOneUnit}: ship and receive a case of 100,000 units and a
 *       single unit (target: ratio ~1).</li>
 * </ul>
 *
 * <p>{@code java -jar benchmarks/target/lacak-bench.jar LedgerBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx3g", E1, E2, E3, E4, O1, O2, O3, O4, O5, NO_ANALYTICS})
public class LedgerBenchmark {

    private static final int LINES = 10_000;
    private static final int PALLET = 100_000;
    private static final int MFR = 1;
    private static final int PBF = 2;
    private static final int PRODUCT = 1;
    private static final LocalDate EXPIRY = LocalDate.of(2030, 12, 31);

    private Path dir;
    private CodeStore store;
    private Ledger ledger;
    private long round;
    private final CodeRef pallet = new CodeRef(PRODUCT, "PALLET", "B1", EXPIRY);
    private final CodeRef single = new CodeRef(PRODUCT, "SINGLE", "B1", EXPIRY);
    private int palletAt = MFR;
    private int singleAt = MFR;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("lacak-bench-ledger");
        store = CodeStore.open(new StoreOptions().setDirectory(dir).setInitialCodes(20_000_000));
        ReferenceData ref = new ReferenceData();
        ref.addFacility(new Facility(MFR, "MFR-001", FacilityType.MANUFACTURER));
        ref.addFacility(new Facility(PBF, "PBF-001", FacilityType.DISTRIBUTOR));
        ref.addProduct(new Product(PRODUCT, "DKL1234567890A1", MFR));
        ledger = new Ledger(store, ref, SerialKeys.of(Map.of(1, new byte[32])), Clock.systemUTC());
        // A pallet of 100,000 units: 100 boxes of 1,000 in one case; and one loose unit.
        List<UsageLine> lines = new ArrayList<>(PALLET + 1);
        for (int u = 0; u < PALLET; u++) {
            lines.add(new UsageLine(
                    new CodeRef(PRODUCT, "PU" + u, "B1", EXPIRY),
                    Use.ACTIVE,
                    new CodeRef(PRODUCT, "PBOX" + (u / 1000), "B1", EXPIRY),
                    pallet));
        }
        lines.add(new UsageLine(single, Use.ACTIVE, null, null));
        apply(ledger.usage(MFR, lines, Ledger.Mode.ATOMIC));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void apply(Decision d) {
        if (!d.outcome().fullyAccepted()) {
            throw new IllegalStateException(
                    "benchmark report refused: " + d.outcome().refused().subList(0, 1));
        }
        ledger.apply(ledger.sequence() + 1, d.effects());
    }

    private List<UsageLine> nextUsage() {
        long r = round++;
        List<UsageLine> lines = new ArrayList<>(LINES);
        for (int u = 0; u < LINES; u++) {
            lines.add(new UsageLine(
                    new CodeRef(PRODUCT, "R" + r + "U" + u, "B1", EXPIRY),
                    Use.ACTIVE,
                    new CodeRef(PRODUCT, "R" + r + "S" + (u / 10), "B1", EXPIRY),
                    new CodeRef(PRODUCT, "R" + r + "T" + (u / 100), "B1", EXPIRY)));
        }
        return lines;
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int usageApply() {
        Decision d = ledger.usage(MFR, nextUsage(), Ledger.Mode.ATOMIC);
        apply(d);
        return d.outcome().accepted();
    }

    /** Baseline: the same reports decided but not applied. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int usageDecideOnly() {
        return ledger.usage(MFR, nextUsage(), Ledger.Mode.ATOMIC).outcome().accepted();
    }

    /** Ship the 100,000-unit pallet to the other facility and receive it there. */
    @Benchmark
    public int shipPallet() {
        palletAt = shipAndReceive(pallet, palletAt);
        return palletAt;
    }

    /** The same for a single unit. */
    @Benchmark
    public int shipOneUnit() {
        singleAt = shipAndReceive(single, singleAt);
        return singleAt;
    }

    /** Ships {@code code} from {@code at} to the other facility, receives it there, returns where it is. */
    private int shipAndReceive(CodeRef code, int at) {
        int to = at == MFR ? PBF : MFR;
        apply(ledger.ship(at, to, List.of(code), Ledger.Mode.ATOMIC));
        apply(ledger.receive(to, List.of(code), Ledger.Mode.ATOMIC));
        return to;
    }
}
