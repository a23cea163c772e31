package io.lacak.benchmarks.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The plain alternative for verify (issue 19): the same {@code POST /api/v1/verify {"code"}} answered
 * from a Postgres table by primary key through vertx-pg-client, on an embedded Postgres of its own.
 * The table holds {@code rows} codes: those of the file given (the issued codes the load asks for)
 * and md5 fillers up to the count. The answer is a small JSON object with the verdict and the
 * stored state: no GS1 parse, no reference data, no Pasal 25 block.
 *
 * <p>{@code java -cp lacak-bench.jar io.lacak.benchmarks.e2e.PgVerifyServer codes.txt 10000000}
 */
public final class PgVerifyServer {

    private PgVerifyServer() {}

    public static void main(String[] args) throws Exception {
        Path codes = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        Path dir = Files.createTempDirectory("lacak-pg-baseline");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .setServerConfig("shared_buffers", "1GB")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }));
        long loaded;
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE UNLOGGED TABLE codes (code text NOT NULL, state bytea NOT NULL)");
            try (Reader in = Files.newBufferedReader(codes)) {
                loaded = ((PGConnection) c.unwrap(PGConnection.class))
                        .getCopyAPI()
                        .copyIn("COPY codes (code, state) FROM STDIN WITH (FORMAT csv)", in);
            }
            s.execute("INSERT INTO codes SELECT md5(i::text), '\\x0104000000010000000000000007'::bytea"
                    + " FROM generate_series(1, " + Math.max(0, rows - loaded) + ") i");
            s.execute("ALTER TABLE codes ADD PRIMARY KEY (code)");
            s.execute("VACUUM ANALYZE codes");
        }
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(8))
                .connectingTo(new PgConnectOptions()
                        .setHost("localhost")
                        .setPort(pg.getPort())
                        .setUser("postgres")
                        .setDatabase("postgres")
                        .setCachePreparedStatements(true))
                .using(vertx)
                .build();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(4096));
        router.post("/api/v1/verify").handler(ctx -> {
            String code = ctx.body().asJsonObject().getString("code");
            pool.preparedQuery("SELECT state FROM codes WHERE code = $1")
                    .execute(Tuple.of(code))
                    .onSuccess((RowSet<Row> r) -> {
                        Row row = r.iterator().hasNext() ? r.iterator().next() : null;
                        ctx.response()
                                .putHeader("content-type", "application/json")
                                .end(new JsonObject()
                                        .put("code", code)
                                        .put("verdict", row == null ? "UNKNOWN" : "GENUINE")
                                        .put(
                                                "state",
                                                row == null
                                                        ? null
                                                        : row.getBuffer(0).getBytes())
                                        .encode());
                    })
                    .onFailure(ctx::fail);
        });
        final long copied = loaded;
        vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").onSuccess(server -> {
            System.out.println("Postgres verify baseline (" + rows + " rows, " + copied
                    + " from the load) listening on http://127.0.0.1:" + server.actualPort());
            System.out.flush();
        });
    }
}
