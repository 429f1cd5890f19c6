package dev.mr.dfs.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.api.spi.MasterRetryLoop;
import dev.mr.api.spi.MasterRetryPolicy;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.chunkserver.LocalServers;
import dev.mr.dfs.http.MiniDfsCluster;
import dev.mr.dfs.protocol.FileInfo;
import dev.mr.security.Credentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dfs master lives in the master process, so a master restart takes it away from every
 * task and every {@code mr-dfs} user for a while. A client must wait for it where calling again
 * is safe (reads always; writes only when the request cannot have arrived) and must never apply
 * a write twice: a rename lost after it was sent is an error that names the call and the path.
 * A real master stopped and restarted on the same port, or a bare socket that reads a request
 * and hangs up; a manual clock that only the client's waits move.
 */
class MasterCallsTest {

    @TempDir
    Path dir;

    long now;
    final List<Long> sleeps = new ArrayList<>();
    /** Runs at the client's third wait (the master coming back). */
    Runnable atThirdWait = () -> {};
    MiniDfsCluster cluster;
    final List<DfsClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(DfsClient::close);
        if (cluster != null) cluster.close();
    }

    static DfsSettings settings() {
        return DfsSettings.from(new Configuration().setInt(DfsSettings.REPLICATION, 1).setLong(DfsSettings.IO_TIMEOUT_MS, 5000));
    }

    DfsClient client(String url, Credentials credentials, long maxMs) {
        MasterRetryPolicy policy = new MasterRetryPolicy(MasterRetryPolicy.DEFAULT_BACKOFF, maxMs, new Random(1));
        DfsClient c = new DfsClient(url, settings(), credentials, new LocalServers(), new MasterRetryLoop(policy, () -> now, ms -> {
            sleeps.add(ms);
            now += ms;
            if (sleeps.size() == 3) atThirdWait.run();
        }));
        clients.add(c);
        return c;
    }

    void restartMaster() {
        try {
            cluster.restartMaster();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code body} with stderr (where the client's log goes) captured; returns what was logged. */
    static String logged(IoBody body) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    interface IoBody {
        void run() throws IOException;
    }

    @Test
    void readsAndWritesThatCouldNotArriveWaitForARestartingMasterAndSayItOnce() throws Exception {
        cluster = MiniDfsCluster.start(dir, 1, settings());
        DfsClient c = client(cluster.masterUrl(), cluster.security().credentials(), MasterRetryPolicy.DEFAULT_MAX_MS);
        c.mkdirs("/a");

        cluster.stopMaster();
        atThirdWait = this::restartMaster;
        String log = logged(() -> assertTrue(c.status("/a").directory(), "answered by the master that came back"));
        assertEquals(3, sleeps.size(), sleeps.toString());
        assertEquals(1, log.split("is unreachable", -1).length - 1, log);
        assertTrue(log.contains("dfs master " + cluster.masterUrl() + " is unreachable (connection refused); status dfs:/a and the calls "
                + "after it go again until it is back (mr.client.retry.max.ms=900000)"), log);

        cluster.stopMaster();
        sleeps.clear();
        c.rename("/a", "/b"); // refused before it was sent: safe to send again
        assertEquals(3, sleeps.size());
        assertTrue(c.status("/b").directory());
        assertTrue(DfsClient.notFound(assertThrows(IOException.class, () -> c.status("/a"))), "renamed once, not twice");
    }

    @Test
    void aWriteLostAfterItWasSentFailsAtOnceNamingTheCallAndThePath() throws Exception {
        try (Hangup master = new Hangup(Integer.MAX_VALUE)) {
            DfsClient c = client(master.url(), Credentials.none(), MasterRetryPolicy.DEFAULT_MAX_MS);
            IOException e = assertThrows(IOException.class, () -> c.rename("/logs/today", "/logs/yesterday"));
            assertTrue(e.getMessage().startsWith("rename dfs:/logs/today to dfs:/logs/yesterday: the connection to the dfs master " + master.url()
                    + " broke after the request was sent ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("so it may or may not have been applied; look at the path (mr-dfs ls) before doing it again"),
                    e.getMessage());
            assertEquals(1, master.requests.get(), "sent once");
            assertEquals(List.of(), sleeps);
        }
    }

    @Test
    void aReadLostAfterItWasSentGoesAgain() throws Exception {
        try (Hangup master = new Hangup(3)) {
            DfsClient c = client(master.url(), Credentials.none(), MasterRetryPolicy.DEFAULT_MAX_MS);
            FileInfo f = c.status("/logs");
            assertEquals("/logs", f.path());
            assertFalse(sleeps.isEmpty(), "the client's own retry, not only the JDK's resend of a GET");
        }
    }

    @Test
    void givesUpAfterItsBoundNamingTheCallTheMasterAndHowLong() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        IOException e = assertThrows(IOException.class, () -> client(url, Credentials.none(), 60_000).list("/logs"));
        assertEquals("list dfs:/logs: the dfs master " + url + " stayed unreachable for 1 min (mr.client.retry.max.ms=60000): connection refused",
                e.getMessage());
        sleeps.clear();
        IOException now = assertThrows(IOException.class, () -> client(url, Credentials.none(), 0).list("/logs"));
        assertTrue(now.getMessage().startsWith("cannot reach " + url + "/dfs/v1/master/list"), "0: no waiting, the failure as it is: " + now);
        assertEquals(List.of(), sleeps);
    }

    /**
     * A master that reads each request whole and hangs up without a word, {@code hangups} times;
     * after that it answers every request with a directory's status.
     */
    static final class Hangup implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger requests = new AtomicInteger();
        private final Thread thread;

        Hangup(int hangups) throws IOException {
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        readRequest(s.getInputStream());
                        if (requests.incrementAndGet() > hangups) answer(s.getOutputStream());
                    } catch (IOException e) {
                        // closed, or the client went away: next one
                    }
                }
            }, "hangup-master");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private static void readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) return;
                head.append((char) b);
            }
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }

        private static void answer(OutputStream out) throws IOException {
            byte[] body = "{\"path\":\"/logs\",\"directory\":true,\"length\":0,\"replication\":0,\"chunkSize\":0,\"chunks\":0,\"modified\":1}"
                    .getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
