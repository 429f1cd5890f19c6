package dev.mr.dfs.http;

import com.fasterxml.jackson.core.JacksonException;
import dev.mr.dfs.Problem;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.protocol.ErrorReply;
import dev.mr.dfs.protocol.WireJson;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the store's HTTP edge answers: JSON bodies, and for every failure a specific status
 * with an {@link ErrorReply} naming the problem. Called on event-loop threads; stateless.
 */
final class JsonReplies {

    private static final Logger LOG = LoggerFactory.getLogger(JsonReplies.class);

    private JsonReplies() {}

    static void ok(RoutingContext ctx, Object body) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) return;
        try {
            byte[] bytes = body == null ? "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8) : WireJson.MAPPER.writeValueAsBytes(body);
            r.putHeader("Content-Type", "application/json").end(Buffer.buffer(bytes));
        } catch (JacksonException e) {
            error(ctx, Problem.INTERNAL, "could not encode the reply: " + e.getOriginalMessage());
        }
    }

    static void error(RoutingContext ctx, Problem p, String message) {
        error(ctx, p.status, p.code, message);
    }

    static void error(RoutingContext ctx, int status, String code, String message) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) return;
        try {
            byte[] bytes = WireJson.MAPPER.writeValueAsBytes(new ErrorReply(code, message));
            r.setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(bytes));
        } catch (JacksonException e) {
            r.setStatusCode(500).end();
        }
    }

    /** Answers a failed request: a refusal with its own status, bad input with 400, anything else 500. */
    static void fail(RoutingContext ctx, Throwable t) {
        if (t instanceof StoreException s) {
            error(ctx, s.problem(), s.getMessage());
        } else if (t instanceof JacksonException j) {
            error(ctx, Problem.BAD_REQUEST, "malformed JSON request: " + j.getOriginalMessage());
        } else if (t instanceof IllegalArgumentException) {
            error(ctx, Problem.BAD_REQUEST, t.getMessage());
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), t);
            error(ctx, Problem.INTERNAL, "internal error: " + t);
        }
    }

    /** Parses the JSON body read by a body handler. */
    static <T> T body(RoutingContext ctx, Class<T> type) throws JacksonException {
        if (ctx.body() == null || ctx.body().isEmpty()) throw new StoreException(Problem.BAD_REQUEST, "missing JSON request body");
        try {
            return WireJson.MAPPER.readValue(ctx.body().buffer().getBytes(), type);
        } catch (JacksonException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new StoreException(Problem.BAD_REQUEST, "unreadable request body: " + e.getMessage());
        }
    }

    /** Turns statuses set by {@code ctx.fail} (a body over its limit, ...) into JSON replies. */
    static Handler<RoutingContext> failures(String bodyLimit) {
        return ctx -> {
            if (ctx.failure() != null) {
                fail(ctx, ctx.failure());
            } else if (ctx.statusCode() == 413) {
                error(ctx, Problem.TOO_LARGE, "request body exceeds the limit of " + bodyLimit);
            } else {
                int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
                error(ctx, status, status >= 500 ? "internal" : "bad_request", "request failed with HTTP " + status);
            }
        };
    }

    static Handler<RoutingContext> unknownEndpoint(String what) {
        return ctx -> error(ctx, Problem.NOT_FOUND, "no such " + what + " endpoint: " + ctx.request().method() + " " + ctx.request().path());
    }

    static String param(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        if (v == null) throw new StoreException(Problem.BAD_REQUEST, "missing query parameter '" + name + "'");
        return v;
    }
}
