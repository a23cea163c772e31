package io.lacak.api.verify;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.lacak.api.http.Problem;
import io.lacak.registration.document.Documents;
import io.vertx.core.buffer.Buffer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Photos and screenshots the public sends: PNG or JPEG only, at most 2 MB, recognised by their
 * content (never by a file name or a declared type), and a QR or DataMatrix symbol read from them
 * with ZXing. Blocking (image decoding): call on a worker.
 *
 * <p>{@code String payload = Photo.check(bytes, "photo").decodeSymbol();}
 */
public final class Photo {

    /** Largest photo accepted (Lampiran M: a supporting photo; 2 MB). */
    public static final int MAX_BYTES = Documents.MAX_BYTES;
    /** Largest image decoded, in pixels: a small file can declare a huge image. */
    private static final long MAX_PIXELS = 40_000_000;

    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS,
            List.of(BarcodeFormat.QR_CODE, BarcodeFormat.DATA_MATRIX),
            DecodeHintType.TRY_HARDER,
            Boolean.TRUE);

    private final byte[] bytes;
    private final String type;
    private final String field;

    private Photo(byte[] bytes, String type, String field) {
        this.bytes = bytes;
        this.type = type;
        this.field = field;
    }

    /** A photo whose content is PNG or JPEG of at most 2 MB; otherwise a 413 or 415 naming {@code field}. */
    public static Photo check(Buffer content, String field) {
        if (content.length() > MAX_BYTES) {
            throw new Problem(
                    413,
                    "PHOTO_TOO_LARGE",
                    "the photo is larger than 2 MB",
                    List.of(new Problem.Item(
                            field, "PHOTO_TOO_LARGE", content.length() + " bytes; at most " + MAX_BYTES)));
        }
        byte[] b = content.getBytes();
        String type = typeOf(b);
        if (type == null) {
            throw new Problem(
                    415,
                    "PHOTO_TYPE",
                    "the photo must be a PNG or JPEG image",
                    List.of(new Problem.Item(field, "PHOTO_TYPE", "the content is not a PNG or JPEG image")));
        }
        return new Photo(b, type, field);
    }

    /** {@code image/png} or {@code image/jpeg} by the file's signature, else {@code null}. */
    static String typeOf(byte[] b) {
        String type = Documents.mediaType(b);
        return type != null && type.startsWith("image/") ? type : null;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** {@code image/png} or {@code image/jpeg}. */
    public String type() {
        return type;
    }

    /**
     * The payload of the QR or DataMatrix symbol in the photo, as a scanner transmits it: GS1 symbols
     * with their symbology identifier ({@code ]d2}, {@code ]Q3}) and GS separators, others as text.
     * 422 when the image cannot be read or holds no symbol.
     */
    public String decodeSymbol() {
        BufferedImage image = image();
        Result r;
        try {
            r = new MultiFormatReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), HINTS);
        } catch (NotFoundException e) {
            throw unreadable("NO_SYMBOL", "no QR or DataMatrix symbol was found in the photo");
        }
        Object id = r.getResultMetadata() == null
                ? null
                : r.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER);
        String text = r.getText();
        if ("]d2".equals(id) || "]Q3".equals(id)) {
            // ZXing reports the leading FNC1 of GS1 DataMatrix as a GS; the identifier already says GS1
            return id + (text.startsWith("\u001d") ? text.substring(1) : text);
        }
        return text;
    }

    private BufferedImage image() {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unreadable("PHOTO_UNREADABLE", "the image cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    throw unreadable("PHOTO_TOO_LARGE", "the image has more than " + MAX_PIXELS + " pixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Problem p) {
                throw p;
            }
            throw unreadable("PHOTO_UNREADABLE", "the image cannot be read: it is damaged or incomplete");
        }
    }

    private Problem unreadable(String code, String message) {
        return new Problem(422, code, message, List.of(new Problem.Item(field, code, message)));
    }
}
