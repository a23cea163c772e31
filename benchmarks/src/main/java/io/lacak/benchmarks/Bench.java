package io.lacak.benchmarks;

import io.lacak.benchmarks.e2e.E2e;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code lacak-bench.jar}: {@code all [--quick]} runs the JMH suites and the end-to-end scenarios
 * of every target and writes the table into {@code benchmarks/RESULTS.md}; {@code e2e SCENARIO...
 * [--quick]} runs end-to-end scenarios only; anything else goes to JMH's own runner (e.g.
 * {@code StoreBenchmark -f 3}).
 *
 * <p>{@code java -jar benchmarks/target/lacak-bench.jar all --quick}
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<String> list = new ArrayList<>(Arrays.asList(args));
        if (list.isEmpty() || !(list.get(0).equals("all") || list.get(0).equals("e2e"))) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        boolean all = list.remove(0).equals("all");
        boolean quick = list.remove("--quick");
        long t0 = System.nanoTime();
        List<JsonObject> rows = new ArrayList<>();
        if (all) {
            rows.addAll(new Suites(quick).run());
        }
        rows.addAll(E2e.run(all || list.isEmpty() ? E2e.ALL : list, quick));
        double minutes = (System.nanoTime() - t0) / 60e9;
        System.out.println();
        rows.forEach(r -> System.out.println(r.encode()));
        if (all) {
            Path results = Path.of(System.getProperty("lacak.results", "benchmarks/RESULTS.md"));
            Results.write(results, rows, quick, minutes);
            System.out.printf("%nwrote %s (%.1f minutes)%n", results, minutes);
        }
        System.exit(0); // JMH and Vert.x leave non-daemon threads behind
    }
}
