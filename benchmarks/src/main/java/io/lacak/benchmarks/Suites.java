package io.lacak.benchmarks;

import io.lacak.benchmarks.gs1.Gs1ParseBenchmark;
import io.lacak.benchmarks.lifecycle.LedgerBenchmark;
import io.lacak.benchmarks.serial.SerialListingBenchmark;
import io.lacak.benchmarks.store.StoreBenchmark;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH suites of the targets, run from {@code lacak-bench.jar all}: each target's benchmark
 * beside its baseline in the same fork, turned into one result line like the end-to-end ones.
 * {@code --quick}: one warm-up and three one-second iterations, a 2-million-code store.
 */
final class Suites {

    private final boolean quick;

    Suites(boolean quick) {
        this.quick = quick;
    }

    List<JsonObject> run() throws Exception {
        List<JsonObject> rows = new ArrayList<>();
        Map<String, Double> gs1 = scores(Gs1ParseBenchmark.class, "bracketed|baselineRegexSplit");
        rows.add(Results.row(
                        "gs1-parse-bracketed",
                        gs1.get("bracketed"),
                        "parses/s",
                        gs1.get("baselineRegexSplit"),
                        "≥ 2,000,000/s per core",
                        gs1.get("bracketed") >= 2_000_000)
                .put("baseline_is", "regex split of the four fields"));
        Map<String, Double> listing = scores(SerialListingBenchmark.class, "listBracketed|baselineCounterInBase32");
        rows.add(Results.row(
                        "code-listing-jmh",
                        listing.get("listBracketed"),
                        "codes/s",
                        listing.get("baselineCounterInBase32"),
                        "≥ 1,000,000 codes/s",
                        listing.get("listBracketed") >= 1_000_000)
                .put("baseline_is", "counter in base 32, no FF1"));
        int codes = quick ? 2_000_000 : 10_000_000;
        Map<String, Double> store =
                scores(StoreBenchmark.class, "lookupRandom|baselineKeyOnly", "codes", Integer.toString(codes));
        rows.add(Results.row(
                        "store-lookup",
                        store.get("lookupRandom"),
                        "look-ups/s",
                        store.get("baselineKeyOnly"),
                        "≥ 1,000,000/s per core with 10 M codes",
                        codes >= 10_000_000 ? store.get("lookupRandom") >= 1_000_000 : null)
                .put("store_codes", codes)
                .put("baseline_is", "picking a random key, no look-up"));
        Map<String, Double> ledger = scores(LedgerBenchmark.class, "usageApply|usageDecideOnly|shipPallet|shipOneUnit");
        rows.add(Results.row(
                        "usage-apply",
                        ledger.get("usageApply"),
                        "codes/s",
                        ledger.get("usageDecideOnly"),
                        "≥ 500,000 codes/s",
                        ledger.get("usageApply") >= 500_000)
                .put("baseline_is", "the same reports decided, not applied"));
        // shipping: the pallet's time over the unit's (scores are operations per second)
        double palletRatio = ledger.get("shipOneUnit") / ledger.get("shipPallet");
        rows.add(Results.row(
                        "ship-pallet-vs-unit-jmh",
                        ledger.get("shipPallet"),
                        "shipments/s",
                        ledger.get("shipOneUnit"),
                        "time ratio ~1 (O(1))",
                        palletRatio <= 1.5)
                .put("ratio", Results.round2(palletRatio))
                .put("ratio_is", "pallet time / unit time"));
        return rows;
    }

    private Map<String, Double> scores(Class<?> benchmark, String methods, String... params) throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(benchmark.getName() + "\\.(" + methods + ")$")
                .forks(1)
                .shouldFailOnError(true);
        if (quick) {
            o.warmupIterations(1)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        for (int i = 0; i + 1 < params.length; i += 2) {
            o.param(params[i], params[i + 1]);
        }
        Collection<RunResult> results = new Runner(o.build()).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            scores.put(
                    name.substring(name.lastIndexOf('.') + 1),
                    r.getPrimaryResult().getScore());
        }
        return scores;
    }
}
