package io.lacak.core.journal;

import io.lacak.core.lifecycle.Outcome;
import io.lacak.core.lifecycle.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The outcome kept in the journal, so that a repeated report gets the first answer again. */
final class OutcomeJson {

    private OutcomeJson() {}

    static String encode(Outcome o) {
        JsonArray refused = new JsonArray();
        for (Outcome.Refused r : o.refused()) {
            refused.add(new JsonObject()
                    .put("index", r.index())
                    .put("serial", r.serial())
                    .put("reason", r.reason().name()));
        }
        JsonArray alerts = new JsonArray();
        for (Outcome.Alert a : o.alerts()) {
            alerts.add(new JsonObject()
                    .put("kind", a.kind().name())
                    .put("productId", a.productId())
                    .put("serial", a.serial())
                    .put("message", a.message())
                    .put("disclosed", a.disclosed()));
        }
        return new JsonObject()
                .put("applied", o.applied())
                .put("accepted", o.accepted())
                .put("refused", refused)
                .put("alerts", alerts)
                .encode();
    }

    static Outcome decode(String text) {
        JsonObject j = new JsonObject(text);
        List<Outcome.Refused> refused = new ArrayList<>();
        for (Object o : j.getJsonArray("refused")) {
            JsonObject r = (JsonObject) o;
            refused.add(new Outcome.Refused(
                    r.getInteger("index"), r.getString("serial"), Refusal.valueOf(r.getString("reason"))));
        }
        List<Outcome.Alert> alerts = new ArrayList<>();
        for (Object o : j.getJsonArray("alerts")) {
            JsonObject a = (JsonObject) o;
            // receipts journaled before issue 15 name no product; when unsure, an alert is the regulator's only
            alerts.add(new Outcome.Alert(
                    Outcome.AlertKind.valueOf(a.getString("kind")),
                    a.getInteger("productId", 0),
                    a.getString("serial"),
                    a.getString("message"),
                    a.getBoolean("disclosed", false)));
        }
        return new Outcome(j.getBoolean("applied"), j.getInteger("accepted"), refused, alerts);
    }
}
