package io.lacak.api.http;

import io.lacak.core.journal.Report;
import io.lacak.core.refusal.Refusal;
import io.lacak.core.serial.IssuanceRefused;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one failure handler: renders every failure as {@code application/problem+json} (RFC 9457)
 * with its items. The domain's {@link Refusal}s get their status here, and only here (INVALID 400,
 * UNAUTHENTICATED 401, FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409, UNPROCESSABLE 422, RATE_LIMITED
 * 429). Contract violations found by the OpenAPI validator become 400s naming the field;
 * anything unexpected is a 500 with an incident id that the log also carries — never a stack trace.
 */
public final class Problems implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(Problems.class.getName());

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.get(Deadlines.EXPIRED) != null) {
            return; // the body timed out: Deadlines answers 408 and closes, whatever the body handler failed with
        }
        if (ctx.response().headWritten()) {
            // an answer already on its way cannot become a problem: cut it, so that it never looks complete
            ctx.request().connection().close();
            return;
        }
        io.lacak.core.journal.ShardWriters.Elsewhere elsewhere = elsewhere(ctx.failure());
        if (elsewhere != null) { // issue 21: another node writes that shard: it answers, by way of its owner
            Object forwarder = ctx.get(Forwarder.KEY);
            if (forwarder instanceof Forwarder f) {
                f.toShard(ctx, elsewhere.shard());
                return;
            }
        }
        Problem p = toProblem(ctx.failure(), ctx.statusCode());
        if (p.status() >= 500 && "INTERNAL".equals(p.code())) {
            String incident = UUID.randomUUID().toString();
            LOG.log(
                    Level.SEVERE,
                    "incident " + incident + " on " + ctx.request().method() + " "
                            + ctx.request().path(),
                    ctx.failure());
            p = new Problem(p.status(), p.code(), "internal error; incident " + incident, List.of());
        }
        JsonObject body = p.toJson(ctx.request().path());
        Object extra = ctx.get(EXTRA);
        if (extra instanceof JsonObject more) {
            body.mergeIn(more);
        }
        ctx.response()
                .setStatusCode(p.status())
                .putHeader("content-type", "application/problem+json")
                .end(body.encode());
    }

    /** The {@link io.lacak.core.journal.ShardWriters.Elsewhere} {@code failure} is or was caused by, or {@code null}. */
    private static io.lacak.core.journal.ShardWriters.Elsewhere elsewhere(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.lacak.core.journal.ShardWriters.Elsewhere e) {
                return e;
            }
        }
        return null;
    }

    /** A routing-context key for members added to the problem document (the receipt of a refused report). */
    public static final String EXTRA = "lacak.problem.extra";

    static Problem toProblem(Throwable failure, int status) {
        if (failure instanceof Problem p) {
            return p;
        }
        if (failure instanceof Refusal r) {
            return refusal(r);
        }
        io.lacak.core.journal.ShardWriters.Elsewhere e = elsewhere(failure);
        if (e != null) {
            return new Problem(
                    503,
                    "NOT_THE_OWNER",
                    "shard " + e.shard() + " ditulis node lain / shard " + e.shard() + " is written by another node",
                    List.of());
        }
        if (failure instanceof IssuanceRefused r) {
            return issuance(r);
        }
        if (failure instanceof io.vertx.core.http.HttpClosedException
                || failure instanceof io.vertx.core.http.StreamResetException) {
            return Problem.badRequest(
                    "body", "CLIENT_CLOSED", "the client closed the connection before the body ended");
        }
        if (malformedForm(failure)) {
            return Problem.badRequest(
                    "body",
                    "MALFORMED_MULTIPART",
                    "formulir multipart rusak / the multipart form is malformed: "
                            + failure.getClass().getSimpleName());
        }
        if (failure instanceof Report.Invalid r) {
            return Problem.badRequest(r.field(), "INVALID", r.getMessage());
        }
        if (failure instanceof HttpException http) {
            if (http.getCause() instanceof ValidatorException v) {
                return validation(v);
            }
            return new Problem(http.getStatusCode(), code(http.getStatusCode()), message(http), List.of());
        }
        if (failure == null && status > 0) {
            return new Problem(status, code(status), Problem.title(status), List.of());
        }
        return new Problem(500, "INTERNAL", "internal error", List.of());
    }

    /** Netty's multipart and form decoders refuse a malformed body with their own exceptions: the client's fault. */
    private static boolean malformedForm(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("io.netty.handler.codec.http.multipart.")
                    || t instanceof io.netty.handler.codec.DecoderException) {
                return true;
            }
            // a form Netty cannot make sense of can also end in a plain exception thrown inside its decoder
            StackTraceElement[] at = t.getStackTrace();
            if (t instanceof RuntimeException
                    && at.length > 0
                    && at[0].getClassName().startsWith("io.netty.handler.codec.http.multipart.")) {
                return true;
            }
        }
        return false;
    }

    private static String message(HttpException http) {
        return switch (http.getStatusCode()) {
            case 413 -> "the body is larger than this route accepts";
            default -> http.getPayload() != null ? http.getPayload() : Problem.title(http.getStatusCode());
        };
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "BODY_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status >= 500 ? "INTERNAL" : "REFUSED";
        };
    }

    /** The OpenAPI validator's findings, the most specific per field. */
    private static final Pattern PARAMETER =
            Pattern.compile("(?:query|path|header|cookie) parameter:? ([A-Za-z0-9_-]+)");

    private static Problem validation(ValidatorException v) {
        List<Problem.Item> leaves = new ArrayList<>();
        if (v instanceof SchemaValidationException s && s.getOutputUnit() != null) {
            collect(s.getOutputUnit(), leaves);
        }
        // a bad query or path parameter: name it, not the body
        Matcher param = PARAMETER.matcher(String.valueOf(v.getMessage()));
        if (param.find()) {
            String name = param.group(1);
            leaves.replaceAll(i -> "body".equals(i.field()) ? new Problem.Item(name, i.code(), i.message()) : i);
            if (leaves.isEmpty()) {
                leaves.add(new Problem.Item(name, v.type().name(), v.getMessage()));
            }
        }
        Map<String, List<Problem.Item>> byField = new LinkedHashMap<>();
        leaves.forEach(
                i -> byField.computeIfAbsent(i.field(), f -> new ArrayList<>()).add(i));
        List<Problem.Item> items = new ArrayList<>();
        byField.forEach((field, found) -> {
            List<Problem.Item> specific = found.stream()
                    .filter(i -> !i.message().contains("does not match"))
                    .toList();
            if (!specific.isEmpty()) {
                items.addAll(specific);
            } else if (found.get(0).message().contains("additional properties")) {
                items.add(new Problem.Item(field, "UNKNOWN_FIELD", "unknown field " + field));
            } else {
                items.add(found.get(0));
            }
        });
        if (items.isEmpty()) {
            items.add(new Problem.Item(null, v.type().name(), v.getMessage()));
        }
        return Problem.badRequest(
                items.size() == 1 ? items.get(0).message() : items.size() + " problems in the request", items);
    }

    private static void collect(OutputUnit unit, List<Problem.Item> items) {
        if (unit.getErrors() != null && !unit.getErrors().isEmpty()) {
            unit.getErrors().forEach(u -> collect(u, items));
        } else if (unit.getError() != null && items.size() < 1000) {
            String at = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
            String field = at.replaceFirst("^#?/?", "").replace('/', '.');
            items.add(new Problem.Item(field.isEmpty() ? "body" : field, "SCHEMA", unit.getError()));
        }
    }

    /** The domain's refusals: each kind one status, the code, detail and items as the domain gave them. */
    static Problem refusal(Refusal r) {
        int status =
                switch (r.kind()) {
                    case INVALID -> 400;
                    case UNAUTHENTICATED -> 401;
                    case FORBIDDEN -> 403;
                    case NOT_FOUND -> 404;
                    case CONFLICT -> 409;
                    case UNPROCESSABLE -> 422;
                    case RATE_LIMITED -> 429;
                };
        return new Problem(
                status,
                r.code(),
                r.getMessage(),
                r.items().stream()
                        .map(i -> new Problem.Item(i.field(), i.code(), i.message()))
                        .toList());
    }

    /** Lampiran F.3 refusals of a code request. */
    private static Problem issuance(IssuanceRefused r) {
        List<Problem.Item> items = new ArrayList<>();
        r.problems().forEach(p -> items.add(new Problem.Item(p.field(), p.code(), p.message())));
        int status =
                switch (r.reason()) {
                    case INVALID_REQUEST -> 400;
                    case PRODUCT_UNKNOWN -> 404;
                    case NOT_NIE_HOLDER -> 403;
                    case GTIN_TAKEN, COUNTERS_EXHAUSTED -> 409;
                    case NOT_AUTHENTICATION_PRODUCT, NIE_EXPIRED, BATCH_RECALLED, BATCH_EXPIRY_DIFFERS -> 422;
                };
        return new Problem(status, r.reason().name(), r.getMessage(), items);
    }
}
