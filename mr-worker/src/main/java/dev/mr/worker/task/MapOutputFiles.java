package dev.mr.worker.task;

import dev.mr.shuffle.MapOutputIndex;
import java.nio.file.Path;

/** Where a successful map attempt left its output: one data file and its partition index. */
public record MapOutputFiles(Path data, Path indexFile, MapOutputIndex index) {}
