package dev.mr.worker.submit;

import dev.mr.api.io.FormatNames;
import dev.mr.security.CredentialsException;
import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import dev.mr.api.Job;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import dev.mr.api.GenericOptions;
import dev.mr.api.spi.ShippedFiles;
import dev.mr.worker.attempt.JobClassPath;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mr-submit}, in two forms.
 *
 * <p>With a driver: {@code mr-submit [--local] [--master URL] [--wait] JAR MAIN_CLASS [args]}
 * runs MAIN_CLASS's {@code main} (loaded from JAR in a class loader of its own), as
 * {@code hadoop jar} does; its {@code Job.waitForCompletion} runs the job here ({@code --local})
 * or on the cluster.
 *
 * <p>Without one: {@code mr-submit [--master URL] [--wait] [--name NAME] --jar JAR --mapper C
 * [--combiner C] --reducer C [--reducers N] [--input-format F] [--output-format F] --input URI[,URI]
 * --output URI [-D key=value ...] [-files F[#ALIAS],...] [-libjars JAR,...] [-archives ZIP[#ALIAS],...]}
 * defines the job from flags. Before JAR, {@code -D}, {@code -files}, {@code -libjars} and
 * {@code -archives} go to the driver as its generic options ({@link GenericOptions}).
 *
 * <p>The master comes from {@code --master}, else {@code MR_MASTER}. With {@code --wait} (and
 * always for a driver's {@code waitForCompletion}) a progress line updates until the job ends,
 * then the counters and the output are printed. Exit status: 0 only when the job succeeded
 * (or, without {@code --wait}, was accepted); 1 when it failed, with the failing task's error;
 * 2 when the job or the command line is refused, with the reason.
 */
@Command(name = "mr-submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Submit a job: run its driver (JAR MAIN_CLASS [args]) or define it with --jar/--mapper/--reducer/--input/--output.")
public final class Submit implements Callable<Integer> {

    @Option(names = "--local", description = "Run the job in this process with the local runner.")
    boolean local;

    @Option(names = "--master", paramLabel = "URL", description = "The master (default: $MR_MASTER).")
    String master;

    @Option(names = "--wait", description = "Follow the job to its end (a driver's waitForCompletion always does).")
    boolean waitForEnd;

    @Option(names = "--name", description = "The job's display name (also -D mr.job.name=...).")
    String name;

    @Option(names = "--jar", paramLabel = "JAR", description = "Define the job from flags, with its classes in JAR.")
    Path jobJar;

    @Option(names = "--mapper", paramLabel = "CLASS")
    String mapper;

    @Option(names = "--combiner", paramLabel = "CLASS")
    String combiner;

    @Option(names = "--reducer", paramLabel = "CLASS")
    String reducer;

    @Option(names = "--reducers", paramLabel = "N", description = "Reduce tasks; 0 makes a map-only job.")
    Integer reducers;

    @Option(names = "--input-format", paramLabel = "F", description = "text (default), key-value, whole-file, tera, record, or a class.")
    String inputFormat;

    @Option(names = "--output-format", paramLabel = "F", description = "text (default), tera, record, or a class.")
    String outputFormat;

    @Option(names = "--input", paramLabel = "URI[,URI]", split = ",")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--output", paramLabel = "URI")
    String output;

    @Option(names = "-D", paramLabel = "key=value", description = "A job setting.", mapFallbackValue = "")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "-files", paramLabel = "F[#ALIAS],...", description = "Files to ship with the job; tasks read them with context.cacheFile(ALIAS).")
    List<String> files = new ArrayList<>();

    @Option(names = "-libjars", paramLabel = "JAR,...", description = "Jars to put on the job's class path.")
    List<String> libjars = new ArrayList<>();

    @Option(names = "-archives", paramLabel = "ZIP[#ALIAS],...", description = "Zip or jar archives to ship, unpacked into a directory each.")
    List<String> archives = new ArrayList<>();

    @Parameters(paramLabel = "JAR MAIN_CLASS [ARGS]", description = "A driver jar, its main class and its arguments.")
    List<String> positional = new ArrayList<>();

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        CommandLine cli = new CommandLine(new Submit()).setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InvalidJobException || e instanceof IllegalArgumentException || e instanceof CredentialsException) {
                System.err.println("mr-submit: " + e.getMessage());
                return 2;
            }
            if (e instanceof java.io.IOException) { // the master or the store could not be reached, or refused: its words, no stack trace
                System.err.println("mr-submit: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(argv);
    }

    @Override
    public Integer call() throws Exception {
        if (local) System.setProperty(ConfKeys.FRAMEWORK, "local");
        if (master != null) System.setProperty(ConfKeys.MASTER, master);
        return jobJar != null ? runDefined() : runDriver();
    }

    private int runDriver() throws Exception {
        if (positional.size() < 2) {
            throw new IllegalArgumentException("give JAR MAIN_CLASS [args] to run a driver, or --jar with --mapper/--reducer/--input/--output");
        }
        Path jar = Path.of(positional.get(0));
        String mainClass = positional.get(1);
        List<String> driverArgs = new ArrayList<>(positional.subList(2, positional.size()));
        for (String j : libjars) driverArgs.addAll(List.of("-libjars", j));
        // as Hadoop's GenericOptionsParser: the driver's -libjars (a missing one refused here) are on its class path too
        URLClassLoader loader = jarLoader(jar, GenericOptions.parse(driverArgs.toArray(String[]::new)).conf());
        Method main;
        try {
            main = Class.forName(mainClass, true, loader).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) throw new NoSuchMethodException();
        } catch (ClassNotFoundException e) {
            throw new InvalidJobException("class " + mainClass + " not found in " + jar.getFileName());
        } catch (NoSuchMethodException e) {
            throw new InvalidJobException("class " + mainClass + " has no public static void main(String[])");
        }
        List<String> args = new ArrayList<>();
        settings.forEach((k, v) -> args.addAll(List.of("-D", k + "=" + v)));
        for (String f : files) args.addAll(List.of("-files", f));
        for (String j : libjars) args.addAll(List.of("-libjars", j));
        for (String a : archives) args.addAll(List.of("-archives", a));
        args.addAll(positional.subList(2, positional.size()));
        Thread.currentThread().setContextClassLoader(loader);
        try {
            main.invoke(null, (Object) args.toArray(String[]::new));
            return 0;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ex ? ex : e;
        }
    }

    private int runDefined() throws Exception {
        if (!positional.isEmpty()) throw new IllegalArgumentException("unexpected arguments with --jar: " + String.join(" ", positional));
        if (mapper == null) throw new IllegalArgumentException("--jar needs --mapper CLASS");
        if (reducer == null && (reducers == null || reducers > 0)) throw new IllegalArgumentException("--reducer CLASS is needed unless --reducers 0");
        if (inputs.isEmpty()) throw new IllegalArgumentException("--input URI is needed");
        if (output == null) throw new IllegalArgumentException("--output URI is needed");
        Configuration conf = definition();
        ClusterJobRunner.shipped(conf);
        URLClassLoader loader = jarLoader(jobJar, conf);
        Job job = Job.create(conf).classLoader(loader);
        if (local || waitForEnd) return job.waitForCompletion(true) ? 0 : 1;
        JobClient client = new JobClient(masterUrl());
        String jobId = ClusterJobRunner.submit(client, job.conf(), loader, ClusterJobRunner.ride(client, job.conf(), System.err::println)).jobId();
        System.out.println(jobId);
        return 0;
    }

    /** The job's settings from the flags; -D settings come first, the flags win. */
    Configuration definition() {
        Configuration conf = new Configuration(settings);
        conf.set(ConfKeys.JOB_JAR, jobJar.toAbsolutePath().toString());
        if (name != null) conf.set(ConfKeys.JOB_NAME, name);
        conf.set(ConfKeys.MAPPER, mapper);
        if (combiner != null) conf.set(ConfKeys.COMBINER, combiner);
        if (reducer != null) conf.set(ConfKeys.REDUCER, reducer);
        if (reducers != null) conf.setInt(ConfKeys.REDUCERS, reducers);
        if (inputFormat != null) conf.set(ConfKeys.INPUT_FORMAT, FormatNames.inputClass(inputFormat));
        if (outputFormat != null) conf.set(ConfKeys.OUTPUT_FORMAT, FormatNames.outputClass(outputFormat));
        conf.setList(ConfKeys.INPUT_PATHS, inputs);
        conf.set(ConfKeys.OUTPUT_PATH, output);
        if (!files.isEmpty()) conf.setList(ConfKeys.JOB_FILES, files);
        if (!libjars.isEmpty()) conf.setList(ConfKeys.JOB_LIBJARS, libjars);
        if (!archives.isEmpty()) conf.setList(ConfKeys.JOB_ARCHIVES, archives);
        if (local) conf.set(ConfKeys.FRAMEWORK, "local");
        else conf.set(ConfKeys.MASTER, masterUrl());
        return conf;
    }

    private String masterUrl() {
        String url = master != null ? master : System.getenv("MR_MASTER");
        if (url == null || url.isBlank()) throw new IllegalArgumentException("no master: give --master URL or set MR_MASTER (or use --local)");
        return url;
    }

    /** The job's jar, the jars in its {@code lib/} (unpacked into a directory deleted when this JVM exits) and its libjars. */
    private static URLClassLoader jarLoader(Path jar, Configuration conf) throws Exception {
        if (!Files.isRegularFile(jar)) throw new InvalidJobException("jar " + jar + " does not exist");
        List<Path> jars = new ArrayList<>(List.of(jar.toAbsolutePath()));
        Path lib = Files.createTempDirectory("mr-submit-lib-");
        lib.toFile().deleteOnExit();
        for (Path p : JobClassPath.unpackLib(jar, lib)) {
            p.toFile().deleteOnExit();
            jars.add(p);
        }
        for (ShippedFiles.Entry e : ShippedFiles.parse(ShippedFiles.Kind.LIBJAR, conf.get(ConfKeys.JOB_LIBJARS))) {
            ShippedFiles.requireReadable(e);
            jars.add(e.local().toAbsolutePath());
        }
        return JobClassPath.loader("mr-submit " + jar.getFileName(), jars, Submit.class.getClassLoader());
    }
}
