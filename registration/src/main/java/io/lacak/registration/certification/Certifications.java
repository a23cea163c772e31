package io.lacak.registration.certification;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.account.Caller;
import io.lacak.registration.account.Directorate;
import io.lacak.registration.certification.CertificationForm.Ruling;
import io.lacak.registration.company.CompanyProfile;
import io.lacak.registration.document.Documents;
import io.lacak.registration.notice.Outbox;
import io.lacak.registration.payment.PaymentOrders;
import io.lacak.registration.payment.PaymentOrders.Purpose;
import io.lacak.registration.workflow.Waiting;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Certification (seed 002, "Pengajuan Sertifikasi"): an approved company applies for the dosage
 * forms that have a production licence (letter number and date, RIP approval number,
 * administrative, technical and optional documents as PDF or Excel); Badan POM approves it with a
 * payment order (SPB) or asks for a revision; the paid order brings the inspection; findings ask for
 * a CAPA upload, which Badan POM accepts or sends back; the certificate (PDF) is then issued and
 * downloadable. The applicant sees the status and hears of every step.
 *
 * <p>The workflow lives here; the forms are checked by {@code CertificationForm}, the rows kept by
 * {@code CertificationStore} and shown by {@code CertificationView}.
 *
 * <p>{@code certifications.submit(caller, fields, dosageFormIds, documents, problems)}
 */
public final class Certifications {

    /** Where an application stands. */
    public enum Status {
        SUBMITTED,
        REVISION,
        PAYMENT,
        INSPECTION,
        CAPA,
        CAPA_REVIEW,
        CERTIFIED,
        REJECTED
    }

    /** The good-practice certificates of seed 002's glossary. */
    public enum Type {
        CPOTB("Cara Pembuatan Obat Tradisional yang Baik"),
        CPOB("Cara Pembuatan Obat yang Baik"),
        CPKB("Cara Pembuatan Kosmetik yang Baik"),
        CPBBAOB("Cara Pembuatan Bahan Baku Aktif Obat yang Baik");

        private final String title;

