package io.lacak.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 11 (issue 19 for today's layout): a child JVM opens a store of 199,000 codes after
 * an unclean stop (the indexes rebuilt from the records) and then writes until the code index
 * doubles; it is killed with SIGKILL at a random moment of that. After each kill the store opens here without an exception, and holds
 * either every code of the fill with its applied journal position, or nothing with applied position
 * 0 (the journal rebuilds it). Open times are printed, not asserted.
 */
class StoreCrashTest {

    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @Test
    void killDuringRecoveryOrGrowthLeavesAStoreThatOpensIntactOrEmpty() throws Exception {
        Path template = dir.resolve("template");
        Process fill = start("fill", template);
        List<String> filled = new CopyOnWriteArrayList<>();
        Thread fr = ChildJvm.drain(fill, filled);
        assertThat(fill.waitFor(300, TimeUnit.SECONDS)).isTrue();
        fr.join(5_000);
        assertThat(filled).as("fill").anyMatch(l -> l.equals("FILLED 4")); // the index sized, then doubled 3 times
        assertThat(template.resolve("store.open")).exists();

        // Calibrate: how long the child takes from START to the new generation, unkilled.
        List<String> calib = run(copy(template, dir.resolve("calibration")), "GREW", 0);
        long opened = phase(calib, "OPENED ");
        long growing = phase(calib, "GROWING ");
        long grew = phase(calib, "GREW ");
        System.out.println("calibration: " + calib);

        SplittableRandom rnd = new SplittableRandom(20261201);
        for (int kill = 0; kill < KILLS; kill++) {
            Path store = copy(template, dir.resolve("kill-" + kill));
            // Half the kills in the open (recovery), half in the creation of the next generation.
            boolean inOpen = kill % 2 == 0;
            long at = inOpen ? rnd.nextLong(opened + 1) : rnd.nextLong((grew - growing) * 5 / 4 + 1);
            List<String> lines = run(store, inOpen ? "START" : "GROWING", at);
            String notReady = notReady(store);
            long t0 = System.nanoTime();
            try (CodeStore reopened = CodeStore.open(StoreCrashChild.options(store))) {
                long openMs = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf(
                        "kill %d at %d ms after %s %s, files: %s: next open %d ms, applied %d, size %d, generations %d%n",
                        kill,
                        at,
                        inOpen ? "START" : "GROWING",
                        lines,
                        notReady,
                        openMs,
                        reopened.appliedSequence(),
                        reopened.size(),
                        reopened.generations());
                if (reopened.appliedSequence() == 0) {
                    assertThat(reopened.size())
                            .as("kill %d: an emptied store holds nothing", kill)
                            .isZero();
                } else {
                    assertThat(reopened.appliedSequence()).isEqualTo(StoreCrashChild.SEQUENCE);
                    CodeState state = new CodeState();
                    for (int i = 0; i < StoreCrashChild.FILLED; i++) {
                        assertThat(reopened.read(StoreCrashChild.key(i), state))
                                .as("kill %d: code %d", kill, i)
                                .isTrue();
                        assertThat(state.toString())
                                .as("kill %d: code %d", kill, i)
                                .isEqualTo(StoreCrashChild.state(i).toString());
                    }
                }
            }
            delete(store);
        }
    }

    /** Runs the grow child on {@code store}; kills it {@code killAt} ms after it prints {@code until}. */
    private List<String> run(Path store, String until, long killAt) throws Exception {
        Process p = start("grow", store);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread r = ChildJvm.drain(p, lines);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (lines.stream().noneMatch(l -> l.startsWith(until)) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        if (killAt > 0) {
            Thread.sleep(killAt);
        }
        p.destroyForcibly(); // SIGKILL
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        r.join(5_000);
        assertThat(lines).as("child on %s", store).anyMatch(l -> l.equals("START"));
        return List.copyOf(lines);
    }

    private static long phase(List<String> lines, String prefix) {
        return lines.stream()
                .filter(l -> l.startsWith(prefix))
                .mapToLong(l -> Long.parseLong(l.substring(prefix.length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("calibration did not print " + prefix + lines));
    }

    /** The store's files with their sizes, an index being built among them when the kill came in a growth. */
    private static String notReady(Path store) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(store)) {
            for (Path f : files.sorted().toList()) {
                names.add(f.getFileName() + "(" + Files.size(f) + ")");
            }
        }
        return names.toString();
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static void delete(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(d);
    }

    private Process start(String mode, Path store) throws Exception {
        return ChildJvm.command(StoreCrashChild.class, mode, store.toString())
                .redirectError(
                        dir.resolve(mode + "-" + store.getFileName() + ".err").toFile())
                .start();
    }
}
