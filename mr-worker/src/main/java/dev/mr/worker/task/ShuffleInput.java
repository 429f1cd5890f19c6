package dev.mr.worker.task;

import dev.mr.shuffle.Segment;
import java.io.IOException;

/**
 * Where a reduce task's input comes from: every map output's segment of its partition. The
 * local runner hands over file ranges of map output files; the worker fetches them over HTTP.
 */
public interface ShuffleInput {

    /** Delivers every segment of the partition to {@code sink} (from any thread), then returns. */
    void fetch(int partition, SegmentSink sink) throws IOException, InterruptedException;

    /** Receives fetched segments; thread-safe. */
    interface SegmentSink {
        /** {@code fetchedBytes}: what it took to get the segment, as stored (compressed or not), whatever form it is in now. */
        void accept(Segment segment, long fetchedBytes) throws IOException;
    }

    /** Convenience for tests: an input with a fixed list of segments. */
    static ShuffleInput of(java.util.List<Segment> segments) {
        return (partition, sink) -> {
            for (Segment s : segments) sink.accept(s, s.storedLength());
        };
    }
}
