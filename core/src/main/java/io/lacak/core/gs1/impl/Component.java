package io.lacak.core.gs1.impl;

import java.util.List;

/**
 * One component of an AI's data field as the GS1 syntax dictionary describes it, e.g.
 * {@code N6,yymmd0} or the optional {@code [X..17]}.
 */
record Component(char type, int min, int max, boolean optional, List<String> linters) {

    boolean fixed() {
        return min == max;
    }

    /** Parses {@code N6,yymmdd}, {@code X..20} or an optional {@code [N3],iso3166}. */
    static Component parse(String token) {
        boolean optional = token.startsWith("[");
        String format;
        String linters;
        if (optional) {
            int close = token.indexOf(']');
            format = token.substring(1, close);
            linters = token.substring(close + 1);
        } else {
            int comma = token.indexOf(',');
            format = comma < 0 ? token : token.substring(0, comma);
            linters = comma < 0 ? "" : token.substring(comma);
        }
        char type = format.charAt(0);
        if ("NXYZ".indexOf(type) < 0) {
            throw new IllegalArgumentException("unknown component type in " + token);
        }
        int min;
        int max;
        if (format.startsWith("..", 1)) {
            min = 1;
            max = Integer.parseInt(format.substring(3));
        } else {
            min = Integer.parseInt(format.substring(1));
            max = min;
        }
        List<String> names =
                linters.isEmpty() ? List.of() : List.of(linters.substring(1).split(","));
        return new Component(type, min, max, optional, names);
    }
}
