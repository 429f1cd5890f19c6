package dev.mr.worker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.protocol.Problem;
import io.vertx.ext.web.RoutingContext;

/** Error answers of the worker's HTTP server: a status and a {@link Problem} JSON body. Stateless. */
final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    static void reply(RoutingContext ctx, int status, String error) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        String body;
        try {
            body = JSON.writeValueAsString(new Problem(status, error));
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + ",\"error\":\"unprintable error\"}";
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
