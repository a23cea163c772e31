package io.lacak.api.http;

import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Set;

/** Issue 21: the headers a node passes on when it forwards a request, and its owner's answer back ({@link Forwarder}). */
final class ForwardedHeaders {

    private ForwardedHeaders() {}

    /** Hop-by-hop headers (RFC 9110 7.6.1) and what the client sets itself: never copied across. */
    private static final Set<String> HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "expect");

    /** Every header of {@code from} but the hop-by-hop ones, added to {@code to}. */
    static void copy(MultiMap from, MultiMap to) {
        for (var h : from) {
            if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        }
    }
}
