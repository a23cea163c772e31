package io.lacak.core.gs1;

import java.time.Clock;
import java.util.Objects;

/**
 * Options of the BPOM validation profile layered on GS1 (DESIGN.md "Codes").
 *
 * <p>{@code Gs1Codec.create(new Gs1Profile().setDayZeroAllowed(false))}
 */
public final class Gs1Profile {

    /** Longer than the largest GS1 DataMatrix can carry (3,116 digits); anything beyond is refused unread. */
    public static final int DEFAULT_MAX_INPUT_LENGTH = 4096;

    private Clock clock = Clock.systemUTC();
    private boolean dayZeroAllowed = true;
    private int maxInputLength = DEFAULT_MAX_INPUT_LENGTH;
    private String digitalLinkBase = "https://id.lacak.example";

    /** The clock that anchors GS1's sliding century for two-digit years. */
    public Clock clock() {
        return clock;
    }

    public Gs1Profile setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Whether day {@code 00} is accepted in (17) expiry and (91) NIE validity, meaning the last day
     * of the month as GS1 defines it. The regulation writes these dates as YY-MM-DD (Lampiran C);
     * turn this off to insist on a real day.
     */
    public boolean dayZeroAllowed() {
        return dayZeroAllowed;
    }

    public Gs1Profile setDayZeroAllowed(boolean dayZeroAllowed) {
        this.dayZeroAllowed = dayZeroAllowed;
        return this;
    }

    /** Inputs longer than this many characters are refused with {@link Gs1ErrorCode#INPUT_TOO_LONG}. */
    public int maxInputLength() {
        return maxInputLength;
    }

    public Gs1Profile setMaxInputLength(int maxInputLength) {
        if (maxInputLength < 1) {
            throw new IllegalArgumentException("maxInputLength must be positive: " + maxInputLength);
        }
        this.maxInputLength = maxInputLength;
        return this;
    }

    /** Scheme and host that Digital Link URIs are written with, without a trailing slash. */
    public String digitalLinkBase() {
        return digitalLinkBase;
    }

    public Gs1Profile setDigitalLinkBase(String digitalLinkBase) {
        Objects.requireNonNull(digitalLinkBase, "digitalLinkBase");
        if (!digitalLinkBase.startsWith("https://") && !digitalLinkBase.startsWith("http://")) {
            throw new IllegalArgumentException("digitalLinkBase must be an http(s) URI: " + digitalLinkBase);
        }
        this.digitalLinkBase = digitalLinkBase.endsWith("/")
                ? digitalLinkBase.substring(0, digitalLinkBase.length() - 1)
                : digitalLinkBase;
        return this;
    }
}
