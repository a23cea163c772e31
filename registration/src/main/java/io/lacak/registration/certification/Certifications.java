package io.lacak.registration.certification;

import io.lacak.core.calendar.BpomTime;
import io.lacak.registration.account.Caller;
import io.lacak.registration.company.CompanyProfile;
import io.lacak.registration.document.Documents;
import io.lacak.registration.notice.Outbox;
import io.lacak.registration.payment.PaymentOrders;
import io.lacak.registration.payment.PaymentOrders.Purpose;
import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.workflow.Decision;
import io.lacak.registration.workflow.Subject;
import io.lacak.registration.workflow.Subject.Kind;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Certification (seed 002, "Pengajuan Sertifikasi"): an approved company applies for the dosage
 * forms that have a production licence (letter number and date, RIP approval number,
 * administrative, technical and optional documents as PDF or Excel); Badan POM approves it with a
 * payment order (SPB) or asks for a revision; the paid order brings the inspection; findings ask for
 * a CAPA upload, which Badan POM accepts or sends back; the certificate (PDF) is then issued and
 * downloadable. The applicant sees the status and hears of every step.
 *
 * <p>{@code certifications.submit(caller, fields, dosageFormIds, documents, problems)}
 */
public final class Certifications {

  /** Where an application stands. */
  public enum Status {
    SUBMITTED, REVISION, PAYMENT, INSPECTION, CAPA, CAPA_REVIEW, CERTIFIED, REJECTED
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
    NO_FINDINGS, CAPA_REQUIRED, FAILED
  }

  /** Document kinds of an application, by their file field; the first two are required. */
  public static final Set<String> KINDS = Set.of("ADMINISTRATIVE", "TECHNICAL", "OPTIONAL");
  /** A certificate is valid for five years. */
  public static final int VALID_YEARS = 5;

    private static final Pattern TEXT = Pattern.compile("(?s).{1,300}");
  private static final Pattern NOTE = Pattern.compile("(?s).{1,2000}");

  private final Vertx vertx;
  private final Pool pool;
  private final CompanyProfile profile;
  private final Clock clock;

  public Certifications(Vertx vertx, Pool pool, CompanyProfile profile, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.profile = profile;
    this.clock = clock;
  }

  static Subject subject(long id) {
    return Kind.CERTIFICATION.of(id);
  }

  /** The application data of a form, checked, and the dosage forms it names. */
  private record Application(Type type, String letterNumber, LocalDate letterDate, String rip, Integer[] forms) {
  }

