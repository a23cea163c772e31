package io.lacak.api.barcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.lacak.api.barcode.BarcodeImage.Options;
import io.lacak.api.barcode.BarcodeImage.Symbology;
import io.lacak.core.gs1.Gs1CheckDigit;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.gs1.Gs1Result;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every printed symbol reads back exactly what was encoded, with decoders nobody here wrote:
 * libdmtx's {@code dmtxread} for DataMatrix, zbar's {@code zbarimg} for QR (Debian {@code dmtx-utils},
 * {@code zbar-tools}, installed by {@code .ci/run}), ZXing for both, and Batik rasterising the SVGs.
 * The element string read back (FNC1 first, GS only after a variable-length field that is not last)
 * equals the input byte for byte.
 */
class PrintedSymbolsDecodeTest {

    static final int PAYLOADS = 2000;
    static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** GS1 character set 82, for element strings beyond the BPOM profile's alphanumerics. */
    static final String CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    static final Gs1Codec CODEC = Gs1Codec.bpom();

    record Case(int id, String elementString, Symbology symbology, boolean svg, double sizeMm, int dpi) {
        String file() {
            return (symbology == Symbology.QR ? "qr-" : "dm-") + id + (svg ? "-svg" : "") + ".png";
        }
    }

    static List<String> payloads = new ArrayList<>();

    @BeforeAll
    static void payloads() {
        Random rnd = new Random(20261201);
        while (payloads.size() < PAYLOADS) {
            int kind = payloads.size() % 10;
            String batch = random(rnd, ALNUM, 1 + rnd.nextInt(20));
            String serial = random(rnd, ALNUM, 1 + rnd.nextInt(20));
            LocalDate expiry = LocalDate.of(2026 + rnd.nextInt(10), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
            Gs1Payload p;
            if (kind < 4) {
                p = Gs1Payload.authentication(nie(rnd), batch, expiry, serial);
            } else if (kind < 7) {
                p = Gs1Payload.authenticationByGtin(
                        Gs1CheckDigit.append(random(rnd, "0123456789", 13)), batch, expiry, serial);
            } else if (kind < 8) {
                p = Gs1Payload.identification(nie(rnd), expiry);
            } else {
                // any CSET 82 text the encoder may be handed: (10) and (21) with punctuation, (21) last
                payloads.add("01" + Gs1CheckDigit.append(random(rnd, "0123456789", 13)) + "10"
                        + random(rnd, CSET82, 1 + rnd.nextInt(20)) + "\u001d17" + "281231" + "21"
                        + random(rnd, CSET82, 1 + rnd.nextInt(20)));
                continue;
            }
            Gs1Result r = CODEC.parse(p.bracketed());
            assertThat(r.valid()).as(p.bracketed()).isTrue();
            payloads.add(r.payload().scannerData(null));
        }
    }

    @Test
    void everySymbolDecodesToExactlyItsElementStringWithThreeIndependentDecoders(@TempDir Path dir) throws Exception {
        assertThat(Path.of("/usr/bin/dmtxread"))
                .as("dmtxread (Debian dmtx-utils; .ci/run installs it)")
                .exists();
        assertThat(Path.of("/usr/bin/zbarimg"))
                .as("zbarimg (Debian zbar-tools; .ci/run installs it)")
                .exists();
        Random rnd = new Random(7);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            for (Symbology s : Symbology.values()) {
                double size = 6 + rnd.nextInt(9) * 0.5;
                int dpi = rnd.nextBoolean() ? 300 : 600;
                cases.add(new Case(i, payloads.get(i), s, i % 8 == 0, size, dpi));
            }
        }
        List<String> zxingFailures = new ArrayList<>();
        for (Case c : cases) {
            BarcodeImage image = BarcodeImage.render(
                    c.elementString(),
                    new Options()
                            .setSymbology(c.symbology())
                            .setSizeMm(c.sizeMm())
                            .setDpi(c.dpi()));
            byte[] png = c.svg() ? rasterise(image.svg(), c.dpi()) : image.png();
            Files.write(dir.resolve(c.file()), png);
            String read = zxing(png, c.symbology());
            if (!c.elementString().equals(read)) {
                zxingFailures.add(c.sizeMm() + " mm at " + c.dpi() + " dpi: " + c.file() + " "
                        + visible(c.elementString()) + " read as " + visible(read));
            }
        }
        assertThat(zxingFailures).as("ZXing").isEmpty();

        List<Case> dm = cases.stream()
                .filter(c -> c.symbology() == Symbology.DATAMATRIX)
                .toList();
        List<Case> qr =
                cases.stream().filter(c -> c.symbology() == Symbology.QR).toList();
        assertThat(dm.size() + qr.size()).isGreaterThanOrEqualTo(2 * PAYLOADS);
        assertThat(dmtxread(dir, dm)).as("libdmtx dmtxread").isEmpty();
        assertThat(zbarimg(dir, qr)).as("zbar zbarimg").isEmpty();
    }

