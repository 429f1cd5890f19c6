package dev.mr.dfs;

import dev.mr.security.Credentials;
import static dev.mr.api.testing.Await.await;
import static dev.mr.api.testing.Await.quietly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.client.DfsOutput;
import dev.mr.dfs.http.MiniDfsCluster;
import dev.mr.dfs.protocol.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every malformed or impossible request must get its own 4xx with a JSON message naming the
 * problem, and must change nothing: oversized bodies, bad JSON, bad paths, unknown or
 * malformed chunk ids, ranges past the end, writes to existing files, reads of files still
 * being written.
 */
class BadInputTest {

    static final long MAX_CHUNK = 256 << 10;

    @TempDir
    static Path dir;
    static MiniDfsCluster cluster;
    static DfsClient client;
    static String master;
    static String chunkServer;

    record Reply(int status, String error, String message) {}

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.startLive(dir, DfsSettings.from(TestClusters.fastConf().setLong(DfsSettings.MAX_CHUNK_SIZE, MAX_CHUNK)));
        client = cluster.client();
        master = cluster.masterUrl() + "/dfs/v1/master";
        chunkServer = "http://" + cluster.chunkServer(0).address() + "/dfs/v1/chunks";
        TestClusters.put(client, "/exists", TestClusters.data(1, 1000));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static Reply send(String method, String url, String contentType, byte[] body) throws IOException {
        URI uri = URI.create(url);
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        cluster.security().credentials().apply(c::setRequestProperty, method,
                uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), body == null ? null : Credentials.sha256(body));
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", contentType);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body);
            } catch (IOException e) {
                // the server may answer and close before reading it all
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            byte[] b = in == null ? new byte[0] : in.readAllBytes();
            if (status < 400) return new Reply(status, null, b.length + " bytes");
            JsonNode n = WireJson.MAPPER.readTree(b);
            return new Reply(status, n.get("error").asText(), n.get("message").asText());
        }
    }

    static Reply post(String endpoint, String json) throws IOException {
        return send("POST", master + "/" + endpoint, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static void refused(Reply r, int status, String error, String mentions) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(error, r.error(), r.toString());
        assertTrue(r.message().contains(mentions), "'" + r.message() + "' should mention '" + mentions + "'");
    }

    static String namespace() throws IOException {
        return WireJson.MAPPER.writeValueAsString(client.list("/")) + WireJson.MAPPER.writeValueAsString(client.fsck("/").summary());
    }

    @Test
    void theMasterRefusesBadRequestsAndChangesNothing() throws Exception {
        String before = namespace();
        refused(post("create", "{not json"), 400, "bad_request", "malformed JSON");
        refused(post("create", "{\"path\":\"/x\",\"replication\":0,\"chunkSize\":0,\"client\":\"c\",\"extra\":1}"), 400, "bad_request", "extra");
        refused(post("create", "{\"path\":\"/x\",\"replication\":0,\"chunkSize\":0,\"client\":\"c\",\"pad\":\"" + "x".repeat(2 << 20) + "\"}"),
                413, "too_large", "exceeds");
        refused(post("create", "{\"path\":\"/a/../b\",\"replication\":0,\"chunkSize\":0,\"client\":\"c\"}"), 400, "bad_request", "'..'");
        refused(post("create", "{\"path\":\"/a//b\",\"replication\":0,\"chunkSize\":0,\"client\":\"c\"}"), 400, "bad_request", "empty segment");
        refused(post("create", "{\"path\":\"/a\\u0001b\",\"replication\":0,\"chunkSize\":0,\"client\":\"c\"}"), 400, "bad_request", "control character");
        refused(post("create", "{\"path\":\"/exists\",\"replication\":0,\"chunkSize\":0,\"client\":\"c\"}"), 409, "exists", "already exists");
        refused(post("create", "{\"path\":\"/big\",\"replication\":0,\"chunkSize\":" + (MAX_CHUNK + 1) + ",\"client\":\"c\"}"), 400, "bad_request", "chunk size");
        refused(post("rename", "{\"from\":\"/nope\",\"to\":\"/x\"}"), 404, "not_found", "dfs:/nope does not exist");
        refused(post("rename", "{\"from\":\"/exists\",\"to\":\"/exists\"}"), 409, "exists", "already exists");
        refused(post("delete", "{\"path\":\"/\",\"recursive\":true}"), 400, "bad_request", "root");
        refused(post("heartbeat", "{\"server\":\"bogus\",\"address\":\"h:1\",\"dir\":\"/d\",\"freeBytes\":1,\"usedBytes\":0,\"report\":null,"
                + "\"added\":[{\"chunk\":\"../etc\",\"length\":1,\"digest\":1}],\"removed\":[],\"corrupt\":[],\"copyFailed\":[]}"),
                400, "bad_request", "not a chunk id");
        refused(send("GET", master + "/status?path=/nope", null, null), 404, "not_found", "does not exist");
        refused(send("GET", master + "/status", null, null), 400, "bad_request", "'path'");
        refused(send("GET", master + "/nonsense", null, null), 404, "not_found", "no such dfs master endpoint");
        assertEquals(before, namespace(), "nothing changed");
        assertEquals(3, client.health().servers().size(), "the malformed heartbeat registered no server");
    }

    @Test
    void aFileBeingWrittenCannotBeReadNorCreatedAgain() throws Exception {
        DfsOutput out = client.create("/pending", 0, 0);
        out.write(new byte[100]);
        refused(send("GET", master + "/open?path=/pending", null, null), 409, "being_written", "still being written");
        refused(send("GET", master + "/status?path=/pending", null, null), 404, "not_found", "still being written");
        refused(post("create", "{\"path\":\"/pending\",\"replication\":0,\"chunkSize\":0,\"client\":\"other\"}"), 409, "being_written",
                "being written");
        out.close();
        assertEquals(100, client.status("/pending").length());
    }

    @Test
    void chunkServersRefuseBadIdsRangesAndBodies() throws Exception {
        String chunk = client.layout("/exists").chunks().get(0).chunk();
        String holder = "http://" + client.layout("/exists").chunks().get(0).replicas().get(0).address() + "/dfs/v1/chunks";
        int replicas = TestClusters.replicaCount(cluster);

        refused(send("GET", chunkServer + "/chunk_99999999", null, null), 404, "not_found", "not stored");
        refused(send("GET", chunkServer + "/notachunk", null, null), 400, "bad_request", "not a chunk id");
        refused(send("GET", chunkServer + "/..%2F..%2Fetc%2Fpasswd", null, null), 400, "bad_request", "not a chunk id");
        refused(send("GET", holder + "/" + chunk + "?offset=1001", null, null), 416, "bad_range", "outside");
        refused(send("GET", holder + "/" + chunk + "?offset=10&length=991", null, null), 416, "bad_range", "outside");
        refused(send("GET", holder + "/" + chunk + "?offset=x", null, null), 400, "bad_request", "not a number");
        assertEquals("1000 bytes", send("GET", holder + "/" + chunk + "?offset=0&length=1000", null, null).message());
        assertEquals("0 bytes", send("GET", holder + "/" + chunk + "?offset=1000", null, null).message(), "an empty range at the end");
        refused(send("PUT", holder + "/" + chunk, "application/octet-stream", new byte[10]), 409, "exists", "already stored");
        refused(send("PUT", chunkServer + "/chunk_88888888", "application/octet-stream", new byte[(int) MAX_CHUNK + 1]), 413,
                "too_large", "at most " + MAX_CHUNK);
        chunkedUploadTooLong(chunkServer + "/chunk_77777777");
        refused(send("GET", chunkServer + "/chunk_88888888", null, null), 404, "not_found", "not stored");
        refused(send("DELETE", chunkServer + "/" + chunk, null, null), 404, "not_found", "no such chunk server endpoint");

        await(Duration.ofSeconds(2), "no partial upload left behind", quietly(() -> tmpFiles() == 0));
        assertEquals(replicas, TestClusters.replicaCount(cluster));
    }

    /** A body with no declared length that turns out too long is cut off and leaves nothing. */
    static void chunkedUploadTooLong(String url) throws IOException {
        URI uri = URI.create(url);
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod("PUT");
        cluster.security().credentials().apply(c::setRequestProperty, "PUT", uri.getRawPath(), null);
        c.setDoOutput(true);
        c.setChunkedStreamingMode(64 << 10);
        try (OutputStream out = c.getOutputStream()) {
            byte[] b = new byte[64 << 10];
            for (int i = 0; i < 8; i++) out.write(b);
        } catch (IOException e) {
            // the server stops reading once the body is too long
        }
        assertEquals(413, c.getResponseCode());
    }

    static long tmpFiles() throws IOException {
        long n = 0;
        for (int i = 0; i < cluster.size(); i++) {
            try (Stream<Path> f = Files.list(cluster.chunkDir(i).resolve(".tmp"))) {
                n += f.count();
            }
        }
        return n;
    }
}
