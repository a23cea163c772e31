/**
 * Streaming CSV templates (Lampiran G.4.b, H.c.4, I.c.4, J.c.4) turned into the report commands
 * that {@code core} validates and applies. Built by issue 6; empty until then.
 */
package io.lacak.ingest;
