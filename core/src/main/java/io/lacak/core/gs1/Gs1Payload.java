package io.lacak.core.gs1;

import io.lacak.core.gs1.impl.AiDictionary;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The elements of a payload in the regulation's order: the key ((00), (01), (90)), then (10),
 * (17), (21), (91), then any other AI in the order given. Writes each of the three forms.
 *
 * <p>{@code Gs1Payload.authentication("DKL1234567890A1", "B01", expiry, "7K3M9P").bracketed()}
 */
public final class Gs1Payload {

    private static final char GS = '\u001D';

    private final Gs1Element[] elements; // canonical order; never changed after construction

    private Gs1Payload(Gs1Element[] canonical) {
        this.elements = canonical;
    }

    /** A payload of these elements, put in canonical order. Validity is not checked here. */
    public static Gs1Payload of(List<Gs1Element> elements) {
        Gs1Element[] sorted = elements.toArray(new Gs1Element[0]);
        sortCanonical(sorted);
        return new Gs1Payload(sorted);
    }

    /** {@code (90)NIE(10)BATCH(17)YYMMDD(21)SERIAL} (Lampiran C.2). */
    public static Gs1Payload authentication(String nie, String batch, LocalDate expiry, String serial) {
        return of(List.of(
                new Gs1Element("90", nie, -1),
                new Gs1Element("10", batch, -1),
                new Gs1Element("17", Gs1Dates.format(expiry), -1),
                new Gs1Element("21", serial, -1)));
    }

    /** {@code (01)GTIN(10)BATCH(17)YYMMDD(21)SERIAL} (Lampiran C.2). */
    public static Gs1Payload authenticationByGtin(String gtin, String batch, LocalDate expiry, String serial) {
        return of(List.of(
                new Gs1Element("01", gtin, -1),
                new Gs1Element("10", batch, -1),
                new Gs1Element("17", Gs1Dates.format(expiry), -1),
                new Gs1Element("21", serial, -1)));
    }

    /** {@code (90)NIE(91)YYMMDD} (Lampiran C.1). */
    public static Gs1Payload identification(String nie, LocalDate nieValidUntil) {
        return of(List.of(new Gs1Element("90", nie, -1), new Gs1Element("91", Gs1Dates.format(nieValidUntil), -1)));
    }

