package dev.mr.shuffle;

/**
 * One map output's segment for one partition, as a reducer gets it: bytes already in memory,
 * or a byte range of a file. Either way the bytes are records in the format described by
 * {@link MapOutputIndex}, sorted by key. Implementations are immutable records.
 */
public sealed interface Segment permits MemorySegment, FileSegment {
}
