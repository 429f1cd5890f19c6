package dev.mr.shuffle.merge;

import dev.mr.shuffle.MergedRecords;
import dev.mr.shuffle.RecordSink;
import dev.mr.shuffle.ShuffleCodec;
import dev.mr.shuffle.ShuffleSettings;
import dev.mr.shuffle.io.BlockDecoder;
import dev.mr.shuffle.io.SegmentReader;
import dev.mr.shuffle.io.SegmentTable;
import dev.mr.shuffle.io.SegmentWriter;
import dev.mr.shuffle.sort.CollectBuffer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The map side's file work: writes a sorted buffer as a run (a spill), merges runs
 * {@code sortFactor} at a time until few enough are left, and merges the rest (with the
 * in-memory buffer, if it still holds records) into the map output file, one partition at a
 * time. Merges take adjacent runs, oldest first on ties, so equal keys keep their arrival order.
 * The combiner, if any, runs on every spill and on every merge of two or more inputs.
 *
 * <p>Runs are stored with the settings' codec, as the map output is. Reading a run takes one
 * buffer (and, when compressed, one {@link BlockDecoder}) for all of its partitions.
 *
 * <p>Confined to the map task's thread. Runs it creates are the caller's to delete
 * ({@link #delete}); runs it merges away it deletes itself.
 */
public final class RunMerger {

    private static final int WRITE_BUFFER = 1 << 18;
    private static final int MAX_READ_BUFFER = 1 << 18;
    private static final int MIN_READ_BUFFER = 1 << 12;

    private final ShuffleSettings settings;
    private final Combining combining;

    public RunMerger(ShuffleSettings settings, Combining combining) {
        this.settings = settings;
        this.combining = combining;
    }

    /** Writes the (sorted) buffer's partitions to a new run, combining each. */
    public Run spill(CollectBuffer buffer) throws IOException {
        Path file = newRunFile();
        try (SegmentWriter out = SegmentWriter.create(file, settings.partitions(), writeBuffer(), false, settings.codec())) {
            for (int p = 0; p < settings.partitions(); p++) {
                out.beginSegment();
                Combining.copy(combining, buffer.partition(p), out);
                out.endSegment();
            }
            return new Run(file, out.finish());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Writes one record as a run of its own: the way a record larger than the buffer goes. */
    public Run spillOne(int partition, byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen)
            throws IOException {
        Path file = newRunFile();
        try (SegmentWriter out = SegmentWriter.create(file, settings.partitions(), WRITE_BUFFER, false, settings.codec())) {
            for (int p = 0; p < partition; p++) {
                out.beginSegment();
                out.endSegment();
            }
            out.beginSegment();
            out.write(key, keyOff, keyLen, value, valueOff, valueLen);
            out.endSegment();
            return new Run(file, out.finish());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Merges adjacent runs until at most {@code maxRuns} are left, each pass taking the window
     * of runs with the fewest bytes, and as many as makes the last pass exactly reach {@code maxRuns}.
     */
    public List<Run> reduce(List<Run> runs, int maxRuns) throws IOException {
        List<Run> left = new ArrayList<>(runs);
        while (left.size() > Math.max(1, maxRuns)) {
            int k = Math.min(settings.sortFactor(), left.size() - Math.max(1, maxRuns) + 1);
            int best = 0;
            long bestBytes = Long.MAX_VALUE;
            for (int i = 0; i + k <= left.size(); i++) {
                long bytes = 0;
                for (int j = i; j < i + k; j++) bytes += left.get(j).bytes();
                if (bytes < bestBytes) {
                    bestBytes = bytes;
                    best = i;
                }
            }
            List<Run> window = new ArrayList<>(left.subList(best, best + k));
            Path file = newRunFile();
            try (SegmentWriter out = SegmentWriter.create(file, settings.partitions(), writeBuffer(), false, settings.codec())) {
                merge(window, null, out);
                Run merged = new Run(file, out.finish());
                left.subList(best, best + k).clear();
                left.add(best, merged);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            delete(window);
        }
        return left;
    }

    /**
     * Merges every partition of {@code runs} (oldest first) and of {@code memory} (sorted,
     * newest; may be null) into {@code out}, one segment per partition.
     */
    public void merge(List<Run> runs, CollectBuffer memory, SegmentWriter out) throws IOException {
        int inputs = runs.size() + (memory == null ? 0 : 1);
        int bufferSize = (int) Math.max(MIN_READ_BUFFER, Math.min(MAX_READ_BUFFER, settings.sortBufferBytes() / (2L * inputs)));
        FileChannel[] channels = new FileChannel[runs.size()];
        BlockDecoder[] decoders = new BlockDecoder[runs.size()];
        byte[][] buffers = new byte[runs.size()][];
        try {
            for (int i = 0; i < runs.size(); i++) {
                channels[i] = FileChannel.open(runs.get(i).file(), StandardOpenOption.READ);
                buffers[i] = new byte[bufferSize];
                ShuffleCodec codec = runs.get(i).table().codec();
                if (codec.compresses()) decoders[i] = BlockDecoder.open(codec);
            }
            List<MergedRecords> parts = new ArrayList<>(inputs);
            for (int p = 0; p < settings.partitions(); p++) {
                parts.clear();
                for (int i = 0; i < runs.size(); i++) {
                    SegmentTable t = runs.get(i).table();
                    if (t.length(p) == 0) continue;
                    String source = runs.get(i).file() + " partition " + p;
                    parts.add(decoders[i] == null
                            ? SegmentReader.ofFile(channels[i], t.offset(p), t.length(p), buffers[i], source)
                            : SegmentReader.ofBlocks(decoders[i].reset(channels[i], t.offset(p), t.length(p)), buffers[i], source));
                }
                if (memory != null) parts.add(memory.partition(p));
                out.beginSegment();
                copy(parts, out);
                out.endSegment();
            }
        } finally {
            for (BlockDecoder d : decoders) {
                if (d != null) d.close();
            }
            for (FileChannel ch : channels) {
                if (ch != null) ch.close();
            }
        }
    }

    private void copy(List<MergedRecords> parts, RecordSink out) throws IOException {
        if (parts.size() == 1) {
            // one input was combined when it was written; passing it through unchanged is enough
            Combining.copy(null, parts.get(0), out);
        } else if (parts.size() > 1) {
            MergedRecords merged = new KWayMerge(parts.toArray(new MergedRecords[0]), settings.comparator(),
                    settings.bytewise());
            Combining.copy(combining, merged, out);
        }
    }

    public static void delete(List<Run> runs) throws IOException {
        for (Run r : runs) Files.deleteIfExists(r.file());
    }

    private int writeBuffer() {
        return Math.min(WRITE_BUFFER, Math.max(MIN_READ_BUFFER, settings.sortBufferBytes() / 4));
    }

    private Path newRunFile() throws IOException {
        Files.createDirectories(settings.tmpDir());
        return Files.createTempFile(settings.tmpDir(), "spill-", ".run");
    }
}
