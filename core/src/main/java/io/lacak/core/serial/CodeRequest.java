package io.lacak.core.serial;

import java.time.LocalDate;

/**
 * A request for authentication codes (Pasal 8(2)): NIE, batch, expiry, number of primary codes,
 * maximum primaries per secondary, maximum secondaries per tertiary; optionally the product's
 * GTIN (Pasal 8(3)) and the day production starts (Pasal 9). Counts of secondary and tertiary
 * codes follow from the capacities.
 *
 * <p>{@code new CodeRequest().setRequester("MFR-001").setNie("DKL1234567890A1").setBatch("B01")...}
 */
public final class CodeRequest {

    private String requester;
    private String nie;
    private String gtin;
    private String batch;
    private LocalDate expiry;
    private long primaries;
    private int perSecondary;
    private int perTertiary;
    private String idempotencyKey;
    private LocalDate productionStart;

    /** Partner ID (ID rekanan) of the facility asking; must hold the NIE (Pasal 7(2)). */
    public String requester() {
        return requester;
    }

    public CodeRequest setRequester(String requester) {
        this.requester = requester;
        return this;
    }

    public String nie() {
        return nie;
    }

    public CodeRequest setNie(String nie) {
        this.nie = nie;
        return this;
    }

    public String gtin() {
        return gtin;
    }

    public CodeRequest setGtin(String gtin) {
        this.gtin = gtin;
        return this;
    }

    public String batch() {
        return batch;
    }

    public CodeRequest setBatch(String batch) {
        this.batch = batch;
        return this;
    }

    public LocalDate expiry() {
        return expiry;
    }

    public CodeRequest setExpiry(LocalDate expiry) {
        this.expiry = expiry;
        return this;
    }

    public long primaries() {
        return primaries;
    }

    public CodeRequest setPrimaries(long primaries) {
        this.primaries = primaries;
        return this;
    }

    public int perSecondary() {
        return perSecondary;
    }

    public CodeRequest setPerSecondary(int perSecondary) {
        this.perSecondary = perSecondary;
        return this;
    }

    public int perTertiary() {
        return perTertiary;
    }

    public CodeRequest setPerTertiary(int perTertiary) {
        this.perTertiary = perTertiary;
        return this;
    }

    /** A key the client chooses; the same key from the same requester returns the first issuance. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    public CodeRequest setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
        return this;
    }

    /**
     * The day production of the batch starts (Pasal 9), or {@code null} when the request does not
     * say; a request fewer than 10 working days before it is issued and flagged late.
     */
    public LocalDate productionStart() {
        return productionStart;
    }

    public CodeRequest setProductionStart(LocalDate productionStart) {
        this.productionStart = productionStart;
        return this;
    }

    /** Secondary codes needed: ceil(primaries / perSecondary). */
    public long secondaries() {
        return ceilDiv(primaries, perSecondary);
    }

    /** Tertiary codes needed: ceil(secondaries / perTertiary). */
    public long tertiaries() {
        return ceilDiv(secondaries(), perTertiary);
    }

    private static long ceilDiv(long a, long b) {
        return b <= 0 ? 0 : (a + b - 1) / b;
    }
}
