package io.lacak.api.barcode;

import io.lacak.api.barcode.BarcodeImage.Options;
import io.lacak.api.barcode.BarcodeImage.SizeRefused;
import io.lacak.api.barcode.BarcodeImage.Symbology;
import io.lacak.api.http.Authentication;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.api.verify.IssuedSerials;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.gs1.PayloadKind;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/barcodes?code=...}: a printable image of any valid code, PNG or SVG, GS1
 * DataMatrix or GS1 QR, sized in millimetres (Pasal 22 minimum). QR by default for what Badan POM
 * issues (Lacak serials, Pasal 5(2); identification codes, Pasal 14), DataMatrix by default for
 * self-issued serials; the "BPOM RI" caption only on Badan POM's codes (Pasal 23(2)). Rendered on a
 * worker thread.
 */
public final class BarcodeRoutes {

    static final String CAPTION_REFUSED =
            "Tulisan \"BPOM RI\" hanya untuk 2D Barcode yang diterbitkan Badan POM (Pasal 23 ayat 2)"
                    + " / the \"BPOM RI\" caption is only for 2D barcodes Badan POM issued (Pasal 23(2)); this serial was not issued by Lacak";
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,6})?");

    private final Vertx vertx;
    private final Gs1Codec codec;
    private final IssuedSerials issued;

    public BarcodeRoutes(Vertx vertx, Gs1Codec codec, IssuedSerials issued) {
        this.vertx = vertx;
        this.codec = codec;
        this.issued = issued;
    }

    public void mount(RouterBuilder b) {
        b.getRoute("getBarcode").addHandler(this::image);
    }

    private void image(RoutingContext ctx) {
        Authentication.caller(ctx);
        Gs1Result code = codec.parse(Replies.param(ctx, "code", ""));
        if (!code.valid()) {
            throw Problem.badRequest(
                    "code",
                    code.errors().get(0).code().name(),
                    code.errors().get(0).message());
        }
        // Pasal 5(2), 14: what Badan POM issues is a QR Code; the identification code is Badan POM's too
        boolean bpomIssued = code.kind() == PayloadKind.IDENTIFICATION
                || code.kind() == PayloadKind.AUTHENTICATION && issued.issuedByLacak(code.payload());
        Options options = new Options()
                .setSymbology(symbology(Replies.param(ctx, "symbology", bpomIssued ? "qr" : "datamatrix")))
                .setSizeMm(number(ctx, "sizeMm", "10"))
                .setDpi((int) number(ctx, "dpi", "300"))
                .setCaption(Boolean.parseBoolean(Replies.param(ctx, "caption", "false")));
        if (options.caption() && !bpomIssued) {
            throw new Problem(
                    422,
                    "CAPTION_REFUSED",
                    CAPTION_REFUSED,
                    List.of(new Problem.Item("caption", "CAPTION_REFUSED", CAPTION_REFUSED)));
        }
        boolean svg = Replies.param(ctx, "format", "png").equalsIgnoreCase("svg");
        String elementString = code.payload().scannerData(null);
        vertx.executeBlocking(() -> {
                    try {
                        BarcodeImage image = BarcodeImage.render(elementString, options);
                        return svg ? Buffer.buffer(image.svg()) : Buffer.buffer(image.png());
                    } catch (SizeRefused e) {
                        throw Problem.badRequest("sizeMm", "SIZE_REFUSED", e.getMessage());
                    } catch (IllegalArgumentException e) {
                        throw Problem.badRequest("code", "NOT_PRINTABLE", e.getMessage());
                    }
                })
                .onFailure(ctx::fail)
                .onSuccess(bytes -> ctx.response()
                        .putHeader("content-type", svg ? "image/svg+xml" : "image/png")
                        .putHeader("cache-control", "private, max-age=86400")
                        .end(bytes));
    }

    private static Symbology symbology(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "qr" -> Symbology.QR;
            case "datamatrix" -> Symbology.DATAMATRIX;
            default ->
                throw Problem.badRequest(
                        "symbology",
                        "UNKNOWN_SYMBOLOGY",
                        "symbologi tidak dikenal / unknown symbology: " + "qr atau/or datamatrix");
        };
    }

    /** A plain decimal query parameter; anything else ({@code 1e3}, {@code " 5"}, {@code NaN}) is a 400 naming it. */
    private static double number(RoutingContext ctx, String name, String fallback) {
        String text = Replies.param(ctx, name, fallback);
        if (!DECIMAL.matcher(text).matches()) {
            throw Problem.badRequest(
                    name,
                    "NOT_A_NUMBER",
                    name + " bukan angka desimal / is not a plain decimal number: " + "\""
                            + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "\"");
        }
        return Double.parseDouble(text);
    }
}
