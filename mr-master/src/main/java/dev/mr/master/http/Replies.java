package dev.mr.master.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.master.core.Refusal;
import dev.mr.protocol.Problem;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the REST edge answers: JSON bodies (Jackson), and for every failure a specific status
 * with a {@link Problem} body naming what was wrong. Called on event-loop threads; stateless.
 */
final class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The master's clock (epoch ms) when it answered: the web page measures ages (a worker's last
     * heartbeat, a running job's duration) against it, not against a browser's clock that may be off.
     */
    static final String NOW_HEADER = "X-MR-Now";

    private Replies() {}

    /** Answers with the future's value as JSON once it completes, back on the request's event loop. */
    static <T> void answer(RoutingContext ctx, int status, CompletableFuture<T> result) {
        Future.fromCompletionStage(result, ctx.vertx().getOrCreateContext()).onComplete(ar -> {
            if (ar.succeeded()) json(ctx, status, ar.result());
            else fail(ctx, ar.cause());
        });
    }

    static void json(RoutingContext ctx, int status, Object body) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) return;
        if (body == null) {
            r.setStatusCode(status).end();
            return;
        }
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            r.setStatusCode(status).putHeader("Content-Type", "application/json").putHeader(NOW_HEADER, Long.toString(System.currentTimeMillis()))
                    .end(Buffer.buffer(bytes));
        } catch (JacksonException e) {
            problem(ctx, 500, "could not encode the answer: " + e.getOriginalMessage());
        }
    }

    static void problem(RoutingContext ctx, int status, String message) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) return;
        try {
            byte[] bytes = JSON.writeValueAsBytes(new Problem(status, message));
            r.setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(bytes));
        } catch (JacksonException e) {
            r.setStatusCode(500).end();
        }
    }

    /** A refusal with its own status, a malformed body 400, a stopping master 503, anything else 500 (logged). */
    static void fail(RoutingContext ctx, Throwable t) {
        if (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        if (t instanceof Refusal r) {
            problem(ctx, r.status(), r.getMessage());
        } else if (t instanceof JacksonException j) {
            problem(ctx, 400, "malformed JSON body: " + j.getOriginalMessage());
        } else if (t instanceof RejectedExecutionException) {
            problem(ctx, 503, "the master is stopping; retry against its next run");
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), t);
            problem(ctx, 500, "internal error: " + t);
        }
    }

    /** Turns statuses set by {@code ctx.fail} (a body over its limit, ...) and thrown exceptions into problems. */
    static Handler<RoutingContext> failures(String submitLimit) {
        return ctx -> {
            if (ctx.statusCode() == 413) {
                problem(ctx, 413, "request body exceeds the limit of " + submitLimit);
            } else if (ctx.failure() != null) {
                fail(ctx, ctx.failure());
            } else if (ctx.statusCode() == 400) {
                problem(ctx, 400, "malformed request body (for a submission: multipart/form-data with parts 'jar' and 'spec')");
            } else {
                int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
                problem(ctx, status, "request failed with HTTP " + status);
            }
        };
    }
}
