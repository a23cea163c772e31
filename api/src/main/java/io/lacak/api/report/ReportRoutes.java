package io.lacak.api.report;

import io.lacak.api.http.Problems;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.journal.Receipt;
import io.lacak.core.journal.Report;
import io.lacak.core.journal.ReportKind;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.Outcome;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.lifecycle.UsageLine;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The reports of Pasal 11-13 over JSON (Lampiran G-L): each request becomes one {@link Report}
 * for the sequencer, the same command a CSV row becomes. Malformed input is a 400 listing every
 * problem before anything is decided; refused codes give a 422 listing each with its reason and
 * nothing applied, unless {@code mode} is {@code PER_CODE}.
 */
public final class ReportRoutes {

  private interface Movement {
    Function<Ledger, Decision> decide(int by, int to, List<CodeRef> codes, Mode mode);
  }

  private interface InPlace {
    Function<Ledger, Decision> decide(int by, List<CodeRef> codes, Mode mode);
  }

  private final Sequencer sequencer;
  private final ReferenceData ref;
  private final Gs1Codec codec;
  private final Clock clock;

  public ReportRoutes(Sequencer sequencer, Gs1Codec codec, Clock clock) {
    this.sequencer = sequencer;
    this.ref = sequencer.referenceData();
    this.codec = codec;
    this.clock = clock;
  }

  public void mount(RouterBuilder b) {
    b.getRoute("reportUsage").addHandler(this::usage);
    b.getRoute("reportShipment").addHandler(ctx -> movement(ctx, ReportKind.SHIPMENT, (by, to, c, m) -> l -> l.ship(by, to, c, m)));
    b.getRoute("reportReceipt").addHandler(ctx -> inPlace(ctx, ReportKind.RECEIPT, (by, c, m) -> l -> l.receive(by, c, m)));
    // Lampiran J: the pharmacy endpoint is the busiest; the contract validator (a worker-thread hop
    // and a schema validator built per request) is skipped and ReportInput checks the same shape.
    b.getRoute("reportSale").setDoValidation(false)
        .addHandler(ctx -> inPlace(ctx, ReportKind.SALE, (by, c, m) -> l -> l.sell(by, c, m)));
    b.getRoute("reportReturn").addHandler(ctx -> movement(ctx, ReportKind.RETURN, (by, to, c, m) -> l -> l.returnTo(by, to, c, m)));
    b.getRoute("decideReturn").addHandler(this::decideReturn);
    b.getRoute("reportRecall").addHandler(this::recall);
    b.getRoute("reportRecallShipment").addHandler(ctx -> movement(ctx, ReportKind.RECALL_SHIPMENT,
        (by, to, c, m) -> l -> l.recallShip(by, to, c, m)));
    b.getRoute("reportRecallReceipt").addHandler(ctx -> inPlace(ctx, ReportKind.RECALL_RECEIPT,
        (by, c, m) -> l -> l.recallReceive(by, c, m)));
    b.getRoute("reportUnpack").addHandler(ctx -> inPlace(ctx, ReportKind.UNPACK, (by, c, m) -> l -> l.unpack(by, c, m)));
  }

  private ReportInput input(RoutingContext ctx) {
    return new ReportInput(ctx, Replies.checkedBody(ctx), ref, codec, clock);
  }

