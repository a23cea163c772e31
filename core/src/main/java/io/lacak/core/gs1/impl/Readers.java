package io.lacak.core.gs1.impl;

import io.lacak.core.gs1.Gs1ErrorCode;
import io.lacak.core.gs1.Symbology;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits each of the three input forms into raw elements; rules are checked afterwards. */
final class Readers {

  static final char GS = '\u001D';

  private final AiDictionary dict;

  Readers(AiDictionary dict) {
    this.dict = dict;
  }

  // ---- bracketed: (90)DKL1234567890A1(10)B01(17)281231(21)7K3M9P ----

  void bracketed(ParseState st, int start, int end) {
    CharSequence s = st.input;
    int pos = start;
    while (pos < end) {
      int close = aiBracketEnd(s, pos, end);
      if (close < 0) {
        st.error(Gs1ErrorCode.SYNTAX, null, pos, s.charAt(pos) == '('
            ? "malformed AI bracket: expected '(' then 2 to 4 digits then ')'"
            : "bracketed text must start with an AI in brackets, e.g. (90); found " + Charsets.show(s.charAt(pos)));
        return;
      }
      AiSpec spec = dict.exact(s, pos + 1, close - pos - 1);
      String ai = spec != null ? spec.ai() : s.subSequence(pos + 1, close).toString();
      int valueStart = close + 1;
      int next = end;
      int gs = -1;
      boolean escaped = false;
      for (int i = valueStart; i < end; i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < end && s.charAt(i + 1) == '(') {
          escaped = true; // GS1 Syntax Engine: \( is a '(' of the value, never the start of an AI
          i++;
          continue;
        }
        if (c == '(' && aiBracketEnd(s, i, end) > 0) {
          next = i;
          break;
        }
        if (c == GS && gs < 0) {
          gs = i;
        }
      }
      if (gs >= 0) {
        st.error(Gs1ErrorCode.SEPARATOR, ai, gs, "GS separators do not belong in bracketed text; (" + ai + ") holds one");
      }
      if (escaped) {
        unescapeBrackets(st, spec, ai, pos, valueStart, next);
      } else {
        add(st, spec, ai, s.subSequence(valueStart, next).toString(), pos, valueStart, null);
      }
      pos = next;
    }
  }

  /** Adds the value {@code s[from, to)} with each {@code \(} read as {@code (}, mapped to its source. */
  private static void unescapeBrackets(ParseState st, AiSpec spec, String ai, int aiOffset, int from, int to) {
    CharSequence s = st.input;
    StringBuilder value = new StringBuilder(to - from);
    int[] map = new int[to - from + 1];
    for (int i = from; i < to; i++) {
      map[value.length()] = i;
      if (s.charAt(i) == '\\' && i + 1 < to && s.charAt(i + 1) == '(') {
        i++;
      }
      value.append(s.charAt(i));
    }
    map[value.length()] = to;
    add(st, spec, ai, value.toString(), aiOffset, from, Arrays.copyOf(map, value.length() + 1));
  }

  /** Index of the ')' closing an AI bracket of 2-4 digits opened at {@code pos}, or -1. */
  private static int aiBracketEnd(CharSequence s, int pos, int end) {
    if (s.charAt(pos) != '(') {
      return -1;
    }
    int i = pos + 1;
    while (i < end && i - pos <= 5 && isDigit(s.charAt(i))) {
      i++;
    }
    int digits = i - pos - 1;
    return i < end && s.charAt(i) == ')' && digits >= 2 && digits <= 4 ? i : -1;
  }

  // ---- scanner data: ]d2 90DKL1234567890A1 <GS> 10B01 <GS> 17281231 21 7K3M9P ----

  /** Reads scanner data; returns the symbology identifier found, or null. */
  Symbology scanner(ParseState st, int start, int end) {
    CharSequence s = st.input;
    int pos = start;
    Symbology symbology = null;
    if (s.charAt(pos) == ']') {
      symbology = Symbology.of(s, pos);
      if (symbology == null) {
        String id = s.subSequence(pos, Math.min(pos + 3, end)).toString();
        st.error(Gs1ErrorCode.SYMBOLOGY, null, pos, "symbology identifier " + printable(id)
            + " is not a GS1 carrier; expected ]d2 (DataMatrix), ]Q3 (QR) or ]C1 (GS1-128)");
      }
      pos = Math.min(pos + 3, end);
    }
    if (pos < end && s.charAt(pos) == GS) {
      pos++; // some scanners transmit the leading FNC1 as GS
    }
    if (pos >= end) {
      st.error(Gs1ErrorCode.EMPTY, null, pos, "no data after the symbology identifier");
      return symbology;
    }
    while (pos < end) {
      char c = s.charAt(pos);
      if (c == GS) {
        st.error(Gs1ErrorCode.SEPARATOR, null, pos, "empty field: two GS separators in a row");
        pos++;
        continue;
      }
      int aiOffset = pos;
      AiSpec spec = dict.find(s, pos);
      if (spec == null) {
        if (!isDigit(c)) {
          st.error(Gs1ErrorCode.SYNTAX, null, pos, "expected the digits of an AI, found " + Charsets.show(c));
          return symbology;
        }
        int stop = indexOf(s, GS, pos, end);
        String digits = leadingDigits(s, pos, Math.min(end, pos + 4));
        st.error(Gs1ErrorCode.AI_UNKNOWN, digits, pos, "no GS1 AI starts with " + digits
            + "; its length is unknown, skipped to the next GS");
        pos = stop < 0 ? end : stop + 1;
        continue;
      }
      int valueStart = pos + spec.ai().length();
      int valueEnd;
      if (spec.predefinedLength()) {
        valueEnd = Math.min(valueStart + spec.maxLength(), end);
        int gs = indexOf(s, GS, valueStart, valueEnd);
        if (gs >= 0) {
          valueEnd = gs;
        }
        pos = valueEnd < end && s.charAt(valueEnd) == GS ? valueEnd + 1 : valueEnd; // GS after fixed length is tolerated
      } else {
        int gs = indexOf(s, GS, valueStart, end);
        valueEnd = gs < 0 ? end : gs;
        pos = gs < 0 ? end : gs + 1;
      }
      st.add(spec, spec.ai(), s.subSequence(valueStart, valueEnd).toString(), aiOffset, valueStart);
    }
    return symbology;
  }

  // ---- GS1 Digital Link: https://host/01/09506000134352/10/B01/21/7K3M9P?17=281231 ----

  void digitalLink(ParseState st, int start, int end) {
    CharSequence s = st.input;
    int schemeEnd = indexOf(s, ':', start, end) + 3;
    int pathStart = schemeEnd;
    while (pathStart < end && s.charAt(pathStart) != '/' && s.charAt(pathStart) != '?' && s.charAt(pathStart) != '#') {
      pathStart++;
    }
    int fragment = indexOf(s, '#', pathStart, end);
    int stop = fragment < 0 ? end : fragment;
    int query = indexOf(s, '?', pathStart, stop);
    int pathEnd = query < 0 ? stop : query;

    List<int[]> segments = new ArrayList<>();
    int i = pathStart;
    while (i < pathEnd) {
      int segStart = i + 1;
      int segEnd = indexOf(s, '/', segStart, pathEnd);
      segEnd = segEnd < 0 ? pathEnd : segEnd;
      if (segEnd > segStart) {
        segments.add(new int[] {segStart, segEnd});
      }
      i = segEnd;
    }
    int key = -1;
    for (int k = 0; k + 1 < segments.size() && key < 0; k++) {
      AiSpec spec = exactAi(s, segments.get(k));
      if (spec != null && spec.dlPrimaryKey()) {
        key = k;
      }
    }
    if (key < 0) {
      st.error(Gs1ErrorCode.DIGITAL_LINK, null, pathStart,
          "no GS1 primary key in the URI path, expected /01/{GTIN}/10/{batch}/21/{serial}");
      return;
    }
    if ((segments.size() - key) % 2 != 0) {
      int[] last = segments.get(segments.size() - 1);
      st.error(Gs1ErrorCode.DIGITAL_LINK, null, last[0], "path segment without a value after the primary key");
    }
    AiSpec keySpec = exactAi(s, segments.get(key));
    List<String> qualifiers = new ArrayList<>(3);
    for (int k = key; k + 1 < segments.size(); k += 2) {
      int[] aiSeg = segments.get(k);
      int[] valSeg = segments.get(k + 1);
      String ai = s.subSequence(aiSeg[0], aiSeg[1]).toString();
      String value = percentDecode(st, s, valSeg[0], valSeg[1], ai);
      if (k > key) {
        qualifiers.add(ai);
      }
      addKnown(st, ai, value, aiSeg[0], valSeg[0]);
    }
    if (!qualifiers.isEmpty() && !orderedSubsequence(qualifiers, keySpec.dlQualifiers())) {
      st.error(Gs1ErrorCode.DIGITAL_LINK, keySpec.ai(), segments.get(key)[0], "path qualifiers " + qualifiers
          + " are not allowed after (" + keySpec.ai() + ") in this order; allowed: " + keySpec.dlQualifiers());
    }
    if (query >= 0) {
      queryAttributes(st, s, query + 1, stop);
    }
  }

  private void queryAttributes(ParseState st, CharSequence s, int from, int to) {
    int p = from;
    while (p < to) {
      int amp = indexOf(s, '&', p, to);
      int pairEnd = amp < 0 ? to : amp;
      int eq = indexOf(s, '=', p, pairEnd);
      if (eq > p && allDigits(s, p, eq)) {
        String ai = s.subSequence(p, eq).toString();
        AiSpec spec = dict.get(ai);
        if (spec != null && !spec.dlAttribute()) {
          st.error(Gs1ErrorCode.DIGITAL_LINK, ai, p, "(" + ai + ") may not be given as a Digital Link query attribute");
        }
        addKnown(st, ai, percentDecode(st, s, eq + 1, pairEnd, ai), p, eq + 1);
      }
      // Non-numeric query parameters are allowed by GS1 Digital Link and carry no AI.
      p = pairEnd + 1;
    }
  }

  private AiSpec exactAi(CharSequence s, int[] seg) {
    int len = seg[1] - seg[0];
    if (len < 2 || len > 4 || !allDigits(s, seg[0], seg[1])) {
      return null;
    }
    return dict.get(s.subSequence(seg[0], seg[1]).toString());
  }

  private static boolean orderedSubsequence(List<String> given, List<List<String>> alternatives) {
    for (List<String> alt : alternatives) {
      int at = 0;
      boolean ok = true;
      for (String q : given) {
        int found = alt.subList(at, alt.size()).indexOf(q);
        if (found < 0) {
          ok = false;
          break;
        }
        at += found + 1;
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  private static String percentDecode(ParseState st, CharSequence s, int from, int to, String ai) {
    if (indexOf(s, '%', from, to) < 0) {
      return s.subSequence(from, to).toString();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < to ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = i + 2 < to ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          st.error(Gs1ErrorCode.DIGITAL_LINK, ai, i, "bad percent-encoding in the value of (" + ai + ")");
          return s.subSequence(from, to).toString();
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  // ---- shared ----

  private void addKnown(ParseState st, String ai, String value, int aiOffset, int valueOffset) {
    add(st, dict.get(ai), ai, value, aiOffset, valueOffset, null);
  }

  private static void add(ParseState st, AiSpec spec, String ai, String value, int aiOffset, int valueOffset,
                          int[] sourceMap) {
    if (spec == null) {
      st.error(Gs1ErrorCode.AI_UNKNOWN, ai, aiOffset, "(" + ai + ") is not a GS1 application identifier");
    }
    st.add(spec, spec == null ? ai : spec.ai(), value, aiOffset, valueOffset, sourceMap);
  }

  static int indexOf(CharSequence s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean allDigits(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String leadingDigits(CharSequence s, int from, int to) {
    int i = from;
    while (i < to && isDigit(s.charAt(i))) {
      i++;
    }
    return s.subSequence(from, i).toString();
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : Charsets.show(c));
    }
    return "'" + sb + "'";
  }
}
