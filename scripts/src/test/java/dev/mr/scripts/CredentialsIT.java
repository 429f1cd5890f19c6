package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    static void assertOneLine(Cluster.Result r) {
        String err = r.err().strip();
        assertFalse(err.contains("\n\tat "), "no stack trace: " + r);
    }
}
