package io.lacak.api.account;

import io.lacak.api.http.BodyFields;
import io.lacak.registration.account.Accounts;
import io.lacak.registration.account.Activations;
import io.lacak.registration.account.ApiKeys;
import io.lacak.registration.account.Directorate;
import io.lacak.registration.account.PasswordChanges;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The wire shapes of accounts, API keys, activation and passwords: bodies into commands, results into JSON. */
public final class AccountJson {

    private AccountJson() {}

    static Accounts.Create create(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new Accounts.Create(
                b.text("username"),
                b.text("password"),
                b.text("fullName"),
                b.text("email"),
                b.bool("regulator"),
                b.texts("facilities", "facilities must be a list of partner IDs"),
                b.texts("directorates", "directorates must be a list of directorate codes")));
    }

    /** The directorates of {@code PUT /api/v1/accounts/{id}/directorates}: {@code {"directorates": [...]}}. */
    static java.util.List<String> directorateCodes(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(b.texts("directorates", "directorates must be a list of directorate codes"));
    }

    static JsonObject created(Accounts.Created a) {
        return new JsonObject()
                .put("id", a.id())
                .put("username", a.username())
                .put("fullName", a.fullName())
                .put("regulator", a.regulator())
                .put("facilities", new JsonArray(a.facilities()))
                .put("directorates", directorates(a.directorates()));
    }

    /** Lampiran B, seed 004: directorates by code, each with its names, for the console's chooser. */
    public static JsonArray directorates(java.util.Collection<String> codes) {
        JsonArray out = new JsonArray();
        codes.stream()
                .map(Directorate::byCode)
                .forEach(d -> out.add(new JsonObject()
                        .put("code", d.name())
                        .put("nameId", d.nameId())
                        .put("nameEn", d.nameEn())));
        return out;
    }

    static JsonObject apiKey(ApiKeys.Created k) {
        return new JsonObject()
                .put("id", k.id())
                .put("label", k.label())
                .put("key", k.key())
                .put("note", "store this key now: Lacak keeps only its hash and cannot show it again");
    }

    /** The activation body of {@code POST /api/v1/accounts/activate}. */
    public static Activations.Activate activate(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new Activations.Activate(b.text("token"), b.text("password")));
    }

    /** The answer to an activation: the account's username, active. */
    public static JsonObject activated(String username) {
        return new JsonObject().put("username", username).put("active", true);
    }

    static PasswordChanges.Change change(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new PasswordChanges.Change(b.text("currentPassword"), b.text("newPassword")));
    }

    static PasswordChanges.ResetRequest resetRequest(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new PasswordChanges.ResetRequest(b.text("username"), b.text("email")));
    }

    static PasswordChanges.Reset reset(JsonObject body) {
        BodyFields b = BodyFields.of(body);
        return b.command(new PasswordChanges.Reset(b.text("token"), b.text("newPassword")));
    }

    static JsonObject resetDone(String username) {
        return new JsonObject().put("username", username).put("changed", true);
    }
}
