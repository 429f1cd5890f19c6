package dev.mr.master.jobs;

import com.fasterxml.jackson.core.JacksonException;
import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import dev.mr.api.fs.FsPath;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.InputFormat;
import dev.mr.api.io.InputSplit;
import dev.mr.api.spi.JobDefinition;
import dev.mr.api.spi.SplitCodec;
import dev.mr.master.scheduler.JobSettings;
import dev.mr.protocol.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Checks a submission before the master accepts anything of it, in the order a user fixes
 * problems: the spec is well-formed JSON with settings, the jar is a readable jar, the job's
 * classes load from it ({@link JobDefinition}, in a class loader of their own whose parent is
 * the master's), its settings are in range and within the cluster's {@link JobCaps}, its
 * {@code file:} paths lie under the master's {@link FileRoots}, its inputs exist (the input
 * format computes the splits, which are kept), and its output does not. Every refusal is an
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

    public ValidatedJob validate(Submission s) throws IOException {
        Map<String, String> userConf = parseSpec(s).conf();
        String sha = checkJar(s.jar(), s.jarName());
        Configuration conf = defaults.copy().setAll(new Configuration(userConf));
        if (!conf.isSet(ConfKeys.DEFAULT_FS)) conf.set(ConfKeys.DEFAULT_FS, "dfs"); // in a cluster, paths live in its store
        conf.set(ConfKeys.MASTER, masterUrl);
        if (!userConf.containsKey(ConfKeys.JOB_JAR)) conf.set(ConfKeys.JOB_JAR, s.jarName());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {s.jar().toUri().toURL()}, JobValidator.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            return check(conf, userConf, sha, userConf.getOrDefault(ConfKeys.JOB_JAR, s.jarName()), loader);
        } catch (LinkageError e) {
            throw new InvalidJobException("cannot load the job's classes from " + s.jarName() + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private ValidatedJob check(Configuration conf, Map<String, String> userConf, String sha, String jarName, ClassLoader loader)
            throws IOException {
        JobDefinition def = JobDefinition.load(conf, loader);
        JobSettings.from(def.conf());
        caps.checkReducers(def.reducers());
        boolean overwrite = def.conf().getBoolean(ConfKeys.OUTPUT_OVERWRITE, false);
        JobOutput output = JobOutput.open(def.conf());
        try {
            checkFileRoots(def.conf(), output); // before anything looks at a file: path
            List<EncodedSplit> splits = splits(def, output, loader);
            caps.checkSplits(splits);
            if (!overwrite) output.checkAbsent();
            return new ValidatedJob(conf.asMap(), userConf, jarName, sha, def.name(), def.mapperClass().getName(),
                    String.join(",", def.conf().getList(ConfKeys.INPUT_PATHS)), def.reducers(), overwrite, splits, output);
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

    private static List<EncodedSplit> splits(JobDefinition def, JobOutput output, ClassLoader loader) throws IOException {
        @SuppressWarnings("unchecked")
        InputFormat<Object, Object> format = def.instantiate(def.inputFormatClass(), InputFormat.class);
        List<InputSplit> splits = format.splits(new FormatContext(def.conf(), output.fileSystems(), def.newSerdes()));
        List<EncodedSplit> out = new ArrayList<>(splits.size());
        for (InputSplit split : splits) {
            String encoded;
            try {
                encoded = SplitCodec.encode(split, loader);
            } catch (RuntimeException e) {
                throw new InvalidJobException("input split " + split + " of " + def.inputFormatClass().getName()
                        + " cannot be serialized for the workers: " + e.getMessage());
            }
            out.add(new EncodedSplit(encoded, split.path(), split.length(), split.hosts()));
        }
        return out;
    }

    private static JobSpec parseSpec(Submission s) throws IOException {
        String text = s.specText();
        if (text == null && s.specFile() != null) text = Files.readString(s.specFile(), StandardCharsets.UTF_8);
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
