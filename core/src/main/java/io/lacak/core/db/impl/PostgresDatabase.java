package io.lacak.core.db.impl;

import io.lacak.core.db.Database;
import io.lacak.core.db.DatabaseOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/** Embedded (io.zonky) or external Postgres, migrated with Flyway, served by a vertx-pg-client pool. */
public final class PostgresDatabase implements Database {

    private static final Logger LOG = Logger.getLogger(PostgresDatabase.class.getName());
    private static final String EMBEDDED_USER = "postgres";
    private static final String EMBEDDED_DB = "postgres";
    private static final String EMBEDDED_HOST = "127.0.0.1";

    private final Vertx vertx;
    private final Pool pool;
    private final EmbeddedPostgres embedded;
    private final PgConnectOptions connect;

    private final FileLock lock;

    private PostgresDatabase(
            Vertx vertx, Pool pool, EmbeddedPostgres embedded, PgConnectOptions connect, FileLock lock) {
        this.lock = lock;
        this.vertx = vertx;
        this.pool = pool;
        this.embedded = embedded;
        this.connect = connect;
    }

    public static Future<Database> start(Vertx vertx, DatabaseOptions options) {
        // Starting a server and migrating block: a worker thread, never an event loop.
        return vertx.executeBlocking(() -> {
            EmbeddedPostgres embedded = null;
            PgConnectOptions connect;
            String jdbcUrl;
            FileLock lock = null;
            if (options.url() == null) {
                lock = lockDataDir(options.dataDir());
                String password;
                try {
                    password = EmbeddedAccess.password(
                            EmbeddedAccess.privateDirectory(options.dataDir().resolve("keys")));
                    embedded = startEmbedded(
                            options.dataDir().resolve("pg"), options.dataDir().resolve("keys"), password);
                } catch (IOException | RuntimeException e) {
                    releaseQuietly(lock);
                    throw e;
                }
                connect = new PgConnectOptions()
                        .setHost(EMBEDDED_HOST)
                        .setPort(embedded.getPort())
                        .setUser(EMBEDDED_USER)
                        .setDatabase(EMBEDDED_DB)
                        .setPassword(password);
                jdbcUrl = jdbcUrl(embedded.getPort());
            } else {
                connect = PgConnectOptions.fromUri(options.url());
                jdbcUrl = "jdbc:postgresql://" + connect.getHost() + ":" + connect.getPort() + "/"
                        + connect.getDatabase();
            }
            try {
                Flyway.configure()
                        .dataSource(jdbcUrl, connect.getUser(), connect.getPassword())
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
                layOut(jdbcUrl, connect, options.shards());
            } catch (RuntimeException e) {
                closeQuietly(embedded);
                releaseQuietly(lock);
                throw e;
            }
            Pool pool = PgBuilder.pool()
                    .with(new PoolOptions().setMaxSize(options.poolSize()))
                    .connectingTo(connect)
                    .using(vertx)
                    .build();
            return (Database) new PostgresDatabase(vertx, pool, embedded, connect, lock);
        });
    }

