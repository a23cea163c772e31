package io.lacak.api.http;

import io.lacak.core.refusal.Refusal;
import io.lacak.registration.document.Documents;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A multipart registration form as it arrived: its text fields, and its files read (off the event
 * loop) and checked as {@link Documents}, each named by its file field ({@code SIUP}, {@code NPWP},
 * ...); the problems of the refused ones go with it, so that one 400 lists everything.
 *
 * <p>{@code FormUpload.read(vertx, ctx, 5).compose(form -> requests.submit(form.fields(), form.documents(), form.problems()))}
 */
public record FormUpload(JsonObject fields, List<Documents.Upload> documents, List<Refusal.Item> problems) {

    /** A body handler for such forms: {@code maxDocuments} documents of 2 MB and the fields, files on disk. */
    public static BodyHandler bodyHandler(String uploadsDir, int maxDocuments) {
        return BodyHandler.create(uploadsDir)
                .setBodyLimit((long) maxDocuments * Documents.MAX_BYTES + 256 * 1024)
                .setDeleteUploadedFilesOnEnd(true);
    }

    /**
     * A multipart {@code POST path} for a known caller: the request waits (paused) while {@code
     * authenticator} checks the credentials, an anonymous one gets 401 before a byte of the body is
     * read, then the body handler reads the form. Add the route's own handler to the route returned.
     */
    public static Route authenticatedPost(
            Router root, String path, Handler<RoutingContext> authenticator, String uploadsDir, int maxDocuments) {
        root.post(path)
                .handler(ctx -> {
                    ctx.request().pause();
                    ctx.next();
                })
                .handler(authenticator)
                .handler(ctx -> {
                    Authentication.caller(ctx);
                    ctx.next();
                });
        // a second route: Vert.x wants a body handler before any other handler of its route
        return root.post(path).handler(bodyHandler(uploadsDir, maxDocuments));
    }

    /** Reads the form of {@code ctx}; a 400 when it carries more than {@code maxDocuments} files. */
    public static Future<FormUpload> read(Vertx vertx, RoutingContext ctx, int maxDocuments) {
        return read(vertx, ctx, maxDocuments, Documents.IMAGES_AND_PDF);
    }

    /** Reads the form of {@code ctx}, its documents of the {@code accepted} media types. */
    public static Future<FormUpload> read(Vertx vertx, RoutingContext ctx, int maxDocuments, Set<String> accepted) {
        JsonObject fields = new JsonObject();
        try {
            Replies.refuseNul(ctx.request().formAttributes());
        } catch (Problem p) {
            return Future.failedFuture(p);
        }
        ctx.request().formAttributes().forEach(e -> fields.put(e.getKey(), e.getValue()));
        List<FileUpload> files =
                ctx.fileUploads().stream().filter(u -> u.size() > 0).toList();
        if (files.size() > maxDocuments) {
            return Future.failedFuture(Problem.badRequest(
                    "documents", "TOO_MANY", "at most " + maxDocuments + " documents, not " + files.size()));
        }
        List<Future<Buffer>> reads = files.stream()
                .map(u -> vertx.fileSystem().readFile(u.uploadedFileName()))
                .toList();
        return Future.all(reads).map(all -> {
            List<Documents.Upload> docs = new ArrayList<>();
            List<Refusal.Item> problems = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                FileUpload u = files.get(i);
                Documents.Upload d = Documents.check(
                        "documents." + u.name(),
                        u.name(),
                        u.fileName(),
                        reads.get(i).result().getBytes(),
                        accepted,
                        problems);
                if (d != null) {
                    docs.add(d);
                }
            }
            return new FormUpload(fields, docs, problems);
        });
    }
}
