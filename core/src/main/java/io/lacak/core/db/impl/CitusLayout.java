package io.lacak.core.db.impl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Issue 21: on a Citus coordinator, lays the migrated schema out over the workers. The tables a
 * shard's writer owns are distributed by their {@code shard} column and colocated with the
 * journal; every other table becomes a reference table (a copy on every node), in the order its
 * foreign keys need. Runs after every migration, so a table a later migration adds is laid out
 * on the next start; a table already laid out is left alone, but for a sharded table a cluster
 * made before held as a reference table ({@code batch}, {@code issuance}, {@code upload} before V30):
 * that one is re-laid out, its rows kept ({@link #redistribute}). On a Postgres without the {@code
 * citus} extension it does nothing.
 */
final class CitusLayout {

    private static final Logger LOG = Logger.getLogger(CitusLayout.class.getName());

    /**
     * Distributed by {@code shard}, colocated with the first: their unique keys all include it (V25,
     * V30, V30.1). A holder's batches, code requests and uploads are its shard's, beside its journal.
     */
    static final List<String> SHARDED =
            List.of("journal", "journal_part", "custody", "custody_watermark", "batch", "issuance", "upload");

    /** Flyway's own bookkeeping stays a plain table of the coordinator. */
    private static final Set<String> LOCAL = Set.of("flyway_schema_history");

    private CitusLayout() {}

    /** Lays out what is not laid out yet; returns how many tables it distributed or replicated. */
    static int apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!exists(s, "select 1 from pg_extension where extname = 'citus'")) {
                return 0;
            }
            Set<String> done = strings(s, "select logicalrelid::regclass::text from pg_dist_partition");
            // hash-distributed ones; a sharded table laid out otherwise is a reference table of before
            Set<String> distributed =
                    strings(s, "select logicalrelid::regclass::text from pg_dist_partition where partmethod = 'h'");
            Set<String> tables = strings(
                    s,
                    "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                            + " where n.nspname = 'public' and c.relkind = 'r'");
            tables.removeAll(LOCAL);
            int laid = 0;
            for (String t : referenceOrder(s, tables)) {
                if (!SHARDED.contains(t) && !done.contains(t)) {
                    s.execute("select create_reference_table('" + t + "')");
                    laid++;
                }
            }
            for (String t : SHARDED) {
                if (!tables.contains(t)) {
                    continue; // a module whose migrations are not on the class path (core's own tests: no upload)
                }
                if (!done.contains(t)) {
                    String colocate = t.equals(SHARDED.get(0)) ? "default" : SHARDED.get(0);
                    s.execute("select create_distributed_table('" + t + "', 'shard', colocate_with => '" + colocate
                            + "')");
                    laid++;
                } else if (!distributed.contains(t)) {
                    redistribute(c, t);
                    laid++;
                }
            }
            if (laid > 0) {
                int count = laid;
                LOG.info(
                        () -> "Citus: " + count + " tables laid out (" + SHARDED + " by shard, the rest as reference)");
            }
            return laid;
        }
    }

    /**
     * Turns reference table {@code t} into a table distributed by {@code shard}, colocated with the
     * journal, keeping its rows (in the shard their column names: 0 for every row made with one
     * shard). Citus distributes no reference table directly, and undistributes none with foreign
     * keys: its foreign keys (to reference tables) are dropped, the table made local, distributed,
     * and the keys made again, in one transaction. A table others reference is refused: none is.
     */
    private static void redistribute(Connection c, String t) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (exists(
                    s,
                    "select 1 from pg_constraint where contype = 'f' and confrelid = '" + t
                            + "'::regclass and conrelid <> confrelid")) {
                throw new IllegalStateException(
                        "cannot distribute reference table " + t + ": other tables reference it");
            }
            Map<String, String> keys = new java.util.LinkedHashMap<>();
            try (ResultSet r = s.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint"
                    + " where contype = 'f' and conrelid = '" + t + "'::regclass order by conname")) {
                while (r.next()) {
                    keys.put(r.getString(1), r.getString(2));
                }
            }
            for (String k : keys.keySet()) {
                s.execute("alter table " + t + " drop constraint " + k);
            }
            s.execute("select undistribute_table('" + t + "')");
            s.execute(
                    "select create_distributed_table('" + t + "', 'shard', colocate_with => '" + SHARDED.get(0) + "')");
            for (Map.Entry<String, String> k : keys.entrySet()) {
                s.execute("alter table " + t + " add constraint " + k.getKey() + " " + k.getValue());
            }
            c.commit();
            LOG.info(() -> "Citus: reference table " + t + " distributed by shard, colocated with " + SHARDED.get(0));
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The tables, each after every table its foreign keys reference. */
    private static List<String> referenceOrder(Statement s, Set<String> tables) throws SQLException {
        Map<String, Set<String>> needs = new HashMap<>();
        try (ResultSet r = s.executeQuery("select conrelid::regclass::text, confrelid::regclass::text"
                + " from pg_constraint where contype = 'f'")) {
            while (r.next()) {
                if (!r.getString(1).equals(r.getString(2))) {
                    needs.computeIfAbsent(r.getString(1), k -> new HashSet<>()).add(r.getString(2));
                }
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> left = new LinkedHashSet<>(tables.stream().sorted().toList());
        while (!left.isEmpty()) {
            String next = left.stream()
                    .filter(t -> order.containsAll(needs.getOrDefault(t, Set.of()).stream()
                            .filter(tables::contains)
                            .toList()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("foreign keys in a cycle among " + left));
            order.add(next);
            left.remove(next);
        }
        return order;
    }

    private static boolean exists(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next();
        }
    }

    private static Set<String> strings(Statement s, String sql) throws SQLException {
        Set<String> out = new HashSet<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
