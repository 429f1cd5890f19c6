package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import dev.mr.dfs.DfsSettings;
import dev.mr.dfs.chunkserver.LocalServers;
import dev.mr.dfs.cli.DfsCli;
import dev.mr.dfs.client.DfsClient;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.WordMapper;
import dev.mr.protocol.WorkerView;
import dev.mr.security.ClientTls;
import dev.mr.security.ClusterSecret;
import dev.mr.security.ClusterSecretExtension;
import dev.mr.security.ClusterSecurity;
import dev.mr.security.Credentials;
import dev.mr.security.TestCertificates;
import dev.mr.worker.submit.JobClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS is a flag away, and then every hop is HTTPS: a cluster whose daemons hold a certificate
 * signed by a test CA (made with the README's openssl recipe) stores a file put with
 * {@code mr-dfs} over HTTPS, runs a word count whose maps read chunks and whose reducers fetch
 * map outputs from the other worker, all over HTTPS, and {@code mr-dfs cat} reads the result,
 * compared with an independent count. A client that does not trust the cluster's CA, or trusts
 * another one, fails with one line that says what to do, not a stack trace.
 */
class TlsClusterTest {

    static final String NOT_TRUSTED = "the server's certificate is not trusted; give the cluster's CA with MR_TLS_CA or --tls-ca";

    @TempDir
    static Path tmp;
    static TestCertificates certs;
    static TestCertificates otherCa;
    static LocalCluster cluster;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.make(tmp.resolve("certs"), "mr test CA");
        otherCa = TestCertificates.make(tmp.resolve("other"), "another CA");
        ClusterSecurity security = ClusterSecretExtension.security().withTls(certs.cert(), certs.key(), certs.ca(), k -> null);
        // the CA as a cluster setting, so this JVM's other tests (plain HTTP) see no system property
        Configuration conf = TestCluster.fastConf().set(ClientTls.PROPERTY, certs.ca().toString());
        cluster = LocalCluster.start(tmp.resolve("cluster"), conf, 2, 2, security);
        base = cluster.master.url();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void aWordCountRunsEndToEndWithEveryHopOverHttps() throws Exception {
        assertTrue(base.startsWith("https://127.0.0.1:"), base);
        for (WorkerView w : cluster.api.get("/api/v1/workers").as(WorkerView[].class)) {
            assertTrue(w.address().startsWith("https://"), "worker advertises " + w.address());
        }
        Map<String, String> env = Map.of("MR_MASTER", base, ClusterSecret.ENV, ClusterSecretExtension.secretFile().toString(),
                ClientTls.ENV, certs.ca().toString());
        Path local = tmp.resolve("words.txt");
        Map<String, Long> expected = new TreeMap<>();
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 40_000; line++) {
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                String word = "w" + random.nextInt(500);
                text.append(i == 0 ? "" : " ").append(word);
                expected.merge(word, 1L, Long::sum);
            }
            text.append('\n');
        }
        Files.writeString(local, text, StandardCharsets.UTF_8);
        assertEquals(0, dfs(env, "put", local.toString(), "/in/words.txt").code(), "put");

        Map<String, String> job = new HashMap<>(Api.jobConf("/in/words.txt", "/out/wc", 2));
        job.put("mr.mapper.class", WordMapper.class.getName());
        job.put(ClientTls.PROPERTY, certs.ca().toString());
        Api.Reply r = cluster.api.submit(TestJars.of(WordMapper.class, CountReducer.class), Api.spec(job));
        assertEquals(201, r.status(), r.text());
        String jobId = r.as(dev.mr.protocol.SubmitResponse.class).jobId();
        var view = cluster.api.awaitJob(jobId, 120_000, v -> v.finishTime() >= 0);
        assertEquals("SUCCEEDED", view.state(), () -> "job " + jobId + ": " + view);
        assertTrue(view.maps() >= 2, "the input spans chunks, so maps run on both workers: " + view.maps());

        Run cat = dfs(env, "cat", "/out/wc");
        assertEquals(0, cat.code(), cat.err());
        Map<String, Long> got = new TreeMap<>();
        for (String line : cat.out().split("\n")) {
            String[] kv = line.split("\t");
            got.put(kv[0], Long.parseLong(kv[1]));
        }
        assertEquals(expected, got);
    }

    @Test
    void aClientWithoutTheCaFailsWithOneClearLine() throws Exception {
        Map<String, String> env = Map.of("MR_MASTER", base, ClusterSecret.ENV, ClusterSecretExtension.secretFile().toString());
        Run ls = dfs(env, "ls", "/");
        assertEquals(1, ls.code());
        assertEquals("mr-dfs: cannot reach " + base + "/dfs/v1/master/status?path=%2F: " + NOT_TRUSTED, ls.err().strip());

        JobClient submit = new JobClient(base, ClusterSecretExtension.security().credentials());
        IOException e = assertThrows(IOException.class, submit::jobs);
        assertEquals("cannot reach " + base + ": " + NOT_TRUSTED, e.getMessage());
    }

    @Test
    void aClientTrustingAnotherCaFailsToo() throws Exception {
        Credentials wrong = ClusterSecretExtension.security().credentials().trusting(ClientTls.trusting(otherCa.ca(), ClientTls.FLAG));
        try (DfsClient dfs = new DfsClient(base, DfsSettings.from(TestCluster.fastConf()), wrong, new LocalServers())) {
            IOException e = assertThrows(IOException.class, () -> dfs.list("/"));
            assertTrue(e.getMessage().endsWith(NOT_TRUSTED), e.getMessage());
        }
        IOException e = assertThrows(IOException.class, () -> new JobClient(base, wrong).jobs());
        assertTrue(e.getMessage().endsWith(NOT_TRUSTED), e.getMessage());
    }

    @Test
    void plainHttpGetsNoAnswerButAHint() {
        String plain = base.replace("https://", "http://");
        IOException e = assertThrows(IOException.class, () -> new JobClient(plain, ClusterSecretExtension.security().credentials()).jobs());
        assertEquals("cannot reach " + plain + ": the server closed the connection without answering; if the cluster runs with TLS, use https://",
                e.getMessage());
    }

    record Run(int code, String out, String err) {}

    static Run dfs(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DfsCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
