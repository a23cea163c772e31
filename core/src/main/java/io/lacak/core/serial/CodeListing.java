package io.lacak.core.serial;

import io.lacak.core.gs1.Gs1Payload;
import java.time.LocalDate;

/**
 * The codes of one level of an issuance, in counter order, written on demand: nothing is stored
 * per code. Each code is its FF1 serial between a prefix and a suffix computed once. Not
 * thread-safe: one listing per stream.
 *
 * <p>{@code listing.write(0, 8192, sb); // the first 8,192 codes, one per line}
 */
public final class CodeListing {

    /** How each code is written. */
    public enum Format {
        /** {@code (90)NIE(10)BATCH(17)YYMMDD(21)SERIAL}. */
        BRACKETED,
        /** The element string a printer encodes: GS (0x1D) after variable-length fields. */
        ELEMENT_STRING,
        /** GS1 Digital Link URI; only for issuances with a GTIN. */
        DIGITAL_LINK,
        /** The serial alone. */
        SERIAL
    }

    private static final String MARKER = "SERIALMARKER";

    private final long first;
    private final long size;
    private final SerialCodec codec;
    private final char[] prefix;
    private final char[] suffix;
    private final char[] line;

    /** The codes of {@code level} of {@code issuance}, serials from {@code codec}. */
    public static CodeListing of(
            Issuance issuance, PackagingLevel level, SerialCodec codec, Format format, String digitalLinkBase) {
        return new CodeListing(issuance, level, codec, format, digitalLinkBase);
    }

    private CodeListing(
            Issuance issuance, PackagingLevel level, SerialCodec codec, Format format, String digitalLinkBase) {
        this.first = issuance.firstCounter(level);
        this.size = issuance.count(level);
        this.codec = codec;
        String template = template(issuance, format, digitalLinkBase);
        int at = template.indexOf(MARKER);
        this.prefix = template.substring(0, at).toCharArray();
        this.suffix = template.substring(at + MARKER.length()).toCharArray();
        this.line = new char[prefix.length + SerialCodec.LENGTH + suffix.length + 1];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(suffix, 0, line, prefix.length + SerialCodec.LENGTH, suffix.length);
        line[line.length - 1] = '\n';
    }

    private static String template(Issuance issuance, Format format, String base) {
        LocalDate expiry = issuance.expiry();
        Gs1Payload p = issuance.gtin() != null
                ? Gs1Payload.authenticationByGtin(issuance.gtin(), issuance.batch(), expiry, MARKER)
                : Gs1Payload.authentication(issuance.nie(), issuance.batch(), expiry, MARKER);
        return switch (format) {
            case BRACKETED -> p.bracketed();
            case ELEMENT_STRING -> p.scannerData(null);
            case DIGITAL_LINK -> p.digitalLink(base); // throws for NIE-keyed issuances
            case SERIAL -> MARKER;
        };
    }

    /** Number of codes in this listing. */
    public long size() {
        return size;
    }

    /** The serial of the code at {@code index}. */
    public String serial(long index) {
        checkIndex(index);
        return codec.serial(first + index);
    }

    /**
     * Appends the codes {@code [from, from + max)} (fewer at the end), one per line; returns how
     * many were written.
     */
    public int write(long from, int max, StringBuilder out) {
        checkIndex(from == size ? from - 1 : from);
        int n = (int) Math.min(max, size - from);
        for (int i = 0; i < n; i++) {
            codec.write(first + from + i, line, prefix.length);
            out.append(line);
        }
        return n;
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("code " + index + " of " + size);
        }
    }
}
