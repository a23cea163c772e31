package io.lacak.ingest.csv;

import static io.lacak.ingest.csv.Column.ACTIVE;
import static io.lacak.ingest.csv.Column.BARCODE;
import static io.lacak.ingest.csv.Column.BATCH;
import static io.lacak.ingest.csv.Column.DESTINATION_PARTNER_ID;
import static io.lacak.ingest.csv.Column.EXPIRY;
import static io.lacak.ingest.csv.Column.GTIN;
import static io.lacak.ingest.csv.Column.NIE;
import static io.lacak.ingest.csv.Column.PACKAGING;
import static io.lacak.ingest.csv.Column.PARTNER_ID;
import static io.lacak.ingest.csv.Column.PRIMARY_CODE;
import static io.lacak.ingest.csv.Column.REASON;
import static io.lacak.ingest.csv.Column.REJECT;
import static io.lacak.ingest.csv.Column.RETAINED_SAMPLE;
import static io.lacak.ingest.csv.Column.SECONDARY_CODE;
import static io.lacak.ingest.csv.Column.TERTIARY_CODE;

import java.util.List;
import java.util.Set;

/** The CSV reporting templates and their columns (DESIGN.md "CSV templates"). */
public enum Template {
    /** Lampiran G.4.b: usage with aggregation, by the NIE holder. */
    USAGE(List.of(
            PARTNER_ID,
            PACKAGING,
            PRIMARY_CODE,
            SECONDARY_CODE,
            TERTIARY_CODE,
            NIE,
            EXPIRY,
            BATCH,
            GTIN,
            ACTIVE,
            RETAINED_SAMPLE,
            REJECT)),
    /** Lampiran H.c.4: shipment to a destination partner. */
    SHIPMENT(List.of(PARTNER_ID, DESTINATION_PARTNER_ID, PACKAGING, BARCODE, NIE, EXPIRY, BATCH, GTIN)),
    /** Lampiran I.c.4: receipt. */
    RECEIPT(List.of(PARTNER_ID, PACKAGING, BARCODE, NIE, EXPIRY, BATCH, GTIN)),
    /** Lampiran J.c.4: sale by a pharmacy. */
    SALE(List.of(PARTNER_ID, PACKAGING, BARCODE, NIE, EXPIRY, BATCH, GTIN)),
    /** Lampiran K: return to a supplier. */
    RETURN(List.of(PARTNER_ID, DESTINATION_PARTNER_ID, PACKAGING, BARCODE, NIE, EXPIRY, BATCH, GTIN, REASON)),
    /** Lampiran L.b: recall shipment. */
    RECALL_SHIPMENT(List.of(PARTNER_ID, DESTINATION_PARTNER_ID, PACKAGING, BARCODE, NIE, EXPIRY, BATCH, GTIN, REASON));

    private static final Set<Column> OPTIONAL = Set.of(GTIN); // Pasal 8(3): only when the holder has one

    private final List<Column> columns;

    Template(List<Column> columns) {
        this.columns = columns;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The URL name of the template: {@code usage}, {@code recall-shipment}, ... */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The template a URL names, or {@code null}. */
    public static Template ofSlug(String slug) {
        for (Template t : values()) {
            if (t.slug().equals(slug)) {
                return t;
            }
        }
        return null;
    }

    /** The downloadable template: the header and one example row (Lampiran G.4.b, H.c.4, I.c.4, J.c.4). */
    public String example() {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (Column c : columns) {
            header.append(header.length() == 0 ? "" : ",").append(c.header());
            row.append(row.length() == 0 ? "" : ",")
                    .append(
                            switch (c) {
                                case PARTNER_ID -> this == USAGE ? "MFR-001" : "PBF-001";
                                case DESTINATION_PARTNER_ID -> "APT-001";
                                case PACKAGING -> this == USAGE ? "Primer" : "Tersier";
                                case PRIMARY_CODE -> "(90)DKL2600000001A1(10)B001(17)281231(21)2CR83YXLRHDZ";
                                case SECONDARY_CODE -> "(90)DKL2600000001A1(10)B001(17)281231(21)XVBTT2QTQXYA";
                                case TERTIARY_CODE -> "0";
                                case BARCODE -> "(90)DKL2600000001A1(10)B001(17)281231(21)BQDF392MTGDJ";
                                case NIE -> "DKL2600000001A1";
                                case EXPIRY -> "2028-12-31";
                                case BATCH -> "B001";
                                case GTIN -> "";
                                case ACTIVE -> "TRUE";
                                case RETAINED_SAMPLE, REJECT -> "FALSE";
                                case REASON -> "kemasan rusak";
                            });
        }
        return header + "\n" + row + "\n";
    }

    /** Whether a file may leave the column out. */
    public boolean optional(Column c) {
        return OPTIONAL.contains(c);
    }

    /** Whether a row may leave the cell empty. */
    public boolean mayBeEmpty(Column c) {
        return OPTIONAL.contains(c) || c == PACKAGING;
    }
}
