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
 * reads the page and written in its transaction: one per (facility, kind, event).
 */
final class Notices {

  private record Key(int facility, String kind, long seq) {
  }

  private final ReferenceData ref;
  private final Map<Key, int[]> counts = new LinkedHashMap<>();
  private final Map<Key, String> subjects = new LinkedHashMap<>();
  private final List<long[]> recalls = new ArrayList<>();

  Notices(ReferenceData ref) {
    this.ref = ref;
  }

  /** A code took state {@code s} in event {@code seq}: the addressee of a movement hears of it. */
  void codeChanged(long seq, CodeState s) {
    String kind = switch (s.status()) {
      case IN_TRANSIT -> "INCOMING_SHIPMENT";        // Lampiran H -> I: the addressee receives
      case RETURN_PENDING -> "RETURN_AWAITING_DECISION"; // Lampiran K: the addressee approves or rejects
      case RECALL_IN_TRANSIT -> "INCOMING_RECALL_SHIPMENT"; // Lampiran L.b
      default -> null;
    };
    if (kind == null || s.counterparty() == 0) {
      return;
    }
    Key key = new Key(s.counterparty(), kind, seq);
    counts.computeIfAbsent(key, k -> new int[1])[0]++;
    subjects.putIfAbsent(key, switch (kind) {
      case "INCOMING_SHIPMENT" -> "Incoming shipment from " + partner(s.holder());
      case "RETURN_AWAITING_DECISION" -> "Return from " + partner(s.holder()) + " awaits your decision";
      default -> "Incoming recall shipment from " + partner(s.holder());
    });
  }

  /** Lampiran L.a.5: a recall notice goes to every facility in the batch's distribution path. */
  void recalled(long seq, int batchRef) {
    recalls.add(new long[] {seq, batchRef});
  }

  Future<Void> write(SqlConnection c) {
    List<Tuple> rows = new ArrayList<>();
    counts.forEach((k, n) -> rows.add(Tuple.of(k.facility(), k.kind(), k.seq(), subjects.get(k), n[0])));
    Future<?> chain = rows.isEmpty() ? Future.succeededFuture()
        : c.preparedQuery("insert into notification (facility, kind, seq, subject, codes) values ($1, $2, $3, $4, $5)"
            + " on conflict do nothing").executeBatch(rows);
    for (long[] recall : recalls) {
      chain = chain.compose(v -> c.preparedQuery("insert into notification (facility, kind, seq, subject, codes)"
              + " select f, 'RECALL_NOTICE', $2, $3, 0 from (select holder as f from custody where batch = $1"
              + " union select counterparty from custody where batch = $1 and counterparty <> 0) h"
              + " on conflict do nothing")
          .execute(Tuple.of((int) recall[1], recall[0], recallSubject((int) recall[1]))));
    }
    return chain.mapEmpty();
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
