package io.lacak.ingest.csv;

/** A file that stops being CSV part-way (an unclosed quote, for example): it cannot be read on. */
public final class CsvSyntaxException extends Exception {

    private final CsvProblem problem;

    public CsvSyntaxException(CsvProblem problem) {
        super(problem.message());
        this.problem = problem;
    }

    public CsvProblem problem() {
        return problem;
    }
}
