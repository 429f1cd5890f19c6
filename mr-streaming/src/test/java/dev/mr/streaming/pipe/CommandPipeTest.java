package dev.mr.streaming.pipe;

import static dev.mr.api.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pump between a task and its command: every output line reaches the owner's thread and no
 * other, a kill stops the command and the children it started, and an interrupted owner is not
 * left waiting.
 */
class CommandPipeTest {

    @TempDir
    Path dir;

    /** Records what the command said, and on which thread. */
    static final class Recorder implements CommandPipe.Listener {
        final List<String> lines = new ArrayList<>();
        final List<ReporterLine> reports = new ArrayList<>();
        final List<String> logs = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();

        @Override
        public void output(byte[] buf, int off, int len) {
            threads.add(Thread.currentThread());
            lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void reporter(ReporterLine line) {
            threads.add(Thread.currentThread());
            reports.add(line);
        }

        @Override
        public void log(String line) {
            threads.add(Thread.currentThread());
            logs.add(line);
        }
    }

    private CommandPipe start(String command, Recorder r) throws Exception {
        return CommandPipe.start(command, dir, Map.of("PATH", System.getenv("PATH")), r, 4096, 2000);
    }

    @Test
    void everyLineReachesTheOwnersThreadInOrder() throws Exception {
        Recorder r = new Recorder();
        try (CommandPipe pipe = start("awk '{ print NR \"\\t\" $0 } END { print \"reporter:counter:G,C,\" NR > \"/dev/stderr\"; print \"bye\" > \"/dev/stderr\" }'", r)) {
            for (int i = 0; i < 100_000; i++) {
                byte[] b = ("v" + i).getBytes(StandardCharsets.UTF_8);
                pipe.send(b, 0, b.length);
            }
            pipe.finish();
        }
        assertEquals(100_000, r.lines.size());
        for (int i = 0; i < 100_000; i += 997) assertEquals((i + 1) + "\tv" + i, r.lines.get(i));
        assertEquals(List.of(new ReporterLine.Counter("G", "C", 100_000)), r.reports);
        assertEquals(List.of("bye"), r.logs);
        assertTrue(r.threads.stream().allMatch(t -> t == Thread.currentThread()), "only the owner's thread hears the command");
    }

    @Test
    void aLastLineWithoutNewlineAndCrLfLinesAreLines() throws Exception {
        Recorder r = new Recorder();
        try (CommandPipe pipe = start("printf 'a\\r\\nb\\nc'", r)) {
            pipe.finish();
        }
        assertEquals(List.of("a", "b", "c"), r.lines);
    }

    @Test
    void closeKillsTheCommandAndTheChildrenItStarted() throws Exception {
        Recorder r = new Recorder();
        Path pids = dir.resolve("pids");
        // both ignore SIGTERM (an ignored signal stays ignored across exec): only the kill after the grace period stops them
        CommandPipe pipe = start("trap '' TERM; sleep 600 & echo $! > " + pids + "; echo $$ >> " + pids + "; wait", r);
        await(Duration.ofSeconds(30), "the command to start", () -> Files.exists(pids) && Files.readAllLines(pids).size() == 2);
        List<ProcessHandle> started = Files.readAllLines(pids).stream().map(p -> ProcessHandle.of(Long.parseLong(p.trim())).orElseThrow()).toList();
        pipe.close();
        for (ProcessHandle p : started) {
            p.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(p.isAlive(), p.pid() + " was stopped");
        }
    }

    @Test
    void anInterruptedOwnerStopsWaitingAndCloseEndsTheCommand() throws Exception {
        Recorder r = new Recorder();
        CommandPipe pipe = start("sleep 600", r);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread owner = new Thread(() -> {
            try {
                waiting.countDown();
                pipe.finish();
            } catch (Throwable t) {
                thrown.set(t);
            } finally {
                pipe.close();
            }
        });
        owner.start();
        waiting.await();
        owner.interrupt();
        owner.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(owner.isAlive());
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
    }

    @Test
    void aFailedCommandsErrorEndsWithItsStderr() throws Exception {
        Recorder r = new Recorder();
        try (CommandPipe pipe = start("for i in $(seq 1 2000); do echo \"noise $i\" >&2; done; exit 3", r)) {
            CommandFailedException e = assertThrows(CommandFailedException.class, pipe::finish);
            assertTrue(e.getMessage().startsWith("streaming command `for i in"), e.getMessage());
            assertTrue(e.getMessage().contains("exited with status 3; the end of its stderr:\n...\n"), e.getMessage());
            assertTrue(e.getMessage().endsWith("noise 1999\nnoise 2000"), e.getMessage());
            assertTrue(e.getMessage().length() < 4096 + 200, "only the tail is kept");
        }
    }
}
