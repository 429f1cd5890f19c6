package dev.mr.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mr.api.Configuration;
import dev.mr.api.Context;
import dev.mr.api.Counter;
import dev.mr.api.Counters;
import dev.mr.api.TaskInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A streaming command's {@code reporter:status:MESSAGE} lines must become the task's status
 * ({@code context.status}), which the attempt shows, as Hadoop Streaming's do; and the Context
 * is confined to the task's thread, so they must arrive on it, not on the stderr reader's.
 */
class PipeTaskStatusTest {

    /** A Context that records what the task says, and on which thread. */
    static final class Recording implements Context<Object, Object> {
        final List<String> statuses = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final Counters counters = new Counters();
        final Configuration conf = new Configuration();

        @Override
        public void write(Object key, Object value) {}

        @Override
        public Counter counter(String group, String name) {
            return counters.counter(group, name);
        }

        @Override
        public Configuration conf() {
            return conf;
        }

        @Override
        public TaskInfo task() {
            return new TaskInfo("job_0001", "job_0001_m_000000_0", "w1", 0, null);
        }

        @Override
        public void status(String message) {
            statuses.add(message);
            threads.add(Thread.currentThread());
        }
    }

    @Test
    void reporterStatusLinesSetTheTasksStatusOnTheTasksThread() throws Exception {
        Recording context = new Recording();
        List<String> out = new ArrayList<>();
        String command = "echo 'reporter:status:read 0 lines' >&2; n=0; while read l; do echo \"$l\"; n=$((n+1)); done; "
                + "echo \"reporter:status:read $n lines\" >&2; echo 'reporter:counter:G,C,2' >&2";
        try (PipeTask task = PipeTask.start(command, context, (b, off, len) -> out.add(new String(b, off, len, StandardCharsets.UTF_8)))) {
            for (String line : List.of("a", "b", "c")) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                task.send(bytes, 0, bytes.length); // one input line; the pipe adds its newline
            }
            task.finish();
        }
        assertEquals(List.of("a", "b", "c"), out);
        assertEquals(List.of("read 0 lines", "read 3 lines"), context.statuses);
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), context.threads);
        assertEquals(2, context.counters.counter("G", "C").value());
    }
}
