package io.lacak.registration.certification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The certificate a certification ends with (seed 002: "sertifikat akan terbit dan dapat di
 * download"), as a one-page A4 PDF: title, number, company, plants and dosage forms, dates.
 *
 * <p>{@code byte[] pdf = CertificatePdf.render("CPOTB-2026-000003", title, lines);}
 */
public final class CertificatePdf {

    private static final float MARGIN = 56;

    private CertificatePdf() {}

    /** A PDF with {@code title} and {@code number} at the top and {@code lines} below. Blocking (CPU). */
    public static byte[] render(String title, String number, List<String> lines) {
        try (PDDocument doc = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font plain = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            float y = page.getMediaBox().getHeight() - MARGIN;
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                y = line(text, bold, 11, "BADAN PENGAWAS OBAT DAN MAKANAN REPUBLIK INDONESIA", y);
                y = line(text, bold, 14, title, y - 16);
                y = line(text, plain, 11, "Nomor: " + number, y - 4);
                y -= 12;
                for (String l : lines) {
                    y = line(text, plain, 11, l, y);
                }
            }
            doc.getDocumentInformation().setTitle(title + " " + number);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float line(PDPageContentStream s, PDType1Font font, float size, String text, float y)
            throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(MARGIN, y);
        s.showText(latin1(text));
        s.endText();
        return y - size * 1.5f;
    }

    /** The standard fonts encode WinAnsi only: anything else becomes '?'. */
    private static String latin1(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7F || c >= 0xA0 && c <= 0xFF ? (char) c : '?'));
        return b.toString();
    }
}
