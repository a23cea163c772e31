package io.lacak.api.verify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Likely scanner faults behind a payload that does not verify (issue 7 "scan repair"): a scanner
 * that types into a keyboard field with caps lock on, a lost GS separator after a variable-length
 * field, or a keyboard layout that swapped characters (QWERTZ: Y and Z; AZERTY: A and Q, Z and W,
 * and the digit row typed as {@code &é"'(-è_çà}). Gives the texts the fault would have come from;
 * the verifier suggests one only when its code exists, and never as a verdict.
 *
 * <p>{@code for (ScanRepair.Candidate c : ScanRepair.candidates(text)) { ... }}
 */
final class ScanRepair {

    /** A repaired text and the fault it assumes. */
    record Candidate(String text, String fault) {}

    private static final char GS = '\u001d';
    /** Most candidates tried for one payload: the public route must stay cheap. */
    static final int MAX_CANDIDATES = 200;
    /** AIs that may follow a variable-length field in a BPOM code (Lampiran C). */
    private static final String[] FOLLOWING_AIS = {"10", "17", "21", "91"};

    private static final String AZERTY_DIGITS = "&é\"'(-è_çà";

    private ScanRepair() {}

    static List<Candidate> candidates(String text) {
        Set<String> tried = new LinkedHashSet<>();
        tried.add(text);
        List<Candidate> out = new ArrayList<>();
        // a Digital Link, bare or behind the ]Q1 / ]d1 of a plain-data QR or DataMatrix: keyboard faults do not apply
        boolean link = text.regionMatches(true, 0, "http", 0, 4)
                || (text.startsWith("]Q1") || text.startsWith("]d1")) && text.regionMatches(true, 3, "http", 0, 4);
        List<Candidate> bases = new ArrayList<>();
        bases.add(new Candidate(text, null));
        if (!link) {
            add(bases, tried, text.toUpperCase(java.util.Locale.ROOT), "CAPS_LOCK");
            add(bases, tried, swapCase(text), "CAPS_LOCK");
            add(bases, tried, qwertz(text), "KEYBOARD_LAYOUT");
            add(bases, tried, azerty(text), "KEYBOARD_LAYOUT");
        }
        for (Candidate b : bases) {
            if (b.fault() != null) {
                out.add(b);
            }
        }
        if (!link && text.indexOf('(') < 0) {
            for (Candidate b : List.copyOf(bases)) {
                lostSeparators(b, tried, out);
            }
        }
        return out.size() > MAX_CANDIDATES ? out.subList(0, MAX_CANDIDATES) : out;
    }

    private static void add(List<Candidate> list, Set<String> tried, String text, String fault) {
        if (tried.add(text)) {
            list.add(new Candidate(text, fault));
        }
    }

    /** One or two GS put back before an AI that may follow a variable-length field. */
    private static void lostSeparators(Candidate base, Set<String> tried, List<Candidate> out) {
        String s = base.text();
        int start = s.startsWith("]") && s.length() >= 3 ? 3 : 0;
        List<Integer> at = new ArrayList<>();
        for (int i = start + 3; i < s.length() - 2; i++) { // an AI and at least one character before it
            for (String ai : FOLLOWING_AIS) {
                if (s.startsWith(ai, i) && s.charAt(i - 1) != GS) {
                    at.add(i);
                }
            }
        }
        String fault = base.fault() == null ? "MISSING_SEPARATOR" : base.fault() + "+MISSING_SEPARATOR";
        for (int a = 0; a < at.size() && out.size() < MAX_CANDIDATES; a++) {
            String one = s.substring(0, at.get(a)) + GS + s.substring(at.get(a));
            if (tried.add(one)) {
                out.add(new Candidate(one, fault));
            }
            for (int b = a + 1; b < at.size() && out.size() < MAX_CANDIDATES; b++) {
                int first = at.get(a);
                int second = at.get(b) + 1;
                String two = one.substring(0, second) + GS + one.substring(second);
                if (at.get(b) > first + 1 && tried.add(two)) {
                    out.add(new Candidate(two, fault));
                }
            }
        }
    }

    private static String swapCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString();
    }

    private static String qwertz(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(
                    switch (c) {
                        case 'Y' -> 'Z';
                        case 'Z' -> 'Y';
                        case 'y' -> 'z';
                        case 'z' -> 'y';
                        default -> c;
                    });
        }
        return b.toString();
    }

    private static String azerty(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int digit = AZERTY_DIGITS.indexOf(c);
            b.append(
                    digit >= 0
                            ? (char) ('0' + (digit + 1) % 10)
                            : switch (c) {
                                case 'A' -> 'Q';
                                case 'Q' -> 'A';
                                case 'Z' -> 'W';
                                case 'W' -> 'Z';
                                case 'a' -> 'q';
                                case 'q' -> 'a';
                                case 'z' -> 'w';
                                case 'w' -> 'z';
                                default -> c;
                            });
        }
        return b.toString();
    }
}
