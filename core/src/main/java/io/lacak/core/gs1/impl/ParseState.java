package io.lacak.core.gs1.impl;

import io.lacak.core.gs1.Gs1Ai;
import io.lacak.core.gs1.Gs1Element;
import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Everything one parse call collects: raw elements and errors. Not shared between threads. */
final class ParseState {

    CharSequence input;
    int referenceYear;
    /** End of the payload in the input, after trailing blanks: where a missing element would go. */
    int end;
    /** Elements as read, with their specs (null when unknown) and value offsets at the same index. */
    final List<Gs1Element> elements = new ArrayList<>(6);

    private AiSpec[] specs = new AiSpec[6];
    private int[] valueOffsets = new int[6];
    /** Per element, where each value character came from when that is not one input character each; else null. */
    private int[][] sourceMaps = new int[6][];

    List<Gs1Error> errors;

    ParseState(CharSequence input, int referenceYear) {
        this.input = input;
        this.referenceYear = referenceYear;
    }

    /** A state to {@link #reset} for each parse of one thread, so that a parse allocates only its result. */
    ParseState() {}

    /** Empties this state for a new input; nothing of the previous parse is left but array capacity. */
    ParseState reset(CharSequence input, int referenceYear) {
        this.input = input;
        this.referenceYear = referenceYear;
        end = 0;
        elements.clear();
        Arrays.fill(specs, null);
        Arrays.fill(sourceMaps, null);
        errors = null;
        duplicates = false;
        present = 0;
        return this;
    }

    void error(Gs1ErrorCode code, String ai, int offset, String message) {
        if (errors == null) {
            errors = new ArrayList<>(4);
        }
        errors.add(new Gs1Error(code, ai, offset, message));
    }

    boolean hasErrors() {
        return errors != null && !errors.isEmpty();
    }

    List<Gs1Error> errors() {
        return errors == null ? List.of() : errors;
    }

    /** Set when an AI was read twice: the payload then keeps each AI's first value. */
    boolean duplicates;

    /** One bit per AI of the BPOM shapes, so that the shape rules cost no list scans. */
    private int present;

    void add(AiSpec spec, String ai, String value, int aiOffset, int valueOffset) {
        add(spec, ai, value, aiOffset, valueOffset, null);
    }

    /**
     * Adds an element whose value was unescaped (bracketed {@code \(}, percent-encoding):
     * {@code sourceMap[k]} is the input offset of value character {@code k}, and
     * {@code sourceMap[value.length()]} the end of the value in the input.
     */
    void add(AiSpec spec, String ai, String value, int aiOffset, int valueOffset, int[] sourceMap) {
        int i = elements.size();
        if (i == specs.length) {
            specs = Arrays.copyOf(specs, i * 2);
            valueOffsets = Arrays.copyOf(valueOffsets, i * 2);
            sourceMaps = Arrays.copyOf(sourceMaps, i * 2);
        }
        specs[i] = spec;
        valueOffsets[i] = valueOffset;
        sourceMaps[i] = sourceMap;
        elements.add(new Gs1Element(ai, value, aiOffset));
        present |= bit(ai);
    }

    int size() {
        return elements.size();
    }

    Gs1Element element(int i) {
        return elements.get(i);
    }

    AiSpec spec(int i) {
        return specs[i];
    }

    int valueOffset(int i) {
        return valueOffsets[i];
    }

    /** Input offset of character {@code k} of element {@code i}'s value ({@code k} may be its length). */
    int sourceOffset(int i, int k) {
        int[] map = sourceMaps[i];
        return map == null ? valueOffsets[i] + k : map[Math.min(k, map.length - 1)];
    }

    private static int bit(String ai) {
        return switch (Gs1Ai.twoDigit(ai)) {
            case Gs1Ai.SSCC -> 1;
            case Gs1Ai.GTIN -> 2;
            case Gs1Ai.NIE -> 4;
            case Gs1Ai.BATCH -> 8;
            case Gs1Ai.EXPIRY -> 16;
            case Gs1Ai.SERIAL -> 32;
            case Gs1Ai.NIE_VALIDITY -> 64;
            default -> 0;
        };
    }

    /** Index of the first element read with this AI, or -1. */
    int find(String ai) {
        for (int i = 0, n = elements.size(); i < n; i++) {
            if (elements.get(i).ai().equals(ai)) {
                return i;
            }
        }
        return -1;
    }

    boolean has(String ai) {
        int b = bit(ai);
        return b != 0 ? (present & b) != 0 : find(ai) >= 0;
    }
}
