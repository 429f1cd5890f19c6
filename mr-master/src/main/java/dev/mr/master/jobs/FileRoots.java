package dev.mr.master.jobs;

import dev.mr.api.Configuration;
import dev.mr.api.InvalidJobException;
import dev.mr.api.fs.FsPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The directories of the master's own disk that cluster jobs may name as {@code file:} input or
 * output ({@code mr-master --allow-file-root DIR}, which sets {@link #SETTING}); none by default,
 * so a cluster job reads and writes {@code dfs:} only. The master prepares, overwrites, commits
 * and aborts job output itself: without this check any user who can submit could make the
 * master delete ({@code mr.output.overwrite=true}) or write any directory it can reach.
 *
 * <p>A path is inside a root when its real location is: the nearest ancestor that exists is
 * resolved with {@link Path#toRealPath} (so a symbolic link inside a root that points outside
 * does not let a job out), the rest, which does not exist yet, appended. {@link FsPath} refuses
 * {@code ..} already. Paths of other schemes are not this class's concern. Read once from the
 * master's settings (never a job's, which must not widen them); immutable and thread-safe;
 * {@link #allows} touches the disk, so call it on an I/O thread.
 */
public final class FileRoots {

    /** Comma-separated directories; {@code --allow-file-root} adds to it. */
    public static final String SETTING = "mr.master.file.roots";

    private final List<Path> roots; // real paths

    private FileRoots(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The roots that the master's settings name; each must be an existing directory. */
    public static FileRoots from(Configuration masterConf) {
        List<Path> roots = new ArrayList<>();
        for (String dir : masterConf.getList(SETTING)) {
            Path p = Path.of(dir);
            if (!p.isAbsolute()) throw new IllegalArgumentException("file root " + dir + " (" + SETTING + ") is not an absolute path");
            try {
                Path real = p.toRealPath();
                if (!Files.isDirectory(real)) throw new IllegalArgumentException("file root " + dir + " (" + SETTING + ") is not a directory");
                roots.add(real);
            } catch (IOException e) {
                throw new IllegalArgumentException("file root " + dir + " (" + SETTING + ") does not exist; create it first");
            }
        }
        return new FileRoots(roots);
    }

    /** True for a path of another scheme, or a {@code file:} path whose real location lies inside a root. */
    public boolean allows(FsPath path) throws IOException {
        if (!path.scheme().equals("file")) return true;
        if (roots.isEmpty()) return false;
        Path real = realLocation(Path.of(path.path()));
        if (real == null) return false;
        for (Path root : roots) if (real.startsWith(root)) return true;
        return false;
    }

    /** Refuses {@code path} ({@code role}: "input" or "output") unless {@link #allows} it, saying what to do instead. */
    public void check(FsPath path, String role) throws IOException {
        if (allows(path)) return;
        String where = roots.isEmpty() ? "the master allows no file: paths in cluster jobs"
                : "it lies outside the directories the master allows (" + roots.stream().map(Path::toString).collect(Collectors.joining(", ")) + ")";
        throw new InvalidJobException(role + " " + path + " is on the master's local disk and " + where
                + ": use a dfs: path (copy local files in with mr-dfs put), or ask the operator to start the master with --allow-file-root DIR");
    }

    /** Where {@code p} really is, or null when a dangling symbolic link is in the way (which is refused: it can point anywhere later). */
    private static Path realLocation(Path p) throws IOException {
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
        if (existing == null) return p;
        try {
            return existing.toRealPath().resolve(existing.relativize(p));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return roots.toString();
    }
}
