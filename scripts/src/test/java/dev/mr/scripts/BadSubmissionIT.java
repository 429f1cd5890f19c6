package dev.mr.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad submission must be refused at the door with a 4xx that names the problem, and leave
 * nothing behind: no job in the list (so nothing journaled, even after a restart), no output.
 */
class BadSubmissionIT {

    @TempDir
    Path tmp;

    @Test
    void badSubmissionsAreRefusedAndChangeNothing() throws Exception {
        try (Cluster c = Cluster.start(tmp.resolve("c"), 1, "-D", "mr.submit.max.bytes=2000000")) {
            Path jar = TestJobs.jar(tmp);
            Path in = Files.writeString(tmp.resolve("in.txt"), "a b\n");
            c.ok("mr-dfs", "put", in.toString(), "dfs:/in/");
            c.ok("mr-dfs", "mkdir", "dfs:/existing");

            Cluster.Result missing = c.script("mr-submit", "--jar", jar.toString(), "--mapper", "com.acme.WcMap", "--reducers", "0",
                    "--input", "dfs:/in/in.txt", "--output", "dfs:/out1");
            assertEquals(2, missing.status(), missing.toString());
            assertTrue(missing.err().contains("mapper class com.acme.WcMap (mr.mapper.class) not found in test-jobs.jar"), missing.toString());

            Cluster.Result exists = c.script("mr-submit", "--jar", jar.toString(), "--mapper", TestJobs.PKG + "PoisonMapper", "--reducers", "0",
                    "--input", "dfs:/in/in.txt", "--output", "dfs:/existing");
            assertEquals(2, exists.status(), exists.toString());
            assertTrue(exists.err().contains("output dfs:/existing already exists"), exists.toString());

            Cluster.Result noInput = c.script("mr-submit", "--jar", jar.toString(), "--mapper", TestJobs.PKG + "PoisonMapper", "--reducers", "0",
                    "--input", "dfs:/nope", "--output", "dfs:/out2");
            assertEquals(2, noInput.status(), noInput.toString());
            assertTrue(noInput.err().contains("input dfs:/nope does not exist"), noInput.toString());

            String boundary = "b0undary";
            byte[] malformed = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"spec\"\r\n\r\n{not json\r\n--" + boundary + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = c.post("/api/v1/jobs", "multipart/form-data; boundary=" + boundary, malformed);
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("error"), r.body());

            byte[] huge = new byte[3_000_000];
            HttpResponse<String> big = c.post("/api/v1/jobs", "multipart/form-data; boundary=" + boundary, huge);
            assertEquals(413, big.statusCode(), big.body());

            assertEquals(0, c.get("/api/v1/jobs").get("items").size(), "no job was accepted");
            String ls = c.ok("mr-dfs", "ls", "dfs:/").out();
            assertFalse(ls.contains("out1") || ls.contains("out2"), ls);
            assertEquals("", c.ok("mr-dfs", "ls", "dfs:/existing").out().replaceAll("(?m)^Found 0 items\\s*", "").trim());
        }
    }
}
