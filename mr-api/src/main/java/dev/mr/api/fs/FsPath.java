package dev.mr.api.fs;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * A normalized absolute path in one filesystem: {@code file:/tmp/in}, {@code dfs:/logs/a}, or,
 * in a store reached through an authority, {@code hdfs://nn:8020/logs} or
 * {@code s3a://bucket/logs}. {@link #parse} accepts {@code scheme:/p}, {@code scheme:///p},
 * {@code scheme://authority/p} (not for {@code file} and {@code dfs}, which have one root per
 * cluster), {@code /p} (the default scheme) and, for {@code file}, a path relative to the
 * working directory. Empty segments and {@code .} are dropped; {@code ..}, NUL and control
 * characters are refused, so a parsed path never escapes its root.
 *
 * @param authority the host (and port) or bucket the path lives in; empty for the store's default
 */
public record FsPath(String scheme, String authority, String path) {

    public FsPath {
        if (scheme == null || scheme.isEmpty()) throw new IllegalArgumentException("path without scheme: " + path);
        if (authority == null) authority = "";
        if (!path.startsWith("/")) throw new IllegalArgumentException("path is not absolute: " + path);
    }

    /** A path in the store's default authority. */
    public FsPath(String scheme, String path) {
        this(scheme, "", path);
    }

    /** Parses {@code text}; a path without a scheme belongs to {@code defaultScheme}. */
    public static FsPath parse(String text, String defaultScheme) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty path");
        String scheme = defaultScheme;
        String authority = "";
        String rest = text;
        int colon = text.indexOf(':');
        int slash = text.indexOf('/');
        if (colon > 0 && (slash < 0 || colon < slash) && text.substring(0, colon).matches("[a-zA-Z][a-zA-Z0-9+.-]*")) {
            scheme = text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            rest = text.substring(colon + 1);
            if (rest.startsWith("//")) {
                int end = rest.indexOf('/', 2);
                if (end < 0) end = rest.length();
                authority = rest.substring(2, end);
                if (!authority.isEmpty() && (scheme.equals("file") || scheme.equals("dfs"))) {
                    throw new IllegalArgumentException("path " + text + " names a host; write " + scheme + ":/path instead");
                }
                if (authority.contains("@")) {
                    throw new IllegalArgumentException("path " + scheme + "://…@" + authority.substring(authority.lastIndexOf('@') + 1)
                            + "/… carries credentials before '@'; give them as settings (for s3a: fs.s3a.access.key and"
                            + " fs.s3a.secret.key in core-site.xml or -D), never in a path, which is logged and shown");
                }
                if (!authority.matches("[A-Za-z0-9._~%!$&'()*+,;=:\\[\\]-]*")) {
                    throw new IllegalArgumentException("path " + text.replaceAll("\\p{Cntrl}", "?") + " has a malformed authority '"
                            + authority.replaceAll("\\p{Cntrl}", "?") + "'");
                }
                rest = rest.substring(end);
            }
        }
        if (!rest.startsWith("/")) {
            if (!scheme.equals("file")) rest = "/" + rest;
            else rest = Paths.get(rest).toAbsolutePath().toString();
        }
        return new FsPath(scheme, authority, normalize(rest.isEmpty() ? "/" : rest, text));
    }

    private static String normalize(String p, String original) {
        List<String> parts = new ArrayList<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) continue;
            if (seg.equals("..")) throw new IllegalArgumentException("path " + original + " contains '..'; give a path without it");
            for (int i = 0; i < seg.length(); i++) {
                char c = seg.charAt(i);
                if (c < 0x20 || c == 0x7F) {
                    throw new IllegalArgumentException("path " + original.replaceAll("\\p{Cntrl}", "?") + " contains a control character");
                }
            }
            parts.add(seg);
        }
        return "/" + String.join("/", parts);
    }

    public FsPath child(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals("..") || name.equals(".")) {
            throw new IllegalArgumentException("bad path segment: " + name);
        }
        return new FsPath(scheme, authority, path.equals("/") ? "/" + name : path + "/" + name);
    }

    /** The parent directory; the root is its own parent. */
    public FsPath parent() {
        int i = path.lastIndexOf('/');
        return new FsPath(scheme, authority, i <= 0 ? "/" : path.substring(0, i));
    }

    /** The last segment, or "" for the root. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public boolean isRoot() {
        return path.equals("/");
    }

    /** True when this is {@code other} or lies below it. */
    public boolean isUnder(FsPath other) {
        if (!scheme.equals(other.scheme) || !authority.equals(other.authority)) return false;
        return path.equals(other.path) || other.isRoot() || path.startsWith(other.path + "/");
    }

    @Override
    public String toString() {
        return authority.isEmpty() ? scheme + ":" + path : scheme + "://" + authority + path;
    }
}
