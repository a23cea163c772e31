package io.lacak.api.facility;

import io.lacak.api.account.AccountJson;
import io.lacak.api.http.BodyFields;
import io.lacak.api.workflow.WorkflowJson;
import io.lacak.registration.facility.Facilities;
import io.lacak.registration.facility.FacilityRequests;
import io.lacak.registration.notice.Outbox;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The wire shapes of facilities and access requests: bodies into commands, results into JSON. */
final class FacilityJson {

    private FacilityJson() {}

    static Facilities.Register register(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new Facilities.Register(
                b.text("partnerId"),
                b.text("type"),
                b.text("name"),
                b.text("address"),
                b.text("npwp"),
                b.text("responsiblePerson"),
                b.text("phone"),
                b.text("email")));
    }

    static JsonObject entry(Facilities.Entry e) {
        return new JsonObject()
                .put("partnerId", e.partnerId())
                .put("type", e.type().name())
                .put("name", e.name())
                .put("address", e.address());
    }

    static JsonArray directory(List<Facilities.Entry> entries) {
        return WorkflowJson.each(entries, FacilityJson::entry);
    }

    static JsonObject details(Facilities.Details d) {
        return entry(d.entry())
                .put("responsiblePerson", d.responsiblePerson())
                .put("phone", d.phone())
                .put("email", d.email());
    }

    /** The request's fields, from the multipart form (every value text), and its repeated {@code commodities}. */
    static FacilityRequests.Submit submit(JsonObject fields, List<String> commodities) {
        BodyFields b = BodyFields.of(fields);
        return b.command(new FacilityRequests.Submit(
                b.text("type"),
                b.text("name"),
                b.text("address"),
                b.text("npwp"),
                b.text("nib"),
                b.text("responsiblePerson"),
                b.text("phone"),
                b.text("email"),
                commodities));
    }

    static FacilityRequests.Decide decide(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(
                new FacilityRequests.Decide(b.text("decision"), b.text("note"), b.text("partnerId"), b.text("type")));
    }

    static JsonObject request(FacilityRequests.Request r) {
        return new JsonObject()
                .put("id", r.id())
                .put("status", r.status().name())
                .put("type", r.type().name())
                .put("name", r.name())
                .put("address", r.address())
                .put("npwp", r.npwp())
                .put("nib", r.nib())
                .put("responsiblePerson", r.responsiblePerson())
                .put("phone", r.phone())
                .put("email", r.email())
                .put("commodities", new JsonArray(r.commodities()))
                .put(
                        "directorates",
                        AccountJson.directorates(
                                r.directorates().stream().map(Enum::name).toList()))
                .put("note", r.note())
                .put("partnerId", r.partnerId())
                .put("createdAt", r.createdAt().toString());
    }

    static JsonObject filed(Workflow.Filed<FacilityRequests.Request> f) {
        return WorkflowJson.filed(f, FacilityJson::request);
    }

    /** An account's messages, newest first. */
    static JsonArray feed(List<Outbox.Message> messages) {
        return WorkflowJson.each(messages, m -> new JsonObject()
                .put("id", m.id())
                .put("subject", m.subject())
                .put("body", m.body())
                .put("link", m.link())
                .put("read", m.read())
                .put("createdAt", m.createdAt().toString()));
    }
}
