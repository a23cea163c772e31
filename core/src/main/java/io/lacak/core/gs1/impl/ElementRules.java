package io.lacak.core.gs1.impl;

import io.lacak.core.gs1.Gs1CheckDigit;
import io.lacak.core.gs1.Gs1Dates;
import io.lacak.core.gs1.Gs1Ai;
import io.lacak.core.gs1.Gs1Element;
import io.lacak.core.gs1.Gs1ErrorCode;
import java.time.Year;
import java.util.List;

/**
 * Checks each element's value: length, character set and the content rules ("linters") of the
 * GS1 dictionary, with the BPOM profile's own formats for (90), (10), (21) and (91).
 */
final class ElementRules {

  // Lampiran C.1 and C.2: NIE at most 16 alphanumerics; batch and serial 1-20 alphanumerics;
  // (91) is the NIE's end of validity as YY-MM-DD, where GS1 leaves (91) to company use.
  private static final List<Component> NIE = List.of(new Component('A', 1, 16, false, List.of()));
  private static final List<Component> BATCH_OR_SERIAL = List.of(new Component('A', 1, 20, false, List.of()));
  private static final List<Component> NIE_VALIDITY = List.of(new Component('N', 6, 6, false, List.of("yymmd0")));

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
    int valueOffset = st.valueOffset(index);
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
        st.error(Gs1ErrorCode.VALUE_TOO_SHORT, ai, valueOffset + p, "(" + ai + ") " + label(ai)
            + " must be " + lengthText(comps) + ", found " + n);
        return;
      }
      int bad = Charsets.firstBad(comp.type(), v, p, p + take);
      if (bad >= 0) {
        st.error(Gs1ErrorCode.CHARSET, ai, valueOffset + bad, "(" + ai + ") " + label(ai) + " allows "
            + Charsets.describe(comp.type()) + "; found " + Charsets.show(v.charAt(bad)) + " at position " + (bad + 1));
      } else {
        List<String> linters = comp.linters();
        for (int l = 0, nl = linters.size(); l < nl; l++) {
          lint(st, ai, v, valueOffset, linters.get(l), p, p + take);
        }
      }
      p += take;
    }
    if (p < n) {
      st.error(Gs1ErrorCode.VALUE_TOO_LONG, ai, valueOffset + p, "(" + ai + ") " + label(ai)
          + " must be " + lengthText(comps) + ", found " + n);
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

  private void lint(ParseState st, String ai, String v, int valueOffset, String linter, int from, int to) {
    int at = valueOffset + from;
    switch (linter) {
      case "csum" -> {
        if (!Gs1CheckDigit.valid(v, from, to)) {
          Gs1ErrorCode code = switch (ai) {
            case "01", "02", "03" -> Gs1ErrorCode.GTIN_CHECK_DIGIT;
            case "00" -> Gs1ErrorCode.SSCC_CHECK_DIGIT;
            default -> Gs1ErrorCode.CHECK_DIGIT;
          };
          st.error(code, ai, valueOffset + to - 1, "(" + ai + ") " + label(ai) + " " + v.substring(from, to)
              + " has check digit " + v.charAt(to - 1) + ", expected " + Gs1CheckDigit.compute(v, from, to - 1));
        }
      }
      case "yymmd0", "yymmdd" -> {
        boolean zeroOk = linter.equals("yymmd0") && dayZeroAllowed;
        String problem = dateProblem(v, from, st.referenceYear, zeroOk);
        if (problem != null) {
          st.error(Gs1ErrorCode.DATE_INVALID, ai, at, "(" + ai + ") " + label(ai) + " " + v.substring(from, to)
              + " is not a valid YYMMDD date: " + problem);
        }
      }
      case "yyyymmdd" -> {
        int year = Integer.parseInt(v.substring(from, from + 4));
        String problem = monthDayProblem(year, Integer.parseInt(v.substring(from + 4, from + 6)),
            Integer.parseInt(v.substring(from + 6, from + 8)), false);
        if (problem != null) {
          st.error(Gs1ErrorCode.DATE_INVALID, ai, at, "(" + ai + ") " + v.substring(from, to) + " is not a valid date: " + problem);
        }
      }
      case "hhmi", "hh", "mi", "ss" -> {
        int first = Integer.parseInt(v.substring(from, from + 2));
        int mi = linter.equals("hhmi") ? Integer.parseInt(v.substring(from + 2, from + 4)) : 0;
        if (first > (linter.startsWith("h") ? 23 : 59) || mi > 59) {
          st.error(Gs1ErrorCode.DATE_INVALID, ai, at, "(" + ai + ") " + v.substring(from, to) + " is not a valid time");
        }
      }
      case "nonzero" -> {
        if (v.substring(from, to).chars().allMatch(c -> c == '0')) {
          st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") may not be zero");
        }
      }
      case "zero" -> {
        if (!v.substring(from, to).chars().allMatch(c -> c == '0')) {
          st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") must be zero");
        }
      }
      case "yesno" -> {
        if (to - from != 1 || (v.charAt(from) != '0' && v.charAt(from) != '1')) {
          st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") must be 0 or 1");
        }
      }
      case "hyphen" -> {
        if (!v.substring(from, to).chars().allMatch(c -> c == '-')) {
          st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") must end with a hyphen here");
        }
      }
      case "nozeroprefix" -> {
        if (to - from > 1 && v.charAt(from) == '0') {
          st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") may not start with 0");
        }
      }
      case "hasnondigit" -> {
        if (v.substring(from, to).chars().allMatch(Character::isDigit)) {
          st.error(Gs1ErrorCode.VALUE_INVALID, ai, at, "(" + ai + ") must contain a non-digit");
        }
      }
      default -> {
        // Linters of AIs outside the BPOM payloads (country and currency codes, GCP
        // positions, coupons, ...) are not checked: see the README's codec section.
      }
    }
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
    int days = switch (mm) {
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
