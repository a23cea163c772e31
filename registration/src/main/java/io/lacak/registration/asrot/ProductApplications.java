package io.lacak.registration.asrot;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.calendar.WorkingDays;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.account.Caller;
import io.lacak.registration.account.Directorate;
import io.lacak.registration.asrot.ProductApplicationForm.Draft;
import io.lacak.registration.asrot.ProductApplicationForm.Step;
import io.lacak.registration.document.Documents;
import io.lacak.registration.kbli.Commodity;
import io.lacak.registration.notice.Outbox;
import io.lacak.registration.payment.PaymentOrders;
import io.lacak.registration.payment.PaymentOrders.Purpose;
import io.lacak.registration.product.Category;
import io.lacak.registration.product.Products;
import io.lacak.registration.product.TwoDMethod;
import io.lacak.registration.workflow.Waiting;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Product registration through ASROT (seed 000, sections E and F): a draft with the product data
 * (composition, claims, dosage, warnings, storage, packaging variants) that the applicant's KBLI
 * may register; pre-registration with its OSS licence, SPB, payment and evaluation; registration
 * documents at the counter, verified or returned, SPB, payment, evaluation with requests for
 * additional data; approval issues the NIE (valid five years) and puts the product into track and
 * trace with its identification code (Pasal 14-15). A draft not submitted within 5 working days is
 * deleted. Every step is recorded with actor and time, and the applicant is told of each.
 *
 * <p>The workflow lives here ({@link Action}: who, from where, to where, and what each step does
 * beside); the forms are checked by {@code ProductApplicationForm}, the rows kept by {@code
 * ProductApplicationStore} and shown by {@code ProductApplicationView}.
 *
 * <p>{@code applications.create(draft, caller).compose(a -> applications.act(a.filed().row().id(), submit, caller))}
 */
public final class ProductApplications {

    /**
     * One step as sent: {@code action} (an {@link Action} by name), with {@code note}, {@code
     * ossLicenceCode} and {@code ossLicenceId} where the step needs them ({@code null} when absent).
     */
    public record Act(String action, String note, String ossLicenceCode, String ossLicenceId) {}

    /** An application with its documents and history, its payment orders (SPB), and the product once approved. */
    public record Details(
            Workflow.Filed<ProductApplication> filed,
            List<PaymentOrders.PaymentOrder> paymentOrders,
            Products.Details product) {}

    /** Seed 000: "Masa waktu berkas DRAFT adalah 5 Hari Kerja dari pembuatan berkas". */
    public static final int DRAFT_WORKING_DAYS = 5;
    /** An NIE is valid for five years from its issue. */
    public static final int NIE_YEARS = 5;
    /**
     * SPB amounts in rupiah. Placeholders until the PNBP tariff schedule is configured: the workflow
     * needs an amount to bill, the figures are not the legal ones.
     */
    public static final long PRE_REGISTRATION_FEE = 100_000;

    public static final long REGISTRATION_FEE = 1_500_000;

    /** Where the applicant may add documents: a draft, before the counter, after a return, for additional data. */
    private static final Set<ApplicationStatus> DOCUMENTS_OPEN = EnumSet.of(
            ApplicationStatus.DRAFT,
            ApplicationStatus.REGISTRATION_UPLOAD,
            ApplicationStatus.RETURNED,
            ApplicationStatus.ADDITIONAL_DATA);

    private final Pool pool;
    private final Products products;
    private final ReferenceData ref;
    private final WorkingDays days;
    private final Clock clock;
    private final ProductApplicationStore store;

    public ProductApplications(Pool pool, Products products, ReferenceData ref, WorkingDays days, Clock clock) {
        this.pool = pool;
        this.products = products;
        this.ref = ref;
        this.days = days;
        this.clock = clock;
        this.store = new ProductApplicationStore(pool);
    }

    private LocalDate today() {
        return BpomTime.today(clock);
    }

    /**
     * A new draft for one of the caller's manufacturers ({@code holder}, its partner ID; the caller's
     * only facility when absent); INVALID listing every bad field and every KBLI rule broken (seed 000).
     */
    public Future<Details> create(NewDraft sent, Caller caller) {
        caller.requirePerson();
        Draft draft = ProductApplicationForm.draft(sent, caller, ref);
        LocalDate deleteOn = days.plus(today(), DRAFT_WORKING_DAYS);
        return pool.withTransaction(c -> store.insert(c, caller.accountId(), draft, deleteOn)
                        .compose(id -> Workflow.record(
                                        c,
                                        ProductApplicationStore.subject(id),
                                        ApplicationStatus.DRAFT.name(),
                                        caller.accountId(),
                                        "deleted on " + deleteOn + " unless submitted")
                                .map(v -> id)))
                .compose(id -> get(id, caller));
    }

