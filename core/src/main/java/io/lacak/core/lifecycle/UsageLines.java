package io.lacak.core.lifecycle;

import io.lacak.core.store.CodeKey;
import java.util.List;

/**
 * The lines of a usage report (Lampiran G) with the work on each code that needs neither the store
 * nor the writer done ahead (issue 18): its store key, and, through {@link #decrypt}, the counter
 * its serial decrypts to under its product's current key. A bulk report's reader does it for a
 * chunk while the writer decides the chunk before; what is not done ahead, {@link Ledger} does.
 * Three codes a line: primary, secondary, tertiary (a code packed into the same container as the
 * line before is computed once).
 *
 * <p>{@code UsageLines u = new UsageLines(lines); u.decrypt(serials); ledger.usage(mfr, u, Mode.ATOMIC);}
 */
public final class UsageLines {

    private static final int CODES_A_LINE = 3;

    private final List<UsageLine> lines;
    private final byte[][] keys;
    private final LacakSerials.Decrypted[] decrypted; // null: not done ahead

    public UsageLines(List<UsageLine> lines) {
        this.lines = List.copyOf(lines);
        int n = this.lines.size() * CODES_A_LINE;
        this.keys = new byte[n][];
        this.decrypted = new LacakSerials.Decrypted[n];
        for (int i = 0; i < this.lines.size(); i++) {
            UsageLine line = this.lines.get(i);
            UsageLine before = i > 0 ? this.lines.get(i - 1) : null;
            for (int c = 0; c < CODES_A_LINE; c++) {
                CodeRef code = code(line, c);
                int at = i * CODES_A_LINE + c;
                if (code == null) {
                    continue;
                }
                keys[at] = before != null && code(before, c) == code
                        ? keys[at - CODES_A_LINE] // the same container as the line before: one key, read-only
                        : CodeKey.encode(code.productId(), code.serial(), new byte[CodeKey.SIZE]);
            }
        }
    }

    private static CodeRef code(UsageLine line, int c) {
        return switch (c) {
            case 0 -> line.primary();
            case 1 -> line.secondary();
            default -> line.tertiary();
        };
    }

    /** Decrypts each code's serial under its product's current key, as {@link LacakSerials#find} would first. */
    public void decrypt(LacakSerials serials) {
        for (int i = 0; i < lines.size(); i++) {
            UsageLine line = lines.get(i);
            for (int c = 0; c < CODES_A_LINE; c++) {
                CodeRef code = code(line, c);
                int at = i * CODES_A_LINE + c;
                if (code == null) {
                    continue;
                }
                decrypted[at] = i > 0 && code(lines.get(i - 1), c) == code
                        ? decrypted[at - CODES_A_LINE]
                        : serials.decryptCurrent(code);
            }
        }
    }

    public int size() {
        return lines.size();
    }

    public UsageLine line(int i) {
        return lines.get(i);
    }

    /** The store key of line {@code i}'s code {@code c} (0 primary, 1 secondary, 2 tertiary): read-only. */
    byte[] key(int i, int c) {
        return keys[i * CODES_A_LINE + c];
    }

    /** What {@link #decrypt} found for that code, {@code null} when it was not done or found nothing. */
    LacakSerials.Decrypted decrypted(int i, int c) {
        return decrypted[i * CODES_A_LINE + c];
    }
}
