package io.lacak.core.gs1.impl;

import io.lacak.core.gs1.Gs1ErrorCode;
import io.lacak.core.gs1.Symbology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits each of the three input forms into raw elements; rules are checked afterwards.
 *
 * <p>Over 400 lines because the three forms (bracketed, scanner data with its separators, GS1
 * Digital Link) share one way of adding an element and of mapping offsets back to the input, so
 * that an error points at the same character whatever form the payload came in.
 */
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
                st.error(
                        Gs1ErrorCode.SYNTAX,
                        null,
                        pos,
                        s.charAt(pos) == '('
                                ? "malformed AI bracket: expected '(' then 2 to 4 digits then ')'"
                                : "bracketed text must start with an AI in brackets, e.g. (90); found "
                                        + Charsets.show(s.charAt(pos)));
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
                st.error(
                        Gs1ErrorCode.SEPARATOR,
                        ai,
                        gs,
                        "GS separators do not belong in bracketed text; (" + ai + ") holds one");
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
                st.error(
                        Gs1ErrorCode.SYMBOLOGY,
                        null,
                        pos,
                        "symbology identifier " + printable(id)
                                + (Gs1CodecImpl.plainCarrier(s, pos) != null
                                        ? " carries plain data, read only as a GS1 Digital Link URI;"
                                        : " is not a GS1 carrier;")
                                + " expected ]d2 (DataMatrix), ]Q3 (QR) or ]C1 (GS1-128)");
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
                st.error(
                        Gs1ErrorCode.AI_UNKNOWN,
                        digits,
                        pos,
                        "no GS1 AI starts with " + digits + "; its length is unknown, skipped to the next GS");
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
                pos = valueEnd < end && s.charAt(valueEnd) == GS
                        ? valueEnd + 1
                        : valueEnd; // GS after fixed length is tolerated
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

    /** Characters a URI may hold (RFC 3986 unreserved and reserved, and '%'), as GS1's Syntax Engine checks. */
    private static final String URI_PUNCTUATION = "-._~:/?#[]@!$&'()*+,;=%";
    /** URI characters that GS1's Syntax Engine refuses in the host. */
    private static final String BAD_HOST_CHARS = "_~?#@!$&'()*+,;=%";

    void digitalLink(ParseState st, int start, int end) {
        CharSequence s = st.input;
        for (int i = start; i < end; i++) {
            if (!isUriChar(s.charAt(i))) {
                st.error(
                        Gs1ErrorCode.DIGITAL_LINK,
                        null,
                        i,
                        Charsets.show(s.charAt(i)) + " may not appear in a URI; percent-encode it");
                break;
            }
        }
        int hostStart = indexOf(s, ':', start, end) + 3;
        int pathStart = hostStart;
        int badHost = -1;
        while (pathStart < end && "/?#".indexOf(s.charAt(pathStart)) < 0) {
            if (badHost < 0 && BAD_HOST_CHARS.indexOf(s.charAt(pathStart)) >= 0) {
                badHost = pathStart;
            }
            pathStart++;
        }
        if (badHost >= 0) {
            st.error(
                    Gs1ErrorCode.DIGITAL_LINK,
                    null,
                    badHost,
                    Charsets.show(s.charAt(badHost)) + " may not appear in the host name");
        }
        if (pathStart == hostStart || pathStart >= end || s.charAt(pathStart) != '/') {
            st.error(
                    Gs1ErrorCode.DIGITAL_LINK,
                    null,
                    Math.min(pathStart, end),
                    pathStart == hostStart
                            ? "no host name after the scheme"
                            : "no path after the host name, expected /01/{GTIN}");
            return;
        }
        int fragment = indexOf(s, '#', pathStart, end);
        int stop = fragment < 0 ? end : fragment;
        int query = indexOf(s, '?', pathStart, stop);
        int pathEnd = query < 0 ? stop : query;

        List<int[]> segments = new ArrayList<>();
        for (int i = pathStart; i < pathEnd; ) {
            int segEnd = indexOf(s, '/', i + 1, pathEnd);
            segEnd = segEnd < 0 ? pathEnd : segEnd;
            segments.add(new int[] {i + 1, segEnd});
            i = segEnd;
        }
        if (segments.size() > 1 && pathEnd - pathStart > 1 && s.charAt(pathEnd - 1) == '/') {
            st.error(Gs1ErrorCode.DIGITAL_LINK, null, pathEnd - 1, "the URI path may not end with '/'");
            segments.remove(segments.size() - 1);
        }
        // GS1 Digital Link: the path ends with the primary key and its qualifiers as /AI/value pairs,
        // so the key is found from the right; whatever precedes it is the resolver's own path.
        int key = -1;
        int broken = -1;
        for (int k = segments.size() - 2; k >= 0; k -= 2) {
            AiSpec spec = exactAi(s, segments.get(k));
            if (spec == null) {
                broken = k;
                break;
            }
            if (spec.dlPrimaryKey()) {
                key = k;
                break;
            }
        }
        if (key < 0) {
            noPrimaryKey(st, s, segments, broken, pathStart);
            return;
        }
        AiSpec keySpec = exactAi(s, segments.get(key));
        List<String> qualifiers = new ArrayList<>(3);
        for (int k = key; k + 1 < segments.size(); k += 2) {
            int[] aiSeg = segments.get(k);
            int[] valSeg = segments.get(k + 1);
            String ai = s.subSequence(aiSeg[0], aiSeg[1]).toString();
            if (k > key) {
                qualifiers.add(ai);
            }
            addDecoded(st, ai, aiSeg[0], valSeg[0], valSeg[1], false);
        }
        boolean pathValid = qualifiers.isEmpty() || orderedSubsequence(qualifiers, keySpec.dlQualifiers());
        if (!pathValid) {
            st.error(
                    Gs1ErrorCode.DIGITAL_LINK,
                    keySpec.ai(),
                    segments.get(key)[0],
                    "path qualifiers " + qualifiers + " are not allowed after (" + keySpec.ai()
                            + ") in this order; allowed: " + keySpec.dlQualifiers());
        }
        if (query >= 0) {
            queryAttributes(st, s, query + 1, stop, pathValid ? keySpec : null, qualifiers);
        }
    }

    private static void noPrimaryKey(ParseState st, CharSequence s, List<int[]> segments, int broken, int pathStart) {
        String expected = "; expected /01/{GTIN}/10/{batch}/21/{serial}";
        if (broken < 0) {
            st.error(Gs1ErrorCode.DIGITAL_LINK, null, pathStart, "no GS1 primary key in the URI path" + expected);
            return;
        }
        int[] seg = segments.get(broken);
        if (seg[0] == seg[1]) {
            st.error(
                    Gs1ErrorCode.DIGITAL_LINK,
                    null,
                    seg[0] - 1,
                    "empty path segment ('//') where an AI or its value" + " belongs" + expected);
        } else {
            st.error(
                    Gs1ErrorCode.DIGITAL_LINK,
                    null,
                    seg[0],
                    "no GS1 primary key in the URI path: it must end with"
                            + " /AI/value pairs back to the key, and counted from the right '"
                            + s.subSequence(seg[0], seg[1])
                            + "' stands where an AI belongs" + expected);
        }
    }

    private void queryAttributes(
            ParseState st, CharSequence s, int from, int to, AiSpec keySpec, List<String> qualifiers) {
        int p = from;
        while (p < to) {
            int amp = indexOf(s, '&', p, to);
            int pairEnd = amp < 0 ? to : amp;
            int eq = indexOf(s, '=', p, pairEnd);
            if (eq > p && allDigits(s, p, eq)) {
                String ai = s.subSequence(p, eq).toString();
                AiSpec spec = dict.get(ai);
                if (spec != null && keySpec != null && belongsInPath(keySpec, qualifiers, ai)) {
                    st.error(
                            Gs1ErrorCode.DIGITAL_LINK,
                            ai,
                            p,
                            "(" + ai + ") qualifies the key (" + keySpec.ai() + "): it belongs in the URI path, /"
                                    + keySpec.ai() + "/.../" + ai + "/{value}, not in the query");
                } else if (spec != null && !spec.dlAttribute()) {
                    st.error(
                            Gs1ErrorCode.DIGITAL_LINK,
                            ai,
                            p,
                            "(" + ai + ") may not be given as a Digital Link query attribute");
                }
                addDecoded(st, ai, p, eq + 1, pairEnd, true);
            }
            // Non-numeric query parameters and parameters without '=' are allowed by GS1 Digital Link and carry no AI.
            p = pairEnd + 1;
        }
    }

    /** Whether the qualifiers with {@code ai} put in at some place make a valid path after the key. */
    private static boolean belongsInPath(AiSpec keySpec, List<String> qualifiers, String ai) {
        for (int at = 0; at <= qualifiers.size(); at++) {
            List<String> trial = new ArrayList<>(qualifiers);
            trial.add(at, ai);
            if (orderedSubsequence(trial, keySpec.dlQualifiers())) {
                return true;
            }
        }
        return false;
    }

    private AiSpec exactAi(CharSequence s, int[] seg) {
        return dict.exact(s, seg[0], seg[1] - seg[0]);
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

    /**
     * Adds the element whose value is {@code s[from, to)} percent-decoded as UTF-8 ({@code +} is a
     * space in a query, itself in a path), each value character mapped to the source characters it
     * came from so that errors point into the URI.
     */
    private void addDecoded(ParseState st, String ai, int aiOffset, int from, int to, boolean query) {
        CharSequence s = st.input;
        if (indexOf(s, '%', from, to) < 0 && (!query || indexOf(s, '+', from, to) < 0)) {
            addKnown(st, ai, s.subSequence(from, to).toString(), aiOffset, from);
            return;
        }
        StringBuilder value = new StringBuilder(to - from);
        int[] map = new int[to - from + 1];
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c != '%') {
                map[value.length()] = i;
                value.append(query && c == '+' ? ' ' : c);
                i++;
                continue;
            }
            int b = hexByte(s, i, to);
            if (b < 0) {
                st.error(
                        Gs1ErrorCode.DIGITAL_LINK,
                        ai,
                        i,
                        "bad percent-encoding in the value of (" + ai + "): '%' must be"
                                + " followed by two hex digits");
                addKnown(st, ai, s.subSequence(from, to).toString(), aiOffset, from);
                return;
            }
            int more = b < 0x80 ? 0 : b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 && b < 0xE0 ? 1 : -1;
            int cp = more == 0 ? b : more == 1 ? b & 0x1F : more == 2 ? b & 0x0F : b & 0x07;
            int j = i + 3;
            for (int k = 0; k < more && cp >= 0; k++, j += 3) {
                int cont = hexByte(s, j, to);
                cp = cont >= 0x80 && cont <= 0xBF ? (cp << 6) | (cont & 0x3F) : -1;
            }
            boolean utf8 = more >= 0
                    && cp >= 0
                    && cp <= 0x10FFFF
                    && !(cp >= 0xD800 && cp <= 0xDFFF)
                    && cp >= (more == 1 ? 0x80 : more == 2 ? 0x800 : more == 3 ? 0x10000 : 0);
            if (!utf8) {
                st.error(
                        Gs1ErrorCode.DIGITAL_LINK,
                        ai,
                        i,
                        "percent-encoded bytes in the value of (" + ai + ") are not UTF-8");
                cp = 0xFFFD;
                j = i + 3;
            }
            for (char decoded : Character.toChars(cp)) {
                map[value.length()] = i;
                value.append(decoded);
            }
            i = j;
        }
        map[value.length()] = to;
        add(st, dict.get(ai), ai, value.toString(), aiOffset, from, Arrays.copyOf(map, value.length() + 1));
    }

    /** The byte of the {@code %XX} at {@code at}, or -1 when there is none there. */
    private static int hexByte(CharSequence s, int at, int to) {
        if (at + 2 >= to || s.charAt(at) != '%') {
            return -1;
        }
        int hi = hex(s.charAt(at + 1));
        int lo = hex(s.charAt(at + 2));
        return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
    }

    /** An ASCII hex digit's value, or -1 (Character.digit would take other scripts' digits too). */
    private static int hex(char c) {
        return c >= '0' && c <= '9'
                ? c - '0'
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    private static boolean isUriChar(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || URI_PUNCTUATION.indexOf(c) >= 0;
    }

    // ---- shared ----

    private void addKnown(ParseState st, String ai, String value, int aiOffset, int valueOffset) {
        add(st, dict.get(ai), ai, value, aiOffset, valueOffset, null);
    }

    private static void add(
            ParseState st, AiSpec spec, String ai, String value, int aiOffset, int valueOffset, int[] sourceMap) {
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
