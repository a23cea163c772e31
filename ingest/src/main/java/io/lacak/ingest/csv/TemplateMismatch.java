package io.lacak.ingest.csv;

import java.util.List;

/** A file that does not match its template: refused whole before any row is read. */
public final class TemplateMismatch extends Exception {

    private final List<CsvProblem> problems;

    public TemplateMismatch(List<CsvProblem> problems) {
        super("the file does not match its template: " + problems.size() + " problem(s)");
        this.problems = List.copyOf(problems);
    }

    public List<CsvProblem> problems() {
        return problems;
    }
}