    /**
     * One step of the application ({@code action}, with {@code note}, {@code ossLicenceCode} and
     * {@code ossLicenceId} where the step needs them): FORBIDDEN when the caller may not take it, CONFLICT when
     * the application is not at a status the step starts from.
     */
    public Future<Details> act(long id, Act sent, Caller caller) {
        caller.requirePerson();
        Step step = ProductApplicationForm.step(sent);
        Action action = step.action();
        return store.load(id, caller)
                .compose(row -> {
                    if (action.byRegulator()) {
                        caller.requireRegulator();
                        // Lampiran B: an officer of the directorate of the application's commodity
                        requireRouted(row, id, caller);
                    } else if (!caller.memberOf(row.getInteger("holder"))) {
                        throw Refusal.forbidden("APPLICANT_ONLY", action + " is the applicant's step");
                    }
                    Issued issued = new Issued();
                    return pool.withTransaction(c -> store.claim(c, id, action, step.note())
                                    .compose(r -> beside(c, step, r, issued))
                                    .compose(v -> Workflow.record(
                                            c,
                                            ProductApplicationStore.subject(id),
                                            action.to().name(),
                                            caller.accountId(),
                                            step.note()))
                                    .compose(v -> action.byRegulator()
                                            ? tell(c, row, action.to(), step.note())
                                            : Future.succeededFuture()))
                            .map(v -> {
                                if (issued.nie != null) {
                                    products.joined(issued.productId, issued.nie, row.getInteger("holder"));
                                }
                                return v;
                            });
                })
                .compose(v -> get(id, caller));
    }

    /** The NIE an approval issued, for the reference data once committed. */
    private static final class Issued {
        String nie;
        int productId;
    }

    /** What a step does beside moving the status. */
    private Future<Void> beside(SqlClient c, Step step, Row r, Issued issued) {
        long id = r.getLong("id");
        return switch (step.action()) {
            case SUBMIT_PRE_REGISTRATION ->
                store.preRegistrationLicence(c, id, step.ossLicenceCode(), step.ossLicenceId())
                        .compose(v -> bill(c, r, Purpose.PRE_REGISTRATION, PRE_REGISTRATION_FEE));
            case SUBMIT_TO_COUNTER ->
                store.documentCount(c, id)
                        .compose(
                                n -> n > 0
                                        ? Future.<Void>succeededFuture()
                                        : Future.failedFuture(
                                                Refusal.invalid(
                                                        "documents",
                                                        "REQUIRED",
                                                        "seed 000: upload the registration documents (data pendukung) before sending them to the counter")))
                        .compose(v -> store.registrationLicence(c, id, step.ossLicenceCode(), step.ossLicenceId()));
            case VERIFY -> bill(c, r, Purpose.REGISTRATION, REGISTRATION_FEE);
            case APPROVE -> issueNie(c, r, issued);
            default -> Future.succeededFuture();
        };
    }

    private static Future<Void> bill(SqlClient c, Row r, Purpose purpose, long amount) {
        return PaymentOrders.issue(c, ProductApplicationStore.subject(r.getLong("id")), purpose, amount)
                .compose(spb -> Outbox.add(
                        c,
                        r.getInteger("applicant"),
                        null,
                        "SPB " + spb.number() + " diterbitkan / payment order issued",
                        "Produk " + r.getString("name") + ": bayar Rp " + amount + " dengan nomor billing "
                                + spb.billingNumber() + ".\nPay Rp " + amount + " with billing number "
                                + spb.billingNumber() + " (" + purpose + ").",
                        "/api/v1/product-applications/" + r.getLong("id")));
    }

    /** Pasal 14-15, seed 000: the NIE (prefix per commodity, year, number), valid five years; the product joins. */
    private Future<Void> issueNie(SqlClient c, Row r, Issued issued) {
        Commodity commodity = Commodity.valueOf(r.getString("commodity"));
        String prefix =
                switch (commodity) {
                    case TRADITIONAL_MEDICINE -> "TR";
                    case HEALTH_SUPPLEMENT -> "SD";
                    case QUASI_DRUG -> "QD";
                };
        LocalDate today = today();
        Category category = Category.valueOf(commodity.name());
        Facility holder = ref.facility(r.getInteger("holder"));
        return store.nextNieNumber(c).compose(seq -> {
            String nie = String.format(Locale.ROOT, "%s%02d%07d", prefix, today.getYear() % 100, seq);
            String[] packaging = r.getArrayOfStrings("packaging");
            return Products.insert(
                            c,
                            nie,
                            r.getString("name"),
                            holder.partnerId(),
                            TwoDMethod.of(category, null, false),
                            today.plusYears(NIE_YEARS),
                            category,
                            null,
                            r.getString("dosage_form"),
                            String.join("; ", packaging))
                    .compose(pid -> {
                        issued.nie = nie;
                        issued.productId = pid;
                        return store.nie(c, r.getLong("id"), nie);
                    });
        });
    }

