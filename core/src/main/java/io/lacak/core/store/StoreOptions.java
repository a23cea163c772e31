package io.lacak.core.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives and how big it starts.
 *
 * <p>{@code new StoreOptions().setDirectory(dataDir.resolve("store")).setInitialCodes(10_000_000)}
 */
public final class StoreOptions {

    private Path directory = Path.of("data", "store");
    private long initialCodes = 10_000_000;
    private double growAt = 0.8;

    public Path directory() {
        return directory;
    }

    public StoreOptions setDirectory(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * Codes the first file is sized for. When the newest file holds {@link #growAt()} of its size, a
     * file twice as large is added beside it: the store grows online and never overfills a file.
     */
    public long initialCodes() {
        return initialCodes;
    }

    public StoreOptions setInitialCodes(long initialCodes) {
        if (initialCodes < 1_000) {
            throw new IllegalArgumentException("initialCodes must be at least 1,000: " + initialCodes);
        }
        this.initialCodes = initialCodes;
        return this;
    }

    /** Fill level of the newest file that adds the next one (0.5 to 0.95). */
    public double growAt() {
        return growAt;
    }

    public StoreOptions setGrowAt(double growAt) {
        if (growAt < 0.5 || growAt > 0.95) {
            throw new IllegalArgumentException("growAt must be 0.5 to 0.95: " + growAt);
        }
        this.growAt = growAt;
        return this;
    }
}
