package io.lacak.api.barcode;

import io.lacak.api.barcode.BarcodeImage.Options;
import io.lacak.api.barcode.BarcodeImage.SizeRefused;
import io.lacak.api.barcode.BarcodeImage.Symbology;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.registration.account.Caller;
import io.lacak.registration.web.Problem;
import io.lacak.registration.web.Replies;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * {@code GET /api/v1/barcodes?code=...}: a printable image of any valid code, PNG or SVG, GS1
 * DataMatrix or GS1 QR, sized in millimetres (Pasal 22 minimum), optionally captioned "BPOM RI"
 * (Pasal 23). Rendered on a worker thread.
 */
public final class BarcodeRoutes {

  private final Vertx vertx;
  private final Gs1Codec codec;

  public BarcodeRoutes(Vertx vertx, Gs1Codec codec) {
    this.vertx = vertx;
    this.codec = codec;
  }

  public void mount(RouterBuilder b) {
    b.getRoute("getBarcode").addHandler(this::image);
  }

  private void image(RoutingContext ctx) {
    Caller.of(ctx);
    Gs1Result code = codec.parse(Replies.param(ctx, "code", ""));
    if (!code.valid()) {
      throw Problem.badRequest("code", code.errors().get(0).code().name(), code.errors().get(0).message());
    }
    Options options = new Options()
        .setSymbology(Replies.param(ctx, "symbology", "datamatrix").equalsIgnoreCase("qr") ? Symbology.QR : Symbology.DATAMATRIX)
        .setSizeMm(Double.parseDouble(Replies.param(ctx, "sizeMm", "10")))
        .setDpi(Integer.parseInt(Replies.param(ctx, "dpi", "300")))
        .setCaption(Boolean.parseBoolean(Replies.param(ctx, "caption", "false")));
    boolean svg = Replies.param(ctx, "format", "png").equalsIgnoreCase("svg");
    String elementString = code.payload().scannerData(null);
    vertx.executeBlocking(() -> {
      try {
        BarcodeImage image = BarcodeImage.render(elementString, options);
        return svg ? Buffer.buffer(image.svg()) : Buffer.buffer(image.png());
      } catch (SizeRefused e) {
        throw Problem.badRequest("sizeMm", "SIZE_REFUSED", e.getMessage());
      }
    }).onFailure(ctx::fail).onSuccess(bytes -> ctx.response()
        .putHeader("content-type", svg ? "image/svg+xml" : "image/png")
        .putHeader("cache-control", "private, max-age=86400").end(bytes));
  }

}
