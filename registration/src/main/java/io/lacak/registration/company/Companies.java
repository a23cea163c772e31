package io.lacak.registration.company;

import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.account.Activations;
import io.lacak.registration.account.Caller;
import io.lacak.registration.account.Directorate;
import io.lacak.registration.document.Documents;
import io.lacak.registration.notice.LinkSeal;
import io.lacak.registration.notice.Outbox;
import io.lacak.registration.workflow.Decision;
import io.lacak.registration.workflow.Subject;
import io.lacak.registration.workflow.Subject.Kind;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Company registration (seed 002, "Registrasi Industri"): the industry data, all required, and the
 * five required documents; the regulator validates it and returns it for revision (the applicant
 * revises with the key the notice carries), rejects it, or approves it, which creates the
 * responsible person's account (activated by a one-time link) and tells them. Every transition is
 * recorded with actor and time.
 *
 * <p>{@code companies.submit(new Submit("true", nib, List.of("OBAT"), ...), documents, refusedDocuments)}
 */
public final class Companies {

    /** Where a registration stands. */
    public enum Status {
        SUBMITTED,
        RETURNED,
        APPROVED,
        REJECTED
    }

    /** Badan hukum / usaha. */
    public enum LegalEntity {
        PT,
        CV,
        FIRMA,
        KOPERASI,
        YAYASAN,
        PERORANGAN,
        BUMN,
        LAINNYA
    }

    /** Status industri (seed 002). */
    public enum IndustryStatus {
        BUMN,
        LEMBAGA,
        PMA,
        PMDN,
        LAINNYA
    }

    /** The documents seed 002 requires, by their file field. */
    public static final List<String> REQUIRED_DOCUMENTS =
            List.of("APPLICATION_LETTER", "STATEMENT_LETTER", "SIUP", "NPWP", "TDP");

    /**
     * A registration form's industry data as sent (seed 002), every member the form's text ({@code
     * null} when absent; {@code hasNib} "true" or "false", {@code businessStatus} ACTIVE or INACTIVE,
     * dates yyyy-mm-dd) and {@code commodities} repeated; {@link #submit} and {@link #revise} check it.
     */
    public record Submit(
            String hasNib,
            String nib,
            List<String> commodities,
            String legalEntity,
            String name,
            String npwp,
            String industryStatus,
            String productionLicenceDate,
            String businessField,
            String leader,
            String employees,
            String deedNumber,
            String deedDate,
            String notary,
            String iuiTdp,
            String businessStatus,
            String responsibleName,
            String responsibleEmail,
            String responsiblePhone) {}

    /** The regulator's validation as sent: {@code decision} (APPROVE, RETURN or REJECT) and a {@code note}. */
    public record Decide(String decision, String note) {}

    /** A registration as kept: the industry data, where it stands, the regulator's note. */
    public record Company(
            long id,
            Status status,
            boolean hasNib,
            String nib,
            List<String> commodities,
            LegalEntity legalEntity,
            String name,
            String npwp,
            IndustryStatus industryStatus,
            LocalDate productionLicenceDate,
            String businessField,
            String leader,
            Integer employees,
            String deedNumber,
            LocalDate deedDate,
            String notary,
            String iuiTdp,
            boolean active,
            String responsibleName,
            String responsibleEmail,
            String responsiblePhone,
            String note,
            Instant createdAt) {}

    private final Vertx vertx;
    private final Pool pool;
    private final LinkSeal seal;

    public Companies(Vertx vertx, Pool pool, LinkSeal seal) {
        this.vertx = vertx;
        this.pool = pool;
        this.seal = seal;
    }

    private static Subject subject(long id) {
        return Kind.COMPANY.of(id);
    }

    /** Registers a company; INVALID listing every bad field and every missing or refused document. */
    public Future<Workflow.Filed<Company>> submit(
            Submit form, List<Documents.Upload> documents, List<Refusal.Item> refusedDocuments) {
        Fields f = Fields.of();
        CompanyForm.Industry data = CompanyForm.read(f, form);
        refusedDocuments.forEach(p -> f.add(p.field(), p.code(), p.message()));
        Set<String> given = new HashSet<>();
        documents.forEach(d -> given.add(d.kind()));
        for (String kind : REQUIRED_DOCUMENTS) {
            if (!given.contains(kind)
                    && refusedDocuments.stream().noneMatch(p -> p.field().equals("documents." + kind))) {
                f.add("documents." + kind, "REQUIRED", "seed 002 requires the " + kind + " document");
            }
        }
        f.check();
        Object[] values = data.columns();
        StringBuilder params = new StringBuilder();
        for (int i = 1; i <= values.length; i++) {
            params.append(i == 1 ? "$" : ", $").append(i);
        }
        return pool.withTransaction(c -> c.preparedQuery("insert into company (" + CompanyForm.COLUMNS + ") values ("
                                + params + ") returning id")
                        .execute(Tuple.from(values))
                        .compose(rows -> {
                            long id = rows.iterator().next().getLong(0);
                            return Documents.store(c, subject(id).toString(), documents)
                                    .compose(v -> Workflow.record(c, subject(id), Status.SUBMITTED.name(), null, null))
                                    .compose(v -> Outbox.add(
                                            c,
                                            null,
                                            data.responsibleEmail(),
                                            "Registrasi industri diterima / registration received",
                                            "Registrasi " + data.name() + " (nomor " + id
                                                    + ") diterima dan akan divalidasi oleh Badan POM.\n"
                                                    + "The registration of " + data.name() + " (number " + id
                                                    + ") was received and will be validated.",
                                            null))
                                    .map(v -> id);
                        }))
                .compose(this::get);
    }

