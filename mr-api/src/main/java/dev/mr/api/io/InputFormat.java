package dev.mr.api.io;

import java.io.IOException;
import java.util.List;

/**
 * Describes a job's input: how it divides into splits (one map task each) and how a split
 * is read as records. A format that implements {@link dev.mr.api.Configurable} gets the job's
 * settings on construction.
 */
public interface InputFormat<K, V> {

    /**
     * Divides the job's input ({@code mr.input.paths} for file formats) into splits.
     * A missing input is an {@link dev.mr.api.InvalidJobException} naming it.
     */
    List<InputSplit> splits(FormatContext context) throws IOException;

    RecordReader<K, V> reader(InputSplit split, FormatContext context) throws IOException;
}
