package io.lacak.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/** The pages Lacak serves beside its API; {@code Pages.mount(root)}. */
final class Pages {

    private Pages() {}

    /**
     * The public page (issue 7) and the consoles under {@code /console/} (issue 20): plain files from
     * {@code webroot/}, no inline script, nothing from elsewhere.
     */
    static void mount(Router root) {
        StaticHandler page =
                StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false);
        // a route "/assets/*" hands the handler the path below "/assets/"
        StaticHandler assets = StaticHandler.create("webroot/assets").setCachingEnabled(false);
        Handler<RoutingContext> headers = ctx -> {
            ctx.response()
                    .putHeader(
                            "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer");
            ctx.next();
        };
        root.get("/").handler(headers).handler(page);
        root.get("/activate.html")
                .handler(headers) // where an approval's notice links to
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "text/html; charset=utf-8")
                        .sendFile("webroot/activate.html"));
        root.get("/reset.html")
                .handler(headers) // where a password reset e-mail links to
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "text/html; charset=utf-8")
                        .sendFile("webroot/reset.html"));
        root.get("/company.html")
                .handler(headers) // company registration, and its revision from a notice's link
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "text/html; charset=utf-8")
                        .sendFile("webroot/company.html"));
        root.get("/assets/*").handler(headers).handler(assets);
        // the consoles (issue 20): the same kind of plain files, over the same JSON API as every client
        StaticHandler consoles = StaticHandler.create("webroot/console")
                .setIndexPage("index.html")
                .setCachingEnabled(false);
        // "/console" matches "/console/" too: only the bare one is sent on, or the redirect never ends
        root.get("/console").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                ctx.next();
            } else {
                ctx.redirect("/console/");
            }
        });
        root.get("/console/*").handler(headers).handler(consoles);
    }
}
