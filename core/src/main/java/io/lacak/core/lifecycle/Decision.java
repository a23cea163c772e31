package io.lacak.core.lifecycle;

/** The verdict on a report and, when anything is accepted, the effects to journal and apply. */
public record Decision(Outcome outcome, Effects effects) {

    /** True when there is something to journal and apply. */
    public boolean changes() {
        return effects != null && !effects.isEmpty();
    }
}
