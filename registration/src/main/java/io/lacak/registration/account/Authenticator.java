package io.lacak.registration.account;

import io.lacak.registration.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the caller of a request: a JWT ({@code Authorization: Bearer ...}, seed 004's single
 * sign-on, HS256 with the server's secret) or an API key ({@code X-API-Key}). A request with no
 * credentials goes on anonymous (public routes serve it; others answer 401 through
 * {@link Caller#of}); a request with bad credentials is refused with 401 at once.
 *
 * <p>{@code router.route().handler(new Authenticator(vertx, secret, apiKeys));}
 */
public final class Authenticator implements Handler<RoutingContext> {

  /** Tokens last a working shift. */
  public static final int TOKEN_SECONDS = 8 * 3600;

  private final JWTAuth jwt;
  private final ApiKeys apiKeys;

  public Authenticator(Vertx vertx, byte[] secret, ApiKeys apiKeys) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
        .setBuffer(io.vertx.core.buffer.Buffer.buffer(secret))));
    this.apiKeys = apiKeys;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    String apiKey = ctx.request().getHeader("X-API-Key");
    Future<Caller> caller;
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        ctx.fail(Problem.unauthorized("Authorization must be 'Bearer <token>'"));
        return;
      }
      caller = jwt.authenticate(new TokenCredentials(authorization.substring(7).strip()))
          .recover(e -> Future.failedFuture(Problem.unauthorized("invalid or expired token")))
          .map(user -> fromClaims(user.principal()));
    } else if (apiKey != null) {
      caller = apiKeys.find(apiKey.strip());
    } else {
      ctx.next();
      return;
    }
    caller.onSuccess(c -> {
      ctx.put(Caller.KEY, c);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  /** A signed token for a caller who just logged in. */
  public String token(Caller c) {
    JsonObject claims = new JsonObject().put("sub", String.valueOf(c.accountId())).put("username", c.username())
        .put("regulator", c.regulator()).put("facilities", new JsonArray(new ArrayList<>(c.facilities())));
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setExpiresInSeconds(TOKEN_SECONDS)
        .setIssuer("lacak"));
  }

  private static Caller fromClaims(JsonObject p) {
    List<Integer> facilities = new ArrayList<>();
    JsonArray list = p.getJsonArray("facilities", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      facilities.add(list.getInteger(i));
    }
    return new Caller(Integer.parseInt(p.getString("sub")), p.getString("username"), p.getBoolean("regulator", false),
        List.copyOf(facilities), 0);
  }
}
