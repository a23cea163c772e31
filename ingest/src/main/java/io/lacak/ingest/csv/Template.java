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
  USAGE(List.of(PARTNER_ID, PACKAGING, PRIMARY_CODE, SECONDARY_CODE, TERTIARY_CODE, NIE, EXPIRY, BATCH, GTIN,
      ACTIVE, RETAINED_SAMPLE, REJECT)),
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

  /** Whether a file may leave the column out. */
  public boolean optional(Column c) {
    return OPTIONAL.contains(c);
  }

  /** Whether a row may leave the cell empty. */
  public boolean mayBeEmpty(Column c) {
    return OPTIONAL.contains(c) || c == PACKAGING;
  }
}
