package dev.mr.master.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records that carry a job's settings print them whenever something logs them or puts them
 * in an error ({@code "{}"}, string concatenation, an assertion): a credential among the settings
 * must come out redacted, whichever record it rides in.
 */
class JobRecordTextTest {

    private static final Map<String, String> CONF = Map.of("mr.mapper.class", "M", "fs.s3a.secret.key", "s3cr3t-77",
            "fs.s3a.endpoint", "http://s3:9000");

    @Test
    void aJobRecordPrintsItsSettingsRedacted() {
        String text = new JobRecord("job_0001", 1L, "n", "s3a://b/in", "s3a://b/out", "mr-submit ...", CONF, "ab", 1, List.of(), "alice")
                .toString();
        assertFalse(text.contains("s3cr3t-77"), text);
        assertTrue(text.contains("fs.s3a.secret.key=<redacted>") && text.contains("http://s3:9000"), text);
    }

    @Test
    void aJobSpecPrintsItsKeysOnly() {
        String text = new JobRecord("job_0001", 1L, "n", "i", "o", "c", CONF, "ab", 1, List.of(), "alice").spec().toString();
        assertFalse(text.contains("s3cr3t-77"), text);
        assertTrue(text.contains("fs.s3a.secret.key"), text);
    }

    @Test
    void aValidatedJobPrintsItsSettingsRedacted() {
        String text = new ValidatedJob(CONF, CONF, "j.jar", "ab", "n", "M", "i", 1, false, List.of(), null, List.of(), Map.of()).toString();
        assertFalse(text.contains("s3cr3t-77"), text);
        assertTrue(text.contains("fs.s3a.secret.key=<redacted>"), text);
    }
}
