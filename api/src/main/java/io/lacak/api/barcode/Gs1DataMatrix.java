package io.lacak.api.barcode;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.encoder.DefaultPlacement;
import com.google.zxing.datamatrix.encoder.ErrorCorrection;
import com.google.zxing.datamatrix.encoder.SymbolInfo;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;

/**
 * GS1 DataMatrix (ISO/IEC 16022 ECC 200) in ASCII encodation only: FNC1 (232) first, FNC1 for every
 * GS separator, digit pairs as one codeword, ISO padding. ZXing's compact encoder mis-encodes GS1
 * payloads (a C40 segment padded without its unlatch, GS written as C40 Shift-1 ESC), so only the
 * error correction, module placement and symbol sizes are ZXing's; the codewords are ours, and a
 * symbol decodes byte for byte to what was given.
 *
 * <p>{@code BitMatrix m = Gs1DataMatrix.encode("90DKL2600000001A1\u001d10B1\u001d17281231212QXW28LW9WCL");}
 */
final class Gs1DataMatrix {

    static final int FNC1 = 232;
    private static final int PAD = 129;
    private static final int UPPER_SHIFT = 235;
    private static final char GS = '\u001d';

    private Gs1DataMatrix() {}

    /** The modules (no quiet zone) of the smallest square symbol holding {@code elementString}. */
    static BitMatrix encode(String elementString) {
        String data = codewords(elementString);
        SymbolInfo symbol = SymbolInfo.lookup(data.length(), SymbolShapeHint.FORCE_SQUARE, null, null, true);
        String all = ErrorCorrection.encodeECC200(pad(data, symbol.getDataCapacity()), symbol);
        DefaultPlacement placement =
                new DefaultPlacement(all, symbol.getSymbolDataWidth(), symbol.getSymbolDataHeight());
        placement.place();
        return layout(placement, symbol);
    }

    /** ASCII encodation of the element string, one char per codeword. */
    static String codewords(String elementString) {
        StringBuilder cw = new StringBuilder(elementString.length() + 2).append((char) FNC1);
        int n = elementString.length();
        for (int i = 0; i < n; i++) {
            char c = elementString.charAt(i);
            if (isDigit(c) && i + 1 < n && isDigit(elementString.charAt(i + 1))) {
                cw.append((char) (130 + (c - '0') * 10 + (elementString.charAt(i + 1) - '0')));
                i++;
            } else if (c == GS) {
                cw.append((char) FNC1); // GS1 DataMatrix: the separator is FNC1, transmitted as GS
            } else if (c < 128) {
                cw.append((char) (c + 1));
            } else if (c < 256) {
                cw.append((char) UPPER_SHIFT).append((char) (c - 128 + 1));
            } else {
                throw new IllegalArgumentException("character U+"
                        + Integer.toHexString(c).toUpperCase() + " at " + i + " cannot be written in a GS1 DataMatrix");
            }
        }
        return cw.toString();
    }

    /** ISO/IEC 16022 5.2.3: the first pad is 129, later ones 253-state randomised. */
    private static String pad(String data, int capacity) {
        StringBuilder b = new StringBuilder(capacity).append(data);
        if (b.length() < capacity) {
            b.append((char) PAD);
        }
        while (b.length() < capacity) {
            int position = b.length() + 1;
            int v = PAD + ((149 * position) % 253) + 1;
            b.append((char) (v > 254 ? v - 254 : v));
        }
        return b.toString();
    }

    /** The data regions with their finder (solid left and bottom) and clock (alternating top and right) edges. */
    private static BitMatrix layout(DefaultPlacement placement, SymbolInfo symbol) {
        int width = symbol.getSymbolWidth();
        int height = symbol.getSymbolHeight();
        BitMatrix m = new BitMatrix(width, height);
        int regionW = symbol.matrixWidth;
        int regionH = symbol.matrixHeight;
        int regionsAcross = symbol.getSymbolDataWidth() / regionW;
        int regionsDown = symbol.getSymbolDataHeight() / regionH;
        for (int ry = 0; ry < regionsDown; ry++) {
            for (int rx = 0; rx < regionsAcross; rx++) {
                int left = rx * (regionW + 2);
                int top = ry * (regionH + 2);
                for (int i = 0; i < regionW + 2; i++) {
                    set(m, left + i, top + regionH + 1, true); // bottom: solid
                    set(m, left + i, top, i % 2 == 0); // top: clock, dark first
                }
                for (int j = 0; j < regionH + 2; j++) {
                    set(m, left, top + j, true); // left: solid
                    set(m, left + regionW + 1, top + j, j % 2 == 1 || j == regionH + 1); // right: clock, ends dark
                }
                for (int y = 0; y < regionH; y++) {
                    for (int x = 0; x < regionW; x++) {
                        set(m, left + 1 + x, top + 1 + y, placement.getBit(rx * regionW + x, ry * regionH + y));
                    }
                }
            }
        }
        return m;
    }

    private static void set(BitMatrix m, int x, int y, boolean dark) {
        if (dark) {
            m.set(x, y);
        } else {
            m.unset(x, y);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
