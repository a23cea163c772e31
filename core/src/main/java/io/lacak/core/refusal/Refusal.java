package io.lacak.core.refusal;

import java.util.List;

/**
 * A request the domain will not carry out, named by a {@link Kind}, a stable {@code code}, a plain
 * detail and every item at fault (a field, or row and column, with its own code and message). It
 * knows nothing of HTTP: the API's one failure handler turns each kind into its status.
 *
 * <p>{@code throw Refusal.conflict("NIE_TAKEN", "a product with NIE " + nie + " is registered");}
 */
public final class Refusal extends RuntimeException {

    /** What sort of refusal: the API answers each with one status (400, 401, 403, 404, 409, 422, 429). */
    public enum Kind {
        INVALID,
        UNAUTHENTICATED,
        FORBIDDEN,
        NOT_FOUND,
        CONFLICT,
        UNPROCESSABLE,
        RATE_LIMITED
    }

    /** One thing at fault: {@code field} names it ({@code codes[3]}, {@code nie}, {@code documents.SIUP}). */
    public record Item(String field, String code, String message) {}

    private final Kind kind;
    private final String code;
    private final List<Item> items;

    public Refusal(Kind kind, String code, String detail, List<Item> items) {
        super(detail, null, false, false); // no stack trace: a refusal is an answer, not a fault
        this.kind = kind;
        this.code = code;
        this.items = List.copyOf(items);
    }

    /** Bad input, every item listed. */
    public static Refusal invalid(String detail, List<Item> items) {
        return new Refusal(Kind.INVALID, "BAD_REQUEST", detail, items);
    }

    /** Bad input, one field. */
    public static Refusal invalid(String field, String code, String message) {
        return new Refusal(Kind.INVALID, "BAD_REQUEST", message, List.of(new Item(field, code, message)));
    }

    /** No caller, or credentials that do not hold. */
    public static Refusal unauthenticated(String detail) {
        return new Refusal(Kind.UNAUTHENTICATED, "UNAUTHORIZED", detail, List.of());
    }

    /** A known caller who may not do this. */
    public static Refusal forbidden(String code, String detail) {
        return new Refusal(Kind.FORBIDDEN, code, detail, List.of());
    }

    public static Refusal notFound(String detail) {
        return new Refusal(Kind.NOT_FOUND, "NOT_FOUND", detail, List.of());
    }

    /** The request is sound but the state forbids it (taken, already decided, wrong status). */
    public static Refusal conflict(String code, String detail) {
        return new Refusal(Kind.CONFLICT, code, detail, List.of());
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<Item> items() {
        return items;
    }
}
