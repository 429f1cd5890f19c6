package dev.mr.worker.fetch;

import dev.mr.shuffle.Segment;

/**
 * One map output's segment, fetched and checked against its CRC32C: in memory, decompressed
 * ({@code reserved} bytes of {@link ShuffleMemory} held until the merger takes it), or as stored
 * in a temporary file the fetcher owns.
 *
 * @param length  the bytes fetched: the segment as stored (compressed or not)
 * @param records the record count the serving worker announced, -1 when it did not
 */
record FetchedSegment(Segment segment, long length, long records, long reserved) {}