    /** The elements in canonical order (an unmodifiable view). */
    public List<Gs1Element> elements() {
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    /** Number of elements. */
    public int size() {
        return elements.length;
    }

    /** Element {@code i} in canonical order: {@code for (int i = 0; i < p.size(); i++) use(p.element(i));}. */
    public Gs1Element element(int i) {
        return elements[i];
    }

    public boolean isEmpty() {
        return elements.length == 0;
    }

    /** The value of the first element with this AI, or {@code null}. */
    public String get(String ai) {
        for (Gs1Element e : elements) {
            if (e.ai().equals(ai)) {
                return e.value();
            }
        }
        return null;
    }

    public boolean has(String ai) {
        return get(ai) != null;
    }

    /** (90): the NIE, marketing authorisation number. */
    public String nie() {
        return get("90");
    }

    /** (01): the GTIN-14. */
    public String gtin() {
        return get("01");
    }

    /** (00): the SSCC of a logistic unit. */
    public String sscc() {
        return get("00");
    }

    /** (10): batch or lot. */
    public String batch() {
        return get("10");
    }

    /** (17): expiry, YYMMDD as printed. */
    public String expiry() {
        return get("17");
    }

    /** (21): serial number. */
    public String serial() {
        return get("21");
    }

    /** (91): end of the NIE's validity, YYMMDD as printed (BPOM profile). */
    public String nieValidUntil() {
        return get("91");
    }

    /** The elements as an ordered map, AI to value (first occurrence wins). */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Gs1Element e : elements) {
            map.putIfAbsent(e.ai(), e.value());
        }
        return map;
    }

    /**
     * Human-readable form, e.g. {@code (90)DKL1234567890A1(10)B01(17)281231(21)7K3M9P}. A {@code (}
     * inside a value is written {@code \(}, as GS1's Barcode Syntax Engine does, so that a value
     * holding {@code (17)290101} cannot read back as another element.
     */
    public String bracketed() {
        return appendBracketed(new StringBuilder(64)).toString();
    }

    /** Appends {@link #bracketed()} to {@code sb} and returns it (no string of its own: a big file's hot loop). */
    public StringBuilder appendBracketed(StringBuilder sb) {
        for (Gs1Element e : elements) {
            sb.append('(').append(e.ai()).append(')');
            String v = e.value();
            for (int i = 0, n = v.length(); i < n; i++) {
                char c = v.charAt(i);
                if (c == '(') {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb;
    }

    /**
     * What a scanner transmits: the symbology identifier (none when {@code symbology} is null),
     * then the elements with a GS (0x1D) after each variable-length field that is not the last.
     */
    public String scannerData(Symbology symbology) {
        AiDictionary dict = AiDictionary.standard();
        StringBuilder sb = new StringBuilder(64);
        if (symbology != null) {
            sb.append(symbology.identifier());
        }
        for (int i = 0, n = elements.length; i < n; i++) {
            Gs1Element e = elements[i];
            sb.append(e.ai()).append(e.value());
            if (i < n - 1 && !dict.predefinedLength(e.ai())) {
                sb.append(GS);
            }
        }
        return sb.toString();
    }

    /**
     * GS1 Digital Link URI under {@code base} (e.g. {@code https://id.example}): the (01) key and
     * its qualifiers in the path, in the qualifier sequence of the GS1 dictionary that takes the
     * most of them ((22), (10), (21), or (235)) while leaving only Digital Link attributes, every
     * other element as a query attribute.
     *
     * @throws IllegalStateException when the payload has no (01) GTIN (the BPOM (90) form has no
     *     Digital Link), or holds an AI that is neither a qualifier in the path nor allowed as a
     *     Digital Link attribute
     */
    public String digitalLink(String base) {
        String gtin = gtin();
        if (gtin == null) {
            throw new IllegalStateException("a GS1 Digital Link needs a (01) GTIN; this payload has none");
        }
        AiDictionary dict = AiDictionary.standard();
        List<String> path = null;
        String refused = null;
        for (List<String> sequence : dict.dlQualifiers("01")) {
            List<String> present = sequence.stream().filter(this::has).toList();
            String notCarried = firstNotAttribute(dict, present);
            if (notCarried == null && (path == null || present.size() > path.size())) {
                path = present;
            } else if (notCarried != null && refused == null) {
                refused = notCarried;
            }
        }
        if (path == null) {
            throw new IllegalStateException("(" + refused + ") cannot be carried by a GS1 Digital Link keyed by (01):"
                    + " it is neither a qualifier in the path nor a Digital Link attribute");
        }
        StringBuilder sb = new StringBuilder(96).append(base);
        if (base.endsWith("/")) {
            sb.setLength(sb.length() - 1);
        }
        sb.append("/01/");
        percentEncode(sb, gtin);
        for (String q : path) {
            sb.append('/').append(q).append('/');
            percentEncode(sb, get(q));
        }
        char sep = '?';
        for (Gs1Element e : elements) {
            if (e.ai().equals("01") || path.contains(e.ai())) {
                continue;
            }
            sb.append(sep).append(e.ai()).append('=');
            percentEncode(sb, e.value());
            sep = '&';
        }
        return sb.toString();
    }

    /** The first element, other than (01) and the path qualifiers, that may not be a Digital Link attribute. */
    private String firstNotAttribute(AiDictionary dict, List<String> path) {
        for (Gs1Element e : elements) {
            if (!e.ai().equals("01") && !path.contains(e.ai()) && !dict.dlAttribute(e.ai())) {
                return e.ai();
            }
        }
        return null;
    }

    /** Rank in the regulation's order; every other AI keeps its place after these. */
    static int rank(String ai) {
        return switch (Gs1Ai.twoDigit(ai)) {
            case Gs1Ai.SSCC -> 0;
            case Gs1Ai.GTIN -> 1;
            case Gs1Ai.NIE -> 2;
            case Gs1Ai.BATCH -> 3;
            case Gs1Ai.EXPIRY -> 4;
            case Gs1Ai.SERIAL -> 5;
            case Gs1Ai.NIE_VALIDITY -> 6;
            default -> 7;
        };
    }

    /** Stable insertion sort by rank: payloads hold a handful of elements. */
    static void sortCanonical(Gs1Element[] a) {
        for (int i = 1; i < a.length; i++) {
            Gs1Element e = a[i];
            int r = rank(e.ai());
            int j = i - 1;
            while (j >= 0 && rank(a[j].ai()) > r) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = e;
        }
    }

    private static void percentEncode(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                sb.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%')
                            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gs1Payload p && asMap().equals(p.asMap()) && elements.length == p.elements.length;
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return bracketed();
    }
}
