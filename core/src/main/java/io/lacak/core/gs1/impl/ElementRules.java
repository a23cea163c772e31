package io.lacak.core.gs1.impl;

import io.lacak.core.gs1.Gs1Ai;
import io.lacak.core.gs1.Gs1CheckDigit;
import io.lacak.core.gs1.Gs1Dates;
import io.lacak.core.gs1.Gs1Element;
import io.lacak.core.gs1.Gs1ErrorCode;
import java.time.Year;
import java.util.List;
import java.util.Set;

/**
 * Checks each element's value: length, character set and the content rules ("linters") of the
 * GS1 dictionary, with the BPOM profile's own formats for (90), (10), (21) and (91).
 *
 * <p>Over 400 lines because it is the table of GS1's linters, one short case each as the syntax
 * dictionary names them, beside the component checks they run in: a linter is looked up by its
 * dictionary name here and nowhere else.
 */
final class ElementRules {

    // Lampiran C.1 and C.2: NIE at most 16 alphanumerics; batch and serial 1-20 alphanumerics;
    // (91) is the NIE's end of validity as YY-MM-DD, where GS1 leaves (91) to company use.
    private static final List<Component> NIE = List.of(new Component('A', 1, 16, false, List.of()));
    private static final List<Component> BATCH_OR_SERIAL = List.of(new Component('A', 1, 20, false, List.of()));
    private static final List<Component> NIE_VALIDITY = List.of(new Component('N', 6, 6, false, List.of("yymmd0")));

    /** The dictionary's linters that are checked here. */
    static final Set<String> CHECKED = Set.of(
            "csum",
            "yymmd0",
            "yymmdd",
            "yyyymmdd",
            "hh",
            "hhmi",
            "mi",
            "ss",
            "zero",
            "nonzero",
            "yesno",
            "hyphen",
            "nozeroprefix",
            "hasnondigit",
            "iso5218",
            "winding",
            "importeridx",
            "pieceoftotal",
            "posinseqslash");

    /**
     * The dictionary's linters that are not checked, each listed with its reason in the README: code
     * lists kept outside the dictionary (countries, currencies, media and package types, the GS1
     * company prefix table), and rules of AIs no BPOM payload carries (coupons, IBAN, coordinates,
     * alphanumeric check pairs, percent-encoded fields).
     */
    static final Set<String> NOT_CHECKED = Set.of(
            "iso3166",
            "iso3166999",
            "iso3166alpha2",
            "iso4217",
            "mediatype",
            "packagetype",
            "gcppos1",
            "gcppos2",
            "csumalpha",
            "couponcode",
            "couponposoffer",
            "iban",
            "latitude",
            "longitude",
            "pcenc");

    private final boolean dayZeroAllowed;

    ElementRules(boolean dayZeroAllowed) {
        this.dayZeroAllowed = dayZeroAllowed;
    }

