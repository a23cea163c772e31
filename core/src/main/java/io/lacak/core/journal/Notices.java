package io.lacak.core.journal;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.store.CodeState;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications one page of journal events gives rise to, gathered while the custody indexer
 * reads the page and written in its transaction: one per (facility, kind, event). Each carries
 * the report's details (a recall's reason and letter, a return's reason: {@code journal.details} of
 * its event, read with it by {@link Notifications}), which only the notified
 * facilities see.
 */
final class Notices {

    /** What a facility is told, and the article that tells it. */
    enum Kind {
        /** Lampiran H -> I: the addressee of a shipment receives it. */
        INCOMING_SHIPMENT,
        /** Lampiran K.6-7: the addressee of a return approves or rejects it. */
        RETURN_AWAITING_DECISION,
        /** Lampiran K.9b, K.11: the facility that returned learns the decision. */
        RETURN_APPROVED,
        RETURN_REJECTED,
        /** Lampiran L.b.6-7: the addressee of a recall shipment receives it. */
        INCOMING_RECALL_SHIPMENT,
        /** Lampiran L.b.10-11: the sender of a recall shipment learns it was received. */
        RECALL_SHIPMENT_RECEIVED,
        /** Lampiran L.a.5: every facility in the batch's distribution path. */
        RECALL_NOTICE
    }

    private record Key(int facility, Kind kind, long seq) {}

    /** An event whose notice goes to the facility that held its codes just before it. */
    private record Answer(long seq, Kind kind, int by) {}

    private final ReferenceData ref;
    /** The shard whose journal events these are (issue 21). */
    private final int shard;

    private final Map<Key, int[]> counts = new LinkedHashMap<>();
    private final Map<Key, String> subjects = new LinkedHashMap<>();
    private final List<long[]> recalls = new ArrayList<>();
    private final List<Answer> answers = new ArrayList<>();

    Notices(ReferenceData ref, int shard) {
        this.ref = ref;
        this.shard = shard;
    }

    /** The journal event whose code changes follow: its kind and reporting facility. */
    void event(long seq, String kind, int facility) {
        ReportKind report = ReportKind.of(kind);
        Kind answer = report == null
                ? null
                : switch (report) {
                    case RETURN_APPROVED -> Kind.RETURN_APPROVED;
                    case RETURN_REJECTED -> Kind.RETURN_REJECTED;
                    case RECALL_RECEIPT -> Kind.RECALL_SHIPMENT_RECEIVED;
                    default -> null;
                };
        if (answer != null) {
            answers.add(new Answer(seq, answer, facility));
        }
    }

    /** A code took state {@code s} in event {@code seq}: the addressee of a movement hears of it. */
    void codeChanged(long seq, CodeState s) {
        Kind kind =
                switch (s.status()) {
                    case IN_TRANSIT -> Kind.INCOMING_SHIPMENT;
                    case RETURN_PENDING -> Kind.RETURN_AWAITING_DECISION;
                    case RECALL_IN_TRANSIT -> Kind.INCOMING_RECALL_SHIPMENT;
                    default -> null;
                };
        if (kind == null || s.counterparty() == 0) {
            return;
        }
        Key key = new Key(s.counterparty(), kind, seq);
        counts.computeIfAbsent(key, k -> new int[1])[0]++;
        subjects.putIfAbsent(
                key,
                switch (kind) {
                    case INCOMING_SHIPMENT -> "Incoming shipment from " + partner(s.holder());
                    case RETURN_AWAITING_DECISION -> "Return from " + partner(s.holder()) + " awaits your decision";
                    default -> "Incoming recall shipment from " + partner(s.holder());
                });
    }

    /** Lampiran L.a.5: a recall notice goes to every facility in the batch's distribution path. */
    void recalled(long seq, int batchRef) {
        recalls.add(new long[] {seq, batchRef});
    }

    Future<Void> write(SqlConnection c) {
        List<Tuple> rows = new ArrayList<>();
        counts.forEach(
                (k, n) -> rows.add(Tuple.of(k.facility(), k.kind().name(), k.seq(), subjects.get(k), n[0], shard)));
        Future<?> chain = rows.isEmpty()
                ? Future.succeededFuture()
                : c.preparedQuery("insert into notification (facility, kind, seq, subject, codes, shard)"
                                + " values ($1, $2, $3, $4, $5, $6) on conflict do nothing")
                        .executeBatch(rows);
        for (long[] recall : recalls) {
            chain = chain.compose(
                    v -> c.preparedQuery("insert into notification (facility, kind, seq, subject, codes, shard)"
                                    + " select f, $4, $2, $3, 0, $5 from (select holder as f from custody where shard = $5"
                                    + " and batch = $1 union select counterparty from custody where shard = $5 and batch = $1"
                                    + " and counterparty <> 0) h"
                                    + " on conflict do nothing")
                            .execute(Tuple.of(
                                    (int) recall[1],
                                    recall[0],
                                    recallSubject((int) recall[1]),
                                    Kind.RECALL_NOTICE.name(),
                                    shard)));
        }
        // the facility told is the one that held each code just before the event (its custody row before)
        for (Answer a : answers) {
            chain = chain.compose(
                    v -> c.preparedQuery("insert into notification (facility, kind, seq, subject, codes, shard)"
                                    + " select prev.holder, $2, $1, $3, count(*), $5 from custody cur"
                                    + " join lateral (select b.holder from custody b where b.shard = cur.shard and b.key = cur.key"
                                    + " and b.seq < cur.seq"
                                    + " order by b.seq desc limit 1) prev on true"
                                    + " where cur.shard = $5 and cur.seq = $1 and prev.holder <> $4 and prev.holder <> 0 group by prev.holder"
                                    + " on conflict do nothing")
                            .execute(Tuple.of(a.seq(), a.kind().name(), answerSubject(a), a.by(), shard)));
        }
        return chain.mapEmpty();
    }

    private String answerSubject(Answer a) {
        return switch (a.kind()) {
            case RETURN_APPROVED -> "Return approved by " + partner(a.by());
            case RETURN_REJECTED -> "Return rejected by " + partner(a.by());
            default -> "Recall shipment received by " + partner(a.by());
        };
    }

    private String recallSubject(int batchRef) {
        Batch b = ref.batch(batchRef);
        Product p = b == null ? null : ref.product(b.productId());
        return p == null ? "Recall notice" : "Recall notice: NIE " + p.nie() + ", batch " + b.batch();
    }

    private String partner(int facilityRef) {
        Facility f = ref.facility(facilityRef);
        return f == null ? "facility " + facilityRef : f.partnerId();
    }
}
