package dev.mr.worker.executor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts an executor JVM: the same {@code java} and framework class path
 * as the worker daemon's, the job's heap, {@code -XX:+ExitOnOutOfMemoryError} (an executor out of
 * memory exits at once instead of limping on), the JVM's own messages on standard error (standard
 * output carries the daemon's conversation), a temporary directory of its own, the daemon's
 * {@code -XX} tuning flags, then the job's {@code mr.executor.java.opts}, which may override them.
 * The job's jar is not on the class path: the executor loads it in a class loader of its own, as
 * the daemon does with {@code mr.executor=thread}. Pure.
 *
 * @param properties {@code -D} system properties to pass (name=value)
 */
public record ExecutorCommand(String java, String classPath, long heapMb, Path tmpDir, List<String> inheritedFlags,
                              List<String> properties, String userOpts) {

    public List<String> args() {
        List<String> args = new ArrayList<>();
        args.add(java);
        args.add("-Xmx" + heapMb + "m");
        args.add("-XX:+ExitOnOutOfMemoryError");
        args.add("-XX:+DisplayVMOutputToStderr");
        args.add("-Djava.io.tmpdir=" + tmpDir);
        args.addAll(inheritedFlags);
        for (String p : properties) args.add("-D" + p);
        if (userOpts != null) {
            for (String o : userOpts.trim().split("\\s+")) {
                if (!o.isEmpty()) args.add(o);
            }
        }
        args.add("-cp");
        args.add(classPath);
        args.add(ExecutorMain.class.getName());
        return args;
    }

    /**
     * The flags of this JVM worth giving an executor: {@code -XX} tuning (huge pages, the
     * collector), not its heap size, heap dumps, error files or agents.
     */
    public static List<String> inheritable(List<String> jvmArgs) {
        List<String> out = new ArrayList<>();
        for (String a : jvmArgs) {
            if (!a.startsWith("-XX:")) continue;
            String name = a.substring(4).replaceFirst("^[+-]", "").replaceFirst("=.*", "");
            if (name.contains("Heap") || name.contains("OnError") || name.contains("OnOutOfMemory") || name.equals("ErrorFile")
                    || name.contains("Archive") || name.equals("SharedArchiveFile") || name.contains("Flight")) continue;
            out.add(a);
        }
        return out;
    }
}
