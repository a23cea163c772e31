package io.lacak.core.journal;

import static io.lacak.core.db.TestPostgres.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.ChildJvm;
import io.lacak.core.db.TestPostgres;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN.md "Runtime": a child JVM applying reports is killed with SIGKILL at random moments, 20
 * times; after each kill a restart shows every acknowledged report in the journal, the store caught
 * up to the journal's end, and the store equal to a fresh replay of the journal (nothing half
 * applied).
 */
class JournalCrashTest {

    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void killNineAtRandomMomentsLosesNothingAndHalfAppliesNothing() throws Exception {
        TestPostgres.reset();
        int mfr = TestPostgres.facility("MFR-001", "MANUFACTURER");
        int pbf = TestPostgres.facility("PBF-001", "DISTRIBUTOR");
        int product = TestPostgres.product("DKL1234567890A1", "MFR-001");
        String[] args = {
            TestPostgres.url(),
            dir.resolve("store").toString(),
            String.valueOf(product),
            String.valueOf(mfr),
            String.valueOf(pbf)
        };
        SplittableRandom rnd = new SplittableRandom(20261122);
        Set<String> acknowledged = new HashSet<>();
        int killsInBulk = 0;

        for (int kill = 0; kill < KILLS; kill++) {
            Process work = start("work", args);
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = ChildJvm.drain(work, lines);
            int acksBeforeKill = 1 + rnd.nextInt(12);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acks(lines) < acksBeforeKill && work.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            if (kill % 3 == 0) {
                // issue 18: land this kill inside a bulk report (decided, journaled in parts, committed, applied)
                long opened = bulksOpened(lines);
                while (bulksOpened(lines) == opened && work.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Thread.sleep(rnd.nextInt(250));
            } else {
                Thread.sleep(rnd.nextInt(40)); // land the kill anywhere in the next report's life
            }
            work.destroyForcibly(); // SIGKILL
            assertThat(work.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
            assertThat(lines).as("the workload ran: %s", lines).noneMatch(l -> l.startsWith("REFUSED"));
            assertThat(acks(lines))
                    .as("kill %d came after acknowledgements", kill)
                    .isGreaterThan(0);
            for (String l : lines) {
                if (l.startsWith("ACK ")) {
                    acknowledged.add(l.substring(4));
                }
            }
            String lastBulk = lines.stream()
                    .filter(l -> l.startsWith("BULK OPEN "))
                    .reduce((x, y) -> y)
                    .orElse(null);
            if (lastBulk != null && !lines.contains("ACK " + lastBulk.substring(10))) {
                killsInBulk++;
            }

            Process verify = start("verify", args);
            List<String> result = new CopyOnWriteArrayList<>();
            Thread vr = ChildJvm.drain(verify, result);
            assertThat(verify.waitFor(120, TimeUnit.SECONDS)).isTrue();
            vr.join(5_000);
            assertThat(result).as("restart after kill %d", kill).anyMatch(l -> l.startsWith("VERIFY OK"));

            Set<String> journaled = new HashSet<>();
            for (Row row : await(TestPostgres.pool()
                    .query("select idempotency_key from journal")
                    .execute())) {
                journaled.add(row.getString(0));
            }
            assertThat(journaled)
                    .as("every acknowledged report is in the journal")
                    .containsAll(acknowledged);
        }
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILLS);
        assertThat(killsInBulk).as("kills that landed inside a bulk report").isGreaterThan(0);
    }

    private static long bulksOpened(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("BULK OPEN ")).count();
    }

    private static long acks(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("ACK ")).count();
    }

    private static Process start(String mode, String[] args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = mode;
        System.arraycopy(args, 0, all, 1, args.length);
        return ChildJvm.command(CrashWorkload.class, all)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
