package io.lacak.benchmarks.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Issue 18's plain-Postgres alternative, the one a user would pick instead of Lacak for a usage
 * file: {@code COPY} of the same CSV into a staging table, then one set-based {@code INSERT ...
 * SELECT} into an indexed table of codes that refuses codes already there (the "already reported"
 * rule) and records each unit's case and each case's pallet (the aggregation), committed durably
 * (fsync and synchronous commit on, as Lacak's own embedded server). Its own embedded Postgres on
 * this machine, started fresh.
 */
final class CopyBaseline {

    private CopyBaseline() {}

    /** Rows per second from the first byte copied to the commit, best of {@code runs} on fresh tables. */
    static double rowsPerSecond(Path csv, long rows, int runs) throws Exception {
        Path dir = Files.createTempDirectory("lacak-copy-baseline");
        double best = 0;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dir)
                        .setCleanDataDirectory(true)
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("fsync", "on")
                        .start();
                Connection c = pg.getPostgresDatabase().getConnection()) {
            for (int run = 0; run < runs; run++) {
                try (Statement s = c.createStatement()) {
                    s.execute("drop table if exists code, usage_upload");
                    s.execute("create table code (code text primary key, level char(1) not null,"
                            + " status text not null, parent text, batch text not null, expiry date not null)");
                    s.execute("create unlogged table usage_upload (partner text, packaging text, primary_code text,"
                            + " secondary_code text, tertiary_code text, nie text, expiry date, batch text,"
                            + " active boolean, retained boolean, reject boolean)");
                }
                c.setAutoCommit(false);
                long t0 = System.nanoTime();
                long copied;
                try (Reader in = Files.newBufferedReader(csv)) {
                    copied = new CopyManager(c.unwrap(BaseConnection.class))
                            .copyIn("copy usage_upload from stdin with (format csv, header true)", in);
                }
                try (Statement s = c.createStatement()) {
                    // the units, their cases and the cases' pallets, each new (primary key) and once
                    s.executeUpdate("insert into code (code, level, status, parent, batch, expiry)"
                            + " select primary_code, 'P', case when active then 'ACTIVE' when reject then 'REJECTED'"
                            + " else 'RETAINED_SAMPLE' end, secondary_code, batch, expiry from usage_upload u"
                            + " where not exists (select 1 from code c where c.code = u.primary_code)"
                            + " union all select distinct on (secondary_code) secondary_code, 'S', 'ACTIVE',"
                            + " tertiary_code, batch, expiry from usage_upload where secondary_code is not null"
                            + " union all select distinct on (tertiary_code) tertiary_code, 'T', 'ACTIVE', null,"
                            + " batch, expiry from usage_upload where tertiary_code is not null");
                }
                c.commit();
                c.setAutoCommit(true);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (copied != rows) {
                    throw new IllegalStateException("copied " + copied + " rows, not " + rows);
                }
                best = Math.max(best, rows / seconds);
            }
        }
        return best;
    }
}
