package io.lacak.benchmarks.e2e;

import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 18: what the server and its embedded Postgres do, sampled every {@code periodMillis} on a
 * plain thread of the harness, one JSON line a sample in wall-clock milliseconds: the CPU each
 * server thread (by name) and each Postgres process (by role) used since the last sample, in
 * clock ticks of 10 ms; what every Postgres backend waits on ({@code pg_stat_activity}); the
 * checkpointer's and the WAL's counters. For setting the slow requests of a {@link Trace} beside
 * what happened at the time.
 */
final class Probe implements AutoCloseable {

    private final long serverPid;
    private final Path pgDir;
    private final BufferedWriter out;
    private final Connection db;
    private final Thread thread;
    private final long periodMillis;
    private volatile boolean stop;
    private long samples;
    private final Map<String, Long> lastTicks = new HashMap<>();

    /** Starts sampling the server {@code serverPid} whose data directory is {@code data}. */
    Probe(long serverPid, Path data, Path file, long periodMillis) throws IOException, SQLException {
        this.serverPid = serverPid;
        this.pgDir = data.resolve("pg");
        this.periodMillis = periodMillis;
        List<String> pid = Files.readAllLines(pgDir.resolve("postmaster.pid"));
        String password = Files.readAllLines(data.resolve("keys").resolve("pg.password"))
                .get(0)
                .strip();
        this.db = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/postgres", "postgres", password);
        try (Statement s = db.createStatement()) {
            // fsync times of the WAL in pg_stat_io; a timing call per write, nothing the load would notice
            s.execute("alter system set track_wal_io_timing = on");
            s.execute("alter system set track_io_timing = on");
            s.execute("select pg_reload_conf()");
        }
        this.out = Files.newBufferedWriter(file);
        this.thread = new Thread(this::loop, "probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long next = System.currentTimeMillis();
        while (!stop) {
            try {
                out.write(sample().encode());
                out.write('\n');
            } catch (IOException | SQLException | RuntimeException e) {
                try {
                    out.write(new JsonObject()
                            .put("t", System.currentTimeMillis())
                            .put("error", e.toString())
                            .encode());
                    out.write('\n');
                } catch (IOException ignored) {
                    return;
                }
            }
            next += periodMillis;
            long sleep = next - System.currentTimeMillis();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.currentTimeMillis();
            }
        }
    }

    private JsonObject sample() throws IOException, SQLException {
        JsonObject s = new JsonObject().put("t", System.currentTimeMillis());
        // reading /proc costs the probe itself about 0.2 of a core at 50 ms: CPU every 5th sample, others every 20th
        if (samples % 5 == 0) {
            s.put("jvm", ticks("j:", Path.of("/proc", Long.toString(serverPid), "task"), true));
            s.put("pg", ticks("p:", null, false));
            s.put("harness", ticks("h:", Path.of("/proc/self/task"), true));
            s.put("machine", machine());
        }
        if (samples % 20 == 0) {
            s.put("others", others());
        }
        samples++;
        JsonObject waits = new JsonObject();
        JsonObject counters = new JsonObject();
        try (Statement st = db.createStatement()) {
            try (ResultSet r = st.executeQuery("select backend_type, state, wait_event_type, wait_event"
                    + " from pg_stat_activity where pid <> pg_backend_pid()")) {
                Map<String, Integer> count = new TreeMap<>();
                while (r.next()) {
                    String key = r.getString(1) + "|" + (r.getString(2) == null ? "" : r.getString(2)) + "|"
                            + r.getString(3) + ":" + r.getString(4);
                    count.merge(key, 1, Integer::sum);
                }
                count.forEach(waits::put);
            }
            try (ResultSet r = st.executeQuery("select num_timed, num_requested, write_time, sync_time,"
                    + " buffers_written from pg_stat_checkpointer")) {
                r.next();
                counters.put("ckpt_timed", r.getLong(1))
                        .put("ckpt_req", r.getLong(2))
                        .put("ckpt_write_ms", r.getDouble(3))
                        .put("ckpt_sync_ms", r.getDouble(4))
                        .put("ckpt_buffers", r.getLong(5));
            }
            try (ResultSet r = st.executeQuery("select wal_bytes from pg_stat_wal")) {
                r.next();
                counters.put("wal_bytes", r.getLong(1));
            }
            try (ResultSet r = st.executeQuery("select coalesce(sum(fsyncs), 0), coalesce(sum(fsync_time), 0),"
                    + " coalesce(sum(writes), 0), coalesce(sum(write_time), 0) from pg_stat_io where object = 'wal'")) {
                r.next();
                counters.put("wal_fsyncs", r.getLong(1))
                        .put("wal_fsync_ms", r.getDouble(2))
                        .put("wal_writes", r.getLong(3))
                        .put("wal_write_ms", r.getDouble(4));
            }
        }
        return s.put("waits", waits).put("counters", counters);
    }

