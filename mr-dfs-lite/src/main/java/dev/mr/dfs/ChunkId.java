package dev.mr.dfs;

import java.util.regex.Pattern;

/**
 * A chunk's id, handed out by the master in increasing order and never reused. Its string
 * form {@code chunk_00000042} names the chunk's files on a chunk server, so {@link #parse}
 * accepts nothing else: an id taken from a URL can never name another file.
 */
public record ChunkId(long seq) implements Comparable<ChunkId> {

    private static final Pattern FORM = Pattern.compile("chunk_[0-9]{8,19}");

    public ChunkId {
        if (seq < 0) throw new IllegalArgumentException("negative chunk id " + seq);
    }

    /** Parses {@code chunk_NNNNNNNN}; an {@link IllegalArgumentException} naming the text otherwise. */
    public static ChunkId parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new IllegalArgumentException("not a chunk id: '" + String.valueOf(text).replaceAll("\\p{Cntrl}", "?")
                    + "' (expected chunk_ followed by 8 to 19 digits)");
        }
        try {
            return new ChunkId(Long.parseLong(text.substring(6)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a chunk id: '" + text + "' (number too large)");
        }
    }

    @Override
    public int compareTo(ChunkId o) {
        return Long.compare(seq, o.seq);
    }

    @Override
    public String toString() {
        return String.format("chunk_%08d", seq);
    }
}
