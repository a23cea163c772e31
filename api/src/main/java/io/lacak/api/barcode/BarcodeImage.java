package io.lacak.api.barcode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
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
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * A printable 2D barcode of one code: GS1 DataMatrix ({@link Gs1DataMatrix}) or GS1 QR (FNC1
 * first, a separator after variable-length fields, so that scanners report {@code ]d2} /
 * {@code ]Q3}). Sizes under 6 mm are refused (Pasal 22: at least 0.6 x 0.6 cm, in proportion to
 * the pack, which is the manufacturer's to judge). At the image's own resolution the symbol, quiet
 * zone excluded, is at least the asked size: modules round up to whole dots, the PNG states its
 * resolution (a pHYs chunk in whole dots per metre, so up to 0.02% off the asked dpi) and the SVG is
 * in millimetres. What size it prints at is the printing software's: one that ignores the stated
 * resolution or scales to fit can print it smaller. Optionally captioned "BPOM RI" (Pasal 23).
 * Rendering blocks: call it off the event loop.
 *
 * <p>{@code byte[] png = BarcodeImage.render(elementString, new BarcodeImage.Options().setSizeMm(10)).png();}
 */
public final class BarcodeImage {

    /** Pasal 22: a 2D barcode is printed at least 0.6 x 0.6 cm; smaller sizes are refused. */
    public static final double MIN_SIZE_MM = 6.0;

    public static final double MAX_SIZE_MM = 100.0;
    /** Pasal 23: the caption on one of two 2D barcodes, on those Badan POM issues. */
    public static final String CAPTION = "BPOM RI";

    private static final double CAPTION_MIN_MM = 2.0;

    public enum Symbology {
        DATAMATRIX,
        QR
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

        public boolean caption() {
            return caption;
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
        BitMatrix m;
        if (options.symbology == Symbology.DATAMATRIX) {
            m = Gs1DataMatrix.encode(elementString);
        } else {
            Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
            hints.put(EncodeHintType.GS1_FORMAT, true);
            hints.put(EncodeHintType.MARGIN, 0);
            hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
            try {
                m = new QRCodeWriter().encode(elementString, BarcodeFormat.QR_CODE, 0, 0, hints);
            } catch (WriterException e) {
                throw new IllegalArgumentException("cannot encode this code as QR: " + e.getMessage(), e);
            }
        }
        int quiet = options.symbology == Symbology.QR ? 4 : 1; // ISO/IEC 18004 and 16022 quiet zones
        // Pasal 22: the symbol itself, quiet zone excluded, is at least the asked size: modules round up
        int modulePixels = (int) Math.ceil(options.sizeMm / 25.4 * options.dpi / m.getWidth());
        return new BarcodeImage(m, options, modulePixels, quiet);
    }

    /** Modules across the symbol, without the quiet zone. */
    public int modules() {
        return modules.getWidth();
    }

    private int side() {
        return (modules.getWidth() + 2 * quietModules) * modulePixels;
    }

    /** Side of the printed symbol in millimetres, quiet zone excluded (PNG at its resolution). */
    public double symbolMm() {
        return modules.getWidth() * modulePixels * 25.4 / options.dpi;
    }

    /** Pasal 23: "BPOM RI" stays legible under a 6 mm symbol: text at least 2 mm high. */
    private double captionMm(double sideMm) {
        return options.caption ? Math.max(CAPTION_MIN_MM, sideMm / 6) : 0;
    }

    private int captionHeight() {
        return (int) Math.ceil(captionMm(side() * 25.4 / options.dpi) / 25.4 * options.dpi);
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
                        g.fillRect(
                                (x + quietModules) * modulePixels,
                                (y + quietModules) * modulePixels,
                                modulePixels,
                                modulePixels);
                    }
                }
            }
            if (options.caption) {
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(6, captionHeight() * 3 / 4)));
                FontMetrics fm = g.getFontMetrics();
                g.drawString(
                        CAPTION, (side - fm.stringWidth(CAPTION)) / 2, side + fm.getAscent() - fm.getDescent() / 2);
            }
        } finally {
            g.dispose();
        }
        return pngWithResolution(img, options.dpi);
    }

    /** The PNG with its resolution in a pHYs chunk, so that it prints at the asked millimetres. */
    private static byte[] pngWithResolution(BufferedImage img, int dpi) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            String perMetre = String.valueOf(Math.round(dpi / 0.0254));
            phys.setAttribute("pixelsPerUnitXAxis", perMetre);
            phys.setAttribute("pixelsPerUnitYAxis", perMetre);
            phys.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(phys);
            meta.mergeTree("javax_imageio_png_1.0", root);
            writer.setOutput(stream);
            writer.write(new IIOImage(img, null, meta));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** SVG in millimetres: one path of unit squares, so it prints at exactly the asked size. */
    public String svg() {
        // the symbol is exactly the asked size; the quiet zone and the caption come on top of it
        int units = modules.getWidth() + 2 * quietModules;
        double mmPerUnit = options.sizeMm / modules.getWidth();
        double captionUnits = captionMm(units * mmPerUnit) / mmPerUnit;
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
                path.append('M')
                        .append(x + quietModules)
                        .append(' ')
                        .append(y + quietModules)
                        .append('h')
                        .append(run)
                        .append("v1h-")
                        .append(run)
                        .append('z');
                x += run;
            }
        }
        StringBuilder svg = new StringBuilder(path.length() + 512);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(fmt(units * mmPerUnit))
                .append("mm\" height=\"")
                .append(fmt((units + captionUnits) * mmPerUnit))
                .append("mm\" viewBox=\"0 0 ")
                .append(units)
                .append(' ')
                .append(fmt(units + captionUnits))
                .append("\" shape-rendering=\"crispEdges\">")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
                .append("<path fill=\"#000\" d=\"")
                .append(path)
                .append("\"/>");
        if (options.caption) {
            svg.append("<text x=\"")
                    .append(fmt(units / 2.0))
                    .append("\" y=\"")
                    .append(fmt(units + captionUnits * 0.8))
                    .append("\" font-family=\"sans-serif\" font-weight=\"bold\" font-size=\"")
                    .append(fmt(captionUnits * 0.8))
                    .append("\" text-anchor=\"middle\">")
                    .append(CAPTION)
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.3f", v);
    }
}