    /**
     * CPU ticks used since the last sample, by thread name (a JVM's tasks) or by Postgres process
     * role (every process whose command line starts with "postgres"), only those that used any.
     */
    private JsonObject ticks(String prefix, Path tasks, boolean threads) throws IOException {
        Map<String, Long> now = new HashMap<>();
        if (threads) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
                for (Path task : dir) {
                    String[] stat = stat(task.resolve("stat"));
                    if (stat != null) {
                        now.merge(prefix + stat[0] + "#" + task.getFileName(), cpu(stat), Long::sum);
                    }
                }
            }
        } else {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(
                    Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
                for (Path proc : dir) {
                    String cmd = cmdline(proc);
                    if (cmd != null && cmd.startsWith("postgres")) {
                        String[] stat = stat(proc.resolve("stat"));
                        if (stat != null) {
                            now.merge(prefix + role(cmd) + "#" + proc.getFileName(), cpu(stat), Long::sum);
                        }
                    }
                }
            }
        }
        Map<String, Long> used = new TreeMap<>();
        now.forEach((k, v) -> {
            long d = v - lastTicks.getOrDefault(k, v);
            if (d > 0) {
                used.merge(k.substring(prefix.length(), k.lastIndexOf('#')), d, Long::sum);
            }
            lastTicks.put(k, v);
        });
        JsonObject o = new JsonObject();
        used.forEach(o::put);
        return o;
    }

    /** Ticks since the last sample of every process that is neither the server, Postgres nor this harness, by name. */
    private JsonObject others() throws IOException {
        long self = ProcessHandle.current().pid();
        Map<String, Long> now = new HashMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path proc : dir) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid == self || pid == serverPid) {
                    continue;
                }
                String cmd = cmdline(proc);
                if (cmd == null || cmd.startsWith("postgres")) {
                    continue;
                }
                String[] stat = stat(proc.resolve("stat"));
                if (stat != null) {
                    now.put("o:" + stat[0] + "#" + pid, cpu(stat));
                }
            }
        }
        Map<String, Long> used = new TreeMap<>();
        now.forEach((k, v) -> {
            Long before = lastTicks.put(k, v);
            if (before != null && v > before) {
                used.merge(k.substring(2, k.lastIndexOf('#')), v - before, Long::sum);
            }
        });
        JsonObject o = new JsonObject();
        used.forEach(o::put);
        return o;
    }

    /** The machine's ticks since the last sample, from the first line of /proc/stat. */
    private JsonObject machine() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        String[] names = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};
        JsonObject o = new JsonObject();
        for (int i = 0; i < names.length && i + 1 < f.length; i++) {
            long v = Long.parseLong(f[i + 1]);
            Long before = lastTicks.put("m:" + names[i], v);
            o.put(names[i], before == null ? 0 : v - before);
        }
        return o;
    }

    /** "checkpointer", "walwriter", "client" (a backend serving a connection), ... */
    private static String role(String cmd) {
        String r = cmd.startsWith("postgres: ") ? cmd.substring("postgres: ".length()) : "postmaster";
        return r.startsWith("postgres postgres") ? "client" : r.split(" ")[0];
    }

    private static String cmdline(Path proc) {
        try {
            byte[] b = Files.readAllBytes(proc.resolve("cmdline"));
            return new String(b, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return null;
        }
    }

    /** {comm, the fields after it...}, or null when the task is gone. */
    private static String[] stat(Path file) {
        try {
            String s = Files.readString(file);
            int open = s.indexOf('('), close = s.lastIndexOf(')');
            String[] rest = s.substring(close + 2).split(" ");
            String[] out = new String[rest.length + 1];
            out[0] = s.substring(open + 1, close).replaceAll("[0-9]+$", "N");
            System.arraycopy(rest, 0, out, 1, rest.length);
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    /** utime + stime: fields 14 and 15 of /proc/.../stat, i.e. 12 and 13 after the comm. */
    private static long cpu(String[] stat) {
        return Long.parseLong(stat[12]) + Long.parseLong(stat[13]);
    }

    @Override
    public void close() throws Exception {
        stop = true; // no interrupt: it would close the output's channel under a write
        thread.join(5_000);
        out.close();
        db.close();
    }
}
