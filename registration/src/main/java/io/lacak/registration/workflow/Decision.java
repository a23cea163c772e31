package io.lacak.registration.workflow;

import io.lacak.core.refusal.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Badan POM's decisions on the registration workflows, as the {@code decision} field of a request
 * names them. Each workflow takes its own subset: a facility access request {@code APPROVE} or
 * {@code REJECT}; a company registration also {@code RETURN} (for revision); a certification
 * {@code APPROVE}, {@code REVISE}, {@code INSPECTED}, {@code ACCEPT_CAPA} or {@code REVISE_CAPA}.
 * (A product application's steps, the applicant's and Badan POM's, are its {@code Action}s, each
 * with the statuses it moves between.)
 *
 * <p>{@code Decision d = Decision.read(fields, cmd.decision(), EnumSet.of(APPROVE, REJECT)); if (d == APPROVE) ...}
 */
public enum Decision {
    // Declared in the order the refusals list them ("APPROVE, RETURN or REJECT").
    APPROVE,
    RETURN,
    REJECT,
    REVISE,
    INSPECTED,
    ACCEPT_CAPA,
    REVISE_CAPA;

    /** A revision request (of the application or of its CAPA) says what to revise. */
    public boolean isRevision() {
        return this == REVISE || this == REVISE_CAPA;
    }

    /**
     * The {@code decision} field of {@code f}, one of {@code allowed} exactly as written; null, and a
     * problem in {@code f} (REQUIRED, WRONG_TYPE, or BAD_FORMAT listing the allowed ones), otherwise.
     */
    public static Decision read(Fields f, Set<Decision> allowed) {
        List<String> names = names(allowed);
        String v = f.text("decision", Pattern.compile(String.join("|", names)), expected(names));
        return v == null ? null : valueOf(v);
    }

    /**
     * {@code value}, the {@code decision} of a typed command, as one of {@code allowed} exactly as
     * written; null, and a problem in {@code f} (REQUIRED or BAD_FORMAT), otherwise.
     */
    public static Decision read(Fields f, String value, Set<Decision> allowed) {
        List<String> names = names(allowed);
        String v = f.text("decision", value, Pattern.compile(String.join("|", names)), expected(names));
        return v == null ? null : valueOf(v);
    }

    private static List<String> names(Set<Decision> allowed) {
        List<String> names = new ArrayList<>();
        for (Decision d : values()) {
            if (allowed.contains(d)) {
                names.add(d.name());
            }
        }
        return names;
    }

    /** "A or B", "A, B or C". */
    private static String expected(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", ")) + " or "
                + names.get(names.size() - 1);
    }
}
