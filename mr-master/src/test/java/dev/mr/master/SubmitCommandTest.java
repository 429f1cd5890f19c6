package dev.mr.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.master.jobs.SubmitCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A job's page shows the mr-submit command that submits it again; it must be the driverless
 * form with the well-known settings as flags, the rest as -D, and values quoted for a shell.
 */
class SubmitCommandTest {

    @Test
    void theCommandReproducesTheSettings() {
        Map<String, String> conf = Map.of(
                "mr.mapper.class", "com.acme.WcMap", "mr.reducer.class", "com.acme.WcReduce", "mr.reducers", "4",
                "mr.input.format.class", "dev.mr.api.io.TextInputFormat", "mr.input.paths", "dfs:/logs/a,dfs:/logs/b",
                "mr.output.path", "dfs:/out", "mr.job.name", "word count", "mr.master", "http://elsewhere:1",
                "wc.stopwords", "a'b");
        assertEquals("mr-submit --master http://m:7070 --jar wc.jar --name 'word count' --mapper com.acme.WcMap"
                        + " --reducer com.acme.WcReduce --reducers 4 --input-format text --input dfs:/logs/a,dfs:/logs/b"
                        + " --output dfs:/out -D 'wc.stopwords=a'\\''b'",
                SubmitCommand.of("http://m:7070", "wc.jar", conf, "com.acme.WcMap"));
    }

    @Test
    void aDefaultMapperIsNamedSinceTheFlagIsRequired() {
        assertEquals("mr-submit --master http://m:7070 --jar j.jar --mapper dev.mr.api.IdentityMapper --output /o",
                SubmitCommand.of("http://m:7070", "j.jar", Map.of("mr.output.path", "/o"), "dev.mr.api.IdentityMapper"));
    }

    /** The master names formats as mr-submit reads them (one table in mr-api): record files too, which the master's own copy once lacked. */
    @Test
    void everyBuiltInFormatGetsTheShortNameMrSubmitTakes() {
        Map<String, String> conf = Map.of("mr.mapper.class", "M", "mr.input.format.class", "dev.mr.api.io.RecordFileInputFormat",
                "mr.output.format.class", "dev.mr.api.io.RecordFileOutputFormat", "mr.output.path", "/o");
        assertEquals("mr-submit --master http://m:7070 --jar j.jar --mapper M --input-format record --output-format record --output /o",
                SubmitCommand.of("http://m:7070", "j.jar", conf, "M"));
        assertEquals("dev.mr.api.io.RecordFileInputFormat", dev.mr.api.io.FormatNames.inputClass("record"));
        assertEquals("com.acme.MyFormat", dev.mr.api.io.FormatNames.inputName("com.acme.MyFormat"));
    }

    /** The command is on the job's page: a credential shows as Hadoop's {@code <redacted>}, its key kept so the user knows what to give. */
    @Test
    void credentialsAreRedactedAndTheirKeysKept() {
        Map<String, String> conf = Map.of("mr.mapper.class", "M", "mr.output.path", "s3a://b/o", "fs.s3a.secret.key", "wJalr/K7MDENG+x",
                "fs.s3a.bucket.b.access.key", "AKIAEXAMPLE", "fs.s3a.endpoint", "http://127.0.0.1:9000");
        String command = SubmitCommand.of("http://m:7070", "j.jar", conf, "M");
        assertEquals("mr-submit --master http://m:7070 --jar j.jar --mapper M --output s3a://b/o"
                + " -D 'fs.s3a.bucket.b.access.key=<redacted>' -D fs.s3a.endpoint=http://127.0.0.1:9000"
                + " -D 'fs.s3a.secret.key=<redacted>'", command);
        String withOwn = SubmitCommand.of("http://m:7070", "j.jar", Map.of("mr.output.path", "/o", "acme.pin", "4242"), "M",
                dev.mr.api.SensitiveKeys.of(Map.of(dev.mr.api.SensitiveKeys.SETTING, "^acme\\.")));
        assertEquals("mr-submit --master http://m:7070 --jar j.jar --mapper M --output /o -D 'acme.pin=<redacted>'", withOwn,
                "patterns from the master's settings count too");
    }
}