    @Test
    void pasal22_theSymbolWithoutItsQuietZoneIsAtLeastTheAskedSizeAndThePngCarriesItsResolution() throws Exception {
        for (Symbology s : Symbology.values()) {
            for (int dpi : new int[] {72, 150, 300, 600, 1200}) {
                for (double size : new double[] {6.0, 6.5, 10, 25.4}) {
                    BarcodeImage image = BarcodeImage.render(
                            payloads.get(1),
                            new Options().setSymbology(s).setSizeMm(size).setDpi(dpi));
                    byte[] png = image.png();
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
                    int quiet = s == Symbology.QR ? 4 : 1;
                    int modulePx = img.getWidth() / (image.modules() + 2 * quiet);
                    assertThat(img.getWidth() % (image.modules() + 2 * quiet)).isZero();
                    assertThat(modulePx * image.modules())
                            .as("%s at %d dpi, %s mm", s, dpi, size)
                            .isGreaterThanOrEqualTo((int) Math.ceil(size / 25.4 * dpi - 1e-9));
                    // measured from the pixels: the first dark module of the top-left corner sits after the quiet zone
                    assertThat(firstDarkColumn(img)).isEqualTo(quiet * modulePx);
                    double symbolMm = modulePx * image.modules() * 25.4 / dpi;
                    assertThat(symbolMm).isGreaterThanOrEqualTo(size).isGreaterThanOrEqualTo(BarcodeImage.MIN_SIZE_MM);
                    assertThat(image.symbolMm()).isEqualTo(symbolMm);
                    assertThat(pngDpi(png)).isEqualTo(dpi);
                }
            }
        }
    }

    @Test
    void pasal22_svgStatesTheSymbolPlusItsQuietZoneInMillimetres() {
        BarcodeImage dm = BarcodeImage.render(payloads.get(1), new Options().setSizeMm(6));
        double perModule = 6.0 / dm.modules();
        assertThat(dm.svg())
                .contains("width=\"" + String.format(java.util.Locale.ROOT, "%.3f", (dm.modules() + 2) * perModule)
                        + "mm\"");
        BarcodeImage qr = BarcodeImage.render(
                payloads.get(1), new Options().setSymbology(Symbology.QR).setSizeMm(10));
        assertThat(qr.svg()).contains("viewBox=\"0 0 " + (qr.modules() + 8) + " ");
    }

