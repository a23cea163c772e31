package io.lacak.registration.asrot;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.registration.account.Caller;
import io.lacak.core.calendar.WorkingDays;
import io.lacak.registration.document.Documents;
import io.lacak.registration.facility.Formats;
import io.lacak.registration.kbli.BusinessScale;
import io.lacak.registration.kbli.Commodity;
import io.lacak.registration.kbli.DosageForm;
import io.lacak.registration.kbli.KbliEligibility;
import io.lacak.registration.kbli.KbliRefusal;
import io.lacak.registration.notice.Outbox;
import io.lacak.registration.payment.PaymentOrders;
import io.lacak.registration.payment.PaymentOrders.Purpose;
import io.lacak.registration.product.Category;
import io.lacak.registration.product.Products;
import io.lacak.registration.product.TwoDMethod;
import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Product registration through ASROT (seed 000, sections E and F): a draft with the product data
 * (composition, claims, dosage, warnings, storage, packaging variants) that the applicant's KBLI
 * may register; pre-registration with its OSS licence, SPB, payment and evaluation; registration
 * documents at the counter, verified or returned, SPB, payment, evaluation with requests for
 * additional data; approval issues the NIE (valid five years) and puts the product into track and
 * trace with its identification code (Pasal 14-15). A draft not submitted within 5 working days is
 * deleted. Every step is recorded with actor and time, and the applicant is told of each.
 *
 * <p>{@code applications.create(body, caller).compose(a -> applications.act(a.getLong("id"), submit, caller))}
 */
public final class ProductApplications {

  /** Registration types of ASROT's "Jenis Registrasi Baru". */
  public enum RegistrationType {
    OT_LOWRISK, OT_HIGHRISK, OTSK_BAHAN_TERTENTU, OTSK_BAHAN_KOMBINASI
  }

  /** Jenis bahan: bahan aktif or bahan tambahan. */
  public enum IngredientRole {
    ACTIVE, EXCIPIENT
  }

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

  static final String KIND = "product-application";
  private static final Pattern TEXT = Pattern.compile("(?s).{1,2000}");
  private static final Pattern SHORT = Pattern.compile("(?s).{1,200}");
  private static final Pattern OSS_CODE = Pattern.compile("\\d{9,12}");
  private static final Pattern OSS_ID = Pattern.compile("I-\\d{10,25}");
  private static final Pattern UNIT = Pattern.compile("mg|g|mcg|ml|IU|%");
  private static final int MAX_INGREDIENTS = 200;
  private static final int MAX_PACKAGING = 20;

  private final Pool pool;
  private final Products products;
  private final ReferenceData ref;
  private final WorkingDays days;
  private final Clock clock;

  public ProductApplications(Pool pool, Products products, ReferenceData ref, WorkingDays days, Clock clock) {
    this.pool = pool;
    this.products = products;
    this.ref = ref;
    this.days = days;
    this.clock = clock;
  }

  static String subject(long id) {
    return KIND + ":" + id;
  }

  private LocalDate today() {
    return BpomTime.today(clock);
  }

