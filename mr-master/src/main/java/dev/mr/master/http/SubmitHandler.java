package dev.mr.master.http;

import dev.mr.security.http.AuthHandler;
import dev.mr.master.core.Master;
import dev.mr.master.core.Refusal;
import dev.mr.master.jobs.Submission;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/jobs}: a multipart/form-data body with a file part {@code jar}, a part
 * {@code spec} (the JSON {@code JobSpec}) and a part {@code splits} (the JSON
 * {@code SubmittedSplits} the client computed), each as a field or a file, and a file part {@code file}
 * per shipped file the spec lists (by content: one part for the same bytes shipped twice), already stored by the
 * body handler under its size limit. Hands them to {@link Master#submit} and answers 201 with the
 * job's id and URL, or the core's refusal. The uploads are temporary files that the body
 * handler deletes when the answer is sent; an accepted jar and its files were moved away by then.
 *
 * <p>Runs on event loops; stateless.
 */
final class SubmitHandler implements Handler<RoutingContext> {

    private final Supplier<Master> master;

    SubmitHandler(Supplier<Master> master) {
        this.master = master;
    }

    /** Refuses another content type before the body is read. */
    static void requireMultipart(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new Refusal(415, "a submission is multipart/form-data with a file part 'jar' and a part 'spec' (the JSON job spec), not "
                    + (ct == null ? "a body without Content-Type" : ct));
        }
        ctx.next();
    }

    @Override
    public void handle(RoutingContext ctx) {
        FileUpload jar = null;
        FileUpload specFile = null;
        FileUpload splitsFile = null;
        List<Path> files = new ArrayList<>();
        for (FileUpload u : ctx.fileUploads()) {
            if (u.name().equals("jar")) {
                if (jar != null) throw Refusal.badRequest("the submission has more than one 'jar' part; send one jar");
                jar = u;
            } else if (u.name().equals("spec")) {
                specFile = u;
            } else if (u.name().equals("splits")) {
                splitsFile = u;
            } else if (u.name().equals("file")) {
                files.add(Path.of(u.uploadedFileName()));
            }
        }
        String specText = ctx.request().getFormAttribute("spec");
        if (jar == null) throw Refusal.badRequest("the submission has no 'jar' part; send the job's jar as a file part named jar");
        if (specText == null && specFile == null) {
            throw Refusal.badRequest("the submission has no 'spec' part; send the JSON job spec {\"conf\": {...}} as a part named spec");
        }
        Submission s = new Submission(Path.of(jar.uploadedFileName()), jarName(jar.fileName()), specText,
                specFile == null ? null : Path.of(specFile.uploadedFileName()), ctx.request().getFormAttribute("splits"),
                splitsFile == null ? null : Path.of(splitsFile.uploadedFileName()), AuthHandler.principal(ctx).name(), files);
        Future.fromCompletionStage(master.get().submit(s), ctx.vertx().getOrCreateContext()).onComplete(ar -> {
            if (ar.failed()) {
                Replies.fail(ctx, ar.cause());
                return;
            }
            ctx.response().putHeader("Location", ar.result().url());
            Replies.json(ctx, 201, ar.result());
        });
    }

    private static String jarName(String fileName) {
        if (fileName == null || fileName.isBlank()) return "job.jar";
        String n = fileName.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }
}
