package io.lacak.api.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers every route handler uses: read the JSON body, answer with JSON, hand failures on. */
public final class Replies {

    private Replies() {}

    /** The request's JSON object body; 400 when it is missing, not a JSON object, or holds a NUL anywhere. */
    public static JsonObject body(RoutingContext ctx) {
        JsonObject body = checkedBody(ctx);
        refuseNul(body, "");
        return body;
    }

    /**
     * The JSON object body without the NUL check, for handlers that check every member themselves
     * and list each problem (reports: codes go through the codec, the rest through {@code Report}).
     */
    public static JsonObject checkedBody(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
            if (body == null) {
                throw Problem.badRequest("body", "REQUIRED", "a JSON object body is required");
            }
            return body;
        } catch (io.vertx.core.json.DecodeException | ClassCastException e) {
            throw Problem.badRequest("body", "MALFORMED_JSON", "the body is not a JSON object");
        }
    }

    /**
     * 400 naming the first member (at {@code path}) whose name or text holds U+0000: no Postgres text
     * column can store it, and one such value must never reach a shared transaction.
     */
    public static void refuseNul(Object value, String path) {
        List<Problem.Item> found = new ArrayList<>();
        nulProblems(value, path, found);
        if (!found.isEmpty()) {
            throw Problem.badRequest(
                    found.size() == 1 ? found.get(0).message() : found.size() + " members hold a NUL character", found);
        }
    }

    /** Adds a {@code NUL_CHARACTER} problem for each member at or under {@code path} whose name or text holds U+0000. */
    public static void nulProblems(Object value, String path, List<Problem.Item> found) {
        if (found.size() >= 100) {
            return;
        }
        if (value instanceof String text) {
            if (text.indexOf('\0') >= 0) {
                String field = path.isEmpty() ? "body" : path;
                found.add(new Problem.Item(
                        field, "NUL_CHARACTER", field + " memuat karakter NUL / holds a NUL character"));
            }
        } else if (value instanceof JsonObject o) {
            for (Map.Entry<String, Object> e : o) {
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                nulProblems(e.getKey(), at, found);
                nulProblems(e.getValue(), at, found);
            }
        } else if (value instanceof io.vertx.core.json.JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                nulProblems(a.getValue(i), path + "[" + i + "]", found);
            }
        }
    }

    /** {@link #refuseNul(Object, String)} for every field of a form, repeated ones included. */
    public static void refuseNul(io.vertx.core.MultiMap form) {
        form.forEach(e -> {
            refuseNul(e.getKey(), e.getKey());
            refuseNul(e.getValue(), e.getKey());
        });
    }

    /** Answers {@code status} with the JSON the future yields, or fails the request with its failure. */
    public static void json(RoutingContext ctx, int status, Future<?> result) {
        result.onSuccess(v -> send(ctx, status, v)).onFailure(ctx::fail);
    }

    public static void send(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        String text = body instanceof JsonObject j
                ? j.encode()
                : body instanceof io.vertx.core.json.JsonArray a ? a.encode() : io.vertx.core.json.Json.encode(body);
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(text);
    }

    /** A query parameter, or {@code fallback} when absent. */
    public static String param(RoutingContext ctx, String name, String fallback) {
        String v = ctx.request().getParam(name);
        return v == null ? fallback : v;
    }

    /** A query parameter as a whole number within bounds, or {@code fallback} when absent. */
    public static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
        String v = ctx.request().getParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw Problem.badRequest(name, "OUT_OF_RANGE", name + " must be " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name, "BAD_NUMBER", name + " must be a whole number");
        }
    }

    /**
     * A body member as an exact whole number from {@code min} to {@code max}, or null when absent.
     * Never wraps: {@code 18446744073709551621} or {@code 4294967298} for an int is a 400 naming it.
     */
    public static Long wholeNumber(JsonObject body, String field, long min, long max) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if ((v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)
                && ((Number) v).longValue() >= min
                && ((Number) v).longValue() <= max) {
            return ((Number) v).longValue();
        }
        throw Problem.badRequest(
                field,
                "OUT_OF_RANGE",
                field + " harus bilangan bulat " + min + " sampai " + max + " / must be a whole number from " + min
                        + " to " + max);
    }

    /** A path parameter as a whole number (an id): anything else ({@code 1e3}, {@code " 5"}, 2^63) is a 400 naming it. */
    public static long longPath(RoutingContext ctx, String name) {
        return strictLong(name, ctx.pathParam(name));
    }

    /** A query parameter as a whole number, or {@code fallback} when absent; strict like {@link #longPath}. */
    public static long longParam(RoutingContext ctx, String name, long fallback) {
        String v = ctx.request().getParam(name);
        return v == null ? fallback : strictLong(name, v);
    }

    private static long strictLong(String name, String text) {
        if (text != null && text.matches("-?[0-9]{1,18}")) {
            return Long.parseLong(text);
        }
        throw Problem.badRequest(
                name,
                "BAD_NUMBER",
                name
                        + " harus bilangan bulat, paling banyak 18 digit / must be a whole number of at most 18 digits, not \""
                        + (text == null ? "" : text.length() > 20 ? text.substring(0, 20) + "..." : text) + "\"");
    }
}
