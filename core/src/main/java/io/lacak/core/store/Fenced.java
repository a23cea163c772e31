package io.lacak.core.store;

/**
 * Thrown when a report reads a code or batch that a bulk report not yet committed has touched
 * ({@link StagedStore#staged}): the report is not refused but waits until the bulk report is
 * committed or dropped, and is then decided against what it left (issue 18).
 */
public final class Fenced extends RuntimeException {

    public Fenced() {
        super("touched by a bulk report not yet committed", null, false, false);
    }
}
