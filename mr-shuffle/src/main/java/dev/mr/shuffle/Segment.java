package dev.mr.shuffle;

/**
 * One map output's segment for one partition, as a reducer gets it: bytes already in memory
 * (always uncompressed), or a byte range of a file (stored as its {@link FileSegment#codec} says).
 * Either way the records are in the format described by {@link MapOutputIndex}, sorted by key.
 * Implementations are immutable records.
 */
public sealed interface Segment permits MemorySegment, FileSegment {

    /** Bytes as stored. */
    long storedLength();

    /** Bytes of its records uncompressed: what merging it reads, and what it takes in memory. */
    long rawLength();
}
