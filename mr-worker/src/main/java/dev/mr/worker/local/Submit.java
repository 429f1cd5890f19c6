package dev.mr.worker.local;

import dev.mr.api.ConfKeys;
import dev.mr.api.InvalidJobException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mr-submit [--local] [--master URL] [--wait] JAR MAIN_CLASS [args...]}: runs a job's
 * driver ({@code main} of MAIN_CLASS, loaded from JAR in a class loader of its own) the way
 * Hadoop's {@code hadoop jar} does; the driver's {@code Job.waitForCompletion} then runs the
 * job in this process ({@code --local}) or on the cluster. Exit status: the driver's; 2 when
 * the job or the command line is refused, with the reason on stderr.
 */
@Command(name = "mr-submit", mixinStandardHelpOptions = true,
        description = "Run a job's driver: its Job runs locally (--local) or on the master's cluster.")
public final class Submit implements Callable<Integer> {

    @Option(names = "--local", description = "Run the job in this process with the local runner.")
    boolean local;

    @Option(names = "--master", paramLabel = "URL", description = "The master (default: $MR_MASTER).")
    String master;

    @Option(names = "--wait", description = "Wait for the job to end (a driver's waitForCompletion always does).")
    boolean waitForEnd;

    @Parameters(index = "0", paramLabel = "JAR", description = "The job's jar.")
    Path jar;

    @Parameters(index = "1", paramLabel = "MAIN_CLASS", description = "The driver class, with a main method.")
    String mainClass;

    @Parameters(index = "2..*", paramLabel = "ARGS", description = "The driver's arguments (-D key=value settings first).")
    List<String> args = List.of();

    public static void main(String[] argv) {
        CommandLine cli = new CommandLine(new Submit()).setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        System.exit(cli.execute(argv));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(jar)) {
            System.err.println("mr-submit: jar " + jar + " does not exist");
            return 2;
        }
        if (local) System.setProperty(ConfKeys.FRAMEWORK, "local");
        if (master != null) System.setProperty(ConfKeys.MASTER, master);
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toAbsolutePath().toUri().toURL()}, Submit.class.getClassLoader());
        Method main;
        try {
            main = Class.forName(mainClass, true, loader).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) throw new NoSuchMethodException();
        } catch (ClassNotFoundException e) {
            System.err.println("mr-submit: class " + mainClass + " not found in " + jar.getFileName());
            return 2;
        } catch (NoSuchMethodException e) {
            System.err.println("mr-submit: class " + mainClass + " has no public static void main(String[])");
            return 2;
        }
        Thread.currentThread().setContextClassLoader(loader);
        try {
            main.invoke(null, (Object) args.toArray(String[]::new));
            return 0;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidJobException || cause instanceof IllegalArgumentException) {
                System.err.println("mr-submit: " + cause.getMessage());
                return 2;
            }
            throw cause instanceof Exception ex ? ex : e;
        }
    }
}