    void check(ParseState st, int index) {
        AiSpec spec = st.spec(index);
        if (spec == null) {
            return; // reported as AI_UNKNOWN when read
        }
        Gs1Element e = st.element(index);
        String ai = e.ai();
        String v = e.value();
        if (v.isEmpty()) {
            st.error(Gs1ErrorCode.VALUE_EMPTY, ai, e.offset(), "(" + ai + ") " + label(ai) + " has no value");
            return;
        }
        List<Component> comps = components(spec);
        int n = v.length();
        int p = 0;
        for (int c = 0, nc = comps.size(); c < nc; c++) { // indexed loops: no iterator on the hot path
            Component comp = comps.get(c);
            if (p >= n && comp.optional()) {
                break;
            }
            int take = Math.min(n - p, comp.max());
            if (take < comp.min()) {
                st.error(
                        Gs1ErrorCode.VALUE_TOO_SHORT,
                        ai,
                        st.sourceOffset(index, p),
                        "(" + ai + ") " + label(ai) + " must be " + lengthText(comps) + ", found " + n);
                return;
            }
            // CSET 64 (base64url): '=' is padding, allowed only at the end (GS1 General Specifications 7.11).
            int pads = comp.type() == 'Z' ? trailing(v, p, p + take, '=') : 0;
            int bad = Charsets.firstBad(comp.type(), v, p, p + take - pads);
            if (bad >= 0) {
                st.error(
                        Gs1ErrorCode.CHARSET,
                        ai,
                        st.sourceOffset(index, bad),
                        "(" + ai + ") " + label(ai) + " allows " + Charsets.describe(comp.type()) + "; found "
                                + Charsets.show(v.charAt(bad)) + " at position " + (bad + 1));
            } else if (pads > 2 || (pads > 0 && take % 3 != 0)) {
                st.error(
                        Gs1ErrorCode.VALUE_INVALID,
                        ai,
                        st.sourceOffset(index, p + take - pads),
                        "(" + ai + ") ends with " + pads
                                + " '=': base64url padding is at most two '=' and only on a length that is a multiple of 3");
            } else {
                List<String> linters = comp.linters();
                for (int l = 0, nl = linters.size(); l < nl; l++) {
                    lint(st, index, linters.get(l), p, p + take);
                }
            }
            p += take;
        }
        if (p < n) {
            st.error(
                    Gs1ErrorCode.VALUE_TOO_LONG,
                    ai,
                    st.sourceOffset(index, p),
                    "(" + ai + ") " + label(ai) + " must be " + lengthText(comps) + ", found " + n);
        }
    }

    private static List<Component> components(AiSpec spec) {
        return switch (Gs1Ai.twoDigit(spec.ai())) {
            case Gs1Ai.NIE -> NIE;
            case Gs1Ai.BATCH, Gs1Ai.SERIAL -> BATCH_OR_SERIAL;
            case Gs1Ai.NIE_VALIDITY -> NIE_VALIDITY;
            default -> spec.components();
        };
    }

