package io.lacak.core.concurrent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * Work for plain (non-Vert.x) threads: tasks that may block and wait for futures, such as the
 * single writer and the CSV jobs, whose results go back to the Vert.x context that asked.
 *
 * <p>{@code PlainThreads.call(vertx, writer, () -> decide(report)).onSuccess(...)}
 */
public final class PlainThreads {

    private PlainThreads() {}

    /** Runs {@code task} on {@code executor}; the result is delivered on the caller's context. */
    public static <T> Future<T> call(Vertx vertx, Executor executor, Callable<T> task) {
        Context context = vertx.getOrCreateContext();
        Promise<T> promise = Promise.promise();
        executor.execute(() -> {
            try {
                T result = task.call();
                context.runOnContext(v -> promise.complete(result));
            } catch (Throwable e) {
                context.runOnContext(v -> promise.fail(e));
            }
        });
        return promise.future();
    }
}
