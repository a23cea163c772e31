package io.lacak.core.gs1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures: tab-separated payload files under {@code src/test/resources/payloads}. */
final class Fixtures {

    /** Every test runs on 22 November 2026, so that the sliding century is fixed. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC);

    private Fixtures() {}

    static Gs1Codec codec() {
        return Gs1Codec.create(new Gs1Profile().setClock(CLOCK));
    }

    /** Rows of a fixture file, split at tabs, {@code {GS}} replaced by 0x1D; comments skipped. */
    static List<String[]> rows(String name) {
        InputStream in = Fixtures.class.getResourceAsStream("/payloads/" + name);
        if (in == null) {
            throw new IllegalStateException("no fixture " + name);
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                for (int i = 0; i < cols.length; i++) {
                    cols[i] = cols[i].replace("{GS}", "\u001D");
                }
                rows.add(cols);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
