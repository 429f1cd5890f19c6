package dev.mr.dfs.client;

import java.io.IOException;

/** Every replica of a chunk failed its checksums: the bytes at {@code offset} of a file cannot be read correctly. */
public final class ChecksumException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final long offset;

    public ChecksumException(String path, long offset, String chunk) {
        super("checksum error in dfs:" + path + " at offset " + offset + " (" + chunk + "): every replica fails its checksums");
        this.path = path;
        this.offset = offset;
    }

    public String path() {
        return path;
    }

    public long offset() {
        return offset;
    }
}
