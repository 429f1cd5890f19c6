package dev.mr.streaming;

import dev.mr.api.InvalidJobException;
import dev.mr.api.Job;
import java.io.IOException;

/**
 * {@code mr-streaming}: runs a job whose mapper and reducer are commands in any language, with
 * Hadoop Streaming's flags (see {@link StreamingArgs}). This class's jar is the job's jar, as
 * {@code hadoop-streaming.jar} is Hadoop's; the job runs through {@link Job#waitForCompletion}
 * on the cluster or, with {@code --local}, in this process.
 *
 * <p>Exit status as {@code mr-submit}'s: 0 when the job succeeded, 1 when it failed (with the
 * failing task's error) or the master could not be reached, 2 when the command line or the job
 * was refused, with the reason.
 */
public final class Streaming {

    private Streaming() {}

    public static void main(String[] argv) throws Exception {
        System.exit(run(argv));
    }

    /** The job {@code argv} describes, with this class's jar as its jar. */
    public static Job job(String... argv) {
        return Job.create(StreamingArgs.parse(argv)).jarByClass(Streaming.class);
    }

    static int run(String... argv) throws InterruptedException {
        if (argv.length == 0 || java.util.List.of("-h", "-help", "--help").contains(argv[0])) {
            (argv.length == 0 ? System.err : System.out).println(StreamingArgs.USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        try {
            return job(argv).waitForCompletion(true) ? 0 : 1;
        } catch (InvalidJobException e) {
            System.err.println("mr-streaming: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("mr-streaming: " + e.getMessage());
            System.err.println(StreamingArgs.USAGE);
            return 2;
        } catch (IOException e) {
            System.err.println("mr-streaming: " + e.getMessage());
            return 1;
        }
    }
}
