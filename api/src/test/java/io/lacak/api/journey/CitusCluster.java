package io.lacak.api.journey;

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
 * A Citus cluster for a test (issue 21): a coordinator and {@code workers} workers, each a Postgres
 * 15 server with the Citus extension, on loopback in a temporary directory, started as
 * {@code ../shared/citus/smoke.sh} does and stopped (immediate) by {@link #close}. Needs Citus
 * built into Debian's Postgres 15 by {@code ../shared/citus/install.sh}, which {@code .ci/run} calls.
 * Postgres refuses to run as root: as root, its servers run as the {@code postgres} user.
 */
final class CitusCluster implements AutoCloseable {

    static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path base;
    private final List<Integer> ports = new ArrayList<>();

    private CitusCluster(Path base) {
        this.base = base;
    }

    /** Whether {@code install.sh} has run here: the one precondition, said plainly when it fails. */
    static void requireInstalled() {
        Path lib = Path.of("/usr/lib/postgresql/15/lib/citus.so");
        if (!Files.isExecutable(PG_BIN.resolve("postgres")) || !Files.exists(lib)) {
            throw new IllegalStateException("Citus is not installed for Postgres 15 (" + lib
                    + " is missing): run ../shared/citus/install.sh (.ci/run does)");
        }
    }

    static CitusCluster start(int workers) throws Exception {
        requireInstalled();
        Path base = Files.createTempDirectory("lacak-citus");
        CitusCluster cluster = new CitusCluster(base);
        try {
            run("chmod", "755", base.toString());
            if (root()) {
                run("chown", "postgres", base.toString());
            }
            for (int i = 0; i <= workers; i++) {
                cluster.startNode(freePort());
            }
            try (Connection c = cluster.connect(cluster.ports.get(0));
                    Statement s = c.createStatement()) {
                s.execute("select citus_set_coordinator_host('127.0.0.1', " + cluster.ports.get(0) + ")");
                for (int port : cluster.ports.subList(1, cluster.ports.size())) {
                    s.execute("select citus_add_node('127.0.0.1', " + port + ")");
                }
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The coordinator's URL, as {@code LACAK_PG_URL} takes it. */
    String url() {
        return "postgresql://postgres@127.0.0.1:" + ports.get(0) + "/postgres";
    }

    /** A JDBC connection to the coordinator, to look at what Lacak laid out. */
    Connection coordinator() throws SQLException {
        return connect(ports.get(0));
    }

    /** The coordinator's JDBC URL (user {@code postgres}, no password), for Flyway. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + ports.get(0) + "/postgres";
    }

    /** How many workers hold shards of {@code table}. */
    int workersHolding(String table) throws SQLException {
        try (Connection c = coordinator();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(distinct nodeport) from citus_shards where table_name = '"
                        + table + "'::regclass")) {
            r.next();
            return r.getInt(1);
        }
    }

    private void startNode(int port) throws Exception {
        Path dir = base.resolve(String.valueOf(port));
        as(PG_BIN.resolve("initdb").toString(), "-D", dir.toString(), "-U", "postgres", "-A", "trust");
        Files.writeString(
                dir.resolve("postgresql.conf"),
                "\nshared_preload_libraries = 'citus'\nmax_connections = 200\nfsync = on\n",
                java.nio.file.StandardOpenOption.APPEND);
        as(
                PG_BIN.resolve("pg_ctl").toString(),
                "-D",
                dir.toString(),
                "-o",
                "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1",
                "-l",
                base.resolve(port + ".log").toString(),
                "-w",
                "start");
        ports.add(port);
        try (Connection c = connect(port);
                Statement s = c.createStatement()) {
            s.execute("create extension citus");
        }
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    @Override
    public void close() {
        for (int port : ports) {
            try {
                as(
                        PG_BIN.resolve("pg_ctl").toString(),
                        "-D",
                        base.resolve(String.valueOf(port)).toString(),
                        "-m",
                        "immediate",
                        "stop");
            } catch (Exception e) {
                // stopping the others matters more
            }
        }
        deleteTree(base);
    }

    /** Deletes {@code dir} and everything under it (files a server running as {@code postgres} made too). */
    static void deleteTree(Path dir) {
        try {
            run("rm", "-rf", dir.toString());
        } catch (Exception e) {
            // a temporary directory
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a Postgres program, as the {@code postgres} user when the tests run as root. */
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
