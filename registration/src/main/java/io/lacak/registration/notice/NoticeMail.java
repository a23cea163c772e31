package io.lacak.registration.notice;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Facility notifications by e-mail too (issue 17): the regulation sends its notices "pada dashboard
 * dan email" (Lampiran K.7 returns, L.a.7 recall notices, L.b.7 recall shipments). The custody
 * indexer writes each notification for the dashboard; this copies every one not yet e-mailed into
 * the {@link Outbox}, one message per account of the facility that has an e-mail address, in
 * Bahasa Indonesia first and English second, and marks it e-mailed in the same transaction: each
 * (notification, account) gets one message, across restarts and servers (the rows are locked, and
 * a unique index on the outbox refuses a second).
 *
 * <p>{@code noticeMail.queue(500).compose(n -> outbox.deliver(mailer, 100))}
 */
public final class NoticeMail {

    private final Pool pool;

    public NoticeMail(Pool pool) {
        this.pool = pool;
    }

    /** Queues the e-mail of up to {@code max} notifications not yet e-mailed; returns how many notifications. */
    public Future<Integer> queue(int max) {
        return pool.withTransaction(c -> c.preparedQuery(
                        "select n.id, n.facility, n.kind, n.subject, n.codes, n.seq, n.shard, f.partner_id, f.name"
                                + " from notification n join facility f on f.ref = n.facility"
                                + " where not n.emailed order by n.id limit $1 for update of n skip locked")
                .execute(Tuple.of(max))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(0);
                    }
                    List<Row> notices = new ArrayList<>();
                    rows.forEach(notices::add);
                    return details(c, notices).compose(details -> mail(c, notices, details));
                }));
    }

    /**
     * The journal's details (reason, letter) of the notices' events: read apart, by their shard, so
     * that on Citus no parallel read of the journal comes before the writes in this transaction.
     */
    private static Future<Map<String, String>> details(SqlConnection c, List<Row> notices) {
        Map<String, String> out = new java.util.HashMap<>();
        Future<?> chain = Future.succeededFuture();
        for (int shard :
                notices.stream().map(r -> r.getInteger("shard")).distinct().toList()) {
            Long[] seqs = notices.stream()
                    .filter(r -> r.getInteger("shard") == shard)
                    .map(r -> r.getLong("seq"))
                    .distinct()
                    .toArray(Long[]::new);
            chain = chain.compose(
                    v -> c.preparedQuery("select seq, details from journal where shard = $1 and seq = any($2)")
                            .execute(Tuple.tuple().addInteger(shard).addArrayOfLong(seqs))
                            .map(rows -> {
                                rows.forEach(r -> out.put(shard + "/" + r.getLong("seq"), r.getString("details")));
                                return null;
                            }));
        }
        return chain.map(out);
    }

    private static String event(Row n) {
        return n.getInteger("shard") + "/" + n.getLong("seq");
    }

    /** The notices' e-mails into the outbox, to every active account of their facility; the notices marked e-mailed. */
    private static Future<Integer> mail(SqlConnection c, List<Row> notices, Map<String, String> details) {
        Integer[] facilities =
                notices.stream().map(r -> r.getInteger("facility")).distinct().toArray(Integer[]::new);
        Long[] ids = notices.stream().map(r -> r.getLong("id")).toArray(Long[]::new);
        return recipients(c, facilities)
                .compose(accounts -> {
                    List<Tuple> mails = new ArrayList<>();
                    for (Row n : notices) {
                        for (Integer account : accounts.getOrDefault(n.getInteger("facility"), List.of())) {
                            mails.add(Tuple.of(account, subject(n), body(n, details.get(event(n))), n.getLong("id")));
                        }
                    }
                    return mails.isEmpty()
                            ? Future.succeededFuture()
                            : c.preparedQuery("insert into outbox (account_id, subject, body, notification_id)"
                                            + " values ($1, $2, $3, $4) on conflict (notification_id, account_id)"
                                            + " where notification_id is not null do nothing")
                                    .executeBatch(mails);
                })
                .compose(v -> c.preparedQuery("update notification set emailed = true where id = any($1)")
                        .execute(Tuple.of(ids)))
                .map(v -> notices.size());
    }

    /** The active accounts with an e-mail address of each facility. */
    private static Future<Map<Integer, List<Integer>>> recipients(SqlConnection c, Integer[] facilities) {
        return c.preparedQuery(
                        "select af.facility, a.id from account_facility af join account a on a.id = af.account_id"
                                + " where af.facility = any($1) and a.active and a.email is not null order by a.id")
                .execute(Tuple.of(facilities))
                .map(rows -> {
                    Map<Integer, List<Integer>> out = new HashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getInteger(0), k -> new ArrayList<>())
                            .add(r.getInteger(1)));
                    return out;
                });
    }

    /** Bahasa Indonesia, then the English subject the dashboard shows. */
    static String subject(Row n) {
        return title(n.getString("kind")) + " / " + n.getString("subject");
    }

    private static String title(String kind) {
        return switch (kind) {
            case "INCOMING_SHIPMENT" -> "Pengiriman masuk";
            case "RETURN_AWAITING_DECISION" -> "Retur menunggu keputusan";
            case "RETURN_APPROVED" -> "Retur disetujui";
            case "RETURN_REJECTED" -> "Retur ditolak";
            case "INCOMING_RECALL_SHIPMENT" -> "Pengiriman penarikan masuk";
            case "RECALL_SHIPMENT_RECEIVED" -> "Pengiriman penarikan diterima";
            case "RECALL_NOTICE" -> "Pemberitahuan penarikan";
            default -> "Pemberitahuan";
        };
    }

    /** What happened, what to do, and the report's details (reason, letter), in Indonesian then English. */
    static String body(Row n, String detailsJson) {
        String kind = n.getString("kind");
        int codes = n.getInteger("codes");
        String facility =
                n.getString("partner_id") + (n.getString("name") == null ? "" : " (" + n.getString("name") + ")");
        JsonObject details = detailsJson == null ? new JsonObject() : new JsonObject(detailsJson);
        String[] text =
                switch (kind) {
                    case "INCOMING_SHIPMENT" ->
                        new String[] {
                            codes
                                    + " kode dikirim kepada fasilitas Anda. Laporkan penerimaannya di Lacak setelah barang tiba (Lampiran I).",
                            codes
                                    + " codes were shipped to your facility. Report their receipt in Lacak when the goods arrive."
                        };
                    case "RETURN_AWAITING_DECISION" ->
                        new String[] {
                            "Retur " + codes
                                    + " kode menunggu keputusan Anda: setujui atau tolak dengan alasannya (Lampiran K.7).",
                            "A return of " + codes
                                    + " codes awaits your decision: approve it, or reject it with a reason."
                        };
                    case "RETURN_APPROVED" ->
                        new String[] {
                            "Retur Anda (" + codes + " kode) disetujui (Lampiran K.9b, K.11).",
                            "Your return (" + codes + " codes) was approved."
                        };
                    case "RETURN_REJECTED" ->
                        new String[] {
                            "Retur Anda (" + codes
                                    + " kode) ditolak; kode tetap pada fasilitas Anda (Lampiran K.9b, K.11).",
                            "Your return (" + codes + " codes) was rejected; the codes stay with your facility."
                        };
                    case "INCOMING_RECALL_SHIPMENT" ->
                        new String[] {
                            "Pengiriman penarikan " + codes
                                    + " kode menuju fasilitas Anda. Laporkan penerimaannya setelah barang tiba"
                                    + " (Lampiran L.b.7).",
                            "A recall shipment of " + codes
                                    + " codes is on its way to your facility. Report its receipt when it arrives."
                        };
                    case "RECALL_SHIPMENT_RECEIVED" ->
                        new String[] {
                            "Pengiriman penarikan Anda (" + codes + " kode) telah diterima (Lampiran L.b.10-11).",
                            "Your recall shipment (" + codes + " codes) was received."
                        };
                    case "RECALL_NOTICE" ->
                        new String[] {
                            "Bets ini ditarik dari peredaran. Hentikan penyaluran dan penjualannya, dan kirim kembali persediaan Anda"
                                    + " dengan pengiriman penarikan sesuai surat penarikan (Lampiran L.a.7).",
                            "This batch is recalled. Stop distributing and selling it, and send your stock back by recall shipment as"
                                    + " the recall letter says."
                        };
                    default ->
                        new String[] {
                            "Ada pemberitahuan baru untuk fasilitas Anda.", "There is a new notice for your facility."
                        };
                };
        StringBuilder b = new StringBuilder();
        b.append(title(kind))
                .append("\n\n")
                .append("Fasilitas: ")
                .append(facility)
                .append('\n')
                .append(text[0])
                .append('\n');
        detail(b, details, "nie", "NIE");
        detail(b, details, "batch", "Bets");
        detail(b, details, "reason", "Alasan");
        detail(b, details, "letterNumber", "Nomor surat");
        detail(b, details, "letterDate", "Tanggal surat");
        b.append("\n---\n\n")
                .append(n.getString("subject"))
                .append("\n\n")
                .append("Facility: ")
                .append(facility)
                .append('\n')
                .append(text[1])
                .append('\n');
        detail(b, details, "nie", "NIE");
        detail(b, details, "batch", "Batch");
        detail(b, details, "reason", "Reason");
        detail(b, details, "letterNumber", "Letter number");
        detail(b, details, "letterDate", "Letter date");
        b.append("\nLacak, notification ").append(n.getLong("id")).append('\n');
        return b.toString();
    }

    private static void detail(StringBuilder b, JsonObject details, String key, String label) {
        Object v = details.getValue(key);
        if (v != null) {
            b.append(label).append(": ").append(v).append('\n');
        }
    }
}
