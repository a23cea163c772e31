package io.lacak.api.news;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.Replies;
import io.lacak.core.news.News;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * News over HTTP (issue 20): the regulator publishes, anyone reads the latest (the public page).
 *
 * <p>{@code new NewsRoutes(new News(pool)).mount(contract)}
 */
public final class NewsRoutes {

    private final News news;

    public NewsRoutes(News news) {
        this.news = news;
    }

    public void mount(RouterBuilder b) {
        b.getRoute("publishNews").addHandler(this::publish);
        b.getRoute("listNews").addHandler(this::list);
    }

    private void publish(RoutingContext ctx) {
        int account = Authentication.caller(ctx).requireRegulator().accountId();
        Replies.json(ctx, 201, news.publish(account, Replies.body(ctx)));
    }

    /** Public: the newest items first. */
    private void list(RoutingContext ctx) {
        Replies.json(ctx, 200, news.latest(Replies.intParam(ctx, "limit", 5, 1, 50)));
    }
}
