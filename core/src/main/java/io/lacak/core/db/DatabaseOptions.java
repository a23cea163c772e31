package io.lacak.core.db;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where Postgres is: an embedded server under {@code <dataDir>/pg} (the default), or an external
 * one given by {@code postgresql://user:password@host:port/database}.
 *
 * <p>{@code new DatabaseOptions().setDataDir(Path.of("data")).setUrl(System.getenv("LACAK_PG_URL"))}
 */
public final class DatabaseOptions {

    private Path dataDir = Path.of("data");
    private String url;
    private int poolSize = 8;
    private int shards = 1;

    /** The data directory; the embedded server keeps its files in {@code pg/} below it. */
    public Path dataDir() {
        return dataDir;
    }

    public DatabaseOptions setDataDir(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        return this;
    }

    /** The external server's URL, or {@code null} for the embedded one. */
    public String url() {
        return url;
    }

    public DatabaseOptions setUrl(String url) {
        this.url = url == null || url.isBlank() ? null : url.strip();
        return this;
    }

    /** Connections in the reactive pool. */
    public int poolSize() {
        return poolSize;
    }

    public DatabaseOptions setPoolSize(int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
        }
        this.poolSize = poolSize;
        return this;
    }

    /**
     * The shards the node runs ({@code LACAK_SHARDS}): rows made before V30 by a node with several
     * are put in their holder's shard when the database starts (issue 21). Default 1.
     */
    public int shards() {
        return shards;
    }

    public DatabaseOptions setShards(int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be positive: " + shards);
        }
        this.shards = shards;
        return this;
    }
}
