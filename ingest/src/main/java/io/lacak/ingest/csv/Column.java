package io.lacak.ingest.csv;

import java.util.List;
import java.util.Locale;

/**
 * The columns of the reporting templates (Lampiran G.4.b, H.c.4, I.c.4, J.c.4), each with the
 * headers accepted for it: English and the regulation's Indonesian, compared without case, extra
 * spaces, underscores or hyphens.
 */
public enum Column {
    PARTNER_ID("partner id", "id rekanan"),
    DESTINATION_PARTNER_ID("destination partner id", "id rekanan tujuan"),
    PACKAGING("packaging", "kemasan"),
    PRIMARY_CODE("primary code", "kode primer"),
    SECONDARY_CODE("secondary code", "kode sekunder"),
    TERTIARY_CODE("tertiary code", "kode tersier"),
    BARCODE("2d barcode", "barcode 2d", "kode 2d barcode"),
    NIE("nie", "nomor izin edar"),
    EXPIRY("expiry", "expiry date", "tanggal kedaluwarsa", "kedaluwarsa"),
    BATCH("batch", "batch number", "nomor bets", "bets", "kode produksi"),
    GTIN("gtin", "identitas produk internasional"),
    ACTIVE("active", "aktif", "status aktif"),
    RETAINED_SAMPLE("retained sample", "sampel pertinggal", "status retained sample"),
    REJECT("reject", "ditolak", "status reject"),
    REASON("reason", "alasan");

    private final List<String> headers;

    Column(String... headers) {
        this.headers = List.of(headers);
    }

    /** The English header, as the downloadable templates write it. */
    public String header() {
        String h = headers.get(0);
        return h.equals("2d barcode") ? "2D Barcode" : capitalise(h);
    }

    /** The column a header names, or {@code null}. */
    public static Column of(String header) {
        String n = normalise(header);
        for (Column c : values()) {
            if (c.headers.contains(n)) {
                return c;
            }
        }
        return null;
    }

    static String normalise(String header) {
        String h = header.replace("\uFEFF", "")
                .replace('_', ' ')
                .replace('-', ' ')
                .strip()
                .toLowerCase(Locale.ROOT);
        return h.replaceAll("\\s+", " ");
    }

    private static String capitalise(String h) {
        StringBuilder sb = new StringBuilder();
        for (String w : h.split(" ")) {
            sb.append(sb.length() == 0 ? "" : " ")
                    .append(
                            w.equals("id") || w.equals("nie") || w.equals("gtin")
                                    ? w.toUpperCase(Locale.ROOT)
                                    : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return sb.toString();
    }
}
