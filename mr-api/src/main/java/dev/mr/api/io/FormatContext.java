package dev.mr.api.io;

import dev.mr.api.Configuration;
import dev.mr.api.fs.FileSystems;
import dev.mr.api.serde.Serdes;

/**
 * What an input or output format may use: the job's settings, its filesystems, and serdes
 * for binary formats. One per task (the serdes are confined to its thread).
 */
public record FormatContext(Configuration conf, FileSystems fileSystems, Serdes serdes) {}