  /**
   * A new draft for one of the caller's manufacturers ({@code holder}, its partner ID; the caller's
   * only facility when absent); INVALID listing every bad field and every KBLI rule broken (seed 000).
   */
  public Future<JsonObject> create(JsonObject body, Caller caller) {
    caller.requirePerson();
    Fields f = new Fields(body);
    RegistrationType type = f.choice("registrationType", RegistrationType.class);
    Commodity commodity = f.choice("commodity", Commodity.class);
    String kbli = f.text("kbli", Formats.KBLI, "5 digits");
    BusinessScale scale = body.containsKey("businessScale") ? f.choice("businessScale", BusinessScale.class)
        : BusinessScale.OTHER;
    String name = f.text("name", SHORT, "the product name");
    DosageForm form = f.choice("dosageForm", DosageForm.class);
    List<String> packaging = strings(f, body, "packaging", MAX_PACKAGING, "a packaging variant, e.g. 'Dus, botol @ 100 ml'");
    String basis = f.optionalText("compositionBasis", SHORT, "e.g. 'Tiap ml mengandung'");
    JsonArray composition = composition(f, body);
    String claims = f.text("claims", TEXT, "the claims");
    String dosage = f.text("dosage", TEXT, "the dosage (aturan pakai)");
    String warnings = f.text("warnings", TEXT, "the warnings (peringatan / perhatian)");
    String storage = f.text("storage", TEXT, "the storage (cara penyimpanan)");
    if (kbli != null && commodity != null && scale != null && form != null) {
      for (KbliRefusal r : KbliEligibility.check(kbli, scale, commodity, form)) {
        f.add("kbli", r.rule().name(), "seed 000: " + r.message());
      }
    }
    Facility holder = holder(f, body, caller);
    f.check();
    LocalDate deleteOn = days.plus(today(), DRAFT_WORKING_DAYS);
    Object[] row = {caller.accountId(), holder.ref(), type.name(), commodity.name(), kbli, scale.name(), name, form.name(),
        packaging.toArray(new String[0]), basis, composition, claims, dosage, warnings, storage, deleteOn};
    return pool.withTransaction(c -> c.preparedQuery("insert into product_application (applicant, holder, registration_type,"
            + " commodity, kbli, business_scale, name, dosage_form, packaging, composition_basis, composition, claims, dosage,"
            + " warnings, storage, draft_delete_on) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
            + " $16) returning id")
        .execute(Tuple.from(row))
        .compose(rows -> {
          long id = rows.iterator().next().getLong(0);
          return Workflow.record(c, subject(id), ApplicationStatus.DRAFT.name(), caller.accountId(),
              "deleted on " + deleteOn + " unless submitted").map(v -> id);
        }))
        .compose(id -> get(id, caller));
  }

  private Facility holder(Fields f, JsonObject body, Caller caller) {
    Object partner = body.getValue("holder");
    if (partner != null && !(partner instanceof String)) {
      f.add("holder", "WRONG_TYPE", "holder must be a partner ID");
      return null;
    }
    Facility holder;
    try {
      holder = caller.actingFacility((String) partner, ref);
    } catch (Refusal p) {
      f.add("holder", "NOT_YOUR_FACILITY", p.getMessage());
      return null;
    }
    if (holder.type() != FacilityType.MANUFACTURER) {
      f.add("holder", "NOT_A_MANUFACTURER", "the NIE is held by a manufacturer; " + holder.partnerId() + " is a "
          + holder.type());
      return null;
    }
    return holder;
  }

  private static List<String> strings(Fields f, JsonObject body, String field, int max, String expected) {
    List<String> out = new ArrayList<>();
    Object raw = body.getValue(field);
    if (!(raw instanceof JsonArray a) || a.isEmpty() || a.size() > max) {
      f.add(field, raw == null ? "REQUIRED" : "BAD_FORMAT", field + " must list 1 to " + max + " entries, each " + expected);
      return out;
    }
    for (int i = 0; i < a.size(); i++) {
      Object v = a.getValue(i);
      if (!(v instanceof String s) || s.isBlank() || s.length() > 200) {
        f.add(field + "[" + i + "]", "BAD_FORMAT", expected);
      } else {
        out.add(s.strip());
      }
    }
    return out;
  }

