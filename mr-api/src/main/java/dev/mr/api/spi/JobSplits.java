package dev.mr.api.spi;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.io.FormatContext;
import dev.mr.api.io.InputFormat;
import dev.mr.api.io.InputSplit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a job's input splits on the submitting side, as Hadoop's {@code JobSubmitter} does:
 * the job's input format runs here, with the job's classes, so that the master, which only
 * schedules the splits, never runs user code. Each split is encoded for the workers
 * ({@link SplitCodec}); a split class the job did not register is refused here, naming it.
 *
 * <p>Blocks on the filesystems' calls. Stateless.
 */
public final class JobSplits {

    private JobSplits() {}

    /**
     * The splits sized for {@code slots} map slots ({@link ConfKeys#SLOTS}; 0: unknown, splits
     * of the max size).
     *
     * @throws InvalidJobException when an input is missing or a split cannot be encoded
     * @throws IOException when the store could not be asked
     */
    public static List<EncodedSplit> compute(JobDefinition def, int slots) throws IOException {
        Configuration conf = def.conf().copy();
        if (slots > 0) conf.setInt(ConfKeys.SLOTS, slots);
        else conf.unset(ConfKeys.SLOTS);
        return compute(def, conf);
    }

    /** The splits as the job's own settings size them. */
    public static List<EncodedSplit> compute(JobDefinition def) throws IOException {
        return compute(def, def.conf());
    }

    private static List<EncodedSplit> compute(JobDefinition def, Configuration conf) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(def.loader());
        try (FileSystems fs = new FileSystems(conf)) {
            @SuppressWarnings("unchecked")
            InputFormat<Object, Object> format = def.instantiate(def.inputFormatClass(), InputFormat.class);
            List<InputSplit> splits = format.splits(new FormatContext(conf, fs, def.newSerdes()));
            SplitCodec codec = SplitCodec.of(def);
            List<EncodedSplit> out = new ArrayList<>(splits.size());
            for (InputSplit split : splits) {
                String encoded;
                try {
                    encoded = codec.encode(split);
                } catch (IllegalArgumentException e) {
                    throw new InvalidJobException("input format " + def.inputFormatClass().getName() + " made a split that cannot be sent to the workers: "
                            + e.getMessage());
                }
                out.add(new EncodedSplit(encoded, split.path(), split.length(), split.hosts()));
            }
            return out;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalArgumentException e) {
            throw new InvalidJobException(e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