  private Future<Application> application(Row company, JsonObject fields, List<String> formIds, List<Documents.Upload> docs,
                                          List<Refusal.Item> refusedDocuments, boolean documentsRequired) {
    Fields f = new Fields(fields);
    Type type = f.choice("type", Type.class);
    String letter = f.text("letterNumber", TEXT, "the number of the company's application letter");
    LocalDate letterDate = f.date("letterDate");
    String rip = f.text("ripApprovalNumber", TEXT, "the RIP approval number (Nomor Persetujuan RIP)");
    refusedDocuments.forEach(p -> f.add(p.field(), p.code(), p.message()));
    Set<String> kinds = new HashSet<>();
    for (Documents.Upload d : docs) {
      if (!KINDS.contains(d.kind())) {
        f.add("documents." + d.kind(), "DOCUMENT_KIND", "documents are ADMINISTRATIVE, TECHNICAL or OPTIONAL, not " + d.kind());
      }
      kinds.add(d.kind());
    }
    if (documentsRequired) {
      for (String required : List.of("ADMINISTRATIVE", "TECHNICAL")) {
        if (!kinds.contains(required) && refusedDocuments.stream().noneMatch(p -> p.field().equals("documents." + required))) {
          f.add("documents." + required, "REQUIRED", "seed 002: the " + required.toLowerCase(Locale.ROOT)
              + " documents (PDF or Excel)");
        }
      }
    }
    List<Integer> ids = new ArrayList<>();
    if (formIds.isEmpty()) {
      f.add("dosageForms", "REQUIRED", "seed 002: choose the dosage forms (sediaan) to certify");
    }
    for (int i = 0; i < formIds.size(); i++) {
      try {
        ids.add(Integer.parseInt(formIds.get(i).strip()));
      } catch (NumberFormatException e) {
        f.add("dosageForms[" + i + "]", "BAD_FORMAT", "a dosage form id from the company profile, not '" + formIds.get(i) + "'");
      }
    }
    return pool.preparedQuery("select f.id, f.production_licence_number from plant_dosage_form f join plant p"
            + " on p.id = f.plant_id where f.id = any($1) and p.company_id = $2")
        .execute(Tuple.of(ids.toArray(new Integer[0]), company.getLong("id")))
        .map(rows -> {
          Set<Integer> known = new HashSet<>();
          Set<Integer> licensed = new HashSet<>();
          rows.forEach(r -> {
            known.add(r.getInteger("id"));
            if (r.getString("production_licence_number") != null) {
              licensed.add(r.getInteger("id"));
            }
          });
          for (int i = 0; i < ids.size(); i++) {
            if (!known.contains(ids.get(i))) {
              f.add("dosageForms[" + i + "]", "UNKNOWN_DOSAGE_FORM", "your company profile has no dosage form " + ids.get(i));
            } else if (!licensed.contains(ids.get(i))) {
              f.add("dosageForms[" + i + "]", "NO_PRODUCTION_LICENCE", "seed 002: dosage form " + ids.get(i)
                  + " has no production licence; give its number and date (Edit Sediaan -> Izin Produksi) first");
            }
          }
          f.check();
          return new Application(type, letter, letterDate, rip, ids.stream().distinct().toArray(Integer[]::new));
        });
  }

  /** Seed 002 "Kirim Surat permohonan": the application, or INVALID listing every problem. */
  public Future<JsonObject> submit(Caller caller, JsonObject fields, List<String> formIds, List<Documents.Upload> docs,
                                   List<Refusal.Item> refusedDocuments) {
    return profile.company(caller).compose(company -> application(company, fields, formIds, docs, refusedDocuments, true)
        .compose(a -> pool.withTransaction(c -> c.preparedQuery("insert into certification (company_id, type, dosage_forms,"
                + " letter_number, letter_date, rip_approval_number) values ($1, $2, $3, $4, $5, $6) returning id")
            .execute(Tuple.of(company.getLong("id"), a.type().name(), a.forms(), a.letterNumber(), a.letterDate(), a.rip()))
            .compose(rows -> {
              long id = rows.iterator().next().getLong(0);
              return Documents.store(c, subject(id).toString(), docs)
                  .compose(v -> Workflow.record(c, subject(id), Status.SUBMITTED.name(), caller.accountId(), null))
                  .map(v -> id);
            }))))
        .compose(id -> get(id, caller));
  }

  /** Seed 002 "melakukan revisi": the application again while in REVISION; documents replace those of their kind. */
  public Future<JsonObject> revise(long id, Caller caller, JsonObject fields, List<String> formIds,
                                   List<Documents.Upload> docs, List<Refusal.Item> refusedDocuments) {
    return load(id, caller).compose(row -> profile.company(caller).compose(company ->
            application(company, fields, formIds, docs, refusedDocuments, false))
        .compose(a -> pool.withTransaction(c -> claim(c, id, EnumSet.of(Status.REVISION), Status.SUBMITTED, null)
            .compose(r -> c.preparedQuery("update certification set type = $2, dosage_forms = $3, letter_number = $4,"
                    + " letter_date = $5, rip_approval_number = $6 where id = $1")
                .execute(Tuple.of(id, a.type().name(), a.forms(), a.letterNumber(), a.letterDate(), a.rip())))
            .compose(v -> replaceDocuments(c, id, docs))
            .compose(v -> Workflow.record(c, subject(id), Status.SUBMITTED.name(), caller.accountId(), "revised")))))
        .compose(v -> get(id, caller));
  }

