package dev.mr.master.jobs;

import com.fasterxml.jackson.core.JacksonException;
import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.IdentityMapper;
import dev.mr.api.InvalidJobException;
import dev.mr.api.fs.FsPath;
import dev.mr.api.spi.EncodedSplit;
import dev.mr.master.scheduler.JobSettings;
import dev.mr.protocol.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Checks a submission before the master accepts anything of it, in the order a user fixes
 * problems: the spec is well-formed JSON with settings, the jar is a readable jar, the settings
 * ship what its uploaded files hold ({@link ShippedFilesPart}),
 * are in range and within the cluster's {@link JobCaps}, the executor's heap fits some live worker
 * ({@link ExecutorSettings}), the splits part is well-formed
 * ({@link SplitsPart}), its {@code file:} paths lie under the master's {@link FileRoots}, and the
 * output does not exist. It never loads a class of the job: the client checked the classes and computed the
 * splits with the job's input format before uploading (Hadoop's {@code JobSubmitter} does the
 * same), so a job's code never runs in the master. Every refusal is an
 * {@link InvalidJobException} naming what was wrong; an {@link IOException} means the store
 * could not be asked. Writes nothing.
 *
 * <p>Blocks on disk and dfs calls: run it on an I/O thread. Stateless and thread-safe.
 */
public final class JobValidator {

    private final Configuration defaults;
    private final String masterUrl;
    private final JobCaps caps;
    private final FileRoots fileRoots;

    /**
     * @param defaults  the cluster's settings ({@code -D} of the master), under every job's own
     * @param masterUrl the master's advertised URL, which the job's {@code dfs:} paths reach
     */
    public JobValidator(Configuration defaults, String masterUrl) {
        this.defaults = defaults.copy();
        this.masterUrl = masterUrl;
        this.caps = JobCaps.from(defaults); // the master's settings: a job's own cannot raise them
        this.fileRoots = FileRoots.from(defaults);
    }

