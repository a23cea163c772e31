package io.lacak.core.gs1;

/**
 * One problem found in a payload.
 *
 * @param code stable code, see {@link Gs1ErrorCode}
 * @param ai the application identifier concerned, or {@code null} when the problem is not tied to one
 * @param offset character offset in the input where the problem starts (0-based)
 * @param message plain-language explanation naming the bad value
 */
public record Gs1Error(Gs1ErrorCode code, String ai, int offset, String message) {}
