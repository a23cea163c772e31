package io.lacak.core.gs1.impl;

import java.util.List;

/**
 * One application identifier of the GS1 syntax dictionary.
 *
 * @param ai the identifier, 2 to 4 digits
 * @param predefinedLength {@code *} flag: fixed length, never followed by a GS separator
 * @param dlAttribute {@code ?} flag: allowed as a Digital Link query attribute
 * @param components the data field, consumed left to right
 * @param requires {@code req=}: alternatives, each a list of AI patterns that must all be present
 * @param excludes {@code ex=}: AI patterns that may not be present
 * @param dlPrimaryKey {@code dlpkey}: a Digital Link primary key
 * @param dlQualifiers {@code dlpkey=}: alternative ordered sequences of qualifier AIs
 * @param title short title
 */
record AiSpec(
        String ai,
        boolean predefinedLength,
        boolean dlAttribute,
        List<Component> components,
        List<List<List<String>>> requires,
        List<List<String>> excludes,
        boolean dlPrimaryKey,
        List<List<String>> dlQualifiers,
        String title) {

    int maxLength() {
        int sum = 0;
        for (Component c : components) {
            sum += c.max();
        }
        return sum;
    }

    /** Pattern match of the dictionary: same length, {@code n} stands for any digit. */
    static boolean matches(String pattern, String ai) {
        if (pattern.length() != ai.length()) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char p = pattern.charAt(i);
            if (p != 'n' && p != ai.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
