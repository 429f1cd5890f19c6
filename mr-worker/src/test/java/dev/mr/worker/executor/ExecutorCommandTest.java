package dev.mr.worker.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The executor's command line decides what isolation a task gets: its heap, exiting on
 * OutOfMemoryError, the JVM's messages away from the event stream, its own temp directory; the
 * job's options come last so that they can override the daemon's tuning, never the reverse.
 */
class ExecutorCommandTest {

    @Test
    void theHeapTheSafetyFlagsThenTheDaemonsTuningThenTheJobsOptions() {
        ExecutorCommand c = new ExecutorCommand("/jdk/bin/java", "/a.jar:/b.jar", 768, Path.of("/w/jobs/job_0001/executor-1/tmp"),
                List.of("-XX:+UseTransparentHugePages"), List.of("mr.tls.ca=/ca.pem"), " -XX:+UseParallelGC  -Dx=1 ");
        assertEquals(List.of("/jdk/bin/java", "-Xmx768m", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr",
                "-Djava.io.tmpdir=/w/jobs/job_0001/executor-1/tmp", "-XX:+UseTransparentHugePages", "-Dmr.tls.ca=/ca.pem",
                "-XX:+UseParallelGC", "-Dx=1", "-cp", "/a.jar:/b.jar", "dev.mr.worker.executor.ExecutorMain"), c.args());
    }

    @Test
    void onlyTuningFlagsAreInheritedNotTheDaemonsHeapDumpsOrArchives() {
        assertEquals(List.of("-XX:+UseTransparentHugePages", "-XX:+UseG1GC"), ExecutorCommand.inheritable(List.of(
                "-Xmx4g", "-XX:+UseTransparentHugePages", "-XX:+HeapDumpOnOutOfMemoryError", "-XX:MaxHeapSize=99",
                "-XX:SharedArchiveFile=/x.jsa", "-XX:OnError=kill", "-javaagent:/a.jar", "-XX:+UseG1GC", "-Dmr.secret.file=/s")));
    }
}
