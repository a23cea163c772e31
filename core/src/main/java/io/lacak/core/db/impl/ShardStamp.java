package io.lacak.core.db.impl;

import io.lacak.core.journal.Shards;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Issue 21: puts the {@code batch}, {@code issuance} and {@code upload} rows of a node that ran
 * with several shards before V30 (every row then in shard 0) in their holder's shard: a batch in
 * its product's holder's, a code request in its requester's, an upload in its uploader's own
 * holder shard, as the code writes them since. Runs after Flyway, before {@link CitusLayout}; with
 * one shard, and on a table Citus already distributes by shard (whose rows the code wrote), it does
 * nothing, and a row already in its shard is not touched, so every later start finds nothing to do.
 */
final class ShardStamp {

    private static final Logger LOG = Logger.getLogger(ShardStamp.class.getName());

    private ShardStamp() {}

    /** Moves the rows not in their holder's shard of {@code count}; returns how many it moved. */
    static int apply(Connection c, int count) throws SQLException {
        if (count == 1) {
            return 0;
        }
        Shards shards = Shards.of(count);
        Map<Integer, List<String>> partners = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select partner_id from facility")) {
            while (r.next()) {
                partners.computeIfAbsent(shards.ofHolder(r.getString(1)), k -> new ArrayList<>())
                        .add(r.getString(1));
            }
        }
        int moved = 0;
        for (Map.Entry<Integer, List<String>> e : partners.entrySet()) {
            // Shards.ofProduct: a product whose holder is no facility stays in shard 0
            moved += move(
                    c,
                    "batch",
                    "update batch set shard = ? where shard <> ? and product_id in"
                            + " (select p.id from product p join facility f on f.partner_id = p.holder"
                            + " where f.partner_id = any(?))",
                    e);
            moved += move(c, "issuance", "update issuance set shard = ? where shard <> ? and requested_by = any(?)", e);
            moved += move(
                    c,
                    "upload",
                    "update upload set shard = ? where shard <> ? and facility in"
                            + " (select ref from facility where partner_id = any(?))",
                    e);
        }
        if (moved > 0) {
            int n = moved;
            LOG.info(() -> n + " batch, issuance and upload rows moved to their holder's shard of " + count);
        }
        return moved;
    }

    private static int move(Connection c, String table, String sql, Map.Entry<Integer, List<String>> shard)
            throws SQLException {
        if (!present(c, table) || distributed(c, table)) {
            return 0;
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setInt(1, shard.getKey());
            p.setInt(2, shard.getKey());
            p.setArray(3, c.createArrayOf("varchar", shard.getValue().toArray()));
            return p.executeUpdate();
        }
    }

    /** Whether {@code table} is here (core alone has no {@code upload}) and has its shard column (V30, V30.1). */
    private static boolean present(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select 1 from information_schema.columns"
                + " where table_schema = 'public' and table_name = ? and column_name = 'shard'")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Whether Citus distributes {@code table} by shard already: its rows are where the code put them. */
    private static boolean distributed(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select 1 from pg_extension where extname = 'citus'")) {
            if (!r.next()) {
                return false;
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "select 1 from pg_dist_partition where logicalrelid = ?::regclass and partmethod = 'h'")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }
}
