package io.lacak.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A request Lacak will not serve, rendered as {@code application/problem+json} (RFC 9457) with
 * every item at fault: a field (or row and column), a stable code, and a plain message. Handlers
 * fail with it; one failure handler renders it.
 *
 * <p>{@code throw Problem.badRequest("the report has bad fields", List.of(new Problem.Item("codes[2]", "GS1_SYNTAX", "...")));}
 */
public final class Problem extends RuntimeException {

    /** One thing at fault: {@code field} names it ({@code codes[3]}, {@code nie}, {@code row 12 / NIE}). */
    public record Item(String field, String code, String message) {

        public JsonObject toJson() {
            return new JsonObject().put("field", field).put("code", code).put("message", message);
        }
    }

    private final int status;
    private final String code;
    private final List<Item> items;

    public Problem(int status, String code, String detail, List<Item> items) {
        super(detail, null, false, false); // no stack trace: a problem is an answer, not a fault
        this.status = status;
        this.code = code;
        this.items = List.copyOf(items);
    }

    public static Problem badRequest(String detail, List<Item> items) {
        return new Problem(400, "BAD_REQUEST", detail, items);
    }

    public static Problem badRequest(String field, String code, String message) {
        return new Problem(400, "BAD_REQUEST", message, List.of(new Item(field, code, message)));
    }

    public static Problem unauthorized(String detail) {
        return new Problem(401, "UNAUTHORIZED", detail, List.of());
    }

    public static Problem forbidden(String code, String detail) {
        return new Problem(403, code, detail, List.of());
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "NOT_FOUND", detail, List.of());
    }

    public static Problem conflict(String code, String detail) {
        return new Problem(409, code, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Item> items() {
        return items;
    }

    /** The problem document; {@code instance} is the request path. */
    public JsonObject toJson(String instance) {
        JsonArray errors = new JsonArray();
        items.forEach(i -> errors.add(i.toJson()));
        return new JsonObject()
                .put("type", "urn:lacak:problem:" + code.toLowerCase().replace('_', '-'))
                .put("title", title(status))
                .put("status", status)
                .put("code", code)
                .put("detail", getMessage())
                .put("instance", instance)
                .put("errors", errors);
    }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 408 -> "Request timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Unprocessable content";
            case 429 -> "Too many requests";
            case 503 -> "Service unavailable";
            default -> status >= 500 ? "Internal server error" : "Request refused";
        };
    }
}
