package io.lacak.ingest.csv;

import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.lifecycle.UsageLine;
import java.util.List;

/**
 * One data row of a template, read and checked. {@code code} is the primary code of a usage row or
 * the 2D barcode of a movement row; {@code secondary}, {@code tertiary} and {@code use} are for
 * usage rows only; {@code null} where absent or unreadable. A row with problems is not applied.
 */
public record CsvRow(
        long line,
        String partnerId,
        String destinationPartnerId,
        String packaging,
        Gs1Payload code,
        Gs1Payload secondary,
        Gs1Payload tertiary,
        UsageLine.Use use,
        String reason,
        List<CsvProblem> problems) {

    public boolean valid() {
        return problems.isEmpty();
    }
}
