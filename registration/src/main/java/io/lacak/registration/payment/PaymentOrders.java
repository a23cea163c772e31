package io.lacak.registration.payment;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.workflow.Subject;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Payment orders (Surat Perintah Bayar, SPB) of the registration and certification workflows (seed
 * 000 "SPB Pra Registrasi", "SPB Registrasi"; seed 002 "Melakukan Pembayaran Berdasarkan SPB"):
 * an amount and a 15-digit billing number the bank is paid with. The bank's confirmation marks an
 * order paid once; the workflow that owns it then moves on.
 *
 * <p>{@code PaymentOrders.issue(tx, Kind.CERTIFICATION.of(3), Purpose.CERTIFICATION, 7_500_000)}
 */
public final class PaymentOrders {

    /** What an order pays for. */
    public enum Purpose {
        PRE_REGISTRATION,
        REGISTRATION,
        CERTIFICATION
    }

    /** A paid order: whose it is and what it paid for. */
    public record Paid(Subject subject, Purpose purpose, String billingNumber) {}

    /**
     * An order (SPB): its number ({@code SPB-2026-000012}), billing number, purpose, amount in rupiah,
     * when it was issued and paid ({@code null} while unpaid).
     */
    public record PaymentOrder(
            String number, String billingNumber, Purpose purpose, long amount, Instant issuedAt, Instant paidAt) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private PaymentOrders() {}

    /** Issues an order in the caller's transaction. */
    public static Future<PaymentOrder> issue(SqlClient c, Subject subject, Purpose purpose, long amount) {
        return c.preparedQuery(
                        "insert into payment_order (billing_number, subject, purpose, amount) values ($1, $2, $3, $4)"
                                + " returning *")
                .execute(Tuple.of(billingNumber(), subject.toString(), purpose.name(), amount))
                .map(rows -> order(rows.iterator().next()));
    }

    /**
     * Marks the order with {@code billingNumber} paid, in the caller's transaction: NOT_FOUND when there is
     * none, CONFLICT when it was paid before, INVALID when the amount is not the order's.
     */
    public static Future<Paid> pay(SqlClient c, String billingNumber, long amount) {
        return c.preparedQuery("select * from payment_order where billing_number = $1 for update")
                .execute(Tuple.of(billingNumber))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(
                                Refusal.notFound("no payment order with billing number " + billingNumber));
                    }
                    Row r = rows.iterator().next();
                    if (r.getOffsetDateTime("paid_at") != null) {
                        return Future.failedFuture(Refusal.conflict(
                                "ALREADY_PAID",
                                "billing number " + billingNumber + " was paid on "
                                        + r.getOffsetDateTime("paid_at").toInstant()));
                    }
                    if (r.getLong("amount") != amount) {
                        return Future.failedFuture(Refusal.invalid(
                                "amount",
                                "WRONG_AMOUNT",
                                "billing number " + billingNumber + " orders Rp " + r.getLong("amount") + ", not Rp "
                                        + amount));
                    }
                    return c.preparedQuery("update payment_order set paid_at = now() where id = $1")
                            .execute(Tuple.of(r.getLong("id")))
                            .map(v -> new Paid(
                                    Subject.parse(r.getString("subject")),
                                    Purpose.valueOf(r.getString("purpose")),
                                    billingNumber));
                });
    }

    /** The orders of {@code subject}, oldest first. */
    public static Future<List<PaymentOrder>> of(SqlClient c, Subject subject) {
        return c.preparedQuery("select * from payment_order where subject = $1 order by id")
                .execute(Tuple.of(subject.toString()))
                .map(rows -> {
                    List<PaymentOrder> out = new ArrayList<>();
                    rows.forEach(r -> out.add(order(r)));
                    return out;
                });
    }

    private static PaymentOrder order(Row r) {
        Instant issued = r.getOffsetDateTime("issued_at").toInstant();
        return new PaymentOrder(
                String.format(
                        Locale.ROOT, "SPB-%d-%06d", BpomTime.dateOf(issued).getYear(), r.getLong("id")),
                r.getString("billing_number"),
                Purpose.valueOf(r.getString("purpose")),
                r.getLong("amount"),
                issued,
                r.getOffsetDateTime("paid_at") == null
                        ? null
                        : r.getOffsetDateTime("paid_at").toInstant());
    }

    /** 15 random digits, the first not 0; unique by the table's constraint (a clash is 1 in 9e14 per pair). */
    private static String billingNumber() {
        StringBuilder b = new StringBuilder(15).append((char) ('1' + RANDOM.nextInt(9)));
        while (b.length() < 15) {
            b.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return b.toString();
    }
}
