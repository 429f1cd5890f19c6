package dev.mr.scripts;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user meets through the real scripts when credentials are missing or wrong: one line
 * that names --secret-file or MR_SECRET_FILE and what to do, a non-zero exit, never a stack
 * trace or a hang; and with the cluster's own secret, or a token from mr-token alone, the tools
 * work.
 */
class CredentialsIT {

    @TempDir
    Path tmp;

    @Test
    void wrongOrMissingCredentialsGetOneClearLineAndTheRightOnesWork() throws Exception {
        try (Cluster c = Cluster.start(tmp.resolve("c"), 1)) {
            Path in = Files.writeString(tmp.resolve("in.txt"), "a b\n");
            Path other = tmp.resolve("other-secret");
            Files.writeString(other, "ab".repeat(32) + "\n");
            Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));

            Cluster.Result none = c.background(Map.of("MR_SECRET_FILE", ""), "mr-dfs", "ls", "dfs:/").finish();
            assertNotEquals(0, none.status(), none.toString());
            assertTrue(none.err().contains("no credentials") && none.err().contains("MR_SECRET_FILE"), none.toString());
            assertOneLine(none);

            Cluster.Result wrong = c.background(Map.of("MR_SECRET_FILE", other.toString()), "mr-dfs", "put", in.toString(), "dfs:/in/").finish();
            assertNotEquals(0, wrong.status(), wrong.toString());
            assertTrue(wrong.err().contains("signature does not match") && wrong.err().contains("MR_SECRET_FILE"), wrong.toString());
            assertOneLine(wrong);

            Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-r--r--"));
            Cluster.Result loose = c.background(Map.of("MR_SECRET_FILE", other.toString()), "mr-submit", "--wait", "--jar", Cluster.JOBS_JAR.toString(),
                    "--mapper", "M", "--reducer", "R", "--input", "dfs:/in", "--output", "dfs:/out").finish();
            assertEquals(2, loose.status(), loose.toString());
            assertTrue(loose.err().contains("chmod 600"), loose.toString());
            assertOneLine(loose);

            Cluster.Result worker = c.background(Map.of(), "mr-worker", "--master", c.url, "--secret-file", tmp.resolve("nope").toString(),
                    "--port", "0", "--dir", tmp.resolve("w").toString()).finish();
            assertEquals(2, worker.status(), worker.toString());
            assertTrue(worker.err().contains("--secret-file") && worker.err().contains("does not exist"), worker.toString());

            Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
            Cluster.Result impostor = c.background(Map.of(), "mr-worker", "--master", c.url, "--secret-file", other.toString(),
                    "--host", "127.0.0.1", "--port", "0", "--dir", tmp.resolve("w2").toString()).finish();
            assertEquals(2, impostor.status(), "a worker with another cluster's secret stops: " + impostor);
            assertTrue(impostor.err().contains("401") && impostor.err().contains("--secret-file"), impostor.toString());
            assertEquals(1, c.get("/api/v1/workers").size(), "the impostor never joined");

            c.ok("mr-dfs", "put", in.toString(), "dfs:/in/");
            String token = c.ok("mr-token", "--ttl", "5m").out().strip();
            Cluster.Result withToken = c.background(Map.of("MR_SECRET_FILE", "", "MR_TOKEN", token), "mr-dfs", "cat", "dfs:/in/in.txt").finish();
            assertEquals(0, withToken.status(), "a token alone reads dfs, chunks through the capabilities in the layout: " + withToken);
            assertEquals("a b\n", withToken.out());
        }
    }

    /**
     * A job's store credentials, given as {@code -D} to the real {@code mr-submit}, must show in
     * nothing the real daemons write (their logs at their usual level, the executors' output
     * they forward, the job history) nor in what mr-submit prints or the API answers; only the
     * master's journal keeps them, in a directory its user alone may open.
     */
    @Test
    void aJobsStoreCredentialsShowInNoLogHistoryAnswerOrOutput() throws Exception {
        String secret = "SECRET-" + java.util.UUID.randomUUID();
        String access = "AKIA" + Long.toHexString(System.nanoTime()).toUpperCase() + "QX";
        String bucketSecret = "BUCKETSECRET-" + java.util.UUID.randomUUID();
        try (Cluster c = Cluster.start(tmp.resolve("c"), 1)) {
            c.ok("mr-dfs", "put", Files.writeString(tmp.resolve("words.txt"), "a b a\n").toString(), "dfs:/in/");
            Cluster.Result submit = c.ok("mr-submit", "--wait", Cluster.JOBS_JAR.toString(), "dev.mr.jobs.WordCount",
                    "-D", "fs.s3a.secret.key=" + secret, "-D", "fs.s3a.access.key=" + access, "-D", "fs.s3a.bucket.logs.secret.key=" + bucketSecret,
                    "dfs:/in", "dfs:/out");
            String id = c.latestJobId();
            assertTrue(submit.out().contains("SUCCEEDED") || submit.err().contains("SUCCEEDED"), submit.toString());
            java.util.List<String> shown = new java.util.ArrayList<>(java.util.List.of(submit.out(), submit.err()));
            for (String path : java.util.List.of("/api/v1/jobs", "/api/v1/jobs/" + id, "/api/v1/jobs/" + id + "/tasks?type=map",
                    "/api/v1/jobs/" + id + "/tasks?type=reduce", "/api/v1/jobs/" + id + "/stats", "/api/v1/jobs/" + id + "/timeline")) {
                shown.add(path + " -> " + c.get(path));
            }
            assertTrue(shown.get(3).contains("fs.s3a.secret.key=<redacted>"), "the reproduce command names the key: " + shown.get(3));
            await(Duration.ofSeconds(30), "the job's history file", () -> !files(tmp, id + ".json.gz").isEmpty());
            Path journal = null;
            for (Path f : files(tmp, null)) {
                String text = text(f);
                if (f.getFileName().toString().equals("jobs.log")) {
                    journal = f;
                    assertTrue(text.contains(secret), "the journal keeps what a resumed job needs");
                } else {
                    shown.add(f + ": " + text);
                }
            }
            assertTrue(journal != null, "a job journal under " + tmp);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.getParent().getParent())));
            assertTrue(shown.stream().anyMatch(t -> t.contains("accepted job " + id)), "the master's log was read: " + files(tmp, null));
            for (String t : shown) {
                for (String value : java.util.List.of(secret, access, bucketSecret)) assertFalse(t.contains(value), () -> "a credential shows in " + t);
            }
        }
    }

    /** Every regular file under {@code dir}, or those named {@code name}. */
    private static java.util.List<Path> files(Path dir, String name) {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> name == null || p.getFileName().toString().equals(name)).toList();
        } catch (java.io.IOException e) {
            return java.util.List.of(); // a file went away while walking: look again
        }
    }

    /** A file's text, unzipped when it is gzip (history files). */
    private static String text(Path f) throws java.io.IOException {
        byte[] b = Files.readAllBytes(f);
        if (b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
                b = in.readAllBytes();
            }
        }
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static void assertOneLine(Cluster.Result r) {
        String err = r.err().strip();
        assertFalse(err.contains("\n\tat "), "no stack trace: " + r);
    }
}