  /** Seed 002 "Upload Hasil CAPA": the CAPA file(s) while the inspection's findings wait for them. */
  public Future<JsonObject> capa(long id, Caller caller, List<Documents.Upload> docs, List<Refusal.Item> refusedDocuments) {
    Fields f = new Fields(null);
    refusedDocuments.forEach(p -> f.add(p.field(), p.code(), p.message()));
    if (docs.stream().noneMatch(d -> d.kind().equals("CAPA")) && refusedDocuments.isEmpty()) {
      f.add("documents.CAPA", "REQUIRED", "the CAPA result as file field CAPA (PDF or Excel)");
    }
    docs.stream().filter(d -> !d.kind().equals("CAPA"))
        .forEach(d -> f.add("documents." + d.kind(), "DOCUMENT_KIND", "a CAPA upload carries file field CAPA only"));
    f.check();
    return load(id, caller).compose(row -> {
      if (caller.regulator()) {
        throw Refusal.forbidden("APPLICANT_ONLY", "the applicant uploads the CAPA");
      }
      return pool.withTransaction(c -> claim(c, id, EnumSet.of(Status.CAPA), Status.CAPA_REVIEW, null)
          .compose(r -> replaceDocuments(c, id, docs))
          .compose(v -> Workflow.record(c, subject(id), Status.CAPA_REVIEW.name(), caller.accountId(), "CAPA uploaded")));
    }).compose(v -> get(id, caller));
  }

  private static Future<Void> replaceDocuments(SqlClient c, long id, List<Documents.Upload> docs) {
    List<Tuple> kinds = docs.stream().map(d -> d.kind()).distinct().map(k -> Tuple.of(subject(id).toString(), k)).toList();
    Future<?> removed = kinds.isEmpty() ? Future.succeededFuture()
        : c.preparedQuery("delete from document where owner = $1 and kind = $2").executeBatch(kinds);
    return removed.compose(v -> Documents.store(c, subject(id).toString(), docs));
  }

  /**
   * Badan POM's steps: {@code APPROVE} with {@code amount} (SPB issued), {@code REVISE} with a
   * note, {@code INSPECTED} with {@code result}, {@code ACCEPT_CAPA}, {@code REVISE_CAPA} with a note.
   */
  public Future<JsonObject> decide(long id, JsonObject body, Caller caller) {
    caller.requireRegulator();
    Fields f = new Fields(body);
    Decision decision = Decision.read(f, EnumSet.of(Decision.APPROVE, Decision.REVISE, Decision.INSPECTED,
        Decision.ACCEPT_CAPA, Decision.REVISE_CAPA));
    String note = f.optionalText("note", NOTE, "up to 2000 characters");
    Inspection result = decision == Decision.INSPECTED ? f.choice("result", Inspection.class) : null;
    Object amount = body.getValue("amount");
    if (decision == Decision.APPROVE && (!(amount instanceof Number n) || n.longValue() <= 0)) {
      f.add("amount", "REQUIRED", "approval issues an SPB: its amount in whole rupiah, above 0");
    }
    if (decision != null && decision.isRevision() && note == null) {
      f.add("note", "REQUIRED", "a revision request says what to revise");
    }
    f.check();
    return load(id, caller).compose(row -> pool.withTransaction(c -> switch (decision) {
      case APPROVE -> claim(c, id, EnumSet.of(Status.SUBMITTED), Status.PAYMENT, note)
          .compose(r -> PaymentOrders.issue(c, subject(id), Purpose.CERTIFICATION, ((Number) amount).longValue()))
          .compose(spb -> tell(c, id, Status.PAYMENT, "SPB " + spb.getString("number") + ": Rp " + spb.getLong("amount")
              + ", nomor billing / billing number " + spb.getString("billingNumber"), caller));
      case REVISE -> claim(c, id, EnumSet.of(Status.SUBMITTED), Status.REVISION, note)
          .compose(r -> tell(c, id, Status.REVISION, note, caller));
      case INSPECTED -> switch (result) {
        case NO_FINDINGS -> claim(c, id, EnumSet.of(Status.INSPECTION), Status.CERTIFIED, note)
            .compose(r -> certify(c, r, caller));
        case CAPA_REQUIRED -> claim(c, id, EnumSet.of(Status.INSPECTION), Status.CAPA, note)
            .compose(r -> tell(c, id, Status.CAPA, note, caller));
        case FAILED -> claim(c, id, EnumSet.of(Status.INSPECTION), Status.REJECTED, note)
            .compose(r -> tell(c, id, Status.REJECTED, note, caller));
      };
      case ACCEPT_CAPA -> claim(c, id, EnumSet.of(Status.CAPA_REVIEW), Status.CERTIFIED, note)
          .compose(r -> certify(c, r, caller));
      case REVISE_CAPA -> claim(c, id, EnumSet.of(Status.CAPA_REVIEW), Status.CAPA, note)
          .compose(r -> tell(c, id, Status.CAPA, note, caller));
      case RETURN, REJECT -> throw new IllegalStateException(decision + " is not a certification decision");
    })).compose(v -> get(id, caller));
  }

