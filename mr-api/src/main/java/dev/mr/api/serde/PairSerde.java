package dev.mr.api.serde;

import dev.mr.api.Pair;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Order-preserving encoding of {@link Pair}. Each component is a type tag byte and its
 * payload. A component that is not the last one must be self-delimiting while keeping byte
 * order: fixed-length types are written as is; strings and byte arrays escape 0x00 as
 * 0x00 0xFF and end with 0x00 0x01 (which sorts a prefix before its extensions). The last
 * component is written plainly.
 */
public final class PairSerde implements Serde<Pair<?, ?>> {

    public static final PairSerde INSTANCE = new PairSerde();

    private static final byte BOOLEAN = 1, INT = 2, LONG = 3, DOUBLE = 4, STRING = 5, BYTES = 6, PAIR = 7;

    @Override
    public void write(Pair<?, ?> value, ByteBuilder out) {
        writePair(value, out, true);
    }

    @Override
    public Pair<?, ?> read(byte[] buf, int off, int len) {
        Cursor c = new Cursor(buf, off, off + len);
        Pair<?, ?> p = readPair(c, true);
        if (c.pos != c.end) throw new IllegalArgumentException("trailing bytes after encoded Pair");
        return p;
    }

    @Override
    public boolean orderPreserving() {
        return true;
    }

    /** Encodes a pair to a fresh array. */
    public static byte[] encode(Pair<?, ?> pair) {
        ByteBuilder out = new ByteBuilder();
        INSTANCE.write(pair, out);
        return out.toByteArray();
    }

    /** The offset just past the first component of the pair encoded at {@code buf[off, off+len)}. */
    public static int firstEnd(byte[] buf, int off, int len) {
        Cursor c = new Cursor(buf, off, off + len);
        skip(c);
        return c.pos;
    }

    private static void writePair(Pair<?, ?> p, ByteBuilder out, boolean last) {
        writeComponent(p.first(), out, false);
        writeComponent(p.second(), out, last);
    }

    private static void writeComponent(Object v, ByteBuilder out, boolean last) {
        if (v instanceof String s) {
            out.write(STRING);
            if (last) out.writeUtf8(s);
            else writeEscaped(s.getBytes(StandardCharsets.UTF_8), out);
        } else if (v instanceof Integer i) {
            out.write(INT);
            IntSerde.INSTANCE.write(i, out);
        } else if (v instanceof Long l) {
            out.write(LONG);
            LongSerde.INSTANCE.write(l, out);
        } else if (v instanceof Double d) {
            out.write(DOUBLE);
            DoubleSerde.INSTANCE.write(d, out);
        } else if (v instanceof Boolean b) {
            out.write(BOOLEAN);
            BooleanSerde.INSTANCE.write(b, out);
        } else if (v instanceof byte[] bytes) {
            out.write(BYTES);
            if (last) out.write(bytes);
            else writeEscaped(bytes, out);
        } else if (v instanceof Pair<?, ?> p) {
            out.write(PAIR);
            writePair(p, out, last);
        } else {
            throw new IllegalArgumentException("a Pair component must be String, Integer, Long, Double, Boolean, byte[] or Pair, not "
                    + v.getClass().getName() + "; use a record of your own (serialized with Kryo) instead");
        }
    }

    private static void writeEscaped(byte[] bytes, ByteBuilder out) {
        for (byte b : bytes) {
            out.write(b);
            if (b == 0) out.write(0xFF);
        }
        out.write(0);
        out.write(1);
    }

    private static final class Cursor {
        final byte[] buf;
        int pos;
        final int end;

        Cursor(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        byte next() {
            if (pos >= end) throw new IllegalArgumentException("truncated Pair encoding");
            return buf[pos++];
        }
    }

    private static Pair<?, ?> readPair(Cursor c, boolean last) {
        Object first = readComponent(c, false);
        Object second = readComponent(c, last);
        return new Pair<>(first, second);
    }

    private static Object readComponent(Cursor c, boolean last) {
        byte tag = c.next();
        switch (tag) {
            case BOOLEAN: return BooleanSerde.INSTANCE.read(c.buf, take(c, 1), 1);
            case INT: return IntSerde.INSTANCE.read(c.buf, take(c, 4), 4);
            case LONG: return LongSerde.INSTANCE.read(c.buf, take(c, 8), 8);
            case DOUBLE: return DoubleSerde.INSTANCE.read(c.buf, take(c, 8), 8);
            case STRING: return new String(last ? rest(c) : unescape(c), StandardCharsets.UTF_8);
            case BYTES: return last ? rest(c) : unescape(c);
            case PAIR: return readPair(c, last);
            default: throw new IllegalArgumentException("unknown Pair component tag " + tag);
        }
    }

    private static int take(Cursor c, int n) {
        if (c.pos + n > c.end) throw new IllegalArgumentException("truncated Pair encoding");
        int at = c.pos;
        c.pos += n;
        return at;
    }

    private static byte[] rest(Cursor c) {
        byte[] out = Arrays.copyOfRange(c.buf, c.pos, c.end);
        c.pos = c.end;
        return out;
    }

    private static byte[] unescape(Cursor c) {
        ByteBuilder out = new ByteBuilder(16);
        while (true) {
            byte b = c.next();
            if (b != 0) {
                out.write(b);
                continue;
            }
            byte marker = c.next();
            if (marker == 1) return out.toByteArray();
            if (marker != (byte) 0xFF) throw new IllegalArgumentException("bad escape in Pair encoding");
            out.write(0);
        }
    }

    /** Moves the cursor past one non-last component without decoding it. */
    private static void skip(Cursor c) {
        byte tag = c.next();
        switch (tag) {
            case BOOLEAN -> take(c, 1);
            case INT -> take(c, 4);
            case LONG, DOUBLE -> take(c, 8);
            case STRING, BYTES -> {
                while (true) {
                    if (c.next() == 0 && c.next() == 1) return;
                }
            }
            case PAIR -> {
                skip(c);
                skip(c);
            }
            default -> throw new IllegalArgumentException("unknown Pair component tag " + tag);
        }
    }
}
