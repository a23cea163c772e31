package io.lacak.registration.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.refusal.Refusal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Documents are recognised by their content, never by their name (seed 002). */
class DocumentsTest {

    static byte[] zip(String entry) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void seed002_excelWorkbooksAreRecognised_otherZipsAreNot() throws Exception {
        assertThat(Documents.mediaType(zip("xl/workbook.xml"))).isEqualTo(Documents.XLSX);
        assertThat(Documents.mediaType(zip("word/document.xml"))).isNull();
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThat(Documents.mediaType(ole2)).isEqualTo(Documents.XLS);
        assertThat(Documents.mediaType("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("application/pdf");
    }

    @Test
    void seed002_registrationsTakeImagesAndPdf_certificationsPdfAndExcel() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0};
        List<Refusal.Item> problems = new ArrayList<>();
        assertThat(Documents.check("f", "SIUP", "siup.png", png, problems)).isNotNull();
        assertThat(Documents.check("f", "SIUP", "siup.xlsx", zip("xl/workbook.xml"), problems))
                .isNull();
        assertThat(Documents.check(
                        "f", "TECHNICAL", "ahs.xlsx", zip("xl/workbook.xml"), Documents.PDF_AND_EXCEL, problems))
                .isNotNull();
        assertThat(Documents.check("f", "TECHNICAL", "foto.png", png, Documents.PDF_AND_EXCEL, problems))
                .isNull();
        assertThat(Documents.check(
                        "f",
                        "TECHNICAL",
                        "big.pdf",
                        new byte[Documents.MAX_BYTES + 1],
                        Documents.PDF_AND_EXCEL,
                        problems))
                .isNull();
        assertThat(problems)
                .extracting(Refusal.Item::code)
                .containsExactly("DOCUMENT_TYPE", "DOCUMENT_TYPE", "DOCUMENT_TOO_LARGE");
    }
}
