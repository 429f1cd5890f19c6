package dev.mr.shuffle;

import dev.mr.shuffle.io.SegmentReader;
import dev.mr.shuffle.io.SegmentTable;
import dev.mr.shuffle.io.SegmentWriter;
import dev.mr.shuffle.merge.KWayMerge;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A reduce task's side of the shuffle: takes its partition's segment of every map output, as
 * they are fetched, and merges them into one sorted stream.
 *
 * <p>Memory: in-memory segments (always uncompressed) are kept while together they fit in {@code reduceMemoryBytes};
 * when one more would not fit, those held are merged into a sorted run file in {@code tmpDir}
 * first (a segment larger than the whole budget goes to disk by itself). File segments are read
 * through bounded buffers. {@link #finish} first merges the smallest inputs together while there
 * are more than {@code sortFactor}, then returns one k-way merge over the rest. File segments may be
 * compressed, each with its own codec; the runs this merger writes use the settings' codec.
 *
 * <p>Thread-safe: fetch threads may call {@link #add} concurrently (guarded by {@code this};
 * a thread that triggers a merge to disk does it while holding the lock, which holds back the
 * others and so bounds memory). {@link #finish} is called once, after every add; the stream it
 * returns is confined to the caller's thread. {@link #close} deletes the files this merger
 * created; files of {@link FileSegment}s passed in stay their owner's.
 */
public final class ReduceMerger implements Closeable {

    private static final int MIN_BUFFER = 1 << 12;
    private static final int MAX_BUFFER = 1 << 18;

    private final ShuffleSettings settings;
    private final List<Segment> inputs = new ArrayList<>();
    private final List<Path> created = new ArrayList<>();
    private final List<FileChannel> channels = new ArrayList<>();
    private long memoryBytes;
    private long segmentBytes;
    private int segments;
    private boolean finishing;
    private boolean closed;
    private MergedRecords result;

    public ReduceMerger(ShuffleSettings settings) {
        this.settings = settings;
    }

    public synchronized void add(Segment segment) throws IOException {
        if (finishing || closed) throw new IllegalStateException("merger already " + (closed ? "closed" : "finishing"));
        long length = lengthOf(segment);
        segments++;
        segmentBytes += length;
        if (length == 0) return;
        if (segment instanceof MemorySegment m) {
            long budget = settings.reduceMemoryBytes();
            if (memoryBytes + length > budget) mergeToDisk(memorySegments());
            if (length > budget) {
                inputs.add(writeToDisk(m));
            } else {
                inputs.add(m);
                memoryBytes += length;
            }
        } else {
            inputs.add(segment);
        }
    }

    /** Segments added so far, empty ones included. */
    public synchronized int segments() {
        return segments;
    }

    /** Raw (uncompressed) bytes of all segments added so far. */
    public synchronized long segmentBytes() {
        return segmentBytes;
    }

    /** Merges everything added into one sorted stream; closing it (or this merger) releases the files. */
    public synchronized MergedRecords finish() throws IOException {
        if (finishing || closed) throw new IllegalStateException("merger already " + (closed ? "closed" : "finishing"));
        finishing = true;
        int factor = settings.sortFactor();
        while (inputs.size() > factor) {
            int k = Math.min(factor, inputs.size() - factor + 1);
            List<Segment> smallest = new ArrayList<>(inputs);
            smallest.sort(Comparator.comparingLong(ReduceMerger::lengthOf));
            mergeToDisk(smallest.subList(0, k));
        }
        result = open(inputs);
        return result;
    }

    private List<Segment> memorySegments() {
        List<Segment> m = new ArrayList<>();
        for (Segment s : inputs) {
            if (s instanceof MemorySegment) m.add(s);
        }
        return m;
    }

    /** Replaces {@code group} (a subset of the inputs) with one sorted run file. */
    private void mergeToDisk(List<Segment> group) throws IOException {
        if (group.isEmpty()) return;
        List<Segment> merging = new ArrayList<>(group);
        Path file = newRunFile();
        try (MergedRecords in = open(merging);
             SegmentWriter out = SegmentWriter.create(file, 1, writeBuffer(), false, settings.codec())) {
            out.beginSegment();
            while (in.next()) {
                out.write(in.keyBuffer(), in.keyOffset(), in.keyLength(), in.valueBuffer(), in.valueOffset(), in.valueLength());
            }
            out.endSegment();
            SegmentTable table = out.finish();
            for (Segment s : merging) {
                inputs.remove(s);
                if (s instanceof MemorySegment m) memoryBytes -= m.length();
                if (s instanceof FileSegment f && created.contains(f.file())) {
                    Files.deleteIfExists(f.file());
                    created.remove(f.file());
                }
            }
            inputs.add(new FileSegment(file, 0, table.length(0), table.rawLength(0), table.codec()));
        }
    }

    private FileSegment writeToDisk(MemorySegment m) throws IOException {
        Path file = newRunFile();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(m.bytes(), m.offset(), m.length());
            while (b.hasRemaining()) ch.write(b);
        }
        return new FileSegment(file, 0, m.length());
    }

    /** A k-way merge over {@code group}; closing it closes the file channels it opened. */
    private MergedRecords open(List<Segment> group) throws IOException {
        int files = 0;
        for (Segment s : group) {
            if (s instanceof FileSegment) files++;
        }
        int bufferSize = (int) Math.max(MIN_BUFFER, Math.min(MAX_BUFFER,
                settings.reduceMemoryBytes() / 4 / Math.max(1, files)));
        List<FileChannel> opened = new ArrayList<>();
        MergedRecords[] readers = new MergedRecords[group.size()];
        try {
            for (int i = 0; i < readers.length; i++) {
                Segment s = group.get(i);
                if (s instanceof MemorySegment m) {
                    readers[i] = SegmentReader.ofBytes(m.bytes(), m.offset(), m.length(), "in-memory segment " + i);
                } else {
                    FileSegment f = (FileSegment) s;
                    FileChannel ch = FileChannel.open(f.file(), StandardOpenOption.READ);
                    opened.add(ch);
                    readers[i] = SegmentReader.ofFile(ch, f.offset(), f.length(), f.rawLength(), f.codec(), bufferSize,
                            f.file() + " [" + f.offset() + ", +" + f.length() + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        channels.addAll(opened);
        KWayMerge merge = new KWayMerge(readers, settings.comparator(), settings.bytewise());
        return new ClosingMerge(merge, opened);
    }

    private synchronized void release(List<FileChannel> opened) throws IOException {
        channels.removeAll(opened);
        closeAll(opened);
    }

    private static void closeAll(List<FileChannel> chs) throws IOException {
        IOException first = null;
        for (FileChannel ch : chs) {
            try {
                ch.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    private Path newRunFile() throws IOException {
        Files.createDirectories(settings.tmpDir());
        Path file = Files.createTempFile(settings.tmpDir(), "reduce-", ".run");
        created.add(file);
        return file;
    }

    private int writeBuffer() {
        return (int) Math.max(MIN_BUFFER, Math.min(MAX_BUFFER, settings.reduceMemoryBytes() / 4));
    }

    /** Raw bytes: what a segment costs to merge, and in memory. */
    static long lengthOf(Segment s) {
        return s.rawLength();
    }

    /** Closes the merged stream if open and deletes every file this merger created. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            if (result != null) result.close();
            closeAll(new ArrayList<>(channels));
            channels.clear();
        } finally {
            inputs.clear();
            memoryBytes = 0;
            for (Path p : created) Files.deleteIfExists(p);
            created.clear();
        }
    }

    /** The merge of a group of inputs, which closes its readers and their channels. */
    private final class ClosingMerge implements MergedRecords {

        private final KWayMerge merge;
        private final List<FileChannel> opened;
        private boolean closed;

        ClosingMerge(KWayMerge merge, List<FileChannel> opened) {
            this.merge = merge;
            this.opened = opened;
        }

        @Override
        public boolean next() throws IOException {
            return merge.next();
        }

        @Override
        public byte[] keyBuffer() {
            return merge.keyBuffer();
        }

        @Override
        public int keyOffset() {
            return merge.keyOffset();
        }

        @Override
        public int keyLength() {
            return merge.keyLength();
        }

        @Override
        public byte[] valueBuffer() {
            return merge.valueBuffer();
        }

        @Override
        public int valueOffset() {
            return merge.valueOffset();
        }

        @Override
        public int valueLength() {
            return merge.valueLength();
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            try {
                merge.close();
            } finally {
                release(opened);
            }
        }
    }
}