  /** Lampiran G: active / reject / retained sample, packed primary -> secondary -> tertiary in one process. */
  private void usage(RoutingContext ctx) {
    ReportInput in = input(ctx);
    JsonArray lines = in.body.getJsonArray("lines", new JsonArray());
    List<UsageLine> usage = new ArrayList<>(lines.size());
    List<String> shown = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      JsonObject line = lines.getJsonObject(i);
      String at = "lines[" + i + "]";
      CodeRef primary = in.code(line.getValue("primary"), at + ".primary");
      CodeRef secondary = line.getValue("secondary") == null ? null : in.code(line.getValue("secondary"), at + ".secondary");
      CodeRef tertiary = line.getValue("tertiary") == null ? null : in.code(line.getValue("tertiary"), at + ".tertiary");
      UsageLine.Use use = UsageLine.Use.valueOf(line.getString("use", "ACTIVE"));
      usage.add(new UsageLine(primary, use, secondary, tertiary));
      shown.add(line.getString("primary"));
    }
    in.check();
    int by = in.facility.ref();
    submit(ctx, "lines", shown, new Report(ReportKind.USAGE, by, in.occurredAt, in.idempotencyKey,
        l -> l.usage(by, usage, in.mode)));
  }

  private void movement(RoutingContext ctx, ReportKind kind, Movement m) {
    ReportInput in = input(ctx);
    in.allow("destination", "reason", "codes");
    Facility to = in.facility("destination");
    List<CodeRef> codes = in.codes("codes");
    in.check();
    String reason = in.body.getString("reason");
    submit(ctx, "codes", codeTexts(in), new Report(kind, in.facility.ref(), in.occurredAt, in.idempotencyKey,
        m.decide(in.facility.ref(), to.ref(), codes, in.mode),
        reason == null ? null : new JsonObject().put("reason", reason).encode()));
  }

  private void inPlace(RoutingContext ctx, ReportKind kind, InPlace p) {
    ReportInput in = input(ctx);
    in.allow("codes");
    List<CodeRef> codes = in.codes("codes");
    in.check();
    submit(ctx, "codes", codeTexts(in), new Report(kind, in.facility.ref(), in.occurredAt, in.idempotencyKey,
        p.decide(in.facility.ref(), codes, in.mode)));
  }

  /** Lampiran K: the addressee of a return approves (the codes become its own) or rejects it. */
  private void decideReturn(RoutingContext ctx) {
    ReportInput in = input(ctx);
    List<CodeRef> codes = in.codes("codes");
    in.check();
    boolean approve = in.body.getBoolean("approve");
    String reason = in.body.getString("reason");
    int by = in.facility.ref();
    submit(ctx, "codes", codeTexts(in), new Report(approve ? ReportKind.RETURN_APPROVED : ReportKind.RETURN_REJECTED, by, in.occurredAt,
        in.idempotencyKey, l -> l.decideReturn(by, approve, codes, in.mode),
        reason == null ? null : new JsonObject().put("reason", reason).encode()));
  }

  /** Lampiran L.a: the NIE holder recalls a batch, giving the reason and the recall letter. */
  private void recall(RoutingContext ctx) {
    ReportInput in = input(ctx);
    String nie = in.body.getString("nie");
    String batch = in.body.getString("batch");
    Product product = ref.productOf(nie, null);
    if (product == null) {
      in.problem("nie", "PRODUCT_UNKNOWN", "no registered product has NIE " + nie);
    }
    in.check();
    int by = in.facility.ref();
    JsonObject details = new JsonObject().put("nie", nie).put("batch", batch).put("reason", in.body.getString("reason"))
        .put("letterNumber", in.body.getString("letterNumber")).put("letterDate", in.body.getString("letterDate"));
    submit(ctx, "batch", List.of(batch), new Report(ReportKind.RECALL_NOTICE, by, in.occurredAt, in.idempotencyKey,
        l -> l.recallNotice(by, product.id(), batch), details.encode()));
  }

  private static List<String> codeTexts(ReportInput in) {
    JsonArray list = in.body.getJsonArray("codes", new JsonArray());
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(String.valueOf(list.getValue(i)));
    }
    return out;
  }

  private void submit(RoutingContext ctx, String field, List<String> shown, Report report) {
    sequencer.submit(report).onSuccess(receipt -> answer(ctx, field, shown, receipt)).onFailure(ctx::fail);
  }

  /** 200 with the receipt when anything was applied; 422 listing every refused code when nothing was. */
  private static void answer(RoutingContext ctx, String field, List<String> shown, Receipt receipt) {
    Outcome o = receipt.outcome();
    JsonArray refused = new JsonArray();
    List<Problem.Item> items = new ArrayList<>();
    for (Outcome.Refused r : o.refused()) {
      String code = r.index() < shown.size() ? shown.get(r.index()) : r.serial();
      refused.add(new JsonObject().put("index", r.index()).put("code", code).put("serial", r.serial())
          .put("reason", r.reason().name()).put("message", r.reason().message())
          .put("messages", new JsonObject().put("id", r.reason().messageId()).put("en", r.reason().message())));
      items.add(new Problem.Item(field + (field.equals("batch") ? "" : "[" + r.index() + "]"), r.reason().name(),
          r.reason().message()));
    }
    JsonArray alerts = new JsonArray();
    // the ledger says which alerts the reporter may see; the others are the regulator's alone
    o.alerts().stream().filter(Outcome.Alert::disclosed).forEach(a -> alerts.add(new JsonObject()
        .put("kind", a.kind().name()).put("serial", a.serial()).put("message", a.message())));
    JsonObject body = new JsonObject().put("sequence", receipt.sequence()).put("late", receipt.late())
        .put("repeated", receipt.repeated()).put("applied", o.applied()).put("accepted", o.accepted())
        .put("refused", refused).put("alerts", alerts);
    if (!o.applied() && !items.isEmpty()) {
      ctx.put(Problems.EXTRA, new JsonObject().put("receipt", body));
      ctx.fail(new Problem(422, "REFUSED", items.size() + " of " + shown.size() + " refused; nothing was applied", items));
      return;
    }
    Replies.send(ctx, 200, body);
  }
}
