package io.lacak.core.gs1;

/**
 * One application identifier and its value.
 *
 * @param ai the application identifier, e.g. {@code "21"}
 * @param value the data, unescaped
 * @param offset where the element starts in the parsed input, or -1 when built in code
 */
public record Gs1Element(String ai, String value, int offset) {}
