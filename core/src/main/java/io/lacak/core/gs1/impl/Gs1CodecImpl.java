package io.lacak.core.gs1.impl;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Element;
import io.lacak.core.gs1.Gs1ErrorCode;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.gs1.Gs1Profile;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.gs1.InputForm;
import io.lacak.core.gs1.PayloadKind;
import io.lacak.core.gs1.Symbology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The codec: pick the form, read elements, check every rule, collect every error. */
public final class Gs1CodecImpl implements Gs1Codec {

    private static final long YEAR_CACHE_MILLIS = 60_000;

    private final Gs1Profile profile;
    private final Readers readers = new Readers(AiDictionary.standard());
    private final ElementRules elementRules;
    /** Each thread's scratch state, reset for every parse: the result is all that a parse allocates. */
    private final ThreadLocal<ParseState> states = ThreadLocal.withInitial(ParseState::new);

    private volatile YearCache yearCache = new YearCache(0, Long.MIN_VALUE);

    private record YearCache(int year, long validUntil) {}

    public Gs1CodecImpl(Gs1Profile profile) {
        this.profile = profile;
        this.elementRules = new ElementRules(profile.dayZeroAllowed());
    }

    @Override
    public Gs1Profile profile() {
        return profile;
    }

    @Override
    public Gs1Result parse(CharSequence input) {
        int year = referenceYear();
        if (input == null) {
            return empty(year, "no payload given");
        }
        int end = input.length();
        if (end > profile.maxInputLength()) {
            ParseState st = new ParseState(input, year);
            st.error(
                    Gs1ErrorCode.INPUT_TOO_LONG,
                    null,
                    profile.maxInputLength(),
                    "payload of " + end + " characters is longer than the " + profile.maxInputLength()
                            + " any 2D symbol carries");
            return result(st, null, null, null);
        }
        int start = 0;
        while (start < end && isBlank(input.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(input.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return empty(year, "payload is empty");
        }
        ParseState st = states.get().reset(input, year);
        st.end = end;
        InputForm form;
        Symbology symbology = null;
        if (input.charAt(start) == '(') {
            form = InputForm.BRACKETED;
            readers.bracketed(st, start, end);
        } else if (startsWithHttp(input, start, end)) {
            form = InputForm.DIGITAL_LINK;
            readers.digitalLink(st, start, end);
        } else if (plainCarrier(input, start) != null && startsWithHttp(input, start + 3, end)) {
            // ]Q1 / ]d1: a QR Code or DataMatrix of plain data, here a GS1 Digital Link URI.
            form = InputForm.DIGITAL_LINK;
            symbology = plainCarrier(input, start);
            readers.digitalLink(st, start + 3, end);
        } else {
            form = InputForm.SCANNER;
            symbology = readers.scanner(st, start, end);
        }
        for (int i = 0, n = st.size(); i < n; i++) {
            elementRules.check(st, i);
        }
        PayloadRules.duplicates(st);
        PayloadRules.associations(st);
        PayloadKind kind = PayloadRules.kind(st);
        Gs1Result result = result(st, form, symbology, kind);
        st.reset(null, year); // keep no reference to the input or the elements
        return result;
    }

    private Gs1Result empty(int year, String message) {
        ParseState st = new ParseState("", year);
        st.error(Gs1ErrorCode.EMPTY, null, 0, message);
        return result(st, null, null, null);
    }

    private static Gs1Result result(ParseState st, InputForm form, Symbology symbology, PayloadKind kind) {
        List<Gs1Element> elements = st.elements;
        if (st.duplicates) {
            elements = new ArrayList<>(st.size());
            for (Gs1Element e : st.elements) {
                if (elements.stream().noneMatch(kept -> kept.ai().equals(e.ai()))) {
                    elements.add(e); // a duplicate is reported; the first occurrence is kept
                }
            }
        }
        return new Gs1Result(form, symbology, Gs1Payload.of(elements), st.errors(), kind, st.referenceYear);
    }

    private int referenceYear() {
        long now = profile.clock().millis();
        YearCache cache = yearCache;
        if (now >= cache.validUntil() || now < cache.validUntil() - 2 * YEAR_CACHE_MILLIS) {
            cache = new YearCache(BpomTime.dateOf(Instant.ofEpochMilli(now)).getYear(), now + YEAR_CACHE_MILLIS);
            yearCache = cache;
        }
        return cache.year();
    }

    /** The carrier of a plain-data symbology identifier ]Q1 or ]d1 at {@code start}, or null. */
    static Symbology plainCarrier(CharSequence s, int start) {
        if (s.length() - start < 3 || s.charAt(start) != ']' || s.charAt(start + 2) != '1') {
            return null;
        }
        return switch (s.charAt(start + 1)) {
            case 'Q' -> Symbology.QR;
            case 'd' -> Symbology.DATAMATRIX;
            default -> null;
        };
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean startsWithHttp(CharSequence s, int start, int end) {
        return regionMatches(s, start, end, "https://") || regionMatches(s, start, end, "http://");
    }

    private static boolean regionMatches(CharSequence s, int start, int end, String prefix) {
        if (end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(s.charAt(start + i)) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
