package dev.mr.security.http;

import dev.mr.security.Credentials;
import dev.mr.security.RequestSignature;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks, after a route's body handler has read the body, that a signed request's body is the
 * one its signature covers ({@value RequestSignature#CONTENT_SHA256}). Requests authenticated
 * otherwise (a token over TLS) pass. Install right after the {@code BodyHandler} of every route
 * that reads a whole body. Stateless.
 */
public final class SignedBody implements Handler<RoutingContext> {

    public static final SignedBody CHECK = new SignedBody();

    private SignedBody() {}

    @Override
    public void handle(RoutingContext ctx) {
        if (!AuthHandler.principal(ctx).isCluster() || ctx.request().getHeader("Authorization") == null) {
            ctx.next();
            return;
        }
        String said = ctx.request().getHeader(RequestSignature.CONTENT_SHA256);
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        if (said == null || said.equals(RequestSignature.UNSIGNED_BODY)) {
            if (bytes.length == 0) ctx.next();
            else AuthHandler.refuse(ctx, 401, "a signed request with a body must sign it: send its SHA-256 in " + RequestSignature.CONTENT_SHA256);
            return;
        }
        if (said.equalsIgnoreCase(Credentials.sha256(bytes))) ctx.next();
        else AuthHandler.refuse(ctx, 401, "the body is not the one the request's signature covers (" + RequestSignature.CONTENT_SHA256 + " differs): it was altered on the way");
    }
}