  /** Seed 000 "Komposisi Baru": description (keterangan), ingredient, role, amount, unit; at least one active. */
  private static JsonArray composition(Fields f, JsonObject body) {
    JsonArray out = new JsonArray();
    Object raw = body.getValue("composition");
    if (!(raw instanceof JsonArray a) || a.isEmpty() || a.size() > MAX_INGREDIENTS) {
      f.add("composition", raw == null ? "REQUIRED" : "BAD_FORMAT", "composition lists 1 to " + MAX_INGREDIENTS
          + " ingredients {ingredient, role ACTIVE|EXCIPIENT, amount, unit}");
      return out;
    }
    boolean active = false;
    for (int i = 0; i < a.size(); i++) {
      String at = "composition[" + i + "]";
      if (!(a.getValue(i) instanceof JsonObject item)) {
        f.add(at, "WRONG_TYPE", at + " must be an object");
        continue;
      }
      Fields g = new Fields(item);
      String description = g.optionalText("description", SHORT, "e.g. 'Induk'");
      String ingredient = g.text("ingredient", SHORT, "the ingredient's name");
      IngredientRole role = g.choice("role", IngredientRole.class);
      String unit = g.text("unit", UNIT, "mg, g, mcg, ml, IU or %");
      Object amount = item.getValue("amount");
      if (!(amount instanceof Number n) || n.doubleValue() <= 0) {
        g.add("amount", "BAD_FORMAT", "the amount must be a number above 0");
      }
      g.problems().forEach(p -> f.add(at + "." + p.field(), p.code(), p.message()));
      if (g.ok()) {
        active |= role == IngredientRole.ACTIVE;
        out.add(new JsonObject().put("description", description).put("ingredient", ingredient).put("role", role.name())
            .put("amount", ((Number) amount).doubleValue()).put("unit", unit));
      }
    }
    if (!active && f.ok()) {
      f.add("composition", "NO_ACTIVE_INGREDIENT", "the composition names at least one active ingredient (bahan aktif)");
    }
    return out;
  }

  /**
   * One step of the application ({@code action}, with {@code note}, {@code ossLicenceCode} and
   * {@code ossLicenceId} where the step needs them): FORBIDDEN when the caller may not take it, CONFLICT when
   * the application is not at a status the step starts from.
   */
  public Future<JsonObject> act(long id, JsonObject body, Caller caller) {
    caller.requirePerson();
    Fields f = new Fields(body);
    Action action = f.choice("action", Action.class);
    String note = f.optionalText("note", TEXT, "up to 2000 characters");
    String ossCode = f.optionalText("ossLicenceCode", OSS_CODE, "the OSS licence code (kode izin), 9-12 digits");
    String ossId = f.optionalText("ossLicenceId", OSS_ID, "the OSS licence ID (ID izin), e.g. I-202303151648407742642");
    if (action != null && action.needsNote() && note == null) {
      f.add("note", "REQUIRED", action + " gives its reason");
    }
    if (action != null && action.needsOssLicence()) {
      if (ossCode == null && !body.containsKey("ossLicenceCode")) {
        f.add("ossLicenceCode", "REQUIRED", "seed 000: choose the OSS kode izin of the PB-UMKU for this stage");
      }
      if (ossId == null && !body.containsKey("ossLicenceId")) {
        f.add("ossLicenceId", "REQUIRED", "seed 000: choose the OSS ID izin of the PB-UMKU for this stage");
      }
    }
    f.check();
    return load(id, caller).compose(row -> {
      if (action.byRegulator()) {
        caller.requireRegulator();
      } else if (!caller.memberOf(row.getInteger("holder"))) {
        throw Refusal.forbidden("APPLICANT_ONLY", action + " is the applicant's step");
      }
      Issued issued = new Issued();
      return pool.withTransaction(c -> claim(c, id, action, note)
              .compose(r -> step(c, action, r, ossCode, ossId, issued))
              .compose(v -> Workflow.record(c, subject(id), action.to().name(), caller.accountId(), note))
              .compose(v -> action.byRegulator() ? tell(c, row, action.to(), note) : Future.succeededFuture()))
          .map(v -> {
            if (issued.nie != null) {
              products.joined(issued.productId, issued.nie, row.getInteger("holder"));
            }
            return v;
          });
    }).compose(v -> get(id, caller));
  }

  /** The NIE an approval issued, for the reference data once committed. */
  private static final class Issued {
    String nie;
    int productId;
  }