        Type(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** The inspection's outcome (seed 002 glossary: MS / TMS). */
    public enum Inspection {
        NO_FINDINGS,
        CAPA_REQUIRED,
        FAILED
    }

    /**
     * An application as the form sends it (seed 002): the certificate {@code type}, the letter's
     * number and date (yyyy-mm-dd), the RIP approval number, and the ids of the dosage forms to
     * certify, as text ({@code null} when absent); {@link #submit} and {@link #revise} check it.
     */
    public record Apply(
            String type, String letterNumber, String letterDate, String ripApprovalNumber, List<String> dosageForms) {}

    /**
     * Badan POM's step as sent: {@code decision}, {@code note}, the inspection's {@code result} and the
     * SPB's {@code amount} ({@code null} when absent or not a number).
     */
    public record Decide(String decision, String note, String result, Number amount) {}

    /** An application with its documents and history, its payment orders (SPB) and the dosage forms it certifies. */
    public record Details(
            Workflow.Filed<Certification> filed,
            List<PaymentOrders.PaymentOrder> paymentOrders,
            List<Certification.CertifiedForm> dosageForms) {}

    /** Document kinds of an application, by their file field; the first two are required. */
    public static final Set<String> KINDS = Set.of("ADMINISTRATIVE", "TECHNICAL", "OPTIONAL");
    /** A certificate is valid for five years. */
    public static final int VALID_YEARS = 5;

    private final Vertx vertx;
    private final Pool pool;
    private final CompanyProfile profile;
    private final Clock clock;
    private final CertificationStore store;

    public Certifications(Vertx vertx, Pool pool, CompanyProfile profile, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.profile = profile;
        this.clock = clock;
        this.store = new CertificationStore(pool);
    }

    /** Seed 002 "Kirim Surat permohonan": the application, or INVALID listing every problem. */
    public Future<Details> submit(
            Caller caller, Apply sent, List<Documents.Upload> docs, List<Refusal.Item> refusedDocuments) {
        return profile.company(caller)
                .compose(company -> CertificationForm.application(
                                store, company.getLong("id"), sent, docs, refusedDocuments, true)
                        .compose(a -> pool.withTransaction(
                                c -> store.insert(c, company.getLong("id"), a).compose(id -> Documents.store(
                                                c,
                                                CertificationStore.subject(id).toString(),
                                                docs)
                                        .compose(v -> Workflow.record(
                                                c,
                                                CertificationStore.subject(id),
                                                Status.SUBMITTED.name(),
                                                caller.accountId(),
                                                null))
                                        .map(v -> id)))))
                .compose(id -> get(id, caller));
    }

    /** Seed 002 "melakukan revisi": the application again while in REVISION; documents replace those of their kind. */
    public Future<Details> revise(
            long id, Caller caller, Apply sent, List<Documents.Upload> docs, List<Refusal.Item> refusedDocuments) {
        return store.load(id, caller)
                .compose(row -> profile.company(caller)
                        .compose(company -> CertificationForm.application(
                                store, company.getLong("id"), sent, docs, refusedDocuments, false))
                        .compose(a -> pool.withTransaction(
                                c -> store.claim(c, id, EnumSet.of(Status.REVISION), Status.SUBMITTED, null)
                                        .compose(r -> store.update(c, id, a))
                                        .compose(v -> store.replaceDocuments(c, id, docs))
                                        .compose(v -> Workflow.record(
                                                c,
                                                CertificationStore.subject(id),
                                                Status.SUBMITTED.name(),
                                                caller.accountId(),
                                                "revised")))))
                .compose(v -> get(id, caller));
    }

    /** Seed 002 "Upload Hasil CAPA": the CAPA file(s) while the inspection's findings wait for them. */
    public Future<Details> capa(
            long id, Caller caller, List<Documents.Upload> docs, List<Refusal.Item> refusedDocuments) {
        CertificationForm.capa(docs, refusedDocuments);
        return store.load(id, caller)
                .compose(row -> {
                    if (caller.regulator()) {
                        throw Refusal.forbidden("APPLICANT_ONLY", "the applicant uploads the CAPA");
                    }
                    return pool.withTransaction(
                            c -> store.claim(c, id, EnumSet.of(Status.CAPA), Status.CAPA_REVIEW, null)
                                    .compose(r -> store.replaceDocuments(c, id, docs))
                                    .compose(v -> Workflow.record(
                                            c,
                                            CertificationStore.subject(id),
                                            Status.CAPA_REVIEW.name(),
                                            caller.accountId(),
                                            "CAPA uploaded")));
                })
                .compose(v -> get(id, caller));
    }

    /**
     * Badan POM's steps: {@code APPROVE} with {@code amount} (SPB issued), {@code REVISE} with a
     * note, {@code INSPECTED} with {@code result}, {@code ACCEPT_CAPA}, {@code REVISE_CAPA} with a note.
     */
    public Future<Details> decide(long id, Decide sent, Caller caller) {
        caller.requireRegulator();
        Ruling ruling = CertificationForm.ruling(sent);
        String note = ruling.note();
        return store.load(id, caller)
                .map(row -> {
                    // Lampiran B: an officer of a directorate of the company's commodities
                    requireRouted(List.of(row.getArrayOfStrings("company_commodities")), id, caller);
                    return row;
                })
                .compose(row -> pool.withTransaction(c -> switch (ruling.decision()) {
                    case APPROVE ->
                        store.claim(c, id, EnumSet.of(Status.SUBMITTED), Status.PAYMENT, note)
                                .compose(r -> PaymentOrders.issue(
                                        c, CertificationStore.subject(id), Purpose.CERTIFICATION, ruling.amount()))
                                .compose(spb -> tell(
                                        c,
                                        id,
                                        Status.PAYMENT,
                                        "SPB " + spb.number() + ": Rp " + spb.amount()
                                                + ", nomor billing / billing number " + spb.billingNumber(),
                                        caller));
                    case REVISE ->
                        store.claim(c, id, EnumSet.of(Status.SUBMITTED), Status.REVISION, note)
                                .compose(r -> tell(c, id, Status.REVISION, note, caller));
                    case INSPECTED ->
                        switch (ruling.result()) {
                            case NO_FINDINGS ->
                                store.claim(c, id, EnumSet.of(Status.INSPECTION), Status.CERTIFIED, note)
                                        .compose(r -> certify(c, r, caller));
                            case CAPA_REQUIRED ->
                                store.claim(c, id, EnumSet.of(Status.INSPECTION), Status.CAPA, note)
                                        .compose(r -> tell(c, id, Status.CAPA, note, caller));
                            case FAILED ->
                                store.claim(c, id, EnumSet.of(Status.INSPECTION), Status.REJECTED, note)
                                        .compose(r -> tell(c, id, Status.REJECTED, note, caller));
                        };
                    case ACCEPT_CAPA ->
                        store.claim(c, id, EnumSet.of(Status.CAPA_REVIEW), Status.CERTIFIED, note)
                                .compose(r -> certify(c, r, caller));
                    case REVISE_CAPA ->
                        store.claim(c, id, EnumSet.of(Status.CAPA_REVIEW), Status.CAPA, note)
                                .compose(r -> tell(c, id, Status.CAPA, note, caller));
                    case RETURN, REJECT ->
                        throw new IllegalStateException(ruling.decision() + " is not a certification decision");
                }))
                .compose(v -> get(id, caller));
    }

    /** A paid SPB brings the field inspection (seed 002: "Setelah pembayaran selesai dilakukan, akan dilakukan inspeksi"). */
    public Future<Void> paid(SqlClient c, long id, Purpose purpose, Caller regulator) {
        return store.inspect(c, id)
                .compose(commodities -> {
                    // Lampiran B: confirmed by an officer of a directorate of the company's commodities
                    requireRouted(commodities, id, regulator);
                    return Workflow.record(
                            c, CertificationStore.subject(id), Status.INSPECTION.name(), null, "SPB paid");
                })
                .compose(v -> notify(
                        c,
                        id,
                        Status.INSPECTION,
                        "Pembayaran diterima; inspeksi lapangan akan dilakukan."
                                + " / Payment received; the field inspection follows."));
    }

    /** Lampiran B: FORBIDDEN unless {@code caller} acts for a directorate of the company's commodities. */
    private static void requireRouted(List<String> companyCommodities, long id, Caller caller) {
        caller.requireDirectorate(Directorate.of(companyCommodities), "sertifikasi " + id, "certification " + id);
    }

    private Future<Void> tell(SqlClient c, long id, Status now, String text, Caller regulator) {
        return Workflow.record(c, CertificationStore.subject(id), now.name(), regulator.accountId(), text)
                .compose(v -> notify(c, id, now, text));
    }

    /** The applicant hears of a step. */
    private Future<Void> notify(SqlClient c, long id, Status now, String text) {
        return store.applicant(c, id)
                .compose(account -> Outbox.add(
                        c,
                        account,
                        null,
                        "Pengajuan sertifikasi " + id + ": " + now + " / certification " + id + ": " + now,
                        text == null ? "Status: " + now : text,
                        "/api/v1/certifications/" + id));
    }

    /** The certificate: number, dates, the PDF kept as the application's CERTIFICATE document. */
    private Future<Void> certify(SqlClient c, Row r, Caller regulator) {
        long id = r.getLong("id");
        Type type = Type.valueOf(r.getString("type"));
        LocalDate today = BpomTime.today(clock);
        String number = String.format(Locale.ROOT, "%s-%d-%06d", type.name(), today.getYear(), id);
        return store.certified(c, id)
                .compose(rows -> {
                    List<String> lines = new ArrayList<>();
                    String plant = null;
                    for (Row f : rows) {
                        if (lines.isEmpty()) {
                            lines.add("Diberikan kepada / granted to: " + f.getString("company"));
                        }
                        if (!f.getString("plant").equals(plant)) {
                            plant = f.getString("plant");
                            lines.add("Pabrik / plant: " + plant + ", " + f.getString("address"));
                        }
                        lines.add("  Bentuk sediaan / dosage form: " + f.getString("dosage_form") + " (izin produksi "
                                + f.getString("production_licence_number") + ")");
                    }
                    lines.add("Berlaku sampai / valid until: " + today.plusYears(VALID_YEARS));
                    lines.add("Diterbitkan / issued: " + today);
                    return vertx.executeBlocking(() ->
                            CertificatePdf.render("SERTIFIKAT " + type.name() + " - " + type.title(), number, lines));
                })
                .compose(pdf -> store.certificate(c, id, number, today, today.plusYears(VALID_YEARS))
                        .compose(v -> Documents.store(
                                c,
                                CertificationStore.subject(id).toString(),
                                List.of(new Documents.Upload("CERTIFICATE", number + ".pdf", pdf, "application/pdf")))))
                .compose(v -> tell(
                        c,
                        id,
                        Status.CERTIFIED,
                        "Sertifikat " + number + " terbit dan dapat diunduh / the certificate"
                                + " is issued and can be downloaded",
                        regulator));
    }

    /** The certificate PDF; NOT_FOUND unless the caller may see the application, CONFLICT while it is not issued. */
    public Future<byte[]> certificate(long id, Caller caller) {
        return store.load(id, caller).compose(row -> {
            if (!Status.CERTIFIED.name().equals(row.getString("status"))) {
                return Future.failedFuture(Refusal.conflict(
                        "NOT_CERTIFIED",
                        "certification " + id + " is " + row.getString("status")
                                + "; the certificate is issued at its end"));
            }
            return store.certificatePdf(id);
        });
    }

    /**
     * The statuses a certification waits in for {@code whom}: the ones {@link #decide} starts from,
     * or its SPB.
     */
    public static Set<Status> waitingFor(Waiting whom) {
        return whom == Waiting.PAYMENT
                ? EnumSet.of(Status.PAYMENT)
                : EnumSet.of(Status.SUBMITTED, Status.INSPECTION, Status.CAPA_REVIEW);
    }

    /** The applications the caller sees (its company's; all for the regulator), newest first. */
    public Future<List<Certification>> list(Caller caller, Set<Status> statuses, long beforeId, int limit) {
        return store.list(caller, statuses, beforeId, limit)
                .map(rows -> rows.stream().map(CertificationView::certification).toList());
    }

    /** One application with its dosage forms, documents, history and SPB; NOT_FOUND when the caller may not see it. */
    public Future<Details> get(long id, Caller caller) {
        return store.load(id, caller)
                .compose(row -> Workflow.get(
                        pool, CertificationStore.subject(id), "certification", CertificationView::certification))
                .compose(filed -> PaymentOrders.of(pool, CertificationStore.subject(id))
                        .compose(spb -> store.dosageForms(id)
                                .map(rows -> new Details(filed, spb, CertificationView.dosageForms(rows)))));
    }
}
