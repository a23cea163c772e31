package io.lacak.ingest.csv;

/**
 * One problem in an uploaded file: the line (1 is the header), the column's header, a stable code
 * and a plain message naming the bad value.
 */
public record CsvProblem(long line, String column, String code, String message) {
}
