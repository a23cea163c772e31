package io.lacak.core.db;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Child JVM of {@link EmbeddedRestartTest}: starts the embedded Postgres in a data directory and waits to be killed. */
public final class EmbeddedChild {

    public static void main(String[] args) throws Exception {
        Database db = Database.start(Vertx.vertx(), new DatabaseOptions().setDataDir(Path.of(args[0])))
                .await(120, TimeUnit.SECONDS);
        System.out.println("UP " + db.uri());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
