package dev.mr.worker.fetch;

import dev.mr.shuffle.Segment;

/**
 * One map output's segment, fetched and checked against its CRC32C: in memory ({@code reserved}
 * bytes of {@link ShuffleMemory} held until the merger takes it) or in a temporary file the
 * fetcher owns.
 *
 * @param records the record count the serving worker announced, -1 when it did not
 */
record FetchedSegment(Segment segment, long length, long records, long reserved) {}
