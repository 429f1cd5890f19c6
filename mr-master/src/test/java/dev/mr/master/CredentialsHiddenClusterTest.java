package dev.mr.master;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.Job;
import dev.mr.api.SensitiveKeys;
import dev.mr.master.jobs.FileRoots;
import dev.mr.master.testjob.CountReducer;
import dev.mr.master.testjob.CredentialMapper;
import dev.mr.protocol.AttemptView;
import dev.mr.protocol.JobView;
import dev.mr.protocol.TaskView;
import dev.mr.security.ClusterSecretExtension;
import dev.mr.security.Credentials;
import dev.mr.security.UserToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs carry store credentials as settings ({@code -D fs.s3a.secret.key=...}): they must reach
 * the tasks, yet no person may see them — not on the job's page or in any API answer a user
 * reads, not in the reproduce command, the job history, an attempt's error, status or log tail,
 * the submitter's output or the daemons' logs. One job with three credentials, whose first
 * attempt prints its settings and fails with them (as a careless job would), runs on a real
 * in-process cluster with executor JVMs; every text a person can reach is then searched for the
 * values. The only place they may be is the master's journal, in a directory only its user can
 * open, since a restarted master resumes the job with them.
 */
class CredentialsHiddenClusterTest {

    static final String SECRET = "SECRET-" + UUID.randomUUID();
    static final String ACCESS = "AKIA" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    static final String BUCKET_SECRET = "BUCKETSECRET-" + UUID.randomUUID();

    @TempDir
    static Path tmp;
    static Path data;
    static LocalCluster cluster;
    static final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    static PrintStream savedOut;
    static PrintStream savedErr;

    @BeforeAll
    static void start() throws Exception {
        // the daemons' loggers (slf4j-simple), the executors' forwarded output and the submitter all write to these
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(new Tee(savedOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(savedErr), true, StandardCharsets.UTF_8));
        data = Files.createDirectories(tmp.resolve("data"));
        cluster = LocalCluster.start(tmp.resolve("cluster"), TestCluster.fastConf().set(FileRoots.SETTING, data.toString()), 1, 2);
    }