  /** A paid SPB brings the field inspection (seed 002: "Setelah pembayaran selesai dilakukan, akan dilakukan inspeksi"). */
  public Future<Void> paid(SqlClient c, long id, Purpose purpose) {
    return c.preparedQuery("update certification set status = 'INSPECTION' where id = $1 and status = 'PAYMENT'")
        .execute(Tuple.of(id))
        .compose(rows -> rows.rowCount() == 1 ? Workflow.record(c, subject(id), Status.INSPECTION.name(), null, "SPB paid")
            : Future.failedFuture(Refusal.conflict("WRONG_STATUS", "certification " + id + " is not waiting for payment")))
        .compose(v -> notify(c, id, Status.INSPECTION, "Pembayaran diterima; inspeksi lapangan akan dilakukan."
            + " / Payment received; the field inspection follows."));
  }

  private static Future<Row> claim(SqlClient c, long id, Set<Status> from, Status to, String note) {
    String[] names = from.stream().map(Enum::name).toArray(String[]::new);
    return c.preparedQuery("update certification set status = $2, note = $3 where id = $1 and status = any($4) returning *")
        .execute(Tuple.of(id, to.name(), note, names))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next())
            : Future.failedFuture(Refusal.conflict("WRONG_STATUS", "certification " + id + " is not " + from)));
  }

  private static Future<Void> tell(SqlClient c, long id, Status now, String text, Caller regulator) {
    return Workflow.record(c, subject(id), now.name(), regulator.accountId(), text).compose(v -> notify(c, id, now, text));
  }

  /** The applicant hears of a step. */
  private static Future<Void> notify(SqlClient c, long id, Status now, String text) {
    return c.preparedQuery("select account_id from company co join certification ce on ce.company_id = co.id"
            + " where ce.id = $1").execute(Tuple.of(id))
        .compose(rows -> Outbox.add(c, rows.iterator().next().getInteger(0), null,
            "Pengajuan sertifikasi " + id + ": " + now + " / certification " + id + ": " + now,
            text == null ? "Status: " + now : text, "/api/v1/certifications/" + id));
  }

  /** The certificate: number, dates, the PDF kept as the application's CERTIFICATE document. */
  private Future<Void> certify(SqlClient c, Row r, Caller regulator) {
    long id = r.getLong("id");
    Type type = Type.valueOf(r.getString("type"));
    LocalDate today = BpomTime.today(clock);
    String number = String.format(Locale.ROOT, "%s-%d-%06d", type.name(), today.getYear(), id);
    return c.preparedQuery("select co.name as company, p.name as plant, p.address, f.dosage_form, f.production_licence_number"
            + " from certification ce join company co on co.id = ce.company_id join plant_dosage_form f on f.id = any(ce.dosage_forms)"
            + " join plant p on p.id = f.plant_id where ce.id = $1 order by p.id, f.id")
        .execute(Tuple.of(id))
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
          return vertx.executeBlocking(() -> CertificatePdf.render("SERTIFIKAT " + type.name() + " - " + type.title(), number,
              lines));
        })
        .compose(pdf -> c.preparedQuery("update certification set certificate_number = $2, certified_on = $3, valid_until = $4"
                + " where id = $1").execute(Tuple.of(id, number, today, today.plusYears(VALID_YEARS)))
            .compose(v -> Documents.store(c, subject(id).toString(), List.of(new Documents.Upload("CERTIFICATE", number + ".pdf", pdf,
                "application/pdf")))))
        .compose(v -> tell(c, id, Status.CERTIFIED, "Sertifikat " + number + " terbit dan dapat diunduh / the certificate"
            + " is issued and can be downloaded", regulator));
  }

  /** The certificate PDF; NOT_FOUND unless the caller may see the application, CONFLICT while it is not issued. */
  public Future<byte[]> certificate(long id, Caller caller) {
    return load(id, caller).compose(row -> {
      if (!Status.CERTIFIED.name().equals(row.getString("status"))) {
        return Future.failedFuture(Refusal.conflict("NOT_CERTIFIED", "certification " + id + " is "
            + row.getString("status") + "; the certificate is issued at its end"));
      }
      return pool.preparedQuery("select content from document where owner = $1 and kind = 'CERTIFICATE'")
          .execute(Tuple.of(subject(id).toString())).map(rows -> rows.iterator().next().getBuffer(0).getBytes());
    });
  }

  /** The applications the caller sees (its company's; all for the regulator), newest first. */
  public Future<JsonArray> list(Caller caller, Status status, long beforeId, int limit) {
    return pool.preparedQuery("select ce.* from certification ce join company co on co.id = ce.company_id"
            + " where ($1::varchar is null or ce.status = $1) and ce.id < $2 and ($4::boolean or co.account_id = $5)"
            + " order by ce.id desc limit $3")
        .execute(Tuple.of(status == null ? null : status.name(), beforeId, limit, caller.regulator(), caller.accountId()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(json(r)));
          return out;
        });
  }

  /** One application with its dosage forms, documents, history and SPB; NOT_FOUND when the caller may not see it. */
  public Future<JsonObject> get(long id, Caller caller) {
    return load(id, caller).compose(row -> Workflow.get(pool, subject(id), "certification",
            Certifications::json))
        .compose(a -> PaymentOrders.of(pool, subject(id)).map(spb -> a.put("paymentOrders", spb)))
        .compose(a -> pool.preparedQuery("select f.id as form_id, f.dosage_form, f.production_licence_number,"
                + " f.production_licence_date, p.name as plant from certification ce join plant_dosage_form f"
                + " on f.id = any(ce.dosage_forms) join plant p on p.id = f.plant_id where ce.id = $1 order by f.id")
            .execute(Tuple.of(id))
            .map(rows -> {
              JsonArray forms = new JsonArray();
              rows.forEach(r -> forms.add(CompanyProfile.dosageForm(r).put("plant", r.getString("plant"))));
              return a.put("dosageForms", forms);
            }));
  }

  private Future<Row> load(long id, Caller caller) {
    return pool.preparedQuery("select ce.*, co.account_id from certification ce join company co on co.id = ce.company_id"
            + " where ce.id = $1").execute(Tuple.of(id))
        .map(rows -> {
          Row r = rows.size() == 0 ? null : rows.iterator().next();
          if (r == null || !(caller.regulator() || Integer.valueOf(caller.accountId()).equals(r.getInteger("account_id")))) {
            throw Refusal.notFound("no certification " + id);
          }
          return r;
        });
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("companyId", r.getLong("company_id"))
        .put("type", r.getString("type")).put("status", r.getString("status"))
        .put("letterNumber", r.getString("letter_number")).put("letterDate", r.getLocalDate("letter_date").toString())
        .put("ripApprovalNumber", r.getString("rip_approval_number")).put("note", r.getString("note"))
        .put("certificate", r.getString("certificate_number") == null ? null : new JsonObject()
            .put("number", r.getString("certificate_number")).put("issuedOn", r.getLocalDate("certified_on").toString())
            .put("validUntil", r.getLocalDate("valid_until").toString())
            .put("download", "/api/v1/certifications/" + r.getLong("id") + "/certificate"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }
}
