package io.lacak.api.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Files that an interrupted request left in the upload directory: {@code incoming-*} CSV uploads
 * being received, and multipart form files in {@code tmp/}. A file still being received is written
 * at least once per idle timeout, and one received is taken within moments, so a file unchanged for
 * longer than {@code age} is abandoned. Job files ({@code <id>.csv}) are never touched. Blocking: a
 * worker.
 *
 * <p>{@code int deleted = Leftovers.sweep(dataDir.resolve("uploads"), Duration.ofHours(1));}
 */
public final class Leftovers {

    private Leftovers() {}

    /** Deletes the abandoned files; how many. */
    public static int sweep(Path uploads, Duration age) {
        Instant before = Instant.now().minus(age);
        return sweep(uploads, "incoming-*", before) + sweep(uploads.resolve("tmp"), "*", before);
    }

    private static int sweep(Path dir, String glob, Instant before) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f)
                            && Files.getLastModifiedTime(f).toInstant().isBefore(before)
                            && Files.deleteIfExists(f)) {
                        deleted++;
                    }
                } catch (NoSuchFileException e) {
                    // finished and moved or deleted meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
        return deleted;
    }
}