    @AfterAll
    static void stop() {
        try {
            if (cluster != null) cluster.close();
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    @Test
    void credentialsReachTheTasksAndNoPageAnswerHistoryLogOrCommandShowsThem() throws Exception {
        Path in = Files.createDirectories(data.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "b\na\n");
        Files.writeString(in.resolve("b.txt"), "b\n");
        Path jar = Files.write(data.resolve("creds.jar"), TestJars.of(CredentialMapper.class, CountReducer.class));
        Configuration creds = new Configuration().set(CredentialMapper.KEYS[0], SECRET).set(CredentialMapper.KEYS[1], ACCESS)
                .set(CredentialMapper.KEYS[2], BUCKET_SECRET);
        Job job = Job.create(new Configuration()).name("credentials").jar(jar.toString()).mapper(CredentialMapper.class)
                .reducer(CountReducer.class).input("file:" + in).output("file:" + data.resolve("out"))
                .set(ConfKeys.MASTER, cluster.master.url()).set("mr.input.pack.size", "0")
                .set(CredentialMapper.KEYS[0], SECRET).set(CredentialMapper.KEYS[1], ACCESS).set(CredentialMapper.KEYS[2], BUCKET_SECRET)
                .set("fs.s3a.endpoint", "http://127.0.0.1:9")
                .set(CredentialMapper.EXPECTED, CredentialMapper.digest(creds));

        assertTrue(job.waitForCompletion(true), () -> "job failed: " + job.result());
        String id = job.result().jobId();
        assertEquals("a\t1\nb\t2\n", Files.readString(data.resolve("out/part-r-00000")));

        JobView view = cluster.api.job(id);
        assertEquals(2L, view.counters().get("credentials").get("received"), "both maps got the real values: " + view.counters());
        assertTrue(view.command().contains("-D 'fs.s3a.secret.key=" + SensitiveKeys.REDACTED + "'"), view.command());
        assertTrue(view.command().contains("-D 'fs.s3a.bucket.logs.secret.key=" + SensitiveKeys.REDACTED + "'"), view.command());
        assertTrue(view.command().contains("-D 'fs.s3a.access.key=" + SensitiveKeys.REDACTED + "'"), view.command());
        assertTrue(view.command().contains("-D fs.s3a.endpoint=http://127.0.0.1:9"), "what is no credential stays: " + view.command());

        // every answer about the job that a person reads, and the pages that show them
        List<String> shown = new ArrayList<>();
        for (String path : List.of("/api/v1/jobs", "/api/v1/jobs/" + id, "/api/v1/jobs/" + id + "/tasks?type=map",
                "/api/v1/jobs/" + id + "/tasks?type=reduce", "/api/v1/jobs/" + id + "/stats", "/api/v1/jobs/" + id + "/timeline",
                "/api/v1/workers", "/", "/job.html?id=" + id)) {
            Api.Reply r = cluster.api.get(path);
            assertEquals(200, r.status(), path + ": " + r.text());
            shown.add(path + " -> " + r.text());
        }
        AttemptView failed = null;
        for (TaskView t : cluster.api.tasks(id, "?type=map").items()) {
            for (AttemptView a : t.attempts()) {
                Api.Reply r = cluster.api.get("/api/v1/jobs/" + id + "/attempts/" + a.attemptId());
                assertEquals(200, r.status(), r.text());
                shown.add(a.attemptId() + " -> " + r.text());
                if ("FAILED".equals(a.state())) failed = cluster.api.get("/api/v1/jobs/" + id + "/attempts/" + a.attemptId()).as(AttemptView.class);
            }
        }
        assertTrue(failed != null, "the first attempt failed, carrying the settings in its words");
        assertTrue(failed.error().contains("fs.s3a.secret.key=" + SensitiveKeys.REDACTED), "its error names the key: " + failed.error());
        assertTrue(failed.log() != null && failed.log().contains("CredentialMapper settings: {"), "its log tail came: " + failed.log());
        for (String text : shown) assertHidden(text);

        // the spec, which carries them to the workers, is for the daemons alone
        String token = ClusterSecretExtension.security().credentials().keys()
                .mint(new UserToken("alice", false, System.currentTimeMillis() + 60_000));
        assertEquals(403, new Api(cluster.master.url(), Credentials.bearer(token)).get("/api/v1/jobs/" + id + "/spec").status());

        // the history the master keeps for the job's page after it ended, and every other file the daemons wrote
        Path cluster = tmp.resolve("cluster");
        awaitFile(cluster, id + ".json.gz");
        Path journal = null;
        try (Stream<Path> files = Files.walk(cluster)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String text = read(f);
                if (f.getFileName().toString().equals("jobs.log")) {
                    journal = f;
                    assertTrue(text.contains(SECRET), "a restarted master resumes the job with its credentials");
                } else {
                    assertHidden(f + ": " + text);
                }
            }
        }
        assertTrue(journal != null, "the job journal is under " + cluster);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.getParent())), "the journal's directory");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.getParent().getParent())),
                "the master's directory (journal, uploads, history)");

        // what the daemons logged and the submitter printed, the failed attempt's lines included
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("job " + id + " SUCCEEDED"), "the capture holds the submitter's output: " + out);
        assertTrue(out.contains("CredentialMapper refuses its first attempt"), "and the worker's warning of the failed attempt: " + out);
        assertHidden(out);
    }

    private static void assertHidden(String text) {
        for (String value : List.of(SECRET, ACCESS, BUCKET_SECRET)) {
            assertFalse(text.contains(value), () -> "a credential shows in: " + text);
        }
    }

    /** A file's text, unzipped when it is gzip. */
    private static String read(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                bytes = in.readAllBytes();
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static void awaitFile(Path dir, String name) throws Exception {
        await(Duration.ofSeconds(30), name + " under " + dir, () -> {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.anyMatch(p -> p.getFileName().toString().equals(name));
            }
        });
    }

    /** Writes to the stream it replaces and to {@link #printed}. */
    private static final class Tee extends OutputStream {
        private final PrintStream original;

        Tee(PrintStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            original.write(b);
            synchronized (printed) {
                printed.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            original.write(b, off, len);
            synchronized (printed) {
                printed.write(b, off, len);
            }
        }
    }
}