    static int firstDarkColumn(BufferedImage img) {
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if ((img.getRGB(x, y) & 0xff) < 128) {
                    return x;
                }
            }
        }
        return -1;
    }

    /** The dots per inch of a PNG's pHYs chunk, read from the bytes. */
    static int pngDpi(byte[] png) {
        for (int at = 8; at + 8 <= png.length; ) {
            int len = ((png[at] & 0xff) << 24)
                    | ((png[at + 1] & 0xff) << 16)
                    | ((png[at + 2] & 0xff) << 8)
                    | (png[at + 3] & 0xff);
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("pHYs")) {
                int d = at + 8;
                long perMetre = ((long) (png[d] & 0xff) << 24)
                        | ((png[d + 1] & 0xff) << 16)
                        | ((png[d + 2] & 0xff) << 8)
                        | (png[d + 3] & 0xff);
                assertThat(png[d + 8]).as("unit: metre").isEqualTo((byte) 1);
                return (int) Math.round(perMetre * 0.0254);
            }
            at += 12 + len;
        }
        return -1;
    }

    static byte[] rasterise(String svg, int dpi) throws Exception {
        PNGTranscoder t = new PNGTranscoder();
        t.addTranscodingHint(PNGTranscoder.KEY_PIXEL_UNIT_TO_MILLIMETER, (float) (25.4 / dpi));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.transcode(new TranscoderInput(new StringReader(svg)), new TranscoderOutput(out));
        // Batik keeps transparency where the SVG has none; flatten on white as paper would
        BufferedImage rgba = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        BufferedImage flat = new BufferedImage(rgba.getWidth(), rgba.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var g = flat.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, flat.getWidth(), flat.getHeight());
        g.drawImage(rgba, 0, 0, null);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(flat, "png", png);
        return png.toByteArray();
    }

    /** ZXing's reading as an element string: the GS1 flag (]d2 / ]Q3) checked, then the data. */
    static String zxing(byte[] png, Symbology s) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        BarcodeFormat format = s == Symbology.QR ? BarcodeFormat.QR_CODE : BarcodeFormat.DATA_MATRIX;
        try {
            Result r;
            try {
                r = new MultiFormatReader()
                        .decode(
                                bitmap(img),
                                Map.of(
                                        DecodeHintType.TRY_HARDER,
                                        true,
                                        DecodeHintType.POSSIBLE_FORMATS,
                                        List.of(format)));
            } catch (NotFoundException e) {
                // ZXing's finder misses some tightly cropped symbols of under 3 dots a module (libdmtx and zbar
                // read them); its pure-image mode, and the closer look a phone camera gets, find them
                r = pureOrCloser(img, format);
            }
            Object id = r.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER);
            if (!(s == Symbology.QR ? "]Q3" : "]d2").equals(id)) {
                return "not GS1 (" + id + "): " + r.getText();
            }
            // ZXing shows a DataMatrix's leading FNC1 as a GS too
            return s == Symbology.DATAMATRIX && r.getText().startsWith("\u001d")
                    ? r.getText().substring(1)
                    : r.getText();
        } catch (NotFoundException e) {
            return "nothing";
        }
    }

    static Result pureOrCloser(BufferedImage img, BarcodeFormat format) throws NotFoundException {
        try {
            return new MultiFormatReader()
                    .decode(
                            bitmap(img),
                            Map.of(
                                    DecodeHintType.PURE_BARCODE,
                                    true,
                                    DecodeHintType.POSSIBLE_FORMATS,
                                    List.of(format)));
        } catch (NotFoundException e) {
            BufferedImage closer =
                    new BufferedImage(img.getWidth() * 3, img.getHeight() * 3, BufferedImage.TYPE_BYTE_GRAY);
            var g = closer.createGraphics();
            g.drawImage(img, 0, 0, closer.getWidth(), closer.getHeight(), null);
            g.dispose();
            return new MultiFormatReader()
                    .decode(
                            bitmap(closer),
                            Map.of(DecodeHintType.TRY_HARDER, true, DecodeHintType.POSSIBLE_FORMATS, List.of(format)));
        }
    }

    static BinaryBitmap bitmap(BufferedImage img) {
        return new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img)));
    }

    /** libdmtx, FNC1 shown as GS ({@code -G 29}); the first FNC1 is the GS1 flag. */
    static List<String> dmtxread(Path dir, List<Case> cases) throws Exception {
        List<String> failures = new ArrayList<>();
        for (int from = 0; from < cases.size(); from += 250) {
            List<Case> part = cases.subList(from, Math.min(cases.size(), from + 250));
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/dmtxread", "-n", "-N1", "-G", "29"));
            part.forEach(c -> cmd.add(c.file()));
            String[] lines = run(dir, cmd).split("\n", -1);
            for (int i = 0; i < part.size(); i++) {
                String read = i < lines.length ? lines[i] : "nothing";
                if (!("\u001d" + part.get(i).elementString()).equals(read)) {
                    // a symbol not read shifts the lines after it: name the first one exactly
                    String alone = run(
                            dir,
                            List.of(
                                    "/usr/bin/dmtxread",
                                    "-N1",
                                    "-G",
                                    "29",
                                    part.get(i).file()));
                    failures.add(part.get(i).file() + " " + visible(part.get(i).elementString()) + " read as "
                            + visible(alone));
                    break;
                }
            }
        }
        return failures;
    }

    static final Pattern ZBAR_SYMBOL = Pattern.compile(
            "<source href='([^']+)'>.*?<symbol ([^>]*)><data format='base64'[^>]*><!\\[CDATA\\[\\s*([^\\]]*?)\\s*\\]\\]>",
            Pattern.DOTALL);

    /** zbar's XML names each file, the GS1 modifier (FNC1 first) and the data in base64. */
    static List<String> zbarimg(Path dir, List<Case> cases) throws Exception {
        List<String> failures = new ArrayList<>();
        for (int from = 0; from < cases.size(); from += 250) {
            List<Case> part = cases.subList(from, Math.min(cases.size(), from + 250));
            List<String> cmd =
                    new ArrayList<>(List.of("/usr/bin/zbarimg", "-q", "--xml", "-Sdisable", "-Sqrcode.enable"));
            part.forEach(c -> cmd.add(c.file()));
            String xml = run(dir, cmd);
            Map<String, String> read = new HashMap<>();
            for (String source : xml.split("</source>")) {
                Matcher m = ZBAR_SYMBOL.matcher(source);
                if (m.find()) {
                    String data = new String(
                            Base64.getDecoder().decode(m.group(3).replaceAll("\\s", "")), StandardCharsets.ISO_8859_1);
                    read.put(m.group(1), m.group(2).contains("modifiers='GS1'") ? data : "not GS1: " + data);
                }
            }
            for (Case c : part) {
                String got = read.getOrDefault(c.file(), "nothing");
                if (!c.elementString().equals(got)) {
                    failures.add(c.file() + " " + visible(c.elementString()) + " read as " + visible(got));
                }
            }
        }
        return failures;
    }

    static String run(Path dir, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    static String random(Random rnd, String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A well-formed BPOM NIE: a registration prefix, digits, a letter and a digit. */
    static String nie(Random rnd) {
        String[] prefixes = {"DKL", "DBL", "DTL", "MD", "ML", "TR", "SD", "QD", "NA", "POM"};
        String body = prefixes[rnd.nextInt(prefixes.length)] + random(rnd, "0123456789", 1 + rnd.nextInt(10));
        return body + random(rnd, ALNUM, Math.min(2, 16 - body.length()));
    }

    static String visible(String s) {
        return s.replace('\u001d', '|');
    }
}
