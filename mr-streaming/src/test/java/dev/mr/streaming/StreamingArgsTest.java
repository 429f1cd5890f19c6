package dev.mr.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hadoop Streaming command lines must port as they are, and a wrong one must be refused naming the flag. */
class StreamingArgsTest {

    @Test
    void aHadoopCommandLineBecomesTheJobsSettings() {
        Configuration c = StreamingArgs.parse("-D", "mapreduce.job.name=wc", "-Dmr.reducers=9", "-input", "a", "-input", "b,c", "-output", "out",
                "-mapper", "python3 m.py", "-combiner", "python3 r.py", "-reducer", "python3 r.py", "-file", "m.py", "-file", "r.py#red.py",
                "-numReduceTasks", "4", "-inputformat", "org.apache.hadoop.mapred.TextInputFormat", "-cmdenv", "LANG=C.UTF-8", "--local");
        assertEquals(List.of("a", "b", "c"), c.getList(ConfKeys.INPUT_PATHS));
        assertEquals("out", c.get(ConfKeys.OUTPUT_PATH));
        assertEquals("python3 m.py", c.get(StreamingKeys.MAPPER));
        assertEquals("python3 r.py", c.get(StreamingKeys.COMBINER));
        assertEquals("python3 r.py", c.get(StreamingKeys.REDUCER));
        assertEquals(PipeMapper.class.getName(), c.get(ConfKeys.MAPPER));
        assertEquals(PipeReducer.class.getName(), c.get(ConfKeys.REDUCER));
        assertEquals("4", c.get(ConfKeys.REDUCERS), "-numReduceTasks wins over an earlier -D");
        assertEquals(List.of("m.py", "r.py#red.py"), c.getList(ConfKeys.JOB_FILES));
        assertEquals("text", c.get(StreamingKeys.INPUT));
        assertEquals("C.UTF-8", c.get(StreamingKeys.CMDENV_PREFIX + "LANG"));
        assertEquals("local", c.get(ConfKeys.FRAMEWORK));
        assertEquals("wc", c.get("mapreduce.job.name"));
    }

    @Test
    void noneOrZeroReducersMakeAMapOnlyJob() {
        Configuration none = StreamingArgs.parse("-input", "a", "-output", "o", "-mapper", "cat", "-reducer", "NONE", "-combiner", "cat");
        assertEquals(0, none.getInt(ConfKeys.REDUCERS, -1));
        assertFalse(none.isSet(ConfKeys.REDUCER));
        assertFalse(none.isSet(StreamingKeys.COMBINER), "no shuffle, so nothing to combine");
        Configuration zero = StreamingArgs.parse("-input", "a", "-output", "o", "-mapper", "cat", "-numReduceTasks", "0");
        assertEquals(0, zero.getInt(ConfKeys.REDUCERS, -1));
    }

    @Test
    void keyValueInputAndHadoopsIdentityClassesAreUnderstood() {
        Configuration c = StreamingArgs.parse("-input", "a", "-output", "o", "-inputformat", "KEY-VALUE".toLowerCase(),
                "-mapper", "org.apache.hadoop.mapred.lib.IdentityMapper", "-reducer", "org.apache.hadoop.mapred.lib.IdentityReducer",
                "--master", "http://m:8080");
        assertEquals("key-value", c.get(StreamingKeys.INPUT));
        assertEquals("cat", c.get(StreamingKeys.MAPPER));
        assertEquals("cat", c.get(StreamingKeys.REDUCER));
        assertEquals("http://m:8080", c.get(ConfKeys.MASTER));
        assertEquals("key-value", StreamingArgs.parse("-input", "a", "-output", "o", "-mapper", "cat", "-reducer", "NONE",
                "-inputformat", "org.apache.hadoop.mapred.KeyValueTextInputFormat").get(StreamingKeys.INPUT));
    }

    @Test
    void aWrongCommandLineIsRefusedNamingTheFlag() {
        assertEquals("-mapper CMD is needed", refused("-input", "a", "-output", "o", "-reducer", "cat"));
        assertEquals("-input IN is needed", refused("-output", "o", "-mapper", "cat", "-reducer", "cat"));
        assertEquals("-output OUT is needed", refused("-input", "a", "-mapper", "cat", "-reducer", "cat"));
        assertEquals("-reducer CMD is needed (or -reducer NONE, or -numReduceTasks 0, for a map-only job)", refused("-input", "a", "-output", "o", "-mapper", "cat"));
        assertEquals("unknown flag -mapperr", refused("-input", "a", "-output", "o", "-mapperr", "cat"));
        assertEquals("-output needs a value after it", refused("-input", "a", "-output"));
        assertEquals("-numReduceTasks wants a whole number of 0 or more, got 'two'", refused("-input", "a", "-output", "o", "-mapper", "cat", "-numReduceTasks", "two"));
        assertEquals("-inputformat is text or key-value (or Hadoop's TextInputFormat or KeyValueTextInputFormat), not sequence",
                refused("-input", "a", "-output", "o", "-mapper", "cat", "-reducer", "NONE", "-inputformat", "sequence"));
        assertEquals("-cmdenv 1X=...: 1X is not a variable name", refused("-input", "a", "-output", "o", "-mapper", "cat", "-reducer", "NONE", "-cmdenv", "1X=s3cr3t"),
                "the value may be a credential: never echoed");
        assertEquals("-D =...: the key before '=' is empty; expected key=value", refused("-D", "=s3cr3t", "-input", "a"));
        assertEquals("-D nokey: expected key=value", refused("-D", "nokey", "-input", "a"));
        assertEquals("unexpected argument 'stray': every value follows its flag", refused("stray"));
    }

    private static String refused(String... argv) {
        return assertThrows(IllegalArgumentException.class, () -> StreamingArgs.parse(argv)).getMessage();
    }
}
