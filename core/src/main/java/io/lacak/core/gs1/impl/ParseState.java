package io.lacak.core.gs1.impl;

import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1ErrorCode;
import java.util.ArrayList;
import java.util.List;

/** Everything one parse call collects: raw elements and errors. Not shared between threads. */
final class ParseState {

  /** An element as read, with the positions needed to point at its problems. */
  record Raw(AiSpec spec, String ai, String value, int aiOffset, int valueOffset) {
  }

  final CharSequence input;
  final int referenceYear;
  /** End of the payload in the input, after trailing blanks: where a missing element would go. */
  int end;
  final List<Raw> raws = new ArrayList<>(6);
  List<Gs1Error> errors;

  ParseState(CharSequence input, int referenceYear) {
    this.input = input;
    this.referenceYear = referenceYear;
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

  /** One bit per AI of the BPOM shapes, so that the shape rules cost no list scans. */
  private int present;

  void add(AiSpec spec, String ai, String value, int aiOffset, int valueOffset) {
    raws.add(new Raw(spec, ai, value, aiOffset, valueOffset));
    present |= bit(ai);
  }

  private static int bit(String ai) {
    return switch (ai) {
      case "00" -> 1;
      case "01" -> 2;
      case "90" -> 4;
      case "10" -> 8;
      case "17" -> 16;
      case "21" -> 32;
      case "91" -> 64;
      default -> 0;
    };
  }

  /** The first element read with this AI, or {@code null}. */
  Raw find(String ai) {
    for (int i = 0, n = raws.size(); i < n; i++) {
      Raw r = raws.get(i);
      if (r.ai().equals(ai)) {
        return r;
      }
    }
    return null;
  }

  boolean has(String ai) {
    int b = bit(ai);
    return b != 0 ? (present & b) != 0 : find(ai) != null;
  }
}
