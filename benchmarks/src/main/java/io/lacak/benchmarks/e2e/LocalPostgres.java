package io.lacak.benchmarks.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A plain Postgres server that several Lacak nodes share (issue 21's cluster over one database):
 * Debian's Postgres 15, a fresh {@code initdb} in a temporary directory on loopback (fsync on, trust
 * auth, {@code pg_stat_statements} loaded), started as {@code ../shared/citus/smoke.sh} starts its
 * servers, without Citus, and stopped (immediate) and removed by {@link #close}. Postgres refuses root: as root it runs as the {@code
 * postgres} user.
 *
 * <p>{@code try (LocalPostgres pg = LocalPostgres.start()) { env.put("LACAK_PG_URL", pg.url()); }}
 */
final class LocalPostgres implements AutoCloseable {

    static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path base;
    private final int port;

    private LocalPostgres(Path base, int port) {
        this.base = base;
        this.port = port;
    }

    static LocalPostgres start() throws Exception {
        if (!Files.isExecutable(PG_BIN.resolve("postgres"))) {
            throw new IllegalStateException("no Postgres 15 in " + PG_BIN + ": apt-get install postgresql-15");
        }
        Path base = Files.createTempDirectory("lacak-pg");
        run("chmod", "755", base.toString());
        if (root()) {
            run("chown", "postgres", base.toString());
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LocalPostgres pg = new LocalPostgres(base, port);
        try {
            Path data = base.resolve("data");
            as(PG_BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust");
            Files.writeString(
                    data.resolve("postgresql.conf"),
                    "\nmax_connections = 200\nfsync = on\nshared_preload_libraries = 'pg_stat_statements'\n",
                    java.nio.file.StandardOpenOption.APPEND);
            as(
                    PG_BIN.resolve("pg_ctl").toString(),
                    "-D",
                    data.toString(),
                    "-o",
                    "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1",
                    "-l",
                    base.resolve("postgres.log").toString(),
                    "-w",
                    "start");
            try (Connection c = pg.connect();
                    Statement s = c.createStatement()) {
                s.execute("create extension pg_stat_statements");
            }
            return pg;
        } catch (Exception | Error e) {
            pg.close();
            throw e;
        }
    }

    /** The URL as {@code LACAK_PG_URL} takes it. */
    String url() {
        return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    /** Transactions committed in the database so far ({@code pg_stat_database}, as the statistics collector last saw them). */
    long commits() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "select xact_commit + xact_rollback from pg_stat_database where datname = 'postgres'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Forgets the statements counted so far ({@link #statements}). */
    void resetStatements() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("select pg_stat_statements_reset()");
        }
    }

    /** The {@code top} statements by calls since {@link #resetStatements}: calls, total ms, and the text cut to 120 characters. */
    List<String> statements(int top) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select calls, round(total_exec_time::numeric, 1),"
                        + " left(regexp_replace(query, '\\s+', ' ', 'g'), 120) from pg_stat_statements"
                        + " where query not like '%pg_stat_statements%' order by calls desc limit " + top)) {
            while (r.next()) {
                out.add(r.getLong(1) + " calls, " + r.getString(2) + " ms: " + r.getString(3));
            }
        }
        return out;
    }

    /** The node holding {@code shard}'s lease now, and the seconds its lease has left (negative: expired); on {@code c}. */
    static Object[] lease(Connection c, int shard) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select node, extract(epoch from expires_at - now())::float8"
                        + " from shard_lease where shard = " + shard)) {
            return r.next() ? new Object[] {r.getString(1), r.getDouble(2)} : new Object[] {null, 0.0};
        }
    }

    /** CPU time in clock ticks (user + system) of the postmaster and every backend it has now (Linux). */
    long cpuTicks() {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(base.resolve("data").resolve("postmaster.pid"))
                    .get(0)
                    .strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                long[] stat = stat(p);
                if (stat != null && stat[0] == postmaster) {
                    ticks += stat[2] + stat[3]; // with the backends it reaped
                } else if (stat != null && stat[1] == postmaster) {
                    ticks += stat[2];
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks;
    }

    /** {pid, ppid, utime + stime, cutime + cstime} of {@code /proc/PID}, or {@code null} when it is gone. */
    static long[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" "); // after "pid (comm) ": state is f[0]
            return new long[] {
                Long.parseLong(proc.getFileName().toString()),
                Long.parseLong(f[1]),
                Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[13]) + Long.parseLong(f[14])
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            as(PG_BIN.resolve("pg_ctl").toString(), "-D", base.resolve("data").toString(), "-m", "immediate", "stop");
        } catch (Exception e) {
            // removing the directory matters more
        }
        try {
            run("rm", "-rf", base.toString());
        } catch (Exception e) {
            // a temporary directory
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a Postgres program, as the {@code postgres} user when this runs as root. */
    private static void as(String... command) throws Exception {
        List<String> c = new ArrayList<>();
        if (root()) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        run(c.toArray(new String[0]));
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
