package io.lacak.core.gs1.impl;

import io.lacak.core.gs1.Gs1Ai;
import io.lacak.core.gs1.Gs1Element;
import io.lacak.core.gs1.Gs1ErrorCode;
import io.lacak.core.gs1.PayloadKind;
import java.util.List;

/**
 * Rules over the whole payload: no AI twice, GS1's mandatory and invalid pairings, and the
 * BPOM profile's two code shapes (Lampiran C).
 */
final class PayloadRules {

    private PayloadRules() {}

    static void duplicates(ParseState st) {
        List<Gs1Element> elements = st.elements;
        for (int i = 1; i < elements.size(); i++) {
            Gs1Element e = elements.get(i);
            for (int j = 0; j < i; j++) {
                if (elements.get(j).ai().equals(e.ai())) {
                    st.duplicates = true;
                    st.error(Gs1ErrorCode.AI_DUPLICATE, e.ai(), e.offset(), "(" + e.ai() + ") appears more than once");
                    break;
                }
            }
        }
    }

    /**
     * GS1 {@code req=} and {@code ex=} attributes. BPOM relaxation (DESIGN.md "Codes"): a (90) NIE
     * keys a trade item as (01) does, so it satisfies requirements for (01). The pairings of
     * (10), (17), (21) and (91) are the BPOM profile's own and checked in {@link #kind}.
     */
    static void associations(ParseState st) {
        for (int i = 0, n = st.size(); i < n; i++) {
            AiSpec spec = st.spec(i);
            Gs1Element e = st.element(i);
            if (spec == null) {
                continue;
            }
            boolean bpomGoverned =
                    switch (Gs1Ai.twoDigit(e.ai())) {
                        case Gs1Ai.BATCH, Gs1Ai.EXPIRY, Gs1Ai.SERIAL, Gs1Ai.NIE_VALIDITY -> true;
                        default -> false;
                    };
            List<List<List<String>>> requires = spec.requires();
            for (int r = 0, nr = bpomGoverned ? 0 : requires.size(); r < nr; r++) {
                List<List<String>> group = requires.get(r);
                if (!anyAlternativePresent(st, group)) {
                    st.error(
                            Gs1ErrorCode.AI_MISSING,
                            e.ai(),
                            e.offset(),
                            "(" + e.ai() + ") needs " + describe(group) + " in the same payload");
                }
            }
            List<List<String>> excludes = spec.excludes();
            for (int x = 0, nx = excludes.size(); x < nx; x++) {
                List<String> patterns = excludes.get(x);
                for (int o = 0; o < n; o++) {
                    Gs1Element other = st.element(o);
                    if (other != e && !other.ai().equals(e.ai()) && matchesAny(patterns, other.ai())) {
                        st.error(
                                Gs1ErrorCode.AI_NOT_ALLOWED,
                                other.ai(),
                                other.offset(),
                                "(" + other.ai() + ") may not stand with (" + e.ai() + ")");
                    }
                }
            }
        }
    }

    /** Lampiran C: what the payload is, with an AI_MISSING error for each part its shape lacks. */
    static PayloadKind kind(ParseState st) {
        boolean gtin = st.has("01");
        boolean nie = st.has("90");
        boolean serialised = st.has("10") || st.has("17") || st.has("21");
        if (gtin || nie) {
            if (serialised || !nie) {
                // Lampiran C.2: (90)NIE or (01)GTIN, then (10) batch, (17) expiry, (21) serial.
                requireAll(st, "Lampiran C.2: an authentication code needs ", "10", "17", "21");
                return PayloadKind.AUTHENTICATION;
            }
            // Lampiran C.1: (90)NIE(91)YYMMDD.
            requireAll(st, "Lampiran C.1: an identification code needs ", "91");
            return PayloadKind.IDENTIFICATION;
        }
        if (st.has("00")) {
            return PayloadKind.LOGISTIC_UNIT;
        }
        if (!st.elements.isEmpty() || !st.hasErrors()) {
            st.error(
                    Gs1ErrorCode.AI_MISSING,
                    "90",
                    st.end,
                    "Lampiran C: no product key; expected (90) NIE or (01) GTIN"
                            + " (or (00) SSCC for a logistic unit)");
        }
        return null;
    }

    private static void requireAll(ParseState st, String why, String... ais) {
        for (String ai : ais) {
            if (!st.has(ai)) {
                st.error(Gs1ErrorCode.AI_MISSING, ai, st.end, why + "(" + ai + ") " + ElementRules.label(ai));
            }
        }
    }

    private static boolean anyAlternativePresent(ParseState st, List<List<String>> alternatives) {
        for (List<String> all : alternatives) {
            boolean ok = true;
            for (String pattern : all) {
                if (!present(st, pattern)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    private static boolean present(ParseState st, String pattern) {
        for (Gs1Element r : st.elements) {
            if (AiSpec.matches(pattern, r.ai()) || (pattern.equals("01") && r.ai().equals("90"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAny(List<String> patterns, String ai) {
        for (String p : patterns) {
            if (AiSpec.matches(p, ai)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<List<String>> alternatives) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < alternatives.size(); i++) {
            if (i > 0) {
                sb.append(i == alternatives.size() - 1 ? " or " : ", ");
            }
            for (int j = 0; j < alternatives.get(i).size(); j++) {
                sb.append(j > 0 ? "+" : "")
                        .append('(')
                        .append(alternatives.get(i).get(j))
                        .append(')');
            }
        }
        return sb.toString();
    }
}
