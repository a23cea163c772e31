package io.lacak.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test in its own JVM, on loopback and a free port: the real Lacak
 * ({@code lacak.jar serve --demo}, embedded Postgres, fresh data directory) or the bare Vert.x
 * baseline. Stopped with SIGTERM (graceful) when closed.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern DEMO_KEY = Pattern.compile("^\\s+([A-Z]+-DEMO): .*X-API-Key (\\S+)");

    private final Process process;
    private final int port;
    private final Map<String, String> apiKeys;

    private ServerProcess(Process process, int port, Map<String, String> apiKeys) {
        this.process = process;
        this.port = port;
        this.apiKeys = apiKeys;
    }

    /** The packaged server with the demo seeded, in {@code dataDir}. */
    static ServerProcess lacak(Path jar, Path dataDir, String heap) throws IOException {
        return lacak(jar, dataDir, heap, Map.of());
    }

    /** The packaged server with the demo seeded, in {@code dataDir}, with {@code LACAK_*} settings. */
    static ServerProcess lacak(Path jar, Path dataDir, String heap, Map<String, String> settings) throws IOException {
        return lacak(jar, dataDir, heap, settings, List.of(), null);
    }

    /**
     * As {@link #lacak(Path, Path, String, Map)}, with more JVM options ({@code -Xlog:gc...}) and
     * the server's standard error (its log and the embedded Postgres's) written to {@code log}
     * when it is not {@code null}.
     */
    static ServerProcess lacak(
            Path jar, Path dataDir, String heap, Map<String, String> settings, List<String> jvm, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap));
        command.addAll(jvm);
        String extra = System.getProperty("lacak.server.jvm"); // e.g. -XX:StartFlightRecording=filename=server.jfr
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", "0", "--data", dataDir.toString(), "--demo"));
        return start(command, settings, log);
    }

    /**
     * A cluster node over a shared database (issue 21, {@code LACAK_NODE} and {@code LACAK_PG_URL}
     * in {@code settings}): {@code lacak.jar serve}, with {@code --demo} when {@code demo} (the node
     * that seeds the demo's accounts), its standard error written to {@code log}. Returns once it
     * listens, as the owner or as a standby.
     */
    static ServerProcess node(Path jar, Path dataDir, String heap, Map<String, String> settings, boolean demo, Path log)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap));
        String extra = System.getProperty("lacak.server.jvm"); // as for lacak(...): both nodes
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", "0", "--data", dataDir.toString()));
        if (demo) {
            command.add("--demo");
        }
        return start(command, settings, log);
    }

    /** The baseline: a bare Vert.x JSON route in this jar. */
    static ServerProcess bare(String heap) throws IOException {
        return start(
                List.of(
                        java(),
                        "-Xmx" + heap,
                        "-cp",
                        System.getProperty("java.class.path"),
                        BareServer.class.getName()),
                Map.of(),
                null);
    }

    /** The plain alternative: verify by primary key from a Postgres table of {@code rows} ({@link PgVerifyServer}). */
    static ServerProcess pgVerify(String heap, Path codes, long rows) throws IOException {
        return start(
                List.of(
                        java(),
                        "-Xmx" + heap,
                        "-cp",
                        System.getProperty("java.class.path"),
                        PgVerifyServer.class.getName(),
                        codes.toString(),
                        Long.toString(rows)),
                Map.of(),
                null);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static ServerProcess start(List<String> command, Map<String, String> settings, Path log)
            throws IOException {
        ProcessBuilder b = new ProcessBuilder(command)
                .redirectError(
                        log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        b.environment().putAll(settings);
        Process p = b.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> keys = new HashMap<>();
        List<String> seen = new ArrayList<>();
        for (String line; (line = out.readLine()) != null; ) {
            seen.add(line);
            Matcher k = DEMO_KEY.matcher(line);
            if (k.find()) {
                keys.put(k.group(1), k.group(2));
            }
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(
                        () -> {
                            try {
                                while (out.readLine() != null) {
                                    // keep the pipe empty
                                }
                            } catch (IOException e) {
                                // the process ended
                            }
                        },
                        "server-output");
                drain.setDaemon(true);
                drain.start();
                return new ServerProcess(p, Integer.parseInt(m.group(1)), keys);
            }
        }
        throw new IOException("the server did not start: " + seen);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    String apiKey(String partnerId) {
        return apiKeys.get(partnerId);
    }

    /**
     * With {@code -Dlacak.profile=DIR}, a JFR recording (settings "profile") of the server during the
     * measured phase of scenario {@code name} only, written to {@code DIR/name.jfr}; otherwise nothing.
     */
    void startRecording(String name) throws IOException, InterruptedException {
        if (System.getProperty("lacak.profile") != null) {
            jcmd("JFR.start", "name=" + name, "settings=profile");
        }
    }

    void stopRecording(String name) throws IOException, InterruptedException {
        String dir = System.getProperty("lacak.profile");
        if (dir != null) {
            jcmd(
                    "JFR.stop",
                    "name=" + name,
                    "filename=" + Path.of(dir, name + ".jfr").toAbsolutePath());
        }
    }

    private void jcmd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid())));
        command.addAll(List.of(args));
        new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }

    /** Heap in use in the server now (MiB, from {@code jcmd GC.heap_info}), or -1. */
    long heapUsedMiB() {
        try {
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            Long.toString(process.pid()),
                            "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return -1;
        }
    }

    /** Peak resident set size of the server in KiB (Linux), or -1. */
    long rssKiB() {
        return status("VmHWM:");
    }

    /** Resident set size of the server now, in KiB (Linux), or -1. */
    long rssNowKiB() {
        return status("VmRSS:");
    }

    /** CPU time of the server so far (user + system, clock ticks; Linux), or -1. */
    long cpuTicks() {
        long[] stat = LocalPostgres.stat(Path.of("/proc", String.valueOf(process.pid())));
        return stat == null ? -1 : stat[2];
    }

    private long status(String field) {
        try {
            for (String line :
                    java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or already gone
        }
        return -1;
    }

    /** {@code kill -9}: no shutdown hook, no last commit, no lease given back. */
    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
