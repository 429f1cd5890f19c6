package dev.mr.shuffle;

import dev.mr.api.ConfKeys;
import dev.mr.api.Configuration;
import java.util.Locale;

/**
 * How map output is stored in spills, map output files and reduce-side merge runs
 * ({@value ConfKeys#MAP_OUTPUT_COMPRESS}): as plain records, or cut into blocks compressed with
 * LZ4 or Zstandard (see {@link MapOutputIndex} for the block format). The codec is recorded in
 * each map output's index and announced with each served segment, so a reader never needs the
 * job's setting to read what a map wrote. Immutable.
 */
public enum ShuffleCodec {
    NONE("none", 0),
    LZ4("lz4", 1),
    ZSTD("zstd", 2);

    private final String label;
    private final int id;

    ShuffleCodec(String label, int id) {
        this.label = label;
        this.id = id;
    }

    /** The name a user writes in {@value ConfKeys#MAP_OUTPUT_COMPRESS}, and the shuffle protocol sends. */
    public String label() {
        return label;
    }

    /** The number an index file stores. */
    public int id() {
        return id;
    }

    public boolean compresses() {
        return this != NONE;
    }

    /** The job's {@value ConfKeys#MAP_OUTPUT_COMPRESS}, default {@value ConfKeys#MAP_OUTPUT_COMPRESS_DEFAULT}. */
    public static ShuffleCodec from(Configuration conf) {
        String v = conf.get(ConfKeys.MAP_OUTPUT_COMPRESS, ConfKeys.MAP_OUTPUT_COMPRESS_DEFAULT);
        try {
            return parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ConfKeys.MAP_OUTPUT_COMPRESS + "=" + v + " is not a map output codec; use none, lz4 or zstd");
        }
    }

    /** By {@link #label}, ignoring case; also {@code false} (none) and {@code true} (lz4), as Hadoop users write them. */
    public static ShuffleCodec parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("false")) return NONE;
        if (t.equals("true")) return LZ4;
        for (ShuffleCodec c : values()) {
            if (c.label.equals(t)) return c;
        }
        throw new IllegalArgumentException("'" + text + "' is not a map output codec; use none, lz4 or zstd");
    }

    /** By {@link #id}; an {@link IllegalArgumentException} for a number no codec has. */
    public static ShuffleCodec byId(int id) {
        for (ShuffleCodec c : values()) {
            if (c.id == id) return c;
        }
        throw new IllegalArgumentException("unknown map output codec number " + id);
    }
}
