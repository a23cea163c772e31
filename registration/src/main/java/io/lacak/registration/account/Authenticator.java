package io.lacak.registration.account;

import io.lacak.core.refusal.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the caller from the credentials a request carried: a JWT ({@code Authorization: Bearer
 * ...}, seed 004's single sign-on, HS256 with the server's secret) or an API key ({@code
 * X-API-Key}). No credentials at all is an anonymous caller ({@code null}: public operations
 * serve it, the others refuse it); bad credentials are refused at once ({@link
 * Refusal#unauthenticated}). It reads no request: the API hands it the two header values.
 *
 * <p>{@code authenticator.caller(request.getHeader("Authorization"), request.getHeader("X-API-Key"))}
 */
public final class Authenticator {

  /** Tokens last a working shift. */
  public static final int TOKEN_SECONDS = 8 * 3600;

  private final JWTAuth jwt;
  private final ApiKeys apiKeys;

  public Authenticator(Vertx vertx, byte[] secret, ApiKeys apiKeys) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
        .setBuffer(io.vertx.core.buffer.Buffer.buffer(secret))));
    this.apiKeys = apiKeys;
  }

  /**
   * The caller these credentials name, {@code null} when there are none; a failed future with an
   * {@link Refusal.Kind#UNAUTHENTICATED} refusal when they do not hold. {@code authorization} wins
   * over {@code apiKey} when both are given.
   */
  public Future<Caller> caller(String authorization, String apiKey) {
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Future.failedFuture(Refusal.unauthenticated("Authorization must be 'Bearer <token>'"));
      }
      return jwt.authenticate(new TokenCredentials(authorization.substring(7).strip()))
          .recover(e -> Future.failedFuture(Refusal.unauthenticated("invalid or expired token")))
          .map(user -> fromClaims(user.principal()));
    }
    if (apiKey != null) {
      return apiKeys.find(apiKey.strip());
    }
    return Future.succeededFuture();
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
