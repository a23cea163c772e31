package io.lacak.registration.asrot;

import io.lacak.core.refusal.Refusal;
import io.lacak.registration.account.Caller;
import io.lacak.registration.asrot.ProductApplicationForm.Draft;
import io.lacak.registration.workflow.Subject;
import io.lacak.registration.workflow.Subject.Kind;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SQL of product applications: the {@code product_application} rows, their status moves, and
 * the documents and history they own. Methods taking a {@link SqlClient} run in the caller's
 * transaction.
 */
final class ProductApplicationStore {

    private final Pool pool;

    ProductApplicationStore(Pool pool) {
        this.pool = pool;
    }

    static Subject subject(long id) {
        return Kind.PRODUCT_APPLICATION.of(id);
    }

    /** A new DRAFT row for {@code draft}, deleted on {@code deleteOn} unless submitted; its id. */
    Future<Long> insert(SqlClient c, int applicant, Draft d, LocalDate deleteOn) {
        Object[] row = {
            applicant,
            d.holder().ref(),
            d.type().name(),
            d.commodity().name(),
            d.kbli(),
            d.scale().name(),
            d.name(),
            d.form().name(),
            d.packaging().toArray(new String[0]),
            d.compositionBasis(),
            composition(d.composition()),
            d.claims(),
            d.dosage(),
            d.warnings(),
            d.storage(),
            deleteOn
        };
        return c.preparedQuery("insert into product_application (applicant, holder, registration_type,"
                        + " commodity, kbli, business_scale, name, dosage_form, packaging, composition_basis, composition, claims, dosage,"
                        + " warnings, storage, draft_delete_on) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
                        + " $16) returning id")
                .execute(Tuple.from(row))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * The composition as the {@code composition} column keeps it: a jsonb array of {description,
     * ingredient, role, amount, unit}, the one JSON document the application stores.
     */
    private static JsonArray composition(List<ProductApplication.Ingredient> items) {
        JsonArray out = new JsonArray();
        items.forEach(i -> out.add(new JsonObject()
                .put("description", i.description())
                .put("ingredient", i.ingredient())
                .put("role", i.role().name())
                .put("amount", i.amount())
                .put("unit", i.unit())));
        return out;
    }

    /** Moves the application from a status {@code action} starts from; CONFLICT naming where it stands otherwise. */
    Future<Row> claim(SqlClient c, long id, Action action, String note) {
        String[] from = action.from().stream().map(Enum::name).toArray(String[]::new);
        return c.preparedQuery(
                        "update product_application set status = $2, note = $3 where id = $1 and status = any($4)"
                                + " returning *")
                .execute(Tuple.of(id, action.to().name(), note, from))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(rows.iterator().next())
                        : c.preparedQuery("select status from product_application where id = $1")
                                .execute(Tuple.of(id))
                                .compose(now -> Future.failedFuture(Refusal.conflict(
                                        "WRONG_STATUS",
                                        action + " is taken from "
                                                + action.from() + "; application " + id + " is "
                                                + (now.size() == 0
                                                        ? "gone"
                                                        : now.iterator().next().getString(0))))));
    }

