package dev.mr.worker.http;

import dev.mr.security.ClusterSecretExtension;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.spi.AttemptId;
import dev.mr.api.spi.TaskId;
import dev.mr.dfs.http.VertxFutures;
import dev.mr.shuffle.MapOutputIndex;
import dev.mr.shuffle.SegmentChecksum;
import dev.mr.shuffle.ShuffleCodec;
import dev.mr.worker.TestMapOutputs;
import dev.mr.worker.shuffle.MapOutputRegistry;
import dev.mr.worker.shuffle.ShuffleProtocol;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shuffle server is how every reducer gets its input and the one door a stranger can knock
 * on: it must send exactly a partition's bytes with the CRC the map attempt recorded, and turn
 * away anything that is not a well-formed id of a map output it holds, without ever letting a
 * request string near the filesystem.
 */
class ShuffleServerTest {

    static final String SECRET = "top secret, never to be served";
    static final AttemptId MAP = TaskId.map("job_0001", 0).attempt(0);

    @TempDir
    Path dir;

    static Vertx vertx;
    WorkerHttpServer server;
    MapOutputRegistry outputs = new MapOutputRegistry();
    MapOutputRegistry.Held held;
    HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws IOException {
        VertxFutures.await(vertx.close());
    }

    @BeforeEach
    void start() throws IOException {
        held = TestMapOutputs.write(dir.resolve("jobs"), MAP, 4, 3000, 1);
        outputs.add(held);
        // what a traversal from the attempt's directory or the server's working directory would reach
        Files.writeString(dir.resolve("jobs").resolve("secret"), SECRET);
        Files.writeString(held.dir().resolve("secret"), SECRET);
        server = WorkerHttpServer.start(vertx, outputs, null, "127.0.0.1", 0, ClusterSecretExtension.security());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** A GET signed with the cluster secret, so that what is tested here is the handler, not the gate (see ShuffleAccessTest). */
    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        ClusterSecretExtension.security().credentials().apply(b::header, "GET", path, null);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesExactlyEachPartitionsBytesAndCrc() throws Exception {
        byte[] data = Files.readAllBytes(held.data());
        MapOutputIndex index = held.index();
        assertEquals(0, index.length(3), "the fixture leaves the last partition empty");
        for (int p = 0; p < 4; p++) {
            HttpResponse<byte[]> r = get(ShuffleProtocol.path(MAP, p));
            assertEquals(200, r.statusCode());
            byte[] expected = Arrays.copyOfRange(data, (int) index.offset(p), (int) (index.offset(p) + index.length(p)));
            assertArrayEquals(expected, r.body(), "partition " + p);
            assertEquals(String.valueOf(index.length(p)), r.headers().firstValue("Content-Length").orElse(null));
            String crc = r.headers().firstValue(ShuffleProtocol.CRC32C).orElseThrow();
            assertEquals(ShuffleProtocol.formatCrc(index.crc32c(p)), crc);
            assertEquals(SegmentChecksum.of(r.body(), 0, r.body().length), ShuffleProtocol.parseCrc(crc));
            assertEquals(String.valueOf(index.records(p)), r.headers().firstValue(ShuffleProtocol.RECORDS).orElse(null));
            assertEquals("none", r.headers().firstValue(ShuffleProtocol.CODEC).orElse(null));
            assertEquals(String.valueOf(index.length(p)), r.headers().firstValue(ShuffleProtocol.RAW_LENGTH).orElse(null));
        }
    }

    @Test
    void servesACompressedSegmentAsStoredWithItsCodecAndRawLength() throws Exception {
        for (ShuffleCodec codec : new ShuffleCodec[] {ShuffleCodec.LZ4, ShuffleCodec.ZSTD}) {
            AttemptId map = TaskId.map("job_0001", codec.id()).attempt(0);
            MapOutputRegistry.Held h = TestMapOutputs.write(dir.resolve(codec.label()), map, 4, 3000, 1, codec);
            outputs.add(h);
            byte[] data = Files.readAllBytes(h.data());
            MapOutputIndex index = h.index();
            for (int p = 0; p < 3; p++) {
                HttpResponse<byte[]> r = get(ShuffleProtocol.path(map, p));
                assertEquals(200, r.statusCode());
                byte[] expected = Arrays.copyOfRange(data, (int) index.offset(p), (int) (index.offset(p) + index.length(p)));
                assertArrayEquals(expected, r.body(), codec.label() + " partition " + p + ": the stored bytes, untouched");
                assertTrue(index.length(p) < held.index().length(p), "the same records, compressed, are smaller");
                assertEquals(codec.label(), r.headers().firstValue(ShuffleProtocol.CODEC).orElse(null));
                assertEquals(String.valueOf(held.index().length(p)), r.headers().firstValue(ShuffleProtocol.RAW_LENGTH).orElse(null),
                        "the raw length is the uncompressed output's length");
                assertEquals(ShuffleProtocol.formatCrc(SegmentChecksum.of(r.body(), 0, r.body().length)),
                        r.headers().firstValue(ShuffleProtocol.CRC32C).orElseThrow());
            }
        }
    }

    @Test
    void anUnknownMapOutputIs404() throws Exception {
        HttpResponse<byte[]> r = get(ShuffleProtocol.path(TaskId.map("job_0001", 1).attempt(0), 0));
        assertEquals(404, r.statusCode());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"status\":404") && body.contains("job_0001_m_000001_0"), body);
        assertEquals(404, get("/nowhere").statusCode());
    }

    @Test
    void malformedIdsAndPartitionsOutOfRangeAre400() throws Exception {
        for (String path : new String[] {"/shuffle/v1/nonsense/0", "/shuffle/v1/job_0001_r_000000_0/0", "/shuffle/v1/job_0001_m_0_0/0",
                "/shuffle/v1/job_0001_m_000000_0/x", "/shuffle/v1/job_0001_m_000000_0/-1", "/shuffle/v1/job_0001_m_000000_0/4",
                "/shuffle/v1/job_0001_m_000000_0", "/shuffle/v1/job_0001_m_000000_0/0/extra"}) {
            HttpResponse<byte[]> r = get(path);
            assertEquals(400, r.statusCode(), path);
            assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("\"status\":400"), path);
        }
    }

    @Test
    void traversalAttemptsNeverReachTheFilesystem() throws Exception {
        String[] paths = {
            "/shuffle/v1/..%2F..%2Fetc%2Fpasswd/0", "/shuffle/v1/../../etc/passwd/0", "/shuffle/v1/%2e%2e/%2e%2e/secret/0",
            "/shuffle/v1/..%2Fsecret/0", "/shuffle/v1/job_0001_m_000000_0%2F..%2Fsecret/0", "/shuffle/v1/job_0001_m_000000_0/..%2Fsecret",
            "/shuffle/v1/job_0001_m_000000_0/0%2F..%2F..%2Fsecret", "/shuffle/v1/%2Fetc%2Fpasswd/0", "/shuffle/v1/secret/0",
            "/shuffle/v1/job_0001_m_000000_0/..", "/shuffle/v1/..\\..\\secret/0",
        };
        for (String path : paths) {
            String answer = raw(path);
            String status = answer.substring(0, answer.indexOf("\r\n"));
            assertTrue(status.contains(" 400 ") || status.contains(" 404 "), path + " -> " + status);
            assertFalse(answer.contains(SECRET), path);
            assertFalse(answer.contains("root:"), path);
        }
    }

    /** Sends the request line exactly as given (no client-side normalization) and returns the whole answer. */
    private String raw(String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            StringBuilder headers = new StringBuilder();
            ClusterSecretExtension.security().credentials().apply((k, v) -> headers.append(k).append(": ").append(v).append("\r\n"), "GET", path, null);
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