    private void lint(ParseState st, int index, String linter, int from, int to) {
        String ai = st.element(index).ai();
        String v = st.element(index).value();
        int at = st.sourceOffset(index, from);
        switch (linter) {
            case "csum" -> {
                if (!Gs1CheckDigit.valid(v, from, to)) {
                    Gs1ErrorCode code =
                            switch (ai) {
                                case "01", "02", "03" -> Gs1ErrorCode.GTIN_CHECK_DIGIT;
                                case "00" -> Gs1ErrorCode.SSCC_CHECK_DIGIT;
                                default -> Gs1ErrorCode.CHECK_DIGIT;
                            };
                    st.error(
                            code,
                            ai,
                            st.sourceOffset(index, to - 1),
                            "(" + ai + ") " + label(ai) + " " + v.substring(from, to) + " has check digit "
                                    + v.charAt(to - 1) + ", expected " + Gs1CheckDigit.compute(v, from, to - 1));
                }
            }
            case "yymmd0", "yymmdd" -> {
                boolean zeroOk = linter.equals("yymmd0") && dayZeroAllowed;
                String problem = dateProblem(v, from, st.referenceYear, zeroOk);
                if (problem != null) {
                    st.error(
                            Gs1ErrorCode.DATE_INVALID,
                            ai,
                            at,
                            "(" + ai + ") " + label(ai) + " " + v.substring(from, to) + " is not a valid YYMMDD date: "
                                    + problem);
                }
            }
            case "yyyymmdd" -> {
                int year = Integer.parseInt(v.substring(from, from + 4));
                String problem = monthDayProblem(
                        year,
                        Integer.parseInt(v.substring(from + 4, from + 6)),
                        Integer.parseInt(v.substring(from + 6, from + 8)),
                        false);
                if (problem != null) {
                    st.error(
                            Gs1ErrorCode.DATE_INVALID,
                            ai,
                            at,
                            "(" + ai + ") " + v.substring(from, to) + " is not a valid date: " + problem);
                }
            }
            case "hhmi", "hh", "mi", "ss" -> {
                int first = Integer.parseInt(v.substring(from, from + 2));
                int mi = linter.equals("hhmi") ? Integer.parseInt(v.substring(from + 2, from + 4)) : 0;
                if (first > (linter.startsWith("h") ? 23 : 59) || mi > 59) {
                    st.error(
                            Gs1ErrorCode.DATE_INVALID,
                            ai,
                            at,
                            "(" + ai + ") " + v.substring(from, to) + " is not a valid time");
                }
            }
            case "nonzero" -> {
                if (trailing(v, from, to, '0') == to - from) {
                    st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") may not be zero");
                }
            }
            case "zero" -> {
                if (trailing(v, from, to, '0') != to - from) {
                    st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") must be zero");
                }
            }
            case "yesno" -> {
                if (to - from != 1 || (v.charAt(from) != '0' && v.charAt(from) != '1')) {
                    st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") must be 0 or 1");
                }
            }
            case "hyphen" -> {
                if (trailing(v, from, to, '-') != to - from) {
                    st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") must end with a hyphen here");
                }
            }
            case "nozeroprefix" -> {
                // GS1 lint_nozeroprefix: a lone 0 is a zero prefix too.
                if (to > from && v.charAt(from) == '0') {
                    st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") may not start with 0 (nor be 0)");
                }
            }
            case "hasnondigit" -> {
                if (v.substring(from, to).chars().allMatch(Character::isDigit)) {
                    st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") must contain a non-digit");
                }
            }
            case "iso5218" -> {
                // ISO/IEC 5218 sex codes: 0 not known, 1 male, 2 female, 9 not applicable.
                if (to - from != 1 || "0129".indexOf(v.charAt(from)) < 0) {
                    st.error(
                            Gs1ErrorCode.VALUE_INVALID,
                            ai,
                            at,
                            "(" + ai + ") " + v.substring(from, to)
                                    + " is no ISO/IEC 5218 code: 0 (not known), 1 (male), 2 (female) or 9 (not applicable)");
                }
            }
            case "winding" -> {
                if (to - from != 1 || "019".indexOf(v.charAt(from)) < 0) {
                    st.error(
                            Gs1ErrorCode.VALUE_INVALID,
                            ai,
                            at,
                            "(" + ai + ") winding direction " + v.substring(from, to)
                                    + " must be 0 (face out), 1 (face in) or 9 (undetermined)");
                }
            }
            case "importeridx" -> {
                // The importer index alphabet is CSET 64 without padding.
                if (to - from != 1 || Charsets.firstBad('Z', v, from, to) >= 0) {
                    st.error(
                            Gs1ErrorCode.VALUE_INVALID,
                            ai,
                            at,
                            "(" + ai + ") importer index " + Charsets.show(v.charAt(from))
                                    + " must be one of 0-9 A-Z a-z - _");
                }
            }
            case "pieceoftotal" -> pieceOfTotal(st, index, from, to);
            case "posinseqslash" -> positionInSequence(st, index, from, to);
            default -> {
                // The linters in NOT_CHECKED: see the README's codec section for why each is left out.
            }
        }
    }

    /** GS1 {@code pieceoftotal}: digits PP..TT of equal width, neither zero, the piece not past the total. */
    private static void pieceOfTotal(ParseState st, int index, int from, int to) {
        String ai = st.element(index).ai();
        String v = st.element(index).value();
        int half = (to - from) / 2;
        if ((to - from) % 2 != 0 || half == 0) {
            st.error(
                    Gs1ErrorCode.VALUE_INVALID,
                    ai,
                    st.sourceOffset(index, from),
                    "(" + ai + ") piece and total must have the same number of digits");
            return;
        }
        int mid = from + half;
        if (trailing(v, from, mid, '0') == half) {
            st.error(
                    Gs1ErrorCode.VALUE_INVALID,
                    ai,
                    st.sourceOffset(index, from),
                    "(" + ai + ") piece number may not be zero");
        } else if (trailing(v, mid, to, '0') == half) {
            st.error(
                    Gs1ErrorCode.VALUE_INVALID,
                    ai,
                    st.sourceOffset(index, mid),
                    "(" + ai + ") total number of pieces may not be zero");
        } else if (v.substring(from, mid).compareTo(v.substring(mid, to)) > 0) {
            st.error(
                    Gs1ErrorCode.VALUE_INVALID,
                    ai,
                    st.sourceOffset(index, from),
                    "(" + ai + ") piece " + v.substring(from, mid) + " is past the total " + v.substring(mid, to));
        }
    }

    /** GS1 {@code posinseqslash}: {@code <pos>/<end>}, both without a leading zero, pos not past end. */
    private static void positionInSequence(ParseState st, int index, int from, int to) {
        String ai = st.element(index).ai();
        String v = st.element(index).value();
        int slash = from;
        while (slash < to && v.charAt(slash) >= '0' && v.charAt(slash) <= '9') {
            slash++;
        }
        int end = slash + 1;
        while (end < to && v.charAt(end) >= '0' && v.charAt(end) <= '9') {
            end++;
        }
        if (slash == from || slash >= to - 1 || v.charAt(slash) != '/' || end != to) {
            st.error(
                    Gs1ErrorCode.VALUE_INVALID,
                    ai,
                    st.sourceOffset(index, from),
                    "(" + ai + ") " + v.substring(from, to)
                            + " is not a position in sequence written <position>/<last>, e.g. 1/3");
            return;
        }
        String pos = v.substring(from, slash);
        String last = v.substring(slash + 1, to);
        if (pos.charAt(0) == '0' || last.charAt(0) == '0') {
            int at = pos.charAt(0) == '0' ? from : slash + 1;
            st.error(
                    Gs1ErrorCode.VALUE_INVALID,
                    ai,
                    st.sourceOffset(index, at),
                    "(" + ai + ") " + v.substring(from, to) + ": neither number may be 0 or start with 0");
        } else if (pos.length() > last.length() || (pos.length() == last.length() && pos.compareTo(last) > 0)) {
            st.error(
                    Gs1ErrorCode.VALUE_INVALID,
                    ai,
                    st.sourceOffset(index, from),
                    "(" + ai + ") position " + pos + " is past the last position " + last);
        }
    }

    /** How many characters at the end of {@code v[from, to)} are {@code c}. */
    private static int trailing(String v, int from, int to, char c) {
        int i = to;
        while (i > from && v.charAt(i - 1) == c) {
            i--;
        }
        return to - i;
    }

    /** Problem with a YYMMDD at {@code from}, or {@code null} when it is a real date. */
    static String dateProblem(CharSequence v, int from, int referenceYear, boolean dayZeroAllowed) {
        int yy = (v.charAt(from) - '0') * 10 + (v.charAt(from + 1) - '0');
        int mm = (v.charAt(from + 2) - '0') * 10 + (v.charAt(from + 3) - '0');
        int dd = (v.charAt(from + 4) - '0') * 10 + (v.charAt(from + 5) - '0');
        return monthDayProblem(Gs1Dates.fullYear(yy, referenceYear), mm, dd, dayZeroAllowed);
    }

    private static String monthDayProblem(int year, int mm, int dd, boolean dayZeroAllowed) {
        if (mm < 1 || mm > 12) {
            return "month " + mm + " does not exist";
        }
        if (dd == 0) {
            return dayZeroAllowed ? null : "day 00 is not allowed by this profile";
        }
        int days =
                switch (mm) {
                    case 2 -> Year.isLeap(year) ? 29 : 28;
                    case 4, 6, 9, 11 -> 30;
                    default -> 31;
                };
        return dd <= days ? null : year + "-" + (mm < 10 ? "0" : "") + mm + " has " + days + " days";
    }

    private static String lengthText(List<Component> comps) {
        int min = 0;
        int max = 0;
        for (Component c : comps) {
            min += c.optional() ? 0 : c.min();
            max += c.max();
        }
        return min == max ? "exactly " + max + " characters" : min + " to " + max + " characters";
    }

    static String label(String ai) {
        return switch (ai) {
            case "00" -> "SSCC";
            case "01" -> "GTIN";
            case "10" -> "batch";
            case "17" -> "expiry date";
            case "21" -> "serial";
            case "90" -> "NIE";
            case "91" -> "NIE validity date";
            default -> "value";
        };
    }
}
