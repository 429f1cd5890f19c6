package dev.mr.worker.executor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order that hands an executor its job carries the job's settings and its tasks' token; if it
 * is ever logged or put in an error, neither a store credential nor the token may come out.
 */
class HelloTextTest {

    @Test
    void helloPrintsNeitherCredentialsNorTheToken() {
        String text = new ExecutorWire.Hello("job_0001", Map.of("fs.s3a.secret.key", "s3cr3t-77", "mr.reducers", "2"), List.of(), "w1",
                1 << 20, 2, 1024, 1000, "mrt1.tokentext.mac").toString();
        assertFalse(text.contains("s3cr3t-77") || text.contains("tokentext"), text);
        assertTrue(text.contains("fs.s3a.secret.key=<redacted>") && text.contains("mr.reducers=2"), text);
    }
}
