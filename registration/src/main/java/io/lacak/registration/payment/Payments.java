package io.lacak.registration.payment;

import io.lacak.core.refusal.Fields;
import io.lacak.registration.account.Caller;
import io.lacak.registration.payment.PaymentOrders.Purpose;
import io.lacak.registration.workflow.Subject;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bank's confirmation of a payment (seed 000: "Jika SPB sudah dibayarkan akan otomatis masuk ke
 * proses evaluasi"): the order is marked paid and the workflow owning it moves on, in one
 * transaction. Confirmations come from the state revenue system through regulator staff or their
 * adapter, so only a regulator account confirms.
 *
 * <p>{@code payments.settles(Kind.CERTIFICATION, (tx, id, purpose) -> ...)}
 */
public final class Payments {

    /**
     * What a workflow does when one of its orders is paid, in the payment's transaction; it refuses
     * (and the payment is not recorded) when {@code regulator} may not act on the workflow's item
     * (Lampiran B: an officer of a directorate the item is routed to).
     */
    public interface Settlement {
        Future<Void> paid(SqlClient c, long id, Purpose purpose, Caller regulator);
    }

    /** The bank's confirmation as sent: the billing number and the amount paid ({@code null} when absent or no number). */
    public record Confirm(String billingNumber, Number amount) {}

    /** A confirmed payment: the billing number, the order's subject and what it paid for. */
    public record Confirmed(String billingNumber, Subject subject, PaymentOrders.Purpose purpose) {}

    private static final Pattern BILLING = Pattern.compile("\\d{15}");

    private final Pool pool;
    private final Map<Subject.Kind, Settlement> owners = new EnumMap<>(Subject.Kind.class);

    public Payments(Pool pool) {
        this.pool = pool;
    }

    /** Orders whose subject is of {@code kind} are settled by {@code settlement}. */
    public Payments settles(Subject.Kind kind, Settlement settlement) {
        owners.put(kind, settlement);
        return this;
    }

    /** {@link #settles(Subject.Kind, Settlement)} for the kind as subjects write it ({@code "certification"}). */
    public Payments settles(String kind, Settlement settlement) {
        return settles(Subject.Kind.ofWire(kind), settlement);
    }

    /** The order paid and its workflow moved on; the order's subject and purpose. */
    public Future<Confirmed> confirm(Confirm cmd, Caller caller) {
        caller.requireRegulator();
        Fields f = Fields.of();
        String billing =
                f.text("billingNumber", cmd.billingNumber(), BILLING, "the 15 digits of the SPB's billing number");
        Number amount = cmd.amount();
        if (amount == null || amount.longValue() <= 0 || amount.doubleValue() != amount.longValue()) {
            f.add("amount", "BAD_FORMAT", "amount must be the whole rupiah paid, more than 0");
        }
        f.check();
        return pool.withTransaction(
                c -> PaymentOrders.pay(c, billing, amount.longValue()).compose(paid -> {
                    Subject subject = paid.subject();
                    return owners.get(subject.kind())
                            .paid(c, subject.id(), paid.purpose(), caller)
                            .map(v -> new Confirmed(billing, subject, paid.purpose()));
                }));
    }
}