    /** A paid SPB's move from {@code from} to {@code to}; CONFLICT when the application is not waiting for it. */
    Future<Row> move(SqlClient c, long id, ApplicationStatus from, ApplicationStatus to) {
        return c.preparedQuery("update product_application set status = $3 where id = $1 and status = $2 returning *")
                .execute(Tuple.of(id, from.name(), to.name()))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(rows.iterator().next())
                        : Future.failedFuture(Refusal.conflict(
                                "WRONG_STATUS", "application " + id + " is not waiting for this payment")));
    }

    /** The pre-registration's OSS licence; the draft is no longer deleted. */
    Future<Void> preRegistrationLicence(SqlClient c, long id, String ossCode, String ossId) {
        return c.preparedQuery("update product_application set oss_prereg_licence_code = $2,"
                        + " oss_prereg_licence_id = $3, draft_delete_on = null where id = $1")
                .execute(Tuple.of(id, ossCode, ossId))
                .mapEmpty();
    }

    /** The registration's OSS licence. */
    Future<Void> registrationLicence(SqlClient c, long id, String ossCode, String ossId) {
        return c.preparedQuery("update product_application set oss_reg_licence_code = $2, oss_reg_licence_id = $3"
                        + " where id = $1")
                .execute(Tuple.of(id, ossCode, ossId))
                .mapEmpty();
    }

    /** How many documents the application has. */
    Future<Long> documentCount(SqlClient c, long id) {
        return c.preparedQuery("select count(*) from document where owner = $1")
                .execute(Tuple.of(subject(id).toString()))
                .map(n -> n.iterator().next().getLong(0));
    }

    /** The next number of the NIE sequence. */
    Future<Long> nextNieNumber(SqlClient c) {
        return c.query("select nextval('nie_number')")
                .execute()
                .map(seq -> seq.iterator().next().getLong(0));
    }

    Future<Void> nie(SqlClient c, long id, String nie) {
        return c.preparedQuery("update product_application set nie = $2 where id = $1")
                .execute(Tuple.of(id, nie))
                .mapEmpty();
    }

    /** The application's status, its row locked for the rest of the transaction. */
    Future<ApplicationStatus> lockStatus(SqlClient c, long id) {
        return c.preparedQuery("select status from product_application where id = $1 for update")
                .execute(Tuple.of(id))
                .map(rows -> ApplicationStatus.valueOf(rows.iterator().next().getString(0)));
    }

    /**
     * Deletes the drafts whose deletion day is {@code today} or before, with their documents, and
     * records {@code DELETED} with {@code note} in their history; how many.
     */
    Future<Integer> deleteDrafts(LocalDate today, String note) {
        return pool.withTransaction(c -> c.preparedQuery("delete from product_application where status = 'DRAFT'"
                        + " and draft_delete_on <= $1 returning id")
                .execute(Tuple.of(today))
                .compose(rows -> {
                    List<Tuple> deleted = new ArrayList<>();
                    List<Tuple> owners = new ArrayList<>();
                    rows.forEach(r -> {
                        deleted.add(Tuple.of(subject(r.getLong(0)).toString(), "DELETED", note));
                        owners.add(Tuple.of(subject(r.getLong(0)).toString()));
                    });
                    if (deleted.isEmpty()) {
                        return Future.succeededFuture(0);
                    }
                    return c.preparedQuery("delete from document where owner = $1")
                            .executeBatch(owners)
                            .compose(v -> c.preparedQuery(
                                            "insert into workflow_event (subject, status, note) values ($1, $2, $3)")
                                    .executeBatch(deleted))
                            .map(v -> deleted.size());
                }));
    }

    /** The rows the caller sees (its manufacturers'; all for the regulator), newest first. */
    Future<List<Row>> list(Caller caller, Set<ApplicationStatus> statuses, long beforeId, int limit) {
        Integer[] holders = caller.facilities().toArray(new Integer[0]);
        return pool.preparedQuery(
                        "select * from product_application where ($1::text[] is null or status = any($1)) and id < $2"
                                + " and ($4::boolean or holder = any($5::int[]))"
                                // Lampiran B: the regulator sees those of the directorates it acts for
                                + " and (not $4::boolean or $6::text[] is null or commodity = any($6))"
                                + " order by id desc limit $3")
                .execute(Tuple.from(new Object[] {
                    Workflow.names(statuses), beforeId, limit, caller.regulator(), holders, caller.scopeCommodities()
                }))
                .map(rows -> {
                    List<Row> out = new ArrayList<>();
                    rows.forEach(out::add);
                    return out;
                });
    }

    /** The row of application {@code id}; NOT_FOUND when there is none or the caller may not see it. */
    Future<Row> load(long id, Caller caller) {
        return pool.preparedQuery("select * from product_application where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0
                            || !(caller.regulator()
                                    || caller.memberOf(rows.iterator().next().getInteger("holder")))) {
                        throw Refusal.notFound("no product application " + id);
                    }
                    return rows.iterator().next();
                });
    }
}
