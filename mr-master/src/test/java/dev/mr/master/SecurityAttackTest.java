package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.client.DfsClient;
import dev.mr.dfs.protocol.FileLayout;
import dev.mr.dfs.protocol.FileInfo;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.LineMapper;
import dev.mr.master.testjob.SlowMapper;
import dev.mr.protocol.JobView;
import dev.mr.protocol.RegisterRequest;
import dev.mr.protocol.SubmitResponse;
import dev.mr.protocol.WorkerView;
import dev.mr.security.Capability;
import dev.mr.security.ClusterKeys;
import dev.mr.security.ClusterSecret;
import dev.mr.security.ClusterSecretExtension;
import dev.mr.security.Credentials;
import dev.mr.security.UserToken;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an outsider on the same network can do to a running cluster, tried for real against
 * the master, its dfs master, the workers' chunk servers and shuffle servers: every route with
 * no credentials, a secret of another cluster, an expired token and a tampered one; a replayed
 * signed request; a user token on the daemons' routes and on somebody else's job; a chunk
 * capability on another chunk or for writing; a shuffle capability of another job; a fake
 * worker and a fake chunk server; a second registration of a live worker's id. Each is refused
 * with 401 or 403 and a message that says why, and the namespace, the chunk files, the job
 * list and the worker list are exactly as they were before.
 */
class SecurityAttackTest {

    @TempDir
    static Path tmp;
    static LocalCluster cluster;
    static String base;
    static String running;
    static String finished;
    static FileLayout layout;
    static String workerAddress;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ClusterKeys KEYS = ClusterSecretExtension.security().credentials().keys();

    @BeforeAll
    static void start() throws Exception {
        Configuration conf = TestCluster.fastConf();
        cluster = LocalCluster.start(tmp.resolve("cluster"), conf, 2, 2);
        base = cluster.master.url();
        try (DfsClient dfs = new DfsClient(base, DfsSettings.from(conf))) {
            try (OutputStream out = dfs.create("/in/a.txt", 0, 0)) {
                for (int i = 0; i < 30_000; i++) out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            layout = dfs.layout("/in/a.txt");
        }
        assertTrue(layout.chunks().size() >= 2, "the file spans chunks: " + layout.chunks().size());
        byte[] jar = TestJars.of(LineMapper.class, SlowMapper.class, CountReducer.class);
        finished = submit(jar, Api.jobConf("/in/a.txt", "/out/done", 1));
        assertEquals("SUCCEEDED", cluster.api.awaitJob(finished, 120_000, v -> v.finishTime() >= 0).state());
        Map<String, String> slow = new HashMap<>(Api.jobConf("/in/a.txt", "/out/slow", 1));
        slow.put("mr.mapper.class", SlowMapper.class.getName());
        running = submit(jar, slow);
        cluster.api.awaitJob(running, 60_000, v -> v.state().equals("RUNNING"));
        workerAddress = cluster.api.get("/api/v1/workers").as(WorkerView[].class)[0].address();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.api.post("/api/v1/jobs/" + running + "/kill", null, new byte[0]);
            cluster.close();
        }
    }

    static String submit(byte[] jar, Map<String, String> conf) throws Exception {
        Api.Reply r = cluster.api.submit(jar, Api.spec(conf));
        assertEquals(201, r.status(), r.text());
        return r.as(SubmitResponse.class).jobId();
    }

    /** One request an attacker sends: method, full URL, body (null for none), content type. */
    record Call(String method, String url, byte[] body, String type) {
        static Call get(String url) {
            return new Call("GET", url, null, null);
        }

