package io.lacak.api.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Watches public verification of sold codes: a sold pack is normally scanned by the one household
 * that bought it, so a sold code verified from {@code threshold} different clients is a possible
 * clone (many packs printed with one genuine code). The watch keeps the most recently verified
 * {@value #CODES} sold codes, each with at most {@code threshold} client fingerprints, and says
 * "alert" exactly once per code while it is remembered.
 *
 * <p>{@code if (watch.seen(productId + "/" + serial, clientIp)) { alerts.raise(...) }}
 */
final class CloneWatch {

    static final int CODES = 100_000;

    private final int threshold;
    private final Map<String, int[]> clients; // [0]: count (-1 once alerted), [1..threshold]: client hashes

    CloneWatch(int threshold) {
        this.threshold = threshold;
        this.clients = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, int[]> eldest) {
                return size() > CODES;
            }
        };
    }

    /** Records that {@code client} verified the sold code {@code code}; true when this makes it a possible clone. */
    synchronized boolean seen(String code, String client) {
        if (threshold <= 0) {
            return false;
        }
        int[] seen = clients.computeIfAbsent(code, k -> new int[threshold + 1]);
        if (seen[0] < 0) {
            return false;
        }
        int h = client.hashCode();
        for (int i = 1; i <= seen[0]; i++) {
            if (seen[i] == h) {
                return false;
            }
        }
        seen[++seen[0]] = h;
        if (seen[0] >= threshold) {
            seen[0] = -1;
            return true;
        }
        return false;
    }
}
