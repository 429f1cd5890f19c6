/**
 * The shuffle: how map output becomes sorted, combined, checksummed files, and how a reducer
 * merges its partition of all of them into grouped keys.
 *
 * <p>Map side: {@link dev.mr.shuffle.MapOutputCollector} (one per map attempt) takes serialized
 * records and writes one data file plus one {@link dev.mr.shuffle.MapOutputIndex}; the index's
 * comment is the on-disk format. Reduce side: {@link dev.mr.shuffle.ReduceMerger} takes each map
 * output's {@link dev.mr.shuffle.Segment} and merges them into {@link dev.mr.shuffle.MergedRecords},
 * which {@link dev.mr.shuffle.KeyGroups} splits into the reducer's groups.
 * {@link dev.mr.shuffle.SegmentChecksum} checks fetched bytes against the index's CRC32C.
 *
 * <p>Spills, map outputs and reduce-side merge runs are stored with the job's
 * {@link dev.mr.shuffle.ShuffleCodec} (none, LZ4 or Zstandard blocks); the codec is recorded in
 * each map output's index, and a reducer keeps fetched segments in memory uncompressed
 * ({@link dev.mr.shuffle.SegmentInflater}).
 *
 * <p>This package is the public surface; the subpackages are internals: {@code io} (the record
 * format: varints, segment reader and writer, compressed blocks), {@code sort} (in-memory collection buffers and the
 * radix sort of their index), {@code merge} (k-way merge, combining, spill runs).
 */
package dev.mr.shuffle;