    /**
     * @param largestWorkerMemoryMb the largest memory a live worker told at registration; 0 when none did
     */
    public ValidatedJob validate(Submission s, long largestWorkerMemoryMb) throws IOException {
        JobSpec spec = parseSpec(s);
        Map<String, String> userConf = spec.conf();
        String sha = checkJar(s.jar(), s.jarName());
        Configuration conf = defaults.copy().setAll(new Configuration(userConf));
        if (!conf.isSet(ConfKeys.DEFAULT_FS)) conf.set(ConfKeys.DEFAULT_FS, "dfs"); // in a cluster, paths live in its store
        conf.set(ConfKeys.MASTER, masterUrl);
        if (!userConf.containsKey(ConfKeys.JOB_JAR)) conf.set(ConfKeys.JOB_JAR, s.jarName());
        String jarName = userConf.getOrDefault(ConfKeys.JOB_JAR, s.jarName());
        try {
            Map<String, Path> uploads = ShippedFilesPart.check(spec.files(), conf, s.files());
            return check(conf, userConf, sha, jarName, read(s.splitsText(), s.splitsFile()), largestWorkerMemoryMb, spec.files(), uploads);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private ValidatedJob check(Configuration conf, Map<String, String> userConf, String sha, String jarName, String splitsText,
            long largestWorkerMemoryMb, List<JobSpec.ShippedFile> files, Map<String, Path> uploads) throws IOException {
        JobSettings.from(conf);
        ExecutorSettings.from(conf).checkFits(largestWorkerMemoryMb);
        int reduces = conf.getInt(ConfKeys.REDUCERS, 1);
        if (reduces < 0) throw new InvalidJobException(ConfKeys.REDUCERS + " must be 0 or more, not " + reduces);
        caps.checkReducers(reduces);
        List<EncodedSplit> splits = SplitsPart.parse(splitsText, caps);
        boolean overwrite = conf.getBoolean(ConfKeys.OUTPUT_OVERWRITE, false);
        JobOutput output = JobOutput.open(conf);
        try {
            checkFileRoots(conf, output); // before anything looks at a file: path
            if (!overwrite) checkAbsent(output);
            String mapper = conf.get(ConfKeys.MAPPER, IdentityMapper.class.getName()).trim();
            return new ValidatedJob(conf.asMap(), userConf, jarName, sha, conf.get(ConfKeys.JOB_NAME, simpleName(mapper)), mapper,
                    String.join(",", conf.getList(ConfKeys.INPUT_PATHS)), reduces, overwrite, splits, output, files, uploads);
        } catch (IOException | RuntimeException e) {
            output.close();
            throw e;
        }
    }

    private void checkFileRoots(Configuration conf, JobOutput output) throws IOException {
        for (String input : conf.getList(ConfKeys.INPUT_PATHS)) {
            FsPath path;
            try {
                path = output.fileSystems().resolve(input);
            } catch (IllegalArgumentException e) {
                continue; // the input format names a malformed path better
            }
            fileRoots.check(path, "input");
        }
        fileRoots.check(output.path(), "output");
    }

    /**
     * The output must not exist. When its store cannot be asked, the job is refused with the
     * store's words if that store is outside the cluster (an unreachable NameNode, a path naming
     * none), which the client's retries of an unavailable master (15 minutes by default) cannot
     * mend. Only {@code dfs:}, the cluster's own store, which answers again once its chunk servers
     * are back, is worth those retries.
     */
    private static void checkAbsent(JobOutput output) throws IOException {
        try {
            output.checkAbsent();
        } catch (IOException e) {
            if (output.path().scheme().equals("dfs")) throw e;
            throw new InvalidJobException(e.getMessage(), e);
        }
    }

    /** {@code com.acme.Wc$Map} → {@code Map}, as {@link Class#getSimpleName()} says, from the name alone. */
    static String simpleName(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    private static JobSpec parseSpec(Submission s) throws IOException {
        String text = read(s.specText(), s.specFile());
        if (text == null || text.isBlank()) {
            throw new InvalidJobException("the submission has no job spec: send a 'spec' part with the JSON job spec {\"conf\": {...}}");
        }
        JobSpec spec;
        try {
            spec = Json.STRICT.readValue(text, JobSpec.class);
        } catch (JacksonException e) {
            throw new InvalidJobException("the job spec is not well-formed JSON: " + e.getOriginalMessage() + locationOf(e));
        }
        if (spec == null || spec.conf() == null || spec.conf().isEmpty()) {
            throw new InvalidJobException("the job spec has no settings: give them as {\"conf\": {\"mr.mapper.class\": ...}}");
        }
        for (Map.Entry<String, String> e : spec.conf().entrySet()) {
            if (e.getValue() == null) throw new InvalidJobException("the job spec sets " + e.getKey() + " to null; give a string or leave it out");
        }
        return spec;
    }

    /** A part sent as a form field or as a file; null when it was not sent. */
    private static String read(String text, Path file) throws IOException {
        if (text == null && file != null) return Files.readString(file, StandardCharsets.UTF_8);
        return text;
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** Reads the jar through as a zip, so that a truncated or foreign file is refused now; returns its SHA-256. */
    private static String checkJar(Path jar, String name) throws IOException {
        if (Files.size(jar) == 0) throw new InvalidJobException("the jar part " + name + " is empty");
        try (JarFile jf = new JarFile(jar.toFile(), false)) {
            int entries = 0;
            for (Enumeration<JarEntry> en = jf.entries(); en.hasMoreElements(); en.nextElement()) entries++;
            if (entries == 0) throw new InvalidJobException("the jar " + name + " has no entries");
        } catch (IOException e) {
            throw new InvalidJobException("the jar part " + name + " is not a readable jar (zip) file: " + e.getMessage());
        }
        return JarStore.sha256(jar);
    }
}
