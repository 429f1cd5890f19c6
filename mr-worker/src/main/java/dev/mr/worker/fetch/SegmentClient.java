package dev.mr.worker.fetch;

import dev.mr.security.Capability;
import dev.mr.security.Credentials;
import dev.mr.security.TlsFailure;
import dev.mr.api.spi.AttemptId;
import dev.mr.shuffle.FileSegment;
import dev.mr.shuffle.MapOutputIndex;
import dev.mr.shuffle.MemorySegment;
import dev.mr.shuffle.SegmentChecksum;
import dev.mr.shuffle.ShuffleCodec;
import dev.mr.shuffle.SegmentInflater;
import dev.mr.worker.shuffle.MapOutputRegistry;
import dev.mr.worker.shuffle.ShuffleProtocol;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * Fetches one segment of a map output over HTTP (see {@link ShuffleProtocol}) and checks it
 * before anyone sees it: the status, the announced length and CRC32C, then the body's length
 * and CRC32C. A map output this worker holds itself is read from its disk instead, as Spark
 * reads local shuffle blocks, with the same checks against its index. A segment that fits the
 * {@link ShuffleMemory} is read into one array (a compressed one decompressed on the way, so that
 * memory holds and counts raw bytes, as the merger reads them); a larger one is copied as stored
 * to a temporary file. Any
 * mismatch is an {@link java.io.IOException} (a {@link dev.mr.shuffle.ChecksumMismatchException}
 * for a bad CRC) and leaves nothing behind. Thread-safe: blocking calls on the caller's thread
 * over {@link HttpURLConnection}, which reads a body straight into the caller's array and keeps
 * connections alive between fetches (the JDK's asynchronous {@code HttpClient} cost about four
 * times the CPU per byte, in its selector thread and its copies). An {@code https://} map output
 * is fetched trusting the CA its {@link Credentials} name, through one socket factory, so
 * connections stay pooled and a fetch costs no new handshake.
 */
public final class SegmentClient {

    private static final int BUFFER = 64 << 10;

    private final int timeoutMs;
    private final MapOutputRegistry local;
    private final AtomicLong localReads = new AtomicLong();
    private final Credentials trust;

    /** A client for a reducer outside any worker: every segment comes over HTTP. */
    public SegmentClient(Duration timeout) {
        this(timeout, new MapOutputRegistry());
    }

    /** {@code local}: the map outputs of this worker, read from disk rather than fetched from its own server. */
    public SegmentClient(Duration timeout, MapOutputRegistry local) {
        this(timeout, local, Credentials.none());
    }

    /** {@code trust}: whom to trust on {@code https://} map outputs (segments are opened with capabilities, not these credentials). */
    public SegmentClient(Duration timeout, MapOutputRegistry local, Credentials trust) {
        this.timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.local = local;
        this.trust = trust;
    }

    /** Segments read from this worker's own map outputs so far. */
    public long localReads() {
        return localReads.get();
    }

    /** {@code token}: the capability to read the job's map outputs, sent in {@value Capability#HEADER} (null on an insecure cluster). */
    FetchedSegment fetch(String address, AttemptId map, int partition, ShuffleMemory memory, Path tmpDir, String token) throws IOException {
        MapOutputRegistry.Held held = local.get(map);
        if (held != null) return readLocal(held, partition, memory, tmpDir);
        String what = "partition " + partition + " of " + map + " from " + address;
        String url = base(address) + ShuffleProtocol.path(map, partition);
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        trust.secure(c);
        c.setConnectTimeout(timeoutMs);
        c.setReadTimeout(timeoutMs);
        if (token != null) c.setRequestProperty(Capability.HEADER, token);
        boolean done = false;
        try {
            int status;
            try {
                status = c.getResponseCode();
            } catch (IOException e) {
                throw TlsFailure.explained(url, e);
            }
            if (status != 200) {
                try (InputStream err = c.getErrorStream()) {
                    throw new IOException("fetching " + what + ": HTTP " + status + " " + (err == null ? "" : errorText(err)));
                }
            }
            long length = c.getContentLengthLong();
            if (length < 0) throw new IOException("fetching " + what + ": the answer has no Content-Length");
            int crc;
            try {
                crc = ShuffleProtocol.parseCrc(c.getHeaderField(ShuffleProtocol.CRC32C));
            } catch (IllegalArgumentException e) {
                throw new IOException("fetching " + what + ": header " + ShuffleProtocol.CRC32C + ": " + e.getMessage());
            }
            long records = c.getHeaderFieldLong(ShuffleProtocol.RECORDS, -1);
            ShuffleCodec codec;
            long rawLength;
            try {
                String codecName = c.getHeaderField(ShuffleProtocol.CODEC);
                codec = codecName == null ? ShuffleCodec.NONE : ShuffleCodec.parse(codecName);
                rawLength = c.getHeaderFieldLong(ShuffleProtocol.RAW_LENGTH, codec.compresses() ? -1 : length);
                if (rawLength < 0 || (!codec.compresses() && rawLength != length)) {
                    throw new IllegalArgumentException(ShuffleProtocol.RAW_LENGTH + " " + c.getHeaderField(ShuffleProtocol.RAW_LENGTH)
                            + " does not fit a " + codec.label() + " segment of " + length + " bytes");
                }
            } catch (IllegalArgumentException e) {
                throw new IOException("fetching " + what + ": " + e.getMessage());
            }
            try (InputStream in = c.getInputStream()) {
                FetchedSegment seg = take(in, length, rawLength, codec, crc, records, "fetching " + what, memory, tmpDir);
                done = true;
                return seg;
            }
        } finally {
            if (!done) c.disconnect(); // a connection left mid-body must not be reused
        }
    }

    private FetchedSegment readLocal(MapOutputRegistry.Held held, int partition, ShuffleMemory memory, Path tmpDir) throws IOException {
        MapOutputIndex index = held.index();
        String what = "reading partition " + partition + " of " + held.attempt() + " from this worker's disk";
        if (partition >= index.partitions()) throw new IOException(what + ": it has only " + index.partitions() + " partitions");
        try (FileChannel ch = FileChannel.open(held.data(), StandardOpenOption.READ)) {
            ch.position(index.offset(partition));
            FetchedSegment seg = take(Channels.newInputStream(ch), index.length(partition), index.rawLength(partition),
                    index.codec(), index.crc32c(partition), index.records(partition), what, memory, tmpDir);
            localReads.incrementAndGet();
            return seg;
        }
    }

    /**
     * Reads a segment stored as {@code length} bytes from {@code in} into memory (decompressed, when it
     * is compressed and its {@code rawLength} bytes fit) or a temporary file (as stored), and checks
     * its CRC32C.
     */
    private static FetchedSegment take(InputStream in, long length, long rawLength, ShuffleCodec codec, int crc, long records,
                                       String what, ShuffleMemory memory, Path tmpDir) throws IOException {
        if (memory.tryReserve(rawLength)) {
            try {
                byte[] bytes = codec.compresses() ? inflate(in, length, (int) rawLength, codec, crc, what) : readFully(in, (int) length, what);
                if (!codec.compresses()) SegmentChecksum.check(SegmentChecksum.of(bytes, 0, bytes.length), crc, what);
                return new FetchedSegment(MemorySegment.of(bytes), length, records, rawLength);
            } catch (IOException | RuntimeException e) {
                memory.release(rawLength);
                throw e;
            }
        }
        Files.createDirectories(tmpDir);
        Path file = Files.createTempFile(tmpDir, "fetched-", ".segment");
        try {
            copy(in, file, length, crc, what);
            return new FetchedSegment(new FileSegment(file, 0, length, rawLength, codec), length, records, 0);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Decompresses a compressed segment as {@link SegmentInflater} does, stopping between reads if the thread is interrupted. */
    private static byte[] inflate(InputStream in, long length, int rawLength, ShuffleCodec codec, int expectedCrc, String what)
            throws IOException {
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                stopIfInterrupted(what);
                return super.read(b, off, len);
            }
        };
        return SegmentInflater.inflate(watched, length, rawLength, codec, expectedCrc, what);
    }

    /** {@code http://host:port} without a trailing slash; a bare {@code host:port} gets {@code http://}. */
    static String base(String address) {
        String a = address.contains("://") ? address : "http://" + address;
        while (a.endsWith("/")) a = a.substring(0, a.length() - 1);
        return a;
    }

    private static byte[] readFully(InputStream in, int length, String what) throws IOException {
        byte[] b = new byte[length];
        int at = 0;
        while (at < length) {
            stopIfInterrupted(what);
            // at most 1 MiB a read: the JDK reads through a temporary direct buffer of the asked size, which it keeps per thread
            int r = in.read(b, at, Math.min(length - at, 1 << 20));
            if (r < 0) throw new IOException(what + ": the data ended after " + at + " of " + length + " bytes");
            at += r;
        }
        return b;
    }

    /** A blocking socket read ignores interrupts: a killed reducer's fetch stops between reads instead. */
    private static void stopIfInterrupted(String what) throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException(what + ": interrupted");
    }

    private static void copy(InputStream in, Path file, long length, int expectedCrc, String what) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[BUFFER];
        long at = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (at < length) {
                stopIfInterrupted(what);
                int r = in.read(buf, 0, (int) Math.min(buf.length, length - at));
                if (r < 0) throw new IOException(what + ": the data ended after " + at + " of " + length + " bytes");
                crc.update(buf, 0, r);
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, r);
                while (bb.hasRemaining()) ch.write(bb);
                at += r;
            }
        }
        SegmentChecksum.check((int) crc.getValue(), expectedCrc, what);
    }

    private static String errorText(InputStream in) throws IOException {
        byte[] b = in.readNBytes(2048);
        return new String(b, StandardCharsets.UTF_8).strip();
    }
}
