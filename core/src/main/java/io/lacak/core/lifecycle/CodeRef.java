package io.lacak.core.lifecycle;

import java.time.LocalDate;

/**
 * A code as a report names it: its product, serial, and the batch and expiry printed with it
 * ({@code null} where the report does not carry them).
 */
public record CodeRef(int productId, String serial, String batch, LocalDate expiry) {

    public static CodeRef of(int productId, String serial) {
        return new CodeRef(productId, serial, null, null);
    }
}
