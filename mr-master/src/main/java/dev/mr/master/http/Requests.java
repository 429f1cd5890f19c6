package dev.mr.master.http;

import com.fasterxml.jackson.core.JacksonException;
import dev.mr.master.core.Refusal;
import dev.mr.master.jobs.Json;
import io.vertx.ext.web.RoutingContext;

/** Decodes requests: JSON bodies of the right content type, and query parameters. Stateless; runs on event loops. */
final class Requests {

    private Requests() {}

    /** The JSON body as {@code type}: 415 for another content type, 400 for an empty or malformed body. */
    static <T> T json(RoutingContext ctx, Class<T> type) {
        String ct = ctx.request().getHeader("Content-Type");
        if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Refusal(415, "expected Content-Type: application/json, not " + (ct == null ? "none" : ct));
        }
        if (ctx.body() == null || ctx.body().isEmpty()) throw Refusal.badRequest("missing JSON body (a " + type.getSimpleName() + ")");
        try {
            T value = Json.STRICT.readValue(ctx.body().buffer().getBytes(), type);
            if (value == null) throw Refusal.badRequest("the JSON body is null; send a " + type.getSimpleName());
            return value;
        } catch (JacksonException e) {
            throw Refusal.badRequest("malformed " + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw Refusal.badRequest("unreadable body: " + e.getMessage());
        }
    }

    /** Longest wait of {@code ?waitMs=}: a client that wants longer asks again. */
    static final int MAX_WAIT_MS = 60_000;

    /** {@code ?waitMs=}, 0 to {@value #MAX_WAIT_MS}, 0 when absent. */
    static int waitMs(RoutingContext ctx) {
        int ms = intParam(ctx, "waitMs", 0);
        if (ms < 0 || ms > MAX_WAIT_MS) throw Refusal.badRequest("waitMs=" + ms + " must lie in [0, " + MAX_WAIT_MS + "]");
        return ms;
    }

    static int intParam(RoutingContext ctx, String name, int defaultValue) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isEmpty()) return defaultValue;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw Refusal.badRequest(name + "=" + v + " is not an integer");
        }
    }
}
