package dev.mr.dfs.journal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mr.dfs.namespace.Namespace;
import dev.mr.dfs.namespace.NamespaceBuilder;
import dev.mr.dfs.namespace.NamespaceImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A checkpoint of the namespace as a file of {@link Frames}, with no size cliff: a header frame
 * (format version, id counters), then frames of directories and of files, each a JSON batch of
 * about {@code batchBytes} (a frame outgrows it only by one entry, and always respects
 * {@link Frames#MAX_PAYLOAD}), then a trailer frame with the entry counts. The namespace is
 * streamed out and in entry by entry, so memory holds one batch, not the whole image twice.
 *
 * <p>A checkpoint reads back only whole: a damaged frame, a missing trailer, counts that do not
 * match or anything after the trailer make it unreadable (an IOException naming the file and
 * offset), and the journal falls back on an older one. A checkpoint of the format before this
 * one (one frame holding the whole {@link NamespaceImage}) is still read, so an upgrade starts.
 *
 * <p>Stateless; thread-safe.
 */
final class CheckpointFile {

    static final int VERSION = 2;
    /** A batch's target size: large enough that framing costs nothing, small enough to never matter in memory. */
    static final int BATCH_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NEW_FORMAT = "{\"frame\":".getBytes(StandardCharsets.US_ASCII);

    private CheckpointFile() {}

    /** The frames of a checkpoint file; {@code frame} names the kind, first in each frame. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "frame")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Frame.Header.class, name = "header"),
        @JsonSubTypes.Type(value = Frame.Dirs.class, name = "dirs"),
        @JsonSubTypes.Type(value = Frame.Files.class, name = "files"),
        @JsonSubTypes.Type(value = Frame.Trailer.class, name = "trailer"),
    })
    sealed interface Frame {
        record Header(int version, long nextInode, long nextChunk) implements Frame {}

        record Dirs(List<NamespaceImage.Dir> dirs) implements Frame {}

        record Files(List<NamespaceImage.File> files) implements Frame {}

        record Trailer(long dirs, long files) implements Frame {}
    }

    /** Writes {@code ns} to {@code out}; the caller finishes and installs the file. */
    static void write(Namespace ns, FrameWriter out, int batchBytes) throws IOException {
        out.write(JSON.writerFor(Frame.class).writeValueAsBytes(new Frame.Header(VERSION, ns.nextInode(), ns.nextChunk().seq())));
        Batch dirs = new Batch(out, "dirs", batchBytes);
        Batch files = new Batch(out, "files", batchBytes);
        try {
            ns.dirImages(dirs::add); // directories first: the builder needs each parent before its children
            dirs.flush();
            ns.fileImages(files::add);
            files.flush();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.write(JSON.writerFor(Frame.class).writeValueAsBytes(new Frame.Trailer(dirs.count, files.count)));
    }

    /** Reads a checkpoint back; an IOException naming the file and offset when it is not whole. */
    static Namespace read(Path file) throws IOException {
        try (FrameReader in = FrameReader.open(file)) {
            byte[] first = in.next();
            if (first == null) throw new IOException("checkpoint " + file + " is empty");
            if (!startsWith(first, NEW_FORMAT)) return legacy(in, first);
            if (!(parse(file, 0, first) instanceof Frame.Header h)) throw new IOException("checkpoint " + file + " does not start with its header");
            if (h.version() != VERSION) {
                throw new IOException("checkpoint " + file + " is of format version " + h.version() + "; this master reads version " + VERSION);
            }
            NamespaceBuilder b = new NamespaceBuilder();
            long dirs = 0;
            long files = 0;
            while (true) {
                long at = in.offset();
                byte[] payload = in.next();
                if (payload == null) throw new IOException("checkpoint " + file + " ends at offset " + at + " without its trailer: it is incomplete");
                Frame f = parse(file, at, payload);
                try {
                    if (f instanceof Frame.Dirs d) {
                        d.dirs().forEach(b::dir);
                        dirs += d.dirs().size();
                    } else if (f instanceof Frame.Files fs) {
                        fs.files().forEach(b::file);
                        files += fs.files().size();
                    } else if (f instanceof Frame.Trailer t) {
                        if (t.dirs() != dirs || t.files() != files) {
                            throw new IOException("checkpoint " + file + ": its trailer counts " + t.dirs() + " directories and " + t.files()
                                    + " files, but it holds " + dirs + " and " + files);
                        }
                        if (in.next() != null) throw new IOException("checkpoint " + file + " holds frames after its trailer at offset " + in.offset());
                        return b.build(h.nextInode(), h.nextChunk());
                    } else {
                        throw new IOException("checkpoint " + file + " holds a second header at offset " + at);
                    }
                } catch (RuntimeException e) {
                    throw new IOException("checkpoint " + file + " at offset " + at + " does not fit the namespace before it: " + e, e);
                }
            }
        }
    }

    private static Frame parse(Path file, long at, byte[] payload) throws IOException {
        try {
            return JSON.readValue(payload, Frame.class);
        } catch (IOException e) {
            throw new IOException("checkpoint " + file + " at offset " + at + ": an unreadable frame (" + e.getMessage() + ")", e);
        }
    }

    /** The format before this one: the whole image in one frame. */
    private static Namespace legacy(FrameReader in, byte[] first) throws IOException {
        if (in.next() != null) throw new IOException("checkpoint " + in.file() + " is neither a single-frame image nor starts with a header");
        try {
            return Namespace.of(JSON.readValue(first, NamespaceImage.class));
        } catch (IOException | RuntimeException e) {
            throw new IOException("checkpoint " + in.file() + " (a single-frame image of the format before version " + VERSION + ") is unreadable: "
                    + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Entries of one kind, serialized one at a time and framed about every {@code target} bytes. */
    private static final class Batch {
        private final FrameWriter out;
        private final byte[] open;
        private final int target;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private long count;
        private int inBatch;

        Batch(FrameWriter out, String kind, int target) {
            this.out = out;
            this.open = ("{\"frame\":\"" + kind + "\",\"" + kind + "\":[").getBytes(StandardCharsets.US_ASCII);
            this.target = target;
        }

        void add(Object entry) {
            try {
                byte[] json = JSON.writeValueAsBytes(entry);
                if (inBatch > 0 && buf.size() + json.length + 2 > target) flush();
                if (inBatch == 0) buf.writeBytes(open);
                else buf.write(',');
                buf.writeBytes(json);
                inBatch++;
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void flush() {
            if (inBatch == 0) return;
            buf.write(']');
            buf.write('}');
            try {
                if (buf.size() > Frames.MAX_PAYLOAD) {
                    throw new IOException("a checkpoint entry is " + buf.size() + " bytes of JSON, more than a frame holds (" + Frames.MAX_PAYLOAD + ")");
                }
                out.write(buf.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buf.reset();
            inBatch = 0;
        }
    }
}
