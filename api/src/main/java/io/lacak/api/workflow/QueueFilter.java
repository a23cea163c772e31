package io.lacak.api.workflow;

import io.lacak.api.http.Problem;
import io.lacak.registration.workflow.Waiting;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The statuses a workflow's list is filtered by: {@code ?status=} (one) or {@code ?waitingFor=}
 * ({@link Waiting}: the statuses the workflow itself says wait for Badan POM, or for a payment), so
 * that a regulator's queue is read a page at a time, each page full of what it holds.
 *
 * <p>{@code QueueFilter.statuses(ctx, Certifications.Status.class, Certifications::waitingFor)}
 */
public final class QueueFilter {

    private QueueFilter() {}

    /** The statuses asked for; {@code null} (any) when neither is given; 400 when both are, or either is unknown. */
    public static <S extends Enum<S>> Set<S> statuses(
            RoutingContext ctx, Class<S> type, Function<Waiting, Set<S>> waitingFor) {
        String status = ctx.request().getParam("status");
        String waiting = ctx.request().getParam("waitingFor");
        if (status != null && waiting != null) {
            throw Problem.badRequest(
                    "waitingFor",
                    "STATUS_AND_WAITING_FOR",
                    "status dan waitingFor tidak boleh bersamaan / give status or waitingFor, not both");
        }
        if (waiting != null) {
            return waitingFor.apply(choice(Waiting.class, "waitingFor", waiting));
        }
        return status == null ? null : EnumSet.of(choice(type, "status", status));
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(
                    field,
                    "UNKNOWN_" + field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT),
                    field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
