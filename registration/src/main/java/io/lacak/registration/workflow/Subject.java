package io.lacak.registration.workflow;

import java.util.Locale;

/**
 * What a workflow row is about: its kind and its id, written {@code kind:id} ({@code company:3},
 * {@code product-application:12}) wherever it is kept (workflow history, documents, payment orders).
 * The one place that text is formatted and parsed.
 *
 * <p>{@code Subject s = Subject.parse("certification:7"); s.kind() == Kind.CERTIFICATION; s.toString()}
 */
public record Subject(Kind kind, long id) {

    /** The workflows whose rows have a history, with the name their subjects carry and their table. */
    public enum Kind {
        FACILITY_REQUEST("facility-request", "facility_request"),
        COMPANY("company", "company"),
        PRODUCT_APPLICATION("product-application", "product_application"),
        CERTIFICATION("certification", "certification");

        private final String wire;
        private final String table;

        Kind(String wire, String table) {
            this.wire = wire;
            this.table = table;
        }

        /** The kind as subjects write it ({@code product-application}). */
        public String wire() {
            return wire;
        }

        /** The table holding the workflow's rows. */
        public String table() {
            return table;
        }

        /** The subject {@code id} of this kind. */
        public Subject of(long id) {
            return new Subject(this, id);
        }

        /** The kind written {@code wire}; IllegalArgumentException naming it when there is none. */
        public static Kind ofWire(String wire) {
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no workflow kind '" + wire + "'");
        }
    }

    public Subject {
        if (kind == null) {
            throw new IllegalArgumentException("a subject has a kind");
        }
    }

    /** {@code kind:id} back to its subject; IllegalArgumentException naming the text when it is not one. */
    public static Subject parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a workflow subject (kind:id): '" + text + "'");
        }
        try {
            return new Subject(Kind.ofWire(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a workflow subject (kind:id): '" + text + "'", e);
        }
    }

    /** {@code kind:id}, as kept in the tables. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s:%d", kind.wire, id);
    }
}
