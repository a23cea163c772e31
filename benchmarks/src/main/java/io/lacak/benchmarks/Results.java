package io.lacak.benchmarks;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Result lines (one JSON object per measured target) and the table {@code lacak-bench.jar all}
 * writes into {@code benchmarks/RESULTS.md}, between the markers of its generated section; the
 * hand-written analysis around them stays.
 */
public final class Results {

    static final String BEGIN = "<!-- lacak-bench all: begin (generated, do not edit) -->";
    static final String END = "<!-- lacak-bench all: end -->";

    private Results() {}

    /**
     * A result line: figure and baseline of the same run ({@code null}: none), their ratio, the target
     * and whether it is met ({@code null}: not judged, e.g. a 10-million-code target in a quick run).
     */
    public static JsonObject row(String name, double figure, String unit, Double baseline, String target, Boolean met) {
        JsonObject r = new JsonObject()
                .put("name", name)
                .put("figure", round2(figure))
                .put("unit", unit)
                .put("target", target)
                .put("result", met == null ? "not judged" : met ? "met" : "missed");
        if (baseline != null) {
            r.put("baseline", round2(baseline)).put("ratio", round2(figure / baseline));
        }
        return r;
    }

    public static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Replaces the generated section of {@code file} (appending it when absent) with a table of {@code rows}. */
    static void write(Path file, List<JsonObject> rows, boolean quick, double minutes) throws IOException {
        StringBuilder t = new StringBuilder();
        t.append(BEGIN)
                .append("\n\n## Latest `lacak-bench.jar all")
                .append(quick ? " --quick" : "")
                .append("` run\n\n")
                .append(LocalDate.now())
                .append(", ")
                .append(machine())
                .append(", ")
                .append(String.format(Locale.ROOT, "%.1f", minutes))
                .append(" minutes. Every figure beside a baseline measured in the same run.\n\n")
                .append("| scenario | figure | baseline | ratio | latency | target | result | memory |\n")
                .append("|---|---:|---:|---:|---|---|---|---|\n");
        for (JsonObject r : rows) {
            t.append("| ")
                    .append(r.getString("name"))
                    .append(" | ")
                    .append(number(r.getValue("figure")))
                    .append(' ')
                    .append(r.getString("unit", ""))
                    .append(" | ")
                    .append(number(r.getValue("baseline")))
                    .append(r.containsKey("baseline_is") ? " (" + r.getString("baseline_is") + ")" : "")
                    .append(" | ")
                    .append(number(r.getValue("ratio")))
                    .append(r.containsKey("ratio_is") ? " (" + r.getString("ratio_is") + ")" : "")
                    .append(" | ")
                    .append(latency(r))
                    .append(" | ")
                    .append(r.getString("target", "—"))
                    .append(" | ")
                    .append("missed".equals(r.getString("result")) ? "**missed**" : r.getString("result", "—"))
                    .append(" | ")
                    .append(memory(r))
                    .append(" |\n");
        }
        t.append("\n").append(END);
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmark results\n";
        int a = text.indexOf(BEGIN);
        int b = text.indexOf(END);
        text = a >= 0 && b > a
                ? text.substring(0, a) + t + text.substring(b + END.length())
                : text.stripTrailing() + "\n\n" + t + "\n";
        Files.writeString(file, text);
    }

    private static String latency(JsonObject r) {
        if (!r.containsKey("p50_ms")) {
            return "—";
        }
        return "p50 " + r.getValue("p50_ms") + " ms, p99 " + r.getValue("p99_ms") + " ms"
                + (r.containsKey("baseline_p99_ms") ? " (baseline p99 " + r.getValue("baseline_p99_ms") + " ms)" : "");
    }

    private static String memory(JsonObject r) {
        StringBuilder m = new StringBuilder();
        if (r.containsKey("server_peak_rss_mib")) {
            m.append("server peak RSS ")
                    .append(r.getValue("server_peak_rss_mib"))
                    .append(" MiB");
        }
        if (r.containsKey("server_heap_used_mib")) {
            m.append(m.length() > 0 ? ", " : "")
                    .append("heap used ")
                    .append(r.getValue("server_heap_used_mib"))
                    .append(" MiB");
        }
        if (r.containsKey("bytes_per_code")) {
            m.append(m.length() > 0 ? ", " : "")
                    .append(r.getValue("bytes_per_code"))
                    .append(" B/code on disk");
        }
        if (r.containsKey("store_codes")) {
            m.append(m.length() > 0 ? ", " : "")
                    .append(String.format(Locale.ROOT, "%,d", r.getLong("store_codes")))
                    .append(" codes");
        }
        return m.length() == 0 ? "—" : m.toString();
    }

    private static String number(Object v) {
        if (v == null) {
            return "—";
        }
        double d = ((Number) v).doubleValue();
        return d >= 1000 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /** Cores, CPU model, memory and JVM of this machine. */
    static String machine() {
        String cpu = "unknown CPU";
        long memKiB = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(cpu);
            memKiB = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst()
                    .orElse(0);
        } catch (IOException | RuntimeException e) {
            // not Linux: the JVM's view only
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + (memKiB >> 20) + " GiB, Java "
                + System.getProperty("java.version");
    }
}
