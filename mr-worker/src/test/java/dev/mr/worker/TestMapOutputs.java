package dev.mr.worker;

import dev.mr.api.serde.BytesComparator;
import dev.mr.api.spi.AttemptId;
import dev.mr.shuffle.MapOutputCollector;
import dev.mr.shuffle.MapOutputIndex;
import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.ReduceMerger;
import dev.mr.shuffle.ShuffleCodec;
import dev.mr.shuffle.ShuffleSettings;
import dev.mr.worker.shuffle.MapOutputRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Real map outputs for the shuffle tests, written by {@link MapOutputCollector}, and merging them as the local runner does. */
public final class TestMapOutputs {

    private TestMapOutputs() {}

    /**
     * Writes a map output of {@code records} seeded records to {@code dir/<attempt>/file.out(.index)}.
     * The last partition stays empty (when there are two or more), so empty segments are covered.
     */
    public static MapOutputRegistry.Held write(Path dir, AttemptId attempt, int partitions, int records, long seed) throws IOException {
        return write(dir, attempt, partitions, records, seed, ShuffleCodec.NONE);
    }

    /** The same, stored with {@code codec}. */
    public static MapOutputRegistry.Held write(Path dir, AttemptId attempt, int partitions, int records, long seed, ShuffleCodec codec)
            throws IOException {
        Path attemptDir = Files.createDirectories(dir.resolve(attempt.toString()));
        ShuffleSettings settings = new ShuffleSettings(partitions, 16 << 10, 0.8, 4, 1 << 20, BytesComparator.INSTANCE,
                attemptDir.resolve("spill"), codec);
        Random r = new Random(seed);
        int used = Math.max(1, partitions - 1);
        try (MapOutputCollector c = new MapOutputCollector(settings, null)) {
            for (int i = 0; i < records; i++) {
                byte[] key = ("key-" + r.nextInt(Math.max(1, records / 3))).getBytes(StandardCharsets.UTF_8);
                byte[] value = ("value-" + seed + "-" + i).getBytes(StandardCharsets.UTF_8);
                c.collect(Math.floorMod(Arrays.hashCode(key), used), key, 0, key.length, value, 0, value.length);
            }
            Path data = attemptDir.resolve("file.out");
            MapOutputIndex index = c.finish(data, attemptDir.resolve("file.out.index"));
            return new MapOutputRegistry.Held(attempt, data, attemptDir, index);
        }
    }

    /** The settings a reducer's merger uses in these tests. */
    public static ShuffleSettings mergeSettings(int partitions, long reduceMemoryBytes, Path tmp) {
        return new ShuffleSettings(partitions, 1 << 16, 0.8, 3, reduceMemoryBytes, BytesComparator.INSTANCE, tmp);
    }

    /** Partition {@code p} of {@code outputs} merged from the files in place, as the local runner's reducers read it. */
    public static List<String> mergeLocally(List<MapOutputRegistry.Held> outputs, int p, ShuffleSettings settings) throws IOException {
        try (ReduceMerger merger = new ReduceMerger(settings)) {
            for (MapOutputRegistry.Held h : outputs) {
                if (h.index().length(p) > 0) merger.add(h.index().segment(h.data(), p));
            }
            return drain(merger.finish());
        }
    }

    /** Every record of a merged stream, in order, as {@code key=value}. */
    public static List<String> drain(MergedRecords m) throws IOException {
        List<String> out = new ArrayList<>();
        try (m) {
            while (m.next()) {
                out.add(new String(m.keyBuffer(), m.keyOffset(), m.keyLength(), StandardCharsets.UTF_8) + "="
                        + new String(m.valueBuffer(), m.valueOffset(), m.valueLength(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