  /** Moves the application from a status {@code action} starts from; CONFLICT naming where it stands otherwise. */
  private static Future<Row> claim(SqlClient c, long id, Action action, String note) {
    String[] from = action.from().stream().map(Enum::name).toArray(String[]::new);
    return c.preparedQuery("update product_application set status = $2, note = $3 where id = $1 and status = any($4)"
            + " returning *")
        .execute(Tuple.of(id, action.to().name(), note, from))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next())
            : c.preparedQuery("select status from product_application where id = $1").execute(Tuple.of(id))
                .compose(now -> Future.failedFuture(Refusal.conflict("WRONG_STATUS", action + " is taken from "
                    + action.from() + "; application " + id + " is "
                    + (now.size() == 0 ? "gone" : now.iterator().next().getString(0))))));
  }

  /** What a step does beside moving the status. */
  private Future<Void> step(SqlClient c, Action action, Row r, String ossCode, String ossId, Issued issued) {
    long id = r.getLong("id");
    return switch (action) {
      case SUBMIT_PRE_REGISTRATION -> c.preparedQuery("update product_application set oss_prereg_licence_code = $2,"
              + " oss_prereg_licence_id = $3, draft_delete_on = null where id = $1").execute(Tuple.of(id, ossCode, ossId))
          .compose(v -> bill(c, r, Purpose.PRE_REGISTRATION, PRE_REGISTRATION_FEE));
      case SUBMIT_TO_COUNTER -> c.preparedQuery("select count(*) from document where owner = $1").execute(Tuple.of(subject(id)))
          .compose(n -> n.iterator().next().getLong(0) > 0 ? Future.succeededFuture()
              : Future.failedFuture(Refusal.invalid("documents", "REQUIRED",
                  "seed 000: upload the registration documents (data pendukung) before sending them to the counter")))
          .compose(v -> c.preparedQuery("update product_application set oss_reg_licence_code = $2, oss_reg_licence_id = $3"
              + " where id = $1").execute(Tuple.of(id, ossCode, ossId)))
          .mapEmpty();
      case VERIFY -> bill(c, r, Purpose.REGISTRATION, REGISTRATION_FEE);
      case APPROVE -> issueNie(c, r, issued);
      default -> Future.succeededFuture();
    };
  }

  private static Future<Void> bill(SqlClient c, Row r, Purpose purpose, long amount) {
    return PaymentOrders.issue(c, subject(r.getLong("id")), purpose, amount).compose(spb -> Outbox.add(c,
        r.getInteger("applicant"), null, "SPB " + spb.getString("number") + " diterbitkan / payment order issued",
        "Produk " + r.getString("name") + ": bayar Rp " + amount + " dengan nomor billing " + spb.getString("billingNumber")
            + ".\nPay Rp " + amount + " with billing number " + spb.getString("billingNumber") + " (" + purpose + ").",
        "/api/v1/product-applications/" + r.getLong("id")));
  }

  /** Pasal 14-15, seed 000: the NIE (prefix per commodity, year, number), valid five years; the product joins. */
  private Future<Void> issueNie(SqlClient c, Row r, Issued issued) {
    Commodity commodity = Commodity.valueOf(r.getString("commodity"));
    String prefix = switch (commodity) {
      case TRADITIONAL_MEDICINE -> "TR";
      case HEALTH_SUPPLEMENT -> "SD";
      case QUASI_DRUG -> "QD";
    };
    LocalDate today = today();
    Category category = Category.valueOf(commodity.name());
    Facility holder = ref.facility(r.getInteger("holder"));
    return c.query("select nextval('nie_number')").execute().compose(seq -> {
      String nie = String.format(Locale.ROOT, "%s%02d%07d", prefix, today.getYear() % 100, seq.iterator().next().getLong(0));
      String[] packaging = r.getArrayOfStrings("packaging");
      return Products.insert(c, nie, r.getString("name"), holder.partnerId(), TwoDMethod.of(category, null, false),
              today.plusYears(NIE_YEARS), category, null, r.getString("dosage_form"), String.join("; ", packaging))
          .compose(pid -> {
            issued.nie = nie;
            issued.productId = pid;
            return c.preparedQuery("update product_application set nie = $2 where id = $1")
                .execute(Tuple.of(r.getLong("id"), nie));
          });
    }).mapEmpty();
  }

  /** The applicant hears of each of Badan POM's steps. */
  private static Future<Void> tell(SqlClient c, Row r, ApplicationStatus now, String note) {
    return Outbox.add(c, r.getInteger("applicant"), null, "Registrasi produk: " + now.asrot() + " / product registration: "
            + now, "Produk " + r.getString("name") + " (pengajuan " + number(r) + "): " + now.asrot()
            + (note == null ? "" : "\n" + note), "/api/v1/product-applications/" + r.getLong("id"));
  }

  /** A paid SPB moves the application on to its evaluation (seed 000: "otomatis masuk ke proses evaluasi"). */
  public Future<Void> paid(SqlClient c, long id, Purpose purpose) {
    ApplicationStatus from = purpose == Purpose.PRE_REGISTRATION ? ApplicationStatus.PRE_REGISTRATION_PAYMENT
        : ApplicationStatus.REGISTRATION_PAYMENT;
    ApplicationStatus to = purpose == Purpose.PRE_REGISTRATION ? ApplicationStatus.PRE_REGISTRATION_EVALUATION
        : ApplicationStatus.EVALUATION;
    return c.preparedQuery("update product_application set status = $3 where id = $1 and status = $2 returning *")
        .execute(Tuple.of(id, from.name(), to.name()))
        .compose(rows -> rows.size() == 1
            ? Workflow.record(c, subject(id), to.name(), null, purpose + " paid")
                .compose(v -> tell(c, rows.iterator().next(), to, "Pembayaran diterima / payment received"))
            : Future.failedFuture(Refusal.conflict("WRONG_STATUS", "application " + id + " is not waiting for this payment")));
  }

  /** Documents of the application (data pendukung), added while the applicant holds it. */
  public Future<JsonObject> addDocuments(long id, Caller caller, List<Documents.Upload> docs, List<Refusal.Item> problems) {
    caller.requirePerson();
    Fields f = new Fields(null);
    problems.forEach(p -> f.add(p.field(), p.code(), p.message()));
    if (docs.isEmpty() && problems.isEmpty()) {
      f.add("documents", "REQUIRED", "at least one document (JPG, PNG or PDF)");
    }
    f.check();
    return load(id, caller).compose(row -> {
      if (!caller.memberOf(row.getInteger("holder"))) {
        throw Refusal.forbidden("APPLICANT_ONLY", "the applicant uploads the documents");
      }
      return pool.withTransaction(c -> c.preparedQuery("select status from product_application where id = $1 for update")
          .execute(Tuple.of(id))
          .compose(rows -> {
            String status = rows.iterator().next().getString(0);
            if (!List.of("DRAFT", "REGISTRATION_UPLOAD", "RETURNED", "ADDITIONAL_DATA").contains(status)) {
              return Future.failedFuture(Refusal.conflict("WRONG_STATUS", "documents are added to a draft, before the"
                  + " counter, after a return or for additional data; application " + id + " is " + status));
            }
            return Documents.store(c, subject(id), docs);
          }));
    }).compose(v -> get(id, caller));
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
    return pool.withTransaction(c -> c.preparedQuery("delete from product_application where status = 'DRAFT'"
            + " and draft_delete_on <= $1 returning id")
        .execute(Tuple.of(today))
        .compose(rows -> {
          List<Tuple> deleted = new ArrayList<>();
          List<Tuple> owners = new ArrayList<>();
          rows.forEach(r -> {
            deleted.add(Tuple.of(subject(r.getLong(0)), "DELETED", "not submitted within " + DRAFT_WORKING_DAYS + " working days"));
            owners.add(Tuple.of(subject(r.getLong(0))));
          });
          if (deleted.isEmpty()) {
            return Future.succeededFuture(0);
          }
          return c.preparedQuery("delete from document where owner = $1").executeBatch(owners)
              .compose(v -> c.preparedQuery("insert into workflow_event (subject, status, note) values ($1, $2, $3)")
                  .executeBatch(deleted))
              .map(v -> deleted.size());
        }));
  }

  /** The applications the caller sees (its manufacturers'; all for the regulator), newest first. */
  public Future<JsonArray> list(Caller caller, ApplicationStatus status, long beforeId, int limit) {
    Integer[] holders = caller.facilities().toArray(new Integer[0]);
    return pool.preparedQuery("select * from product_application where ($1::varchar is null or status = $1) and id < $2"
            + " and ($4::boolean or holder = any($5::int[])) order by id desc limit $3")
        .execute(Tuple.of(status == null ? null : status.name(), beforeId, limit, caller.regulator(), holders))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(json(r)));
          return out;
        });
  }

  /** One application with documents, history and payment orders; NOT_FOUND when the caller may not see it. */
  public Future<JsonObject> get(long id, Caller caller) {
    return load(id, caller).compose(row -> Workflow.get(pool, "product_application", subject(id), id, "product application",
            this::json)
        .compose(a -> PaymentOrders.of(pool, subject(id)).map(spb -> a.put("paymentOrders", spb)))
        .compose(a -> a.getString("nie") == null ? Future.succeededFuture(a)
            : products.get(a.getString("nie")).map(p -> a.put("product", p))));
  }

  private Future<Row> load(long id, Caller caller) {
    return pool.preparedQuery("select * from product_application where id = $1").execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0 || !(caller.regulator() || caller.memberOf(rows.iterator().next().getInteger("holder")))) {
            throw Refusal.notFound("no product application " + id);
          }
          return rows.iterator().next();
        });
  }

  private static String number(Row r) {
    return String.format(Locale.ROOT, "EREG%d%07d", BpomTime.dateOf(r.getOffsetDateTime("created_at").toInstant()).getYear(), r.getLong("id"));
  }

  private JsonObject json(Row r) {
    ApplicationStatus status = ApplicationStatus.valueOf(r.getString("status"));
    JsonArray packaging = new JsonArray();
    for (String p : r.getArrayOfStrings("packaging")) {
      packaging.add(p);
    }
    Facility holder = ref.facility(r.getInteger("holder"));
    return new JsonObject().put("id", r.getLong("id")).put("number", number(r)).put("status", status.name())
        .put("statusText", status.asrot()).put("holder", holder.partnerId())
        .put("registrationType", r.getString("registration_type")).put("commodity", r.getString("commodity"))
        .put("kbli", r.getString("kbli")).put("businessScale", r.getString("business_scale")).put("name", r.getString("name"))
        .put("dosageForm", r.getString("dosage_form")).put("packaging", packaging)
        .put("compositionBasis", r.getString("composition_basis"))
        .put("composition", r.getJsonArray("composition")).put("claims", r.getString("claims"))
        .put("dosage", r.getString("dosage")).put("warnings", r.getString("warnings")).put("storage", r.getString("storage"))
        .put("oss", new JsonObject()
            .put("preRegistration", new JsonObject().put("licenceCode", r.getString("oss_prereg_licence_code"))
                .put("licenceId", r.getString("oss_prereg_licence_id")))
            .put("registration", new JsonObject().put("licenceCode", r.getString("oss_reg_licence_code"))
                .put("licenceId", r.getString("oss_reg_licence_id"))))
        .put("note", r.getString("note"))
        .put("draftDeletedOn", r.getLocalDate("draft_delete_on") == null ? null : r.getLocalDate("draft_delete_on").toString())
        .put("nie", r.getString("nie")).put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }
}
