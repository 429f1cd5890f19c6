package dev.mr.api.io.compress;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The uncompressed bytes of a gzip file of one or more members (RFC 1952), each checked
 * against the CRC-32 and length in its trailer. The JDK's {@code GZIPInputStream} decides
 * whether another member follows from {@code available()}, which a file or chunk stream may
 * answer with 0 at a member boundary, and it ends silently at bytes after a member that are
 * not a gzip header; this reader looks at the bytes themselves: after a member comes the end
 * of the stream or another member, anything else is an error. Confined to one thread.
 */
final class GzipMembersInputStream extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    /** Compressed bytes read from {@code in}; {@code [pos, limit)} are not yet consumed. */
    private final byte[] buf;
    private final byte[] one = new byte[1];
    private int pos;
    private int limit;
    private boolean inMember;
    private boolean ended;
    private int members;
    private long memberSize;

    GzipMembersInputStream(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (true) {
            if (ended) return -1;
            if (!inMember && !startMember()) {
                ended = true;
                return -1;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("invalid deflate data in gzip member " + members + ": " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                pos = limit - inflater.getRemaining();
                checkTrailer();
                inMember = false;
            } else if (inflater.needsDictionary()) {
                throw new ZipException("gzip member " + members + " asks for a preset dictionary, which gzip does not have");
            } else if (inflater.needsInput()) {
                if (!fill()) throw new EOFException("Unexpected end of gzip input inside member " + members);
                inflater.setInput(buf, pos, limit - pos);
                pos = limit;
            }
        }
    }

    /** Reads the next member's header; false at a clean end of the stream. */
    private boolean startMember() throws IOException {
        if (pos == limit && !fill()) {
            return false;
        }
        int id1 = readByte();
        int id2 = readByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            throw new ZipException(members == 0 ? "not in gzip format"
                    : "bytes after gzip member " + members + " are not another gzip member");
        }
        if (readByte() != 8) throw new ZipException("gzip member " + (members + 1) + " uses an unknown compression method");
        int flags = readByte();
        skip(6); // modification time, extra flags, operating system
        if ((flags & FEXTRA) != 0) skip(readByte() | readByte() << 8);
        if ((flags & FNAME) != 0) skipZeroTerminated();
        if ((flags & FCOMMENT) != 0) skipZeroTerminated();
        if ((flags & FHCRC) != 0) skip(2);
        members++;
        inflater.reset();
        crc.reset();
        memberSize = 0;
        inflater.setInput(buf, pos, limit - pos);
        pos = limit;
        inMember = true;
        return true;
    }

    private void checkTrailer() throws IOException {
        long storedCrc = readIntLe();
        long storedSize = readIntLe();
        if (storedCrc != crc.getValue()) throw new ZipException("gzip member " + members + " fails its CRC-32 check");
        if (storedSize != (memberSize & 0xffffffffL)) throw new ZipException("gzip member " + members + " has the wrong length");
    }

    private long readIntLe() throws IOException {
        return (readByte() | readByte() << 8 | readByte() << 16 | (long) readByte() << 24) & 0xffffffffL;
    }

    private void skipZeroTerminated() throws IOException {
        while (readByte() != 0) {
            // a file name or comment
        }
    }

    private void skip(int n) throws IOException {
        for (int i = 0; i < n; i++) readByte();
    }

    private int readByte() throws IOException {
        if (pos == limit && !fill()) throw new EOFException("Unexpected end of gzip input in a member's header or trailer");
        return buf[pos++] & 0xff;
    }

    /** Reads more compressed bytes into an empty buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
