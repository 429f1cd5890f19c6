package dev.mr.dfs.http;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mr.api.Configuration;
import dev.mr.dfs.http.VertxFutures;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every daemon's HTTP server runs under {@link ServerLimits}; these limits are what stands
 * between a misbehaving or hostile client and the daemon's sockets, so they are proven here
 * with real sockets against a real server: a silent client is cut off after the idle timeout,
 * connections past the cap are closed while the ones within it keep working, and an oversized
 * header never reaches a handler. Each "was closed" is a bounded blocking read that must see
 * the end of the stream, not a sleep.
 */
class ServerLimitsTest {

    /** How long a read waits for the server to close the socket before the test fails. */
    private static final int CLOSE_WITHIN_MS = 10_000;

    private final Vertx vertx = Vertx.vertx();
    private final List<Socket> sockets = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) s.close();
        if (server != null) VertxFutures.await(server.close());
        VertxFutures.await(vertx.close());
    }

    private int start(Configuration conf) throws IOException {
        Router router = Router.router(vertx);
        router.get("/ping").handler(ctx -> ctx.response().end("pong"));
        server = VertxFutures.await(ServerLimits.from(conf).createServer(vertx, new HttpServerOptions()).requestHandler(router)
                .listen(0, "127.0.0.1"));
        return server.actualPort();
    }

    @Test
    void aClientThatSendsNothingIsDisconnectedAfterTheIdleTimeout() throws Exception {
        int port = start(new Configuration().setLong(ServerLimits.IDLE_TIMEOUT_MS, 300));
        Socket silent = connect(port);
        assertClosedByServer(silent, "a connection that never sent a byte");

        Socket slowLoris = connect(port);
        slowLoris.getOutputStream().write("GET /ping HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // and never the blank line
        assertClosedByServer(slowLoris, "a connection that stopped in the middle of its headers");
    }

    @Test
    void connectionsPastTheCapAreClosedAndTheOthersKeepWorking() throws Exception {
        int port = start(new Configuration().setInt(ServerLimits.MAX_CONNECTIONS, 2));
        Socket first = connect(port);
        Socket second = connect(port);
        assertEquals("pong", ping(first)); // answered: both are counted by now
        assertEquals("pong", ping(second));

        Socket third = connect(port);
        assertClosedByServer(third, "a third connection over a cap of 2");
        assertEquals("pong", ping(second), "a connection within the cap is not disturbed by one past it");

        first.close(); // frees a place, which the server notices asynchronously
        IOException[] last = {null};
        await(Duration.ofMillis(CLOSE_WITHIN_MS), "a connection accepted after one of two was closed", () -> {
            try {
                assertEquals("pong", ping(connect(port)));
                return true;
            } catch (IOException e) {
                last[0] = e;
                return false;
            }
        }, () -> "the last try: " + last[0]);
    }

    @Test
    void anOversizedHeaderIsRefusedBeforeAnyHandler() throws Exception {
        int port = start(new Configuration().setInt(ServerLimits.MAX_HEADER_BYTES, 2048));
        Socket s = connect(port);
        String request = "GET /ping HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(4096) + "\r\n\r\n";
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String answer = readUntilClosedOr(s, "\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerLimits.from(new Configuration().setInt(ServerLimits.MAX_CONNECTIONS, 0)));
        assertTrue(e.getMessage().contains(ServerLimits.MAX_CONNECTIONS), e.getMessage());
    }

    private Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(CLOSE_WITHIN_MS);
        sockets.add(s);
        return s;
    }

    /** One keep-alive request on {@code s}; the body of the answer. */
    private static String ping(Socket s) throws IOException {
        s.getOutputStream().write("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String answer = readUntilClosedOr(s, "pong");
        if (!answer.endsWith("pong")) throw new IOException("no answer, the connection was closed: " + answer);
        return "pong";
    }

    /** Reads until the text read so far ends with {@code end}, or the stream ends. */
    private static String readUntilClosedOr(Socket s, String end) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                got.write(b);
                if (got.toString(StandardCharsets.US_ASCII).endsWith(end)) break;
            }
        } catch (SocketException closed) {
            // reset by the server: the same as the end of the stream here
        }
        return got.toString(StandardCharsets.US_ASCII);
    }

    private static void assertClosedByServer(Socket s, String what) throws IOException {
        try {
            int b = s.getInputStream().read();
            assertEquals(-1, b, what + " got a byte instead of being closed");
        } catch (SocketTimeoutException e) {
            fail(what + " was still open after " + CLOSE_WITHIN_MS + " ms");
        } catch (SocketException reset) {
            // closed with a reset: closed all the same
        }
    }
}