    /**
     * The applicant's revision of a returned registration, with the key its notice carried: the
     * industry data again, and documents replacing those of the same kind; back to SUBMITTED.
     */
    public Future<Workflow.Filed<Company>> revise(
            long id, String key, Submit form, List<Documents.Upload> documents, List<Refusal.Item> refusedDocuments) {
        Fields f = Fields.of();
        CompanyForm.Industry data = CompanyForm.read(f, form);
        refusedDocuments.forEach(p -> f.add(p.field(), p.code(), p.message()));
        f.check();
        Object[] values = data.columns();
        StringBuilder set = new StringBuilder();
        String[] columns = CompanyForm.COLUMNS.split(", ");
        for (int i = 0; i < columns.length; i++) {
            set.append(i == 0 ? "" : ", ")
                    .append(columns[i].strip())
                    .append(" = $")
                    .append(i + 3);
        }
        Object[] args = new Object[values.length + 2];
        args[0] = id;
        String secret = seal.open(key); // a forged key opens nothing
        args[1] = Buffer.buffer(Activations.hash(secret == null ? "" : secret));
        System.arraycopy(values, 0, args, 2, values.length);
        return pool.withTransaction(c -> c.preparedQuery(
                                "update company set " + set + ", status = 'SUBMITTED',"
                                        + " revision_token_hash = null where id = $1 and status = 'RETURNED' and revision_token_hash = $2 returning id")
                        .execute(Tuple.from(args))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(Refusal.notFound(
                                        "no registration " + id + " waiting for a revision with this key"));
                            }
                            List<Tuple> kinds = documents.stream()
                                    .map(d -> Tuple.of(subject(id).toString(), d.kind()))
                                    .toList();
                            Future<?> removed = kinds.isEmpty()
                                    ? Future.succeededFuture()
                                    : c.preparedQuery("delete from document where owner = $1 and kind = $2")
                                            .executeBatch(kinds);
                            return removed.compose(
                                            v -> Documents.store(c, subject(id).toString(), documents))
                                    .compose(v ->
                                            Workflow.record(c, subject(id), Status.SUBMITTED.name(), null, "revised"));
                        }))
                .compose(v -> get(id));
    }

    /**
     * The regulator's list, newest first, optionally of one status: the registrations routed to the
     * directorates the caller acts for (Lampiran B: by their commodities; one of no known commodity
     * is every directorate's).
     */
    public Future<List<Company>> list(Caller caller, Status status, long beforeId, int limit) {
        caller.requireRegulator();
        String[] routed = caller.scopeCommodities();
        return pool.preparedQuery("select * from company where ($1::varchar is null or status = $1) and id < $2"
                        + " and ($4::text[] is null or commodities && $4 or not commodities && $5)"
                        + " order by id desc limit $3")
                .execute(Tuple.of(status == null ? null : status.name(), beforeId, limit, routed, Directorate.known()))
                .map(rows -> {
                    List<Company> out = new ArrayList<>();
                    rows.forEach(r -> out.add(company(r)));
                    return out;
                });
    }

    /** One registration with its documents and history; NOT_FOUND when there is none. */
    public Future<Workflow.Filed<Company>> get(long id) {
        return Workflow.get(pool, subject(id), "company registration", Companies::company);
    }

    /**
     * The regulator validates: {@code APPROVE}, {@code RETURN} (for revision, with a {@code note}) or
     * {@code REJECT} (with a {@code note}); only a submitted registration is decided.
     */
    public Future<Workflow.Filed<Company>> decide(long id, Decide cmd, Caller regulator) {
        regulator.requireRegulator();
        Fields f = Fields.of();
        Decision decision =
                Decision.read(f, cmd.decision(), EnumSet.of(Decision.APPROVE, Decision.RETURN, Decision.REJECT));
        String note = f.optionalText("note", cmd.note(), CompanyForm.TEXT, "up to 1000 characters");
        if (decision != null && decision != Decision.APPROVE && note == null) {
            f.add("note", "REQUIRED", "a return or a rejection gives its reason");
        }
        f.check();
        // Lampiran B: only an officer of a directorate the registration is routed to decides it
        return get(id).compose(filed -> {
            regulator.requireDirectorate(
                    Directorate.of(filed.row().commodities()),
                    "registrasi industri " + id,
                    "company registration " + id);
            return decided(id, decision, note, regulator);
        });
    }

    private Future<Workflow.Filed<Company>> decided(long id, Decision decision, String note, Caller regulator) {
        if (decision == Decision.APPROVE) {
            return vertx.executeBlocking(Activations::unusableHash)
                    .compose(hash -> pool.withTransaction(
                            c -> claim(c, id, Status.APPROVED, note, null).compose(r -> Activations.create(
                                            c,
                                            String.format(Locale.ROOT, "co-%06d", id),
                                            hash,
                                            r.getString("responsible_name"),
                                            r.getString("responsible_email"),
                                            List.of())
                                    .compose(pending -> c.preparedQuery(
                                                    "update company set account_id = $2 where id = $1")
                                            .execute(Tuple.of(id, pending.accountId()))
                                            .compose(v -> Workflow.record(
                                                    c,
                                                    subject(id),
                                                    Status.APPROVED.name(),
                                                    regulator.accountId(),
                                                    note))
                                            .compose(v -> Outbox.add(
                                                    c,
                                                    pending.accountId(),
                                                    r.getString("responsible_email"),
                                                    "Registrasi industri disetujui / registration approved",
                                                    "Registrasi " + r.getString("name") + " disetujui. Nama pengguna: "
                                                            + pending.username()
                                                            + ". Aktifkan akun dengan tautan berikut (berlaku 7 hari).\nThe registration was approved."
                                                            + " Username " + pending.username()
                                                            + ". Activate the account with this one-time link (7 days).",
                                                    "/activate.html?token=" + LinkSeal.TOKEN,
                                                    pending.secret()))))))
                    .compose(v -> get(id));
        }
        Status next = decision == Decision.RETURN ? Status.RETURNED : Status.REJECTED;
        String key = next == Status.RETURNED ? Activations.newToken() : null;
        return pool.withTransaction(c -> claim(c, id, next, note, key)
                        .compose(r -> Workflow.record(c, subject(id), next.name(), regulator.accountId(), note)
                                .compose(v -> Outbox.add(
                                        c,
                                        null,
                                        r.getString("responsible_email"),
                                        next == Status.RETURNED
                                                ? "Registrasi industri perlu perbaikan / registration returned for revision"
                                                : "Registrasi industri ditolak / registration rejected",
                                        "Registrasi " + r.getString("name") + " (nomor " + id + "): " + note,
                                        key == null ? null : "/company.html?id=" + id + "&key=" + LinkSeal.TOKEN,
                                        key))))
                .compose(v -> get(id));
    }

    private static Future<Row> claim(SqlClient c, long id, Status status, String note, String revisionKey) {
        return c.preparedQuery("update company set status = $2, note = $3, revision_token_hash = $4 where id = $1"
                        + " and status = 'SUBMITTED' returning *")
                .execute(Tuple.of(
                        id,
                        status.name(),
                        note,
                        revisionKey == null ? null : Buffer.buffer(Activations.hash(revisionKey))))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(rows.iterator().next())
                        : Future.failedFuture(Refusal.conflict(
                                "ALREADY_DECIDED",
                                "company registration " + id + " is not waiting for validation (or does not exist)")));
    }

    static Company company(Row r) {
        String entity = r.getString("legal_entity");
        String industry = r.getString("industry_status");
        return new Company(
                r.getLong("id"),
                Status.valueOf(r.getString("status")),
                r.getBoolean("has_nib"),
                r.getString("nib"),
                List.of(r.getArrayOfStrings("commodities")),
                entity == null ? null : LegalEntity.valueOf(entity),
                r.getString("name"),
                r.getString("npwp"),
                industry == null ? null : IndustryStatus.valueOf(industry),
                r.getLocalDate("production_licence_date"),
                r.getString("business_field"),
                r.getString("leader"),
                r.getInteger("employees"),
                r.getString("deed_number"),
                r.getLocalDate("deed_date"),
                r.getString("notary"),
                r.getString("iui_tdp"),
                r.getBoolean("active"),
                r.getString("responsible_name"),
                r.getString("responsible_email"),
                r.getString("responsible_phone"),
                r.getString("note"),
                r.getOffsetDateTime("created_at").toInstant());
    }
}