        static Call json(String method, String url, String json) {
            return new Call(method, url, json.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        String pathAndQuery() {
            URI u = URI.create(url);
            return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }

        @Override
        public String toString() {
            return method + " " + pathAndQuery();
        }
    }

    /** Every route of every server, as an attacker would call it, changes included. */
    static List<Call> everyRoute() {
        String chunk = layout.chunks().get(0).chunk();
        String chunkServer = "http://" + layout.chunks().get(0).replicas().get(0).address();
        String api = base + "/api/v1";
        String dfs = base + "/dfs/v1/master";
        List<Call> calls = new ArrayList<>(List.of(
                Call.get(api + "/jobs"), Call.get(api + "/jobs/" + finished), Call.get(api + "/jobs/" + finished + "/tasks"),
                Call.get(api + "/jobs/" + finished + "/stats"), Call.get(api + "/jobs/" + finished + "/timeline"),
                Call.get(api + "/jobs/" + finished + "/spec"), Call.get(api + "/jobs/" + finished + "/jar"),
                Call.get(api + "/workers"), Call.get(api + "/storage"), Call.get(api + "/storage/ls?path=/"),
                new Call("POST", api + "/jobs", multipart(), "multipart/form-data; boundary=XX"),
                new Call("POST", api + "/jobs/" + running + "/kill", new byte[0], null),
                Call.json("POST", api + "/workers/register", "{\"workerId\":\"evil\",\"host\":\"127.0.0.1:1\",\"address\":\"http://127.0.0.1:1\",\"slots\":8}"),
                Call.json("POST", api + "/heartbeat", "{\"workerId\":\"evil\",\"incarnation\":1,\"freeSlots\":8,\"reports\":[]}"),
                Call.json("POST", api + "/fetch-failures", "{\"workerId\":\"evil\",\"incarnation\":1,\"reduceAttempt\":\"" + running
                        + "_r_000000_0\",\"mapAttempt\":\"" + running + "_m_000000_0\",\"error\":\"x\"}"),
                Call.get(dfs + "/list?path=/"), Call.get(dfs + "/open?path=/in/a.txt"), Call.get(dfs + "/status?path=/in/a.txt"),
                Call.get(dfs + "/fsck?path=/"), Call.get(dfs + "/health"),
                Call.json("POST", dfs + "/mkdirs", "{\"path\":\"/evil\"}"),
                Call.json("POST", dfs + "/delete", "{\"path\":\"/in\",\"recursive\":true}"),
                Call.json("POST", dfs + "/rename", "{\"from\":\"/in/a.txt\",\"to\":\"/stolen.txt\"}"),
                Call.json("POST", dfs + "/create", "{\"path\":\"/evil.txt\",\"replication\":1,\"chunkSize\":0,\"client\":\"evil\"}"),
                Call.json("POST", dfs + "/heartbeat", "{\"server\":\"s-evil\",\"address\":\"127.0.0.1:1\"}"),
                Call.get(chunkServer + "/dfs/v1/chunks"), Call.get(chunkServer + "/dfs/v1/chunks/" + chunk),
                Call.get(chunkServer + "/dfs/v1/chunks/" + chunk + "/crc"),
                new Call("PUT", chunkServer + "/dfs/v1/chunks/" + chunk, "forged".getBytes(StandardCharsets.UTF_8), "application/octet-stream"),
                new Call("PUT", chunkServer + "/dfs/v1/chunks/chunk_99999999", "forged".getBytes(StandardCharsets.UTF_8), "application/octet-stream"),
                Call.get(workerAddress + "/shuffle/v1/" + finished + "_m_000000_0/0")));
        return calls;
    }

    static byte[] multipart() {
        return ("--XX\r\nContent-Disposition: form-data; name=\"spec\"\r\n\r\n{\"conf\":{}}\r\n"
                + "--XX\r\nContent-Disposition: form-data; name=\"jar\"; filename=\"evil.jar\"\r\nContent-Type: application/java-archive\r\n\r\nPK\r\n"
                + "--XX--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    record Answer(int status, String body) {}

    static Answer send(Call c, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.url())).timeout(Duration.ofSeconds(30))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.type() != null) b.header("Content-Type", c.type());
        headers.forEach(b::header);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    static Map<String, String> signed(Credentials creds, Call c) {
        Map<String, String> h = new TreeMap<>();
        creds.apply(h::put, c.method(), c.pathAndQuery(), c.body() == null ? null : Credentials.sha256(c.body()));
        return h;
    }

    /** What an attack must leave as it was: the namespace, every chunk file, the jobs and the workers. */
    static String state() throws Exception {
        StringBuilder s = new StringBuilder();
        try (DfsClient dfs = new DfsClient(base, DfsSettings.from(TestCluster.fastConf()))) {
            walk(dfs, "/", s);
        }
        try (Stream<Path> files = Files.walk(tmp.resolve("cluster"))) {
            files.filter(p -> p.toString().contains("chunks") && Files.isRegularFile(p) && !p.toString().contains(".tmp"))
                    .sorted().forEach(p -> s.append(tmp.relativize(p)).append(' ').append(p.toFile().length()).append('\n'));
        }
        for (JobView j : cluster.api.jobs().items()) s.append(j.jobId()).append(' ').append(j.state()).append('\n');
        for (WorkerView w : cluster.api.get("/api/v1/workers").as(WorkerView[].class)) {
            s.append(w.workerId()).append(' ').append(w.address()).append(' ').append(w.state()).append('\n');
        }
        return s.toString();
    }

    static void walk(DfsClient dfs, String dir, StringBuilder s) throws IOException {
        for (FileInfo e : dfs.list(dir).entries()) {
            s.append(e.path()).append(' ').append(e.length()).append('\n');
            if (e.directory() && !e.path().equals(dir)) walk(dfs, e.path(), s);
        }
    }

    @Test
    void everyRouteRefusesNoCredentialsAForeignSecretAndExpiredOrTamperedTokens() throws Exception {
        String before = state();
        Credentials foreign = Credentials.signing(ClusterSecret.loadOrCreate(tmp.resolve("other-cluster-secret")), "mallory");
        String expired = KEYS.mint(new UserToken("mallory", true, System.currentTimeMillis() - 1000));
        String valid = KEYS.mint(new UserToken("mallory", true, System.currentTimeMillis() + 60_000));
        String tampered = valid.substring(0, valid.length() - 3) + (valid.endsWith("AAA") ? "BBB" : "AAA");
        List<Call> calls = everyRoute();
        for (Call c : calls) {
            expectRefused(c, Map.of(), 401, "no credentials");
            expectRefused(c, signed(foreign, c), 401, "signature does not match");
            // a token is checked before the route's demand, so even on the data plane the expired one is named as such
            expectRefused(c, Map.of("Authorization", "Bearer " + expired), 401, "expired");
            expectRefused(c, Map.of("Authorization", "Bearer " + tampered), 401, "not made with this cluster's secret");
        }
        assertEquals(before, state(), "an attack changed the cluster");
    }

    @Test
    void aReplayedSignedRequestIsRefusedAndChangesNothing() throws Exception {
        Call mkdir = Call.json("POST", base + "/dfs/v1/master/mkdirs", "{\"path\":\"/replayed\"}");
        Map<String, String> headers = signed(ClusterSecretExtension.security().credentials(), mkdir);
        assertEquals(200, send(mkdir, headers).status(), "the genuine request");
        String before = state();
        cluster.api.get("/api/v1/jobs"); // another request between, as on a busy cluster
        expectRefused(mkdir, headers, 401, "replay");
        Call changed = Call.json("POST", base + "/dfs/v1/master/mkdirs", "{\"path\":\"/other\"}");
        Call genuine = Call.json("POST", base + "/dfs/v1/master/mkdirs", "{\"path\":\"/genuine\"}");
        expectRefused(changed, signed(ClusterSecretExtension.security().credentials(), genuine), 401, "body is not the one");
        assertEquals(before, state());
    }

    @Test
    void aUserTokenReadsAndSubmitsButCannotActAsADaemonNorKillAnotherUsersJob() throws Exception {
        String before = state();
        Map<String, String> mallory = Map.of("Authorization", "Bearer " + KEYS.mint(new UserToken("mallory", false, System.currentTimeMillis() + 60_000)));
        assertEquals(200, send(Call.get(base + "/api/v1/jobs"), mallory).status());
        expectRefused(new Call("POST", base + "/api/v1/jobs/" + running + "/kill", new byte[0], null), mallory, 403, "belongs to mr");
        for (Call c : everyRoute()) {
            if (c.url().contains("/register") || c.url().contains("/api/v1/heartbeat") || c.url().contains("/fetch-failures")
                    || c.url().endsWith("/spec") || c.url().endsWith("/jar") || c.url().contains("/dfs/v1/master/heartbeat")) {
                expectRefused(c, mallory, 403, "daemons");
            }
        }
        assertEquals(before, state());
        assertEquals("RUNNING", cluster.api.job(running).state());
    }

    @Test
    void aCapabilityOpensOnlyTheChunkOrTheJobItNames() throws Exception {
        String before = state();
        var a = layout.chunks().get(0);
        var b = layout.chunks().get(1);
        String server = "http://" + a.replicas().get(0).address();
        assertEquals(200, send(Call.get(server + "/dfs/v1/chunks/" + a.chunk() + "/crc"), Map.of(Capability.HEADER, a.token())).status(),
                "the genuine capability reads its chunk");
        expectRefused(Call.get(server + "/dfs/v1/chunks/" + b.chunk()), Map.of(Capability.HEADER, a.token()), 403, "not read chunk " + b.chunk());
        expectRefused(new Call("PUT", server + "/dfs/v1/chunks/" + a.chunk(), new byte[10], "application/octet-stream"),
                Map.of(Capability.HEADER, a.token()), 403, "not write chunk");
        String writeOther = KEYS.mint(new Capability(Capability.Kind.CHUNK_WRITE, "chunk_42424242", System.currentTimeMillis() + 60_000));
        expectRefused(new Call("PUT", server + "/dfs/v1/chunks/chunk_99999999", new byte[10], "application/octet-stream"),
                Map.of(Capability.HEADER, writeOther), 403, "not write chunk chunk_99999999");
        String otherJob = KEYS.mint(new Capability(Capability.Kind.SHUFFLE, running, System.currentTimeMillis() + 60_000));
        expectRefused(Call.get(workerAddress + "/shuffle/v1/" + finished + "_m_000000_0/0"), Map.of(Capability.HEADER, otherJob), 403,
                "not read the map outputs of " + finished);
        String ownJob = KEYS.mint(new Capability(Capability.Kind.SHUFFLE, finished, System.currentTimeMillis() + 60_000));
        int status = send(Call.get(workerAddress + "/shuffle/v1/" + finished + "_m_000000_0/0"), Map.of(Capability.HEADER, ownJob)).status();
        assertTrue(status == 200 || status == 404, "the job's own capability passes the gate: " + status);
        String old = KEYS.mint(new Capability(Capability.Kind.CHUNK_READ, a.chunk(), System.currentTimeMillis() - 1));
        expectRefused(Call.get(server + "/dfs/v1/chunks/" + a.chunk()), Map.of(Capability.HEADER, old), 401, "expired");
        assertEquals(before, state());
    }

    @Test
    void aFakeWorkerIsRefusedAndALiveWorkersIdCannotBeTaken() throws Exception {
        String before = state();
        WorkerView live = cluster.api.get("/api/v1/workers").as(WorkerView[].class)[0];
        Api.Reply again = cluster.api.postJson("/api/v1/workers/register",
                new RegisterRequest(live.workerId(), "127.0.0.1:1", "http://127.0.0.1:1", 8));
        assertEquals(409, again.status(), again.text());
        assertTrue(again.text().contains("is alive"), again.text());
        Api foreign = new Api(base, Credentials.signing(ClusterSecret.loadOrCreate(tmp.resolve("fake-worker-secret")), "evil"));
        Api.Reply fake = foreign.postJson("/api/v1/workers/register", new RegisterRequest("w-fake", "127.0.0.1:1", "http://127.0.0.1:1", 8));
        assertEquals(401, fake.status(), fake.text());
        assertEquals(before, state());
        assertNotEquals(-1, before.indexOf(live.address()), "the live worker keeps its address");
    }

    static void expectRefused(Call c, Map<String, String> headers, int status, String says) throws Exception {
        Answer a = send(c, headers);
        assertEquals(status, a.status(), c + " with " + headers.keySet() + ": " + a.body());
        assertTrue(a.body().contains(says), c + " should say '" + says + "': " + a.body());
        for (String v : headers.values()) {
            if (v.length() > 20) assertTrue(!a.body().contains(v.replace("Bearer ", "")), c + " echoed a credential");
        }
    }
}