    /** The applicant hears of each of Badan POM's steps. */
    private static Future<Void> tell(SqlClient c, Row r, ApplicationStatus now, String note) {
        return Outbox.add(
                c,
                r.getInteger("applicant"),
                null,
                "Registrasi produk: " + now.asrot() + " / product registration: " + now,
                "Produk " + r.getString("name") + " (pengajuan " + ProductApplicationView.number(r) + "): "
                        + now.asrot() + (note == null ? "" : "\n" + note),
                "/api/v1/product-applications/" + r.getLong("id"));
    }

    /** A paid SPB moves the application on to its evaluation (seed 000: "otomatis masuk ke proses evaluasi"). */
    public Future<Void> paid(SqlClient c, long id, Purpose purpose, Caller regulator) {
        ApplicationStatus from = purpose == Purpose.PRE_REGISTRATION
                ? ApplicationStatus.PRE_REGISTRATION_PAYMENT
                : ApplicationStatus.REGISTRATION_PAYMENT;
        ApplicationStatus to = purpose == Purpose.PRE_REGISTRATION
                ? ApplicationStatus.PRE_REGISTRATION_EVALUATION
                : ApplicationStatus.EVALUATION;
        return store.move(c, id, from, to).compose(row -> {
            // Lampiran B: confirmed by an officer of the directorate of the application's commodity
            requireRouted(row, id, regulator);
            return Workflow.record(c, ProductApplicationStore.subject(id), to.name(), null, purpose + " paid")
                    .compose(v -> tell(c, row, to, "Pembayaran diterima / payment received"));
        });
    }

    /** Lampiran B: FORBIDDEN unless {@code caller} acts for the directorate of the application's commodity. */
    private static void requireRouted(Row application, long id, Caller caller) {
        caller.requireDirectorate(
                Directorate.of(List.of(application.getString("commodity"))),
                "permohonan produk " + id,
                "product application " + id);
    }

    /** Documents of the application (data pendukung), added while the applicant holds it. */
    public Future<Details> addDocuments(
            long id, Caller caller, List<Documents.Upload> docs, List<Refusal.Item> problems) {
        caller.requirePerson();
        ProductApplicationForm.documents(docs, problems);
        return store.load(id, caller)
                .compose(row -> {
                    if (!caller.memberOf(row.getInteger("holder"))) {
                        throw Refusal.forbidden("APPLICANT_ONLY", "the applicant uploads the documents");
                    }
                    return pool.withTransaction(c -> store.lockStatus(c, id).compose(status -> {
                        if (!DOCUMENTS_OPEN.contains(status)) {
                            return Future.failedFuture(Refusal.conflict(
                                    "WRONG_STATUS",
                                    "documents are added to a draft, before the"
                                            + " counter, after a return or for additional data; application " + id
                                            + " is " + status));
                        }
                        return Documents.store(
                                c, ProductApplicationStore.subject(id).toString(), docs);
                    }));
                })
                .compose(v -> get(id, caller));
    }

    /**
     * Deletes the drafts whose 5 working days ended ({@code draft_delete_on <= today}) with their
     * documents; the history keeps a DELETED entry. The number deleted.
     */
    public Future<Integer> sweepDrafts() {
        return sweepDrafts(today());
    }

    /** The sweep as of {@code today}. */
    public Future<Integer> sweepDrafts(LocalDate today) {
        return store.deleteDrafts(today, "not submitted within " + DRAFT_WORKING_DAYS + " working days");
    }

    /**
     * The statuses an application waits in for {@code whom}: the ones Badan POM's steps start from
     * ({@link Action#byRegulator}), or the two SPBs (seed 000: pre-registration and registration).
     */
    public static Set<ApplicationStatus> waitingFor(Waiting whom) {
        if (whom == Waiting.PAYMENT) {
            return EnumSet.of(ApplicationStatus.PRE_REGISTRATION_PAYMENT, ApplicationStatus.REGISTRATION_PAYMENT);
        }
        Set<ApplicationStatus> out = EnumSet.noneOf(ApplicationStatus.class);
        for (Action a : Action.values()) {
            if (a.byRegulator()) {
                out.addAll(a.from());
            }
        }
        return out;
    }

    /** The applications the caller sees (its manufacturers'; all for the regulator), newest first. */
    public Future<List<ProductApplication>> list(
            Caller caller, Set<ApplicationStatus> statuses, long beforeId, int limit) {
        return store.list(caller, statuses, beforeId, limit).map(rows -> rows.stream()
                .map(r -> ProductApplicationView.application(r, ref))
                .toList());
    }

    /** One application with documents, history and payment orders; NOT_FOUND when the caller may not see it. */
    public Future<Details> get(long id, Caller caller) {
        return store.load(id, caller).compose(row -> Workflow.get(
                        pool,
                        ProductApplicationStore.subject(id),
                        "product application",
                        r -> ProductApplicationView.application(r, ref))
                .compose(filed -> PaymentOrders.of(pool, ProductApplicationStore.subject(id))
                        .compose(spb -> filed.row().nie() == null
                                ? Future.succeededFuture(new Details(filed, spb, null))
                                : products.get(filed.row().nie()).map(p -> new Details(filed, spb, p)))));
    }
}
