package io.lacak.registration.payment;

import io.lacak.registration.account.Caller;
import io.lacak.registration.payment.PaymentOrders.Purpose;
import io.lacak.core.refusal.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bank's confirmation of a payment (seed 000: "Jika SPB sudah dibayarkan akan otomatis masuk ke
 * proses evaluasi"): the order is marked paid and the workflow owning it moves on, in one
 * transaction. Confirmations come from the state revenue system through regulator staff or their
 * adapter, so only a regulator account confirms.
 *
 * <p>{@code payments.settles("certification", (tx, id, purpose) -> ...)}
 */
public final class Payments {

  /** What a workflow does when one of its orders is paid, in the payment's transaction. */
  public interface Settlement {
    Future<Void> paid(SqlClient c, long id, Purpose purpose);
  }

  private static final Pattern BILLING = Pattern.compile("\\d{15}");

  private final Pool pool;
  private final Map<String, Settlement> owners = new HashMap<>();

  public Payments(Pool pool) {
    this.pool = pool;
  }

  /** Orders whose subject starts with {@code kind + ":"} are settled by {@code settlement}. */
  public Payments settles(String kind, Settlement settlement) {
    owners.put(kind, settlement);
    return this;
  }

  /** {@code {billingNumber, amount}}: the order paid and its workflow moved on; the order's subject and purpose. */
  public Future<JsonObject> confirm(JsonObject body, Caller caller) {
    caller.requireRegulator();
    Fields f = new Fields(body);
    String billing = f.text("billingNumber", BILLING, "the 15 digits of the SPB's billing number");
    Object amount = body.getValue("amount");
    if (!(amount instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
      f.add("amount", "BAD_FORMAT", "amount must be the whole rupiah paid, more than 0");
    }
    f.check();
    return pool.withTransaction(c -> PaymentOrders.pay(c, billing, ((Number) amount).longValue()).compose(paid -> {
      String subject = paid.subject();
      int colon = subject.indexOf(':');
      Settlement owner = owners.get(subject.substring(0, colon));
      return owner.paid(c, Long.parseLong(subject.substring(colon + 1)), paid.purpose())
          .map(v -> new JsonObject().put("billingNumber", billing).put("subject", subject)
              .put("purpose", paid.purpose().name()).put("status", "PAID"));
    }));
  }
}