    /**
     * Rows of before V30 in their holder's shard ({@link ShardStamp}), then, on a Citus coordinator,
     * the migrated tables distributed and replicated ({@link CitusLayout}).
     */
    private static void layOut(String jdbcUrl, PgConnectOptions connect, int shards) {
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl, connect.getUser(), connect.getPassword())) {
            ShardStamp.apply(c, shards);
            CitusLayout.apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot put rows in their shards or lay the schema out at " + jdbcUrl, e);
        }
    }

    /**
     * Starts the cluster in {@code dir}, reachable only with {@code password} (see {@link
     * EmbeddedAccess#HBA}). A new cluster gets it from initdb; one made by an earlier Lacak, open to
     * every local user (trust), is started as it is once, then locked: password set, pg_hba.conf
     * rewritten, configuration reloaded.
     */
    private static EmbeddedPostgres startEmbedded(Path dir, Path keys, String password) throws IOException {
        try {
            EmbeddedAccess.privateDirectory(dir);
            stopOrphan(dir);
            boolean fresh = !Files.exists(dir.resolve("postgresql.conf")); // exactly when io.zonky runs initdb
            boolean locked = !fresh && EmbeddedAccess.locked(dir);
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false) // reuse the same cluster on the next start
                    // io.zonky passes these to initdb after its own "-A trust", as --auth=... --pwfile=...: the last
                    // wins
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig(
                            "pwfile",
                            keys.resolve(EmbeddedAccess.PASSWORD_FILE)
                                    .toAbsolutePath()
                                    .toString())
                    .setConnectConfig("password", password) // io.zonky's own readiness check logs in too
                    .setDataDirectoryCustomizer(pg -> {
                        if (fresh) {
                            writeHba(pg.toPath()); // initdb's also lets replication in: ours before the first start
                        }
                    })
                    .setServerConfig("listen_addresses", EMBEDDED_HOST)
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on")
                    .start();
            if (!fresh && !locked) {
                try {
                    lockDown(server, dir, password);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(server);
                    throw e;
                }
            }
            return server;
        } catch (IOException e) {
            throw new IOException(
                    "cannot start the embedded Postgres in " + dir + " (its password: "
                            + keys.resolve(EmbeddedAccess.PASSWORD_FILE) + ")",
                    e);
        }
    }

    private static void writeHba(Path pg) {
        try {
            EmbeddedAccess.writeHba(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pg.resolve("pg_hba.conf"), e);
        }
    }

    /**
     * Locks a cluster started with someone else's pg_hba.conf (an earlier Lacak's trust): sets the
     * superuser's password (hashed here, so no plain password reaches the server or its log), writes
     * ours, reloads, and waits until a connection without the password is refused.
     */
    private static void lockDown(EmbeddedPostgres server, Path dir, String password) throws IOException {
        PGSimpleDataSource source = dataSource(server.getPort(), password);
        try (Connection c = source.getConnection();
                Statement s = c.createStatement()) {
            c.unwrap(PGConnection.class).alterUserPassword(EMBEDDED_USER, password.toCharArray(), "scram-sha-256");
            EmbeddedAccess.writeHba(dir);
            try (ResultSet errors = s.executeQuery("select count(*) from pg_hba_file_rules where error is not null")) {
                errors.next();
                if (errors.getLong(1) != 0) {
                    throw new IllegalStateException(dir.resolve("pg_hba.conf") + " does not parse");
                }
            }
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot set the password of the embedded Postgres in " + dir, e);
        }
        // The postmaster rereads pg_hba.conf when it takes the SIGHUP: not necessarily before we return.
        PGSimpleDataSource open = dataSource(server.getPort(), null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection c = open.getConnection()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the embedded Postgres in " + dir + " still lets in connections without a password");
                }
            } catch (SQLException refused) {
                LOG.info(() -> "embedded Postgres in " + dir + " locked: password authentication only");
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while locking the embedded Postgres in " + dir, e);
            }
        }
    }

    private static PGSimpleDataSource dataSource(int port, String password) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(jdbcUrl(port));
        source.setUser(EMBEDDED_USER);
        source.setPassword(password);
        return source;
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://" + EMBEDDED_HOST + ":" + port + "/" + EMBEDDED_DB;
    }

    /**
     * One Lacak per data directory: the lock is what makes a Postgres found running there an orphan
     * of a killed process rather than another Lacak's. The OS drops it when the process dies.
     */
    private static FileLock lockDataDir(Path dataDir) throws IOException {
        EmbeddedAccess.privateDirectory(dataDir); // keys, store, uploads and the cluster: for its owner only
        FileChannel channel =
                FileChannel.open(dataDir.resolve("lacak.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException(
                    "another Lacak process is using the data directory " + dataDir.toAbsolutePath());
        }
        return lock;
    }

    private static void releaseQuietly(FileLock lock) {
        if (lock != null) {
            try {
                lock.channel().close(); // closing the channel releases the lock
            } catch (IOException e) {
                // the OS releases it with the process anyway
            }
        }
    }

    /**
     * A server of this data directory still running means the process that started it died without
     * stopping it ({@code kill -9}): nobody else can be using it, so shut it down (SIGTERM, a smart
     * shutdown; SIGKILL if it will not go, and Postgres recovers from its WAL on the next start).
     *
     * <p>The pid in a stale {@code postmaster.pid} may since have been given to any process, another
     * server's Postgres included: only a postmaster whose data directory is this one is stopped. A
     * file naming anything else is removed, or Postgres would refuse to start while that pid lives;
     * the lock of {@link #lockDataDir} and Postgres's own shared-memory check (keyed by the data
     * directory, not by the pid file) still keep a second server off a cluster in use.
     */
    private static void stopOrphan(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first =
                Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        long pid;
        try {
            pid = Long.parseLong(first);
        } catch (NumberFormatException e) {
            return; // not a pid file Postgres wrote; Postgres itself will judge it
        }
        ProcessHandle process =
                ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElse(null);
        if (process == null) {
            return; // a stale file: Postgres removes it on start
        }
        if (!isPostmasterOf(process, dir)) {
            LOG.warning(() -> "stale " + pidFile + " names process " + pid + ", which is not this data directory's"
                    + " Postgres: left alone, the file removed");
            Files.deleteIfExists(pidFile);
            return;
        }
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    /**
     * Whether {@code process} is a Postgres server whose data directory is {@code dir}: its program
     * is {@code postgres}, and its working directory (a postmaster changes into its data directory)
     * or, where there is no {@code /proc}, its {@code -D} argument resolves to {@code dir}.
     */
    static boolean isPostmasterOf(ProcessHandle process, Path dir) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command()
                .map(c -> Path.of(c).getFileName().toString())
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe"))
                .isPresent();
        if (!postgres) {
            return false;
        }
        Path ours;
        try {
            ours = dir.toRealPath();
        } catch (IOException e) {
            return false;
        }
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        if (Files.isDirectory(proc)) {
            try {
                return proc.resolve("cwd").toRealPath().equals(ours);
            } catch (IOException | SecurityException e) {
                return false; // another user's process: not ours, and not ours to signal
            }
        }
        String[] args = info.arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D")) {
                try {
                    return Path.of(args[i + 1]).toRealPath().equals(ours);
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }
        }
        return false; // cannot tell: never signal what might be someone else's
    }

    @Override
    public Pool pool() {
        return pool;
    }

    @Override
    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public String describe() {
        return (embedded != null ? "embedded Postgres" : "Postgres") + " at " + connect.getHost() + ":"
                + connect.getPort() + "/" + connect.getDatabase();
    }

    @Override
    public String uri() {
        return "postgresql://" + connect.getUser() + "@" + connect.getHost() + ":" + connect.getPort() + "/"
                + connect.getDatabase();
    }

    @Override
    public Future<Void> close() {
        // Stopping the embedded server waits for its process: a worker thread again.
        return pool.close()
                .eventually(() -> vertx.executeBlocking(() -> {
                    closeQuietly(embedded);
                    releaseQuietly(lock);
                    return null;
                }));
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                // The server is going away either way; nothing is lost, the cluster is durable.
            }
        }
    }
}
