package io.lacak.core.serial;

import java.util.List;

/** A code request that Lacak will not serve, with the reason and, for bad input, every field at fault. */
public final class IssuanceRefused extends RuntimeException {

    /** Why a request is refused. */
    public enum Reason {
        /** Fields missing or malformed; see {@link #problems()}. */
        INVALID_REQUEST,
        /** Lampiran F.3.a: no product with this NIE; it must be registered first. */
        PRODUCT_UNKNOWN,
        /** Pasal 7(2): only the NIE holder requests codes. */
        NOT_NIE_HOLDER,
        /** Pasal 3, 6: the product does not carry authentication codes. */
        NOT_AUTHENTICATION_PRODUCT,
        /** The NIE's validity has ended. */
        NIE_EXPIRED,
        /** The GTIN already belongs to another product. */
        GTIN_TAKEN,
        /** The product's 2^60 counters are used up. */
        COUNTERS_EXHAUSTED,
        /** Lampiran L: the batch is recalled; no new codes for it. */
        BATCH_RECALLED,
        /** Pasal 8(2)b-c: one batch has one expiry; the batch is known with another. */
        BATCH_EXPIRY_DIFFERS
    }

    /** One field at fault. */
    public record Problem(String field, String code, String message) {}

    private final Reason reason;
    private final List<Problem> problems;

    public IssuanceRefused(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public IssuanceRefused(Reason reason, String message, List<Problem> problems) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    public List<Problem> problems() {
        return problems;
    }
}
