package io.lacak.api.account;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.refusal.Fields;
import io.lacak.registration.account.Accounts;
import io.lacak.registration.account.ApiKeys;
import io.lacak.registration.account.Authenticator;
import io.lacak.registration.account.Caller;
import io.lacak.registration.account.PasswordChanges;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * Accounts over HTTP (seed 004): login for a JWT, accounts created by the regulator, API keys for
 * a facility created by its members or the regulator, and revoked; a person's password change
 * (answered with a new token: the change ends every older one) and reset by an e-mailed link.
 *
 * Logins are limited per username ({@code loginAllowed}), whatever addresses they come from, as
 * well as per address (before the body is read): many addresses guessing one account's password
 * get a 429 once the account's budget is spent, before any password is checked. A password change
 * spends the same budget (a stolen token must not guess the password faster than a login could), and
 * reset requests have a budget per username or address asked for, so that nobody floods a mailbox.
 *
 * <p>{@code new AccountRoutes(accounts, apiKeys, authenticator, ref, user -> limit.allow(user), limit::retryAfterSeconds).mount(routerBuilder);}
 */
public final class AccountRoutes {

    /** The one answer to a reset request, whether or not the account exists (no enumeration). */
    private static final JsonObject RESET_ACCEPTED = new JsonObject()
            .put("accepted", true)
            .put(
                    "message",
                    "Jika akun itu ada, aktif dan memiliki alamat e-mail, tautan atur ulang kata sandi dikirim ke sana; berlaku "
                            + PasswordChanges.RESET_LIFETIME.toMinutes()
                            + " menit. / If that account exists, is active and has an e-mail"
                            + " address, a password reset link was sent there; it opens for "
                            + PasswordChanges.RESET_LIFETIME.toMinutes()
                            + " minutes.");

    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final Authenticator authenticator;
    private final ReferenceData ref;
    private final java.util.function.Predicate<String> loginAllowed;
    private final java.util.function.ToLongFunction<String> retryAfter;

    public AccountRoutes(
            Accounts accounts,
            ApiKeys apiKeys,
            Authenticator authenticator,
            ReferenceData ref,
            java.util.function.Predicate<String> loginAllowed,
            java.util.function.ToLongFunction<String> retryAfterSeconds) {
        this.loginAllowed = loginAllowed;
        this.retryAfter = retryAfterSeconds;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.authenticator = authenticator;
        this.ref = ref;
    }

    public void mount(RouterBuilder b) {
        b.getRoute("login").addHandler(this::login);
        b.getRoute("createAccount").addHandler(this::createAccount);
        b.getRoute("setAccountDirectorates")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        200,
                        accounts.setDirectorates(
                                        Math.toIntExact(Replies.longPath(ctx, "id")),
                                        AccountJson.directorateCodes(Replies.body(ctx)),
                                        Authentication.caller(ctx))
                                .map(codes -> new JsonObject()
                                        .put("id", Math.toIntExact(Replies.longPath(ctx, "id")))
                                        .put("directorates", AccountJson.directorates(codes)))));
        b.getRoute("createApiKey").addHandler(this::createApiKey);
        b.getRoute("revokeApiKey").addHandler(this::revokeApiKey);
        b.getRoute("changeMyPassword").addHandler(this::changePassword);
        b.getRoute("requestPasswordReset").addHandler(this::requestReset);
        b.getRoute("completePasswordReset")
                .addHandler(ctx -> Replies.json(
                        ctx,
                        200,
                        accounts.passwords()
                                .reset(AccountJson.reset(Replies.body(ctx)))
                                .map(AccountJson::resetDone)));
    }

    private void login(RoutingContext ctx) {
        JsonObject body = Replies.body(ctx);
        // usernames are matched exactly (Accounts.login), so the budget is per exact username
        String username = String.valueOf(body.getValue("username"));
        spend(ctx, username, "too many logins for this account; try again shortly");
        Replies.json(
                ctx,
                200,
                accounts.login(body.getString("username"), body.getString("password"))
                        .map(this::token));
    }

    /** 429 with {@code Retry-After} when the budget {@code key} is spent. */
    private void spend(RoutingContext ctx, String key, String detail) {
        if (!loginAllowed.test(key)) {
            ctx.response().putHeader("Retry-After", Long.toString(retryAfter.applyAsLong(key)));
            throw new Problem(429, "RATE_LIMITED", detail, java.util.List.of());
        }
    }

    private JsonObject token(Caller c) {
        return new JsonObject()
                .put("token", authenticator.token(c))
                .put("tokenType", "Bearer")
                .put("expiresIn", Authenticator.TOKEN_SECONDS)
                .put("regulator", c.regulator())
                .put(
                        "facilities",
                        new io.vertx.core.json.JsonArray(c.facilities().stream()
                                .map(r -> ref.facility(r).partnerId())
                                .toList()))
                .put("directorates", AccountJson.directorates(c.directorates()));
    }

    private void changePassword(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx).requirePerson();
        spend(ctx, caller.username(), "too many password attempts for this account; try again shortly");
        // the caller's session goes on with a new token; every token issued before the change is refused
        Replies.json(
                ctx,
                200,
                accounts.passwords()
                        .change(caller, AccountJson.change(Replies.body(ctx)))
                        .map(v -> token(caller)));
    }

    private void requestReset(RoutingContext ctx) {
        JsonObject body = Replies.body(ctx);
        // ':' is in no username: these budgets are apart from the logins'
        String asked = body.getValue("username") != null
                ? "reset:" + body.getValue("username")
                : "reset:" + String.valueOf(body.getValue("email")).toLowerCase(java.util.Locale.ROOT);
        spend(ctx, asked, "too many reset requests for this account; try again shortly");
        Replies.json(
                ctx,
                202,
                accounts.passwords()
                        .requestReset(AccountJson.resetRequest(body))
                        .map(v -> RESET_ACCEPTED));
    }

    private void createAccount(RoutingContext ctx) {
        Replies.json(
                ctx,
                201,
                accounts.create(AccountJson.create(Replies.body(ctx)), Authentication.caller(ctx))
                        .map(AccountJson::created));
    }

    private void createApiKey(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        String partnerId = ctx.pathParam("partnerId");
        Facility f = ref.facility(partnerId);
        if (f == null) {
            throw Problem.notFound("no facility has partner ID " + partnerId);
        }
        if (!caller.regulator() && (caller.apiKeyId() != 0 || !caller.memberOf(f.ref()))) {
            throw Problem.forbidden(
                    "NOT_YOUR_FACILITY",
                    "only members of " + partnerId + " (logged in) or the regulator create its keys");
        }
        Fields fields = new Fields(Replies.body(ctx));
        String label = fields.text("label", null, null);
        fields.check();
        Replies.json(
                ctx, 201, apiKeys.create(f.ref(), label, caller.accountId()).map(AccountJson::apiKey));
    }

    private void revokeApiKey(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        int id = Replies.intParam(ctx, "id", -1, 1, Integer.MAX_VALUE);
        apiKeys.revoke(id, caller)
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }
}
