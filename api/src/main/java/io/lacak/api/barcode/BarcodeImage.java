package io.lacak.api.barcode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A printable 2D barcode of one code: GS1 DataMatrix or GS1 QR (FNC1 first, GS between
 * variable-length fields, so that scanners report {@code ]d2} / {@code ]Q3}), sized in millimetres
 * at a given resolution, at least 0.6 x 0.6 cm (Pasal 22), optionally captioned "BPOM RI"
 * (Pasal 23). Rendering blocks: call it off the event loop.
 *
 * <p>{@code byte[] png = BarcodeImage.render(elementString, new BarcodeImage.Options().setSizeMm(10)).png();}
 */
public final class BarcodeImage {

  /** Pasal 22: a 2D barcode is at least 0.6 x 0.6 cm. */
  public static final double MIN_SIZE_MM = 6.0;
  public static final double MAX_SIZE_MM = 100.0;
  /** Pasal 23: the caption on one of two 2D barcodes, on those Badan POM issues. */
  public static final String CAPTION = "BPOM RI";

  public enum Symbology {
    DATAMATRIX, QR
  }

  /** How the image is asked for. */
  public static final class Options {
    private Symbology symbology = Symbology.DATAMATRIX;
    private double sizeMm = 10;
    private int dpi = 300;
    private boolean caption;

    public Options setSymbology(Symbology symbology) {
      this.symbology = symbology;
      return this;
    }

    public Options setSizeMm(double sizeMm) {
      this.sizeMm = sizeMm;
      return this;
    }

    public Options setDpi(int dpi) {
      this.dpi = dpi;
      return this;
    }

    public Options setCaption(boolean caption) {
      this.caption = caption;
      return this;
    }
  }

  /** A size or resolution that cannot make a legal, scannable symbol. */
  public static final class SizeRefused extends RuntimeException {
    public SizeRefused(String message) {
      super(message, null, false, false);
    }
  }

  private final BitMatrix modules;
  private final Options options;
  private final int modulePixels;
  private final int quietModules;

  private BarcodeImage(BitMatrix modules, Options options, int modulePixels, int quietModules) {
    this.modules = modules;
    this.options = options;
    this.modulePixels = modulePixels;
    this.quietModules = quietModules;
  }

  /**
   * Encodes {@code elementString} (the scanner-data form: GS after variable-length fields, no
   * symbology identifier) for printing at {@code options}' size, or throws {@link SizeRefused}.
   */
  public static BarcodeImage render(String elementString, Options options) {
    if (options.sizeMm < MIN_SIZE_MM) {
      throw new SizeRefused("a 2D barcode is at least 6 mm x 6 mm (Pasal 22), not " + options.sizeMm + " mm");
    }
    if (options.sizeMm > MAX_SIZE_MM || options.dpi < 72 || options.dpi > 2400) {
      throw new SizeRefused("size must be 6 to 100 mm and dpi 72 to 2400");
    }
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.GS1_FORMAT, true);
    hints.put(EncodeHintType.MARGIN, 0);
    BitMatrix m;
    try {
      if (options.symbology == Symbology.DATAMATRIX) {
        hints.put(EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE);
        hints.put(EncodeHintType.DATA_MATRIX_COMPACT, true); // the encoder that turns GS into FNC1
        m = new DataMatrixWriter().encode(elementString, BarcodeFormat.DATA_MATRIX, 0, 0, hints);
      } else {
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        m = new QRCodeWriter().encode(elementString, BarcodeFormat.QR_CODE, 0, 0, hints);
      }
    } catch (WriterException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot encode this code as " + options.symbology + ": " + e.getMessage(), e);
    }
    int quiet = options.symbology == Symbology.QR ? 4 : 1; // ISO/IEC 18004 and 16022 quiet zones
    int pixels = (int) Math.floor(options.sizeMm / 25.4 * options.dpi);
    int modulePixels = pixels / (m.getWidth() + 2 * quiet);
    if (modulePixels < 1) {
      throw new SizeRefused(options.sizeMm + " mm at " + options.dpi + " dpi leaves less than one dot per module;"
          + " raise the size or the resolution");
    }
    return new BarcodeImage(m, options, modulePixels, quiet);
  }

  /** Modules across the symbol, without the quiet zone. */
  public int modules() {
    return modules.getWidth();
  }

  private int side() {
    return (modules.getWidth() + 2 * quietModules) * modulePixels;
  }

  private int captionHeight() {
    return options.caption ? Math.max(8, side() / 6) : 0;
  }

  public byte[] png() {
    int side = side();
    BufferedImage img = new BufferedImage(side, side + captionHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setColor(Color.BLACK);
      for (int y = 0; y < modules.getHeight(); y++) {
        for (int x = 0; x < modules.getWidth(); x++) {
          if (modules.get(x, y)) {
            g.fillRect((x + quietModules) * modulePixels, (y + quietModules) * modulePixels, modulePixels, modulePixels);
          }
        }
      }
      if (options.caption) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(6, captionHeight() * 3 / 4)));
        FontMetrics fm = g.getFontMetrics();
        g.drawString(CAPTION, (side - fm.stringWidth(CAPTION)) / 2, side + fm.getAscent() - fm.getDescent() / 2);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** SVG in millimetres: one path of unit squares, so it prints at exactly the asked size. */
  public String svg() {
    int units = modules.getWidth() + 2 * quietModules;
    double captionUnits = options.caption ? units / 6.0 : 0;
    double mmPerUnit = options.sizeMm / units;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < modules.getHeight(); y++) {
      int x = 0;
      while (x < modules.getWidth()) {
        if (!modules.get(x, y)) {
          x++;
          continue;
        }
        int run = 1;
        while (x + run < modules.getWidth() && modules.get(x + run, y)) {
          run++;
        }
        path.append('M').append(x + quietModules).append(' ').append(y + quietModules)
            .append('h').append(run).append("v1h-").append(run).append('z');
        x += run;
      }
    }
    StringBuilder svg = new StringBuilder(path.length() + 512);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(fmt(options.sizeMm)).append("mm\" height=\"")
        .append(fmt((units + captionUnits) * mmPerUnit)).append("mm\" viewBox=\"0 0 ").append(units).append(' ')
        .append(fmt(units + captionUnits)).append("\" shape-rendering=\"crispEdges\">")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
        .append("<path fill=\"#000\" d=\"").append(path).append("\"/>");
    if (options.caption) {
      svg.append("<text x=\"").append(fmt(units / 2.0)).append("\" y=\"").append(fmt(units + captionUnits * 0.8))
          .append("\" font-family=\"sans-serif\" font-weight=\"bold\" font-size=\"").append(fmt(captionUnits * 0.8))
          .append("\" text-anchor=\"middle\">").append(CAPTION).append("</text>");
    }
    return svg.append("</svg>").toString();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}
