package io.lacak.core.news;

import io.lacak.core.refusal.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;

/**
 * News for the public (Lampiran A, BPOM Mobile "berita terkini"): short items the regulator
 * publishes, newest first.
 *
 * <p>{@code news.publish(accountId, body).compose(item -> news.latest(5))}
 */
public final class News {

    private static final int TITLE = 200;
    private static final int BODY = 4000;

    private final Pool pool;

    public News(Pool pool) {
        this.pool = pool;
    }

    /** Publishes {@code title} and {@code body} (both required, at most 200 and 4,000 characters). */
    public Future<JsonObject> publish(int accountId, JsonObject request) {
        Fields fields = new Fields(request);
        String title = fields.text("title", null, null);
        String body = fields.text("body", null, null);
        if (title != null && title.length() > TITLE) {
            fields.add("title", "TOO_LONG", "judul paling banyak 200 karakter / the title has at most 200 characters");
        }
        if (body != null && body.length() > BODY) {
            fields.add("body", "TOO_LONG", "isi paling banyak 4.000 karakter / the text has at most 4,000 characters");
        }
        fields.check();
        return pool.preparedQuery("insert into news (title, body, published_by) values ($1, $2, $3)"
                        + " returning id, title, body, published_at")
                .execute(Tuple.of(title.strip(), body.strip(), accountId))
                .map(rows -> json(rows.iterator().next()));
    }

    /** The newest {@code limit} items. */
    public Future<JsonArray> latest(int limit) {
        return pool.preparedQuery("select id, title, body, published_at from news order by id desc limit $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(json(r)));
                    return out;
                });
    }

    private static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("title", r.getString("title"))
                .put("body", r.getString("body"))
                .put(
                        "publishedAt",
                        r.getOffsetDateTime("published_at")
                                .withOffsetSameInstant(ZoneOffset.UTC)
                                .toString());
    }
}
