package io.lacak.api.workflow;

import io.lacak.registration.document.Documents;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * The wire shape of what every registration workflow files: the row as its domain shows it, then
 * {@code documents} (id, kind, fileName, mediaType, size) and {@code history} (status, note, by, at).
 *
 * <p>{@code WorkflowJson.filed(requests.get(id), FacilityJson::request)}
 */
public final class WorkflowJson {

    private WorkflowJson() {}

    /** {@code f}'s row as {@code row} writes it, with its documents and history. */
    public static <T> JsonObject filed(Workflow.Filed<T> f, Function<T, JsonObject> row) {
        return row.apply(f.row()).put("documents", documents(f.documents())).put("history", history(f.history()));
    }

    /** Each of {@code rows} as {@code row} writes it. */
    public static <T> JsonArray each(List<T> rows, Function<T, JsonObject> row) {
        JsonArray out = new JsonArray();
        rows.forEach(r -> out.add(row.apply(r)));
        return out;
    }

    public static JsonArray documents(List<Documents.Stored> documents) {
        return each(documents, d -> new JsonObject()
                .put("id", d.id())
                .put("kind", d.kind())
                .put("fileName", d.fileName())
                .put("mediaType", d.mediaType())
                .put("size", d.size()));
    }

    public static JsonArray history(List<Workflow.Step> steps) {
        return each(steps, s -> new JsonObject()
                .put("status", s.status())
                .put("note", s.note())
                .put("by", s.by())
                .put("at", s.at().toString()));
    }
}
