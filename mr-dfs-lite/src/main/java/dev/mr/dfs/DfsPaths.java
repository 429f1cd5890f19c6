package dev.mr.dfs;

import dev.mr.api.fs.FsPath;

/**
 * The rules for a path inside the store. On the wire a path is its normalized absolute form
 * ({@code /a/b}); anything else is refused with a message naming what is wrong, so a path
 * never means two things. Built on {@link FsPath}, which already refuses {@code ..} and
 * control characters; this adds the refusal of empty and {@code .} segments and of sizes no
 * one needs.
 */
public final class DfsPaths {

    public static final String SCHEME = "dfs";
    public static final int MAX_PATH = 4096;
    public static final int MAX_NAME = 255;

    private DfsPaths() {}

    /**
     * Parses a path as a user wrote it ({@code dfs:/a/b} or {@code /a/b}); refuses other
     * schemes, empty or {@code .} segments, {@code ..}, NUL and control characters.
     */
    public static FsPath parse(String text) {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("empty path");
        String rest = text;
        if (text.regionMatches(true, 0, SCHEME + ":", 0, SCHEME.length() + 1)) {
            rest = text.substring(SCHEME.length() + 1);
        } else if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            throw new IllegalArgumentException("path " + printable(text) + " is not in the dfs: store");
        }
        if (rest.startsWith("//")) throw new IllegalArgumentException("path " + printable(text) + " names a host; write dfs:/path instead");
        if (!rest.startsWith("/")) rest = "/" + rest;
        check(rest, text);
        return FsPath.parse(SCHEME + ":" + rest, SCHEME);
    }

    /** Checks a path received on the wire: it must already be in normalized form. Returns it. */
    public static String checkWire(String path) {
        if (path == null || path.isEmpty()) throw new IllegalArgumentException("missing path");
        if (!path.startsWith("/")) throw new IllegalArgumentException("path " + printable(path) + " is not absolute");
        if (path.length() > 1 && path.endsWith("/")) throw new IllegalArgumentException("path " + printable(path) + " ends with '/'");
        check(path, path);
        return path;
    }

    private static void check(String p, String original) {
        if (p.length() > MAX_PATH) throw new IllegalArgumentException("path is longer than " + MAX_PATH + " characters");
        if (p.equals("/")) return;
        String body = p.endsWith("/") ? p.substring(1, p.length() - 1) : p.substring(1);
        for (String seg : body.split("/", -1)) {
            if (seg.isEmpty()) throw new IllegalArgumentException("path " + printable(original) + " has an empty segment ('//')");
            if (seg.equals(".")) throw new IllegalArgumentException("path " + printable(original) + " has a '.' segment");
            if (seg.equals("..")) throw new IllegalArgumentException("path " + printable(original) + " contains '..'; give a path without it");
            if (seg.length() > MAX_NAME) throw new IllegalArgumentException("path " + printable(original) + " has a name longer than " + MAX_NAME);
            for (int i = 0; i < seg.length(); i++) {
                char c = seg.charAt(i);
                if (c < 0x20 || c == 0x7F) {
                    throw new IllegalArgumentException("path " + printable(original) + " contains a control character");
                }
            }
        }
    }

    private static String printable(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    public static FsPath of(String wirePath) {
        return new FsPath(SCHEME, wirePath);
    }
}
