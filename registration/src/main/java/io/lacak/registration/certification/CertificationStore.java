package io.lacak.registration.certification;

import io.lacak.core.refusal.Refusal;
import io.lacak.registration.account.Caller;
import io.lacak.registration.account.Directorate;
import io.lacak.registration.certification.CertificationForm.Application;
import io.lacak.registration.certification.Certifications.Status;
import io.lacak.registration.document.Documents;
import io.lacak.registration.workflow.Subject;
import io.lacak.registration.workflow.Subject.Kind;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of certifications: the {@code certification} rows, their status moves, the dosage forms
 * they name and the documents they own. Methods taking a {@link SqlClient} run in the caller's
 * transaction.
 */
final class CertificationStore {

    private final Pool pool;

    CertificationStore(Pool pool) {
        this.pool = pool;
    }

    static Subject subject(long id) {
        return Kind.CERTIFICATION.of(id);
    }

    /** The production licence number (null when none) of each of {@code ids} that {@code companyId}'s plants have. */
    Future<Map<Integer, String>> licences(List<Integer> ids, long companyId) {
        return pool.preparedQuery("select f.id, f.production_licence_number from plant_dosage_form f join plant p"
                        + " on p.id = f.plant_id where f.id = any($1) and p.company_id = $2")
                .execute(Tuple.of(ids.toArray(new Integer[0]), companyId))
                .map(rows -> {
                    Map<Integer, String> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getInteger("id"), r.getString("production_licence_number")));
                    return out;
                });
    }

    /** A new SUBMITTED application of {@code companyId}; its id. */
    Future<Long> insert(SqlClient c, long companyId, Application a) {
        return c.preparedQuery(
                        "insert into certification (company_id, type, dosage_forms,"
                                + " letter_number, letter_date, rip_approval_number) values ($1, $2, $3, $4, $5, $6) returning id")
                .execute(Tuple.of(companyId, a.type().name(), a.forms(), a.letterNumber(), a.letterDate(), a.rip()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The application's data replaced by a revision's. */
    Future<Void> update(SqlClient c, long id, Application a) {
        return c.preparedQuery("update certification set type = $2, dosage_forms = $3, letter_number = $4,"
                        + " letter_date = $5, rip_approval_number = $6 where id = $1")
                .execute(Tuple.of(id, a.type().name(), a.forms(), a.letterNumber(), a.letterDate(), a.rip()))
                .mapEmpty();
    }

    /** Moves the application from one of {@code from} to {@code to}; CONFLICT otherwise. */
    Future<Row> claim(SqlClient c, long id, Set<Status> from, Status to, String note) {
        String[] names = from.stream().map(Enum::name).toArray(String[]::new);
        return c.preparedQuery(
                        "update certification set status = $2, note = $3 where id = $1 and status = any($4) returning *")
                .execute(Tuple.of(id, to.name(), note, names))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(rows.iterator().next())
                        : Future.failedFuture(
                                Refusal.conflict("WRONG_STATUS", "certification " + id + " is not " + from)));
    }

    /**
     * A paid SPB: PAYMENT to INSPECTION, answering the company's commodities (they route it); CONFLICT
     * when the application is not waiting for payment.
     */
    Future<List<String>> inspect(SqlClient c, long id) {
        return c.preparedQuery(
                        "update certification ce set status = 'INSPECTION' from company co"
                                + " where ce.id = $1 and ce.status = 'PAYMENT' and co.id = ce.company_id returning co.commodities")
                .execute(Tuple.of(id))
                .compose(rows -> rows.rowCount() == 1
                        ? Future.succeededFuture(List.of(rows.iterator().next().getArrayOfStrings("commodities")))
                        : Future.failedFuture(Refusal.conflict(
                                "WRONG_STATUS", "certification " + id + " is not waiting for payment")));
    }

    /** Stores {@code docs}, each replacing the application's documents of its kind. */
    Future<Void> replaceDocuments(SqlClient c, long id, List<Documents.Upload> docs) {
        List<Tuple> kinds = docs.stream()
                .map(d -> d.kind())
                .distinct()
                .map(k -> Tuple.of(subject(id).toString(), k))
                .toList();
        Future<?> removed = kinds.isEmpty()
                ? Future.succeededFuture()
                : c.preparedQuery("delete from document where owner = $1 and kind = $2")
                        .executeBatch(kinds);
        return removed.compose(v -> Documents.store(c, subject(id).toString(), docs));
    }

    /** The account of the company that applied. */
    Future<Integer> applicant(SqlClient c, long id) {
        return c.preparedQuery("select account_id from company co join certification ce on ce.company_id = co.id"
                        + " where ce.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** What the certificate names: company, plant, address, dosage form and licence, by plant then form. */
    Future<List<Row>> certified(SqlClient c, long id) {
        return c.preparedQuery(
                        "select co.name as company, p.name as plant, p.address, f.dosage_form, f.production_licence_number"
                                + " from certification ce join company co on co.id = ce.company_id join plant_dosage_form f on f.id = any(ce.dosage_forms)"
                                + " join plant p on p.id = f.plant_id where ce.id = $1 order by p.id, f.id")
                .execute(Tuple.of(id))
                .map(CertificationStore::rows);
    }

    /** The certificate's number and dates. */
    Future<Void> certificate(SqlClient c, long id, String number, LocalDate on, LocalDate validUntil) {
        return c.preparedQuery("update certification set certificate_number = $2, certified_on = $3, valid_until = $4"
                        + " where id = $1")
                .execute(Tuple.of(id, number, on, validUntil))
                .mapEmpty();
    }

    /** The certificate PDF kept as the application's CERTIFICATE document. */
    Future<byte[]> certificatePdf(long id) {
        return pool.preparedQuery("select content from document where owner = $1 and kind = 'CERTIFICATE'")
                .execute(Tuple.of(subject(id).toString()))
                .map(rows -> rows.iterator().next().getBuffer(0).getBytes());
    }

    /** The rows the caller sees (its company's; all for the regulator), newest first. */
    Future<List<Row>> list(Caller caller, Set<Status> statuses, long beforeId, int limit) {
        return pool.preparedQuery("select ce.* from certification ce join company co on co.id = ce.company_id"
                        + " where ($1::text[] is null or ce.status = any($1)) and ce.id < $2 and ($4::boolean or co.account_id = $5)"
                        // Lampiran B: routed by the company's commodities, as its registration was
                        + " and (not $4::boolean or $6::text[] is null or co.commodities && $6"
                        + " or not co.commodities && $7)"
                        + " order by ce.id desc limit $3")
                .execute(Tuple.from(new Object[] {
                    Workflow.names(statuses),
                    beforeId,
                    limit,
                    caller.regulator(),
                    caller.accountId(),
                    caller.scopeCommodities(),
                    Directorate.known()
                }))
                .map(CertificationStore::rows);
    }

    /** The dosage forms the application names, with their plant, by id. */
    Future<List<Row>> dosageForms(long id) {
        return pool.preparedQuery(
                        "select f.id as form_id, f.dosage_form, f.production_licence_number,"
                                + " f.production_licence_date, p.name as plant from certification ce join plant_dosage_form f"
                                + " on f.id = any(ce.dosage_forms) join plant p on p.id = f.plant_id where ce.id = $1 order by f.id")
                .execute(Tuple.of(id))
                .map(CertificationStore::rows);
    }

    /** The row of application {@code id} with its company's account; NOT_FOUND unless the caller may see it. */
    Future<Row> load(long id, Caller caller) {
        return pool.preparedQuery(
                        "select ce.*, co.account_id, co.commodities as company_commodities from certification ce"
                                + " join company co on co.id = ce.company_id"
                                + " where ce.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    Row r = rows.size() == 0 ? null : rows.iterator().next();
                    if (r == null
                            || !(caller.regulator()
                                    || Integer.valueOf(caller.accountId()).equals(r.getInteger("account_id")))) {
                        throw Refusal.notFound("no certification " + id);
                    }
                    return r;
                });
    }

    private static List<Row> rows(Iterable<Row> rows) {
        List<Row> out = new ArrayList<>();
        rows.forEach(out::add);
        return out;
    }
}
