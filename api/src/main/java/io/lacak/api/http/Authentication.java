package io.lacak.api.http;

import io.lacak.core.refusal.Refusal;
import io.lacak.registration.account.Authenticator;
import io.lacak.registration.account.Caller;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Finds the caller of a request from its {@code Authorization} or {@code X-API-Key} header
 * ({@link Authenticator}) and keeps it in the routing context. A request with no credentials goes
 * on anonymous (public routes serve it; others answer 401 through {@link #caller}); a request with
 * bad credentials is refused with 401 at once. A regulator's caller acts for the directorate the
 * request names ({@code ?directorate=}, checked against the account's by {@code
 * Caller.forDirectorate}: Lampiran B, seed 004).
 *
 * <p>{@code router.route().handler(new Authentication(authenticator)); ... Caller c = Authentication.caller(ctx);}
 */
public final class Authentication implements Handler<RoutingContext> {

    /** Key of the caller in the routing context. */
    private static final String KEY = "lacak.caller";

    private final Authenticator authenticator;

    public Authentication(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        String apiKey = ctx.request().getHeader("X-API-Key");
        if (authorization == null && apiKey == null) {
            ctx.next(); // anonymous, at once
            return;
        }
        authenticator
                .caller(authorization, apiKey)
                // seed 004: the directorate a regulator acts for travels with each call (?directorate=)
                .map(c -> c.forDirectorate(ctx.request().getParam("directorate")))
                .onSuccess(c -> {
                    ctx.put(KEY, c);
                    ctx.next();
                })
                .onFailure(ctx::fail);
    }

    /** The authenticated caller of a request; 401 when there is none. */
    public static Caller caller(RoutingContext ctx) {
        Caller c = ctx.get(KEY);
        if (c == null) {
            throw Refusal.unauthenticated("log in (Authorization: Bearer <token>) or give an API key (X-API-Key)");
        }
        return c;
    }
}
