package io.lacak.api.barcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.lacak.api.barcode.BarcodeImage.Options;
import io.lacak.api.barcode.BarcodeImage.SizeRefused;
import io.lacak.api.barcode.BarcodeImage.Symbology;
import io.lacak.core.gs1.Gs1Payload;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BarcodeImageTest {

    static final String ELEMENT_STRING = Gs1Payload.authentication(
                    "DKL2600000001A1", "B2611", LocalDate.of(2028, 11, 30), "2CR83YXLRHDZ")
            .scannerData(null);

    @ParameterizedTest(name = "{0} reads back with symbology identifier {1}")
    @CsvSource({"DATAMATRIX, ]d2", "QR, ]Q3"})
    void symbolsCarryFnc1AndGsSoScannersReportGs1(Symbology symbology, String identifier) throws Exception {
        byte[] png = BarcodeImage.render(
                        ELEMENT_STRING,
                        new Options().setSymbology(symbology).setSizeMm(20).setDpi(300))
                .png();

        Result r = new MultiFormatReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(
                                new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png))))),
                        Map.of(DecodeHintType.TRY_HARDER, true));

        // ZXing's DataMatrix reader shows the leading FNC1 as a GS too; the identifier says it is the GS1 flag
        String text = r.getText().startsWith("\u001d") ? r.getText().substring(1) : r.getText();
        assertThat(text.replace('\u001d', '|'))
                .isEqualTo(ELEMENT_STRING.replace('\u001d', '|'))
                .contains("|");
        assertThat(r.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER))
                .isEqualTo(identifier);
    }

    @Test
    void pasal22_symbolsUnderSixMillimetresAreRefused() {
        assertThatThrownBy(() -> BarcodeImage.render(ELEMENT_STRING, new Options().setSizeMm(5.9)))
                .isInstanceOf(SizeRefused.class)
                .hasMessageContaining("Pasal 22");
        // at a coarse resolution the modules round up: the symbol grows rather than shrinking under 6 mm
        assertThat(BarcodeImage.render(
                                ELEMENT_STRING, new Options().setSizeMm(6).setDpi(72))
                        .symbolMm())
                .isGreaterThanOrEqualTo(6);
        assertThat(BarcodeImage.render(
                                ELEMENT_STRING, new Options().setSizeMm(6).setDpi(600))
                        .modules())
                .isPositive();
    }

    @Test
    void pngIsSizedInMillimetresAtTheResolution() throws Exception {
        byte[] png = BarcodeImage.render(
                        ELEMENT_STRING, new Options().setSizeMm(25.4).setDpi(300))
                .png();
        BarcodeImage image = BarcodeImage.render(
                ELEMENT_STRING, new Options().setSizeMm(25.4).setDpi(300));
        int width = ImageIO.read(new ByteArrayInputStream(png)).getWidth();
        // one inch at 300 dpi for the symbol, whole dots per module rounded up, plus the one-module quiet zone
        int modulePx = width / (image.modules() + 2);
        assertThat(modulePx * image.modules()).isBetween(300, 300 + image.modules());
    }

    @Test
    void pasal23_svgPrintsAtTheAskedSizeWithTheOptionalCaption() {
        String plain =
                BarcodeImage.render(ELEMENT_STRING, new Options().setSizeMm(12)).svg();
        String captioned = BarcodeImage.render(
                        ELEMENT_STRING, new Options().setSizeMm(12).setCaption(true))
                .svg();

        assertThat(plain)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .doesNotContain("BPOM RI");
        assertThat(captioned).contains(">BPOM RI</text>");
    }
}
