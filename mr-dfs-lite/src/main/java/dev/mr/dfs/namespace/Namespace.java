package dev.mr.dfs.namespace;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.Problem;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.namespace.NamespaceOp.Abandon;
import dev.mr.dfs.namespace.NamespaceOp.AddChunk;
import dev.mr.dfs.namespace.NamespaceOp.Close;
import dev.mr.dfs.namespace.NamespaceOp.CommitChunk;
import dev.mr.dfs.namespace.NamespaceOp.Create;
import dev.mr.dfs.namespace.NamespaceOp.Delete;
import dev.mr.dfs.namespace.NamespaceOp.Mkdirs;
import dev.mr.dfs.namespace.NamespaceOp.Rename;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The tree of directories and files, and the only code that changes it. Every change is a
 * {@link NamespaceOp}: {@link #check} refuses an op that cannot apply, with a
 * {@link StoreException} naming why, before anything changes; {@link #apply} then applies it
 * and cannot fail. The master journals an op between the two, and replays the journal through
 * {@link #apply} alone.
 *
 * <p>Pure and single-threaded: no clock (times come in the ops), no I/O. Paths are wire paths,
 * already checked by {@link dev.mr.dfs.DfsPaths#checkWire}.
 */
public final class Namespace {

    private final DirNode root = new DirNode("", 0);
    private final Map<Long, FileNode> files = new TreeMap<>();
    private long nextInode = 1;
    private long nextChunk = 1;

    // ---------------------------------------------------------------- ids

    public long nextInode() {
        return nextInode;
    }

    public ChunkId nextChunk() {
        return new ChunkId(nextChunk);
    }

    // ---------------------------------------------------------------- queries

    /** The node at {@code path}, or null; files being written are included. */
    public Node lookup(String path) {
        Node n = root;
        if (path.equals("/")) return n;
        for (String seg : path.substring(1).split("/")) {
            if (!(n instanceof DirNode d)) return null;
            n = d.children.get(seg);
            if (n == null) return null;
        }
        return n;
    }

    /** The node at {@code path} as a reader sees it: a file being written is not there yet. */
    public Node visible(String path) {
        Node n = lookup(path);
        return n instanceof FileNode f && !f.closed ? null : n;
    }

    public FileNode file(long inode) {
        return files.get(inode);
    }

    /** Every file, written or being written, by inode. */
    public Collection<FileNode> files() {
        return Collections.unmodifiableCollection(files.values());
    }

    public DirNode root() {
        return root;
    }

    // ---------------------------------------------------------------- checks

    public void check(NamespaceOp op) {
        if (op instanceof Mkdirs m) checkMkdirs(m.path());
        else if (op instanceof Create c) checkCreate(c);
        else if (op instanceof AddChunk a) checkAddChunk(a);
        else if (op instanceof CommitChunk c) checkCommit(c);
        else if (op instanceof Close c) checkClose(c);
        else if (op instanceof Rename r) checkRename(r);
        else if (op instanceof Delete d) checkDelete(d.path());
        else if (op instanceof Abandon a) writing(a.inode());
        else throw new IllegalArgumentException("unknown op " + op);
    }

    private void checkMkdirs(String path) {
        checkDirs(path, false);
    }

    /** Refuses a path whose existing part runs through a file; {@code parent}: the path itself must not be a file either. */
    private void checkDirs(String path, boolean parent) {
        Node n = root;
        if (path.equals("/")) return;
        for (String seg : path.substring(1).split("/")) {
            if (n instanceof FileNode f) throw fail(Problem.NOT_A_DIRECTORY, "dfs:" + f.path() + " is a file, not a directory");
            n = ((DirNode) n).children.get(seg);
            if (n == null) return;
        }
        if (n instanceof FileNode f) {
            if (parent) throw fail(Problem.NOT_A_DIRECTORY, "dfs:" + f.path() + " is a file, not a directory");
            throw fail(Problem.EXISTS, "dfs:" + f.path() + " exists and is a file");
        }
    }

    private void checkCreate(Create c) {
        if (c.path().equals("/")) throw fail(Problem.IS_A_DIRECTORY, "dfs:/ is the root directory");
        if (c.replication() < 1) throw fail(Problem.BAD_REQUEST, "replication " + c.replication() + " must be >= 1");
        if (c.chunkSize() < 1) throw fail(Problem.BAD_REQUEST, "chunk size " + c.chunkSize() + " must be >= 1");
        checkDirs(parentOf(c.path()), true);
        Node n = lookup(c.path());
        if (n instanceof DirNode) throw fail(Problem.IS_A_DIRECTORY, "dfs:" + c.path() + " is a directory");
        if (n instanceof FileNode f) {
            if (f.closed) throw fail(Problem.EXISTS, "dfs:" + c.path() + " already exists");
            throw fail(Problem.BEING_WRITTEN, "dfs:" + c.path() + " is being written by another writer");
        }
    }

    private FileNode writing(long inode) {
        FileNode f = files.get(inode);
        if (f == null) throw fail(Problem.NOT_FOUND, "file #" + inode + " no longer exists (deleted, or abandoned when its lease expired)");
        if (f.closed) throw fail(Problem.BAD_REQUEST, "dfs:" + f.path() + " is already closed");
        return f;
    }

    private void checkAddChunk(AddChunk a) {
        FileNode f = writing(a.inode());
        if (!f.chunks.isEmpty() && !f.chunks.get(f.chunks.size() - 1).committed()) {
            throw fail(Problem.BAD_REQUEST, "dfs:" + f.path() + ": chunk " + f.chunks.get(f.chunks.size() - 1).id()
                    + " must be committed before the next is allocated");
        }
        if (a.chunk() < nextChunk) throw new IllegalStateException("chunk id " + a.chunk() + " reused");
    }

    private void checkCommit(CommitChunk c) {
        FileNode f = writing(c.inode());
        ChunkMeta last = f.chunks.isEmpty() ? null : f.chunks.get(f.chunks.size() - 1);
        if (last == null || last.id().seq() != c.chunk()) {
            throw fail(Problem.BAD_REQUEST, new ChunkId(c.chunk()) + " is not the chunk being written to dfs:" + f.path());
        }
        if (last.committed()) throw fail(Problem.BAD_REQUEST, last.id() + " of dfs:" + f.path() + " is already committed");
        if (c.length() < 1 || c.length() > f.chunkSize) {
            throw fail(Problem.BAD_REQUEST, "chunk length " + c.length() + " outside [1, " + f.chunkSize + "]");
        }
    }

    private void checkClose(Close c) {
        FileNode f = writing(c.inode());
        long sum = 0;
        for (int i = 0; i < f.chunks.size(); i++) {
            ChunkMeta m = f.chunks.get(i);
            if (!m.committed()) throw fail(Problem.BAD_REQUEST, m.id() + " of dfs:" + f.path() + " was never committed");
            if (i < f.chunks.size() - 1 && m.length() != f.chunkSize) {
                throw fail(Problem.BAD_REQUEST, m.id() + " of dfs:" + f.path() + " is " + m.length() + " bytes, not a full chunk");
            }
            sum += m.length();
        }
        if (sum != c.length()) {
            throw fail(Problem.BAD_REQUEST, "dfs:" + f.path() + " was closed at " + c.length() + " bytes but its chunks hold " + sum);
        }
    }

    private void checkRename(Rename r) {
        if (r.from().equals("/")) throw fail(Problem.BAD_REQUEST, "cannot move the root directory");
        Node from = lookup(r.from());
        if (from == null) throw fail(Problem.NOT_FOUND, "dfs:" + r.from() + " does not exist");
        if (from instanceof FileNode f && !f.closed) throw fail(Problem.BEING_WRITTEN, "dfs:" + r.from() + " is still being written");
        if (lookup(r.to()) != null) throw fail(Problem.EXISTS, "dfs:" + r.to() + " already exists");
        if (r.to().equals("/") || (r.to() + "/").startsWith(r.from() + "/")) {
            throw fail(Problem.BAD_REQUEST, "cannot move dfs:" + r.from() + " into itself (dfs:" + r.to() + ")");
        }
        Node parent = lookup(parentOf(r.to()));
        if (parent == null) throw fail(Problem.NOT_FOUND, "parent of dfs:" + r.to() + " does not exist");
        if (!(parent instanceof DirNode)) throw fail(Problem.NOT_A_DIRECTORY, "parent of dfs:" + r.to() + " is a file");
    }

    private void checkDelete(String path) {
        if (path.equals("/")) throw fail(Problem.BAD_REQUEST, "cannot delete the root directory");
    }

    /** Whether deleting {@code path} without recursion is allowed: absent, a file, or an empty directory. */
    public void checkDeleteNonRecursive(String path) {
        Node n = lookup(path);
        if (n instanceof DirNode d && !d.children.isEmpty()) {
            throw fail(Problem.NOT_EMPTY, "dfs:" + path + " is a non-empty directory; delete it recursively");
        }
    }

    // ---------------------------------------------------------------- apply

    /**
     * Applies a checked op. Returns the chunks it released (those of deleted or abandoned
     * files), empty for other ops.
     */
    public List<ChunkMeta> apply(NamespaceOp op) {
        if (op instanceof Mkdirs m) {
            mkdirs(m.path(), m.time());
        } else if (op instanceof Create c) {
            DirNode parent = mkdirs(parentOf(c.path()), c.time());
            FileNode f = new FileNode(nameOf(c.path()), c.inode(), c.replication(), c.chunkSize(), c.client(), c.time());
            attach(parent, f, c.time());
            files.put(f.inode, f);
            nextInode = Math.max(nextInode, c.inode() + 1);
        } else if (op instanceof AddChunk a) {
            files.get(a.inode()).chunks.add(new ChunkMeta(new ChunkId(a.chunk()), -1, 0));
            nextChunk = Math.max(nextChunk, a.chunk() + 1);
        } else if (op instanceof CommitChunk c) {
            List<ChunkMeta> chunks = files.get(c.inode()).chunks;
            chunks.set(chunks.size() - 1, new ChunkMeta(new ChunkId(c.chunk()), c.length(), c.digest()));
        } else if (op instanceof Close c) {
            FileNode f = files.get(c.inode());
            f.closed = true;
            f.length = c.length();
            f.modified = c.time();
        } else if (op instanceof Rename r) {
            Node n = lookup(r.from());
            detach(n, r.time());
            n.name = nameOf(r.to());
            attach((DirNode) lookup(parentOf(r.to())), n, r.time());
        } else if (op instanceof Delete d) {
            Node n = lookup(d.path());
            if (n == null) return List.of();
            detach(n, d.time());
            List<ChunkMeta> released = new ArrayList<>();
            forget(n, released);
            return released;
        } else if (op instanceof Abandon a) {
            FileNode f = files.get(a.inode());
            detach(f, f.parent.modified);
            List<ChunkMeta> released = new ArrayList<>();
            forget(f, released);
            return released;
        } else {
            throw new IllegalArgumentException("unknown op " + op);
        }
        return List.of();
    }

    /** Makes the missing directories of {@code path}, each touching its parent's time. */
    DirNode mkdirs(String path, long time) {
        DirNode d = root;
        if (path.equals("/")) return d;
        for (String seg : path.substring(1).split("/")) {
            Node n = d.children.get(seg);
            if (n == null) {
                n = new DirNode(seg, time);
                attach(d, n, time);
            }
            d = (DirNode) n;
        }
        return d;
    }

    private static void attach(DirNode parent, Node n, long time) {
        parent.children.put(n.name, n);
        n.parent = parent;
        parent.modified = time;
    }

    private static void detach(Node n, long time) {
        n.parent.children.remove(n.name);
        n.parent.modified = time;
        n.parent = null;
    }

    private void forget(Node n, List<ChunkMeta> released) {
        if (n instanceof FileNode f) {
            files.remove(f.inode);
            released.addAll(f.chunks);
        } else {
            for (Node c : ((DirNode) n).children.values()) forget(c, released);
        }
    }

    static String parentOf(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static StoreException fail(Problem p, String message) {
        return new StoreException(p, message);
    }

    // ---------------------------------------------------------------- checkpoint

    /** The whole namespace as plain data, in memory: for tests and small namespaces; a checkpoint streams {@link #dirImages} and {@link #fileImages}. */
    public NamespaceImage image() {
        List<NamespaceImage.Dir> dirs = new ArrayList<>();
        List<NamespaceImage.File> fileImages = new ArrayList<>();
        dirImages(dirs::add);
        fileImages(fileImages::add);
        return new NamespaceImage(nextInode, nextChunk, dirs, fileImages);
    }

    /**
     * Hands out every directory, parents before children, one at a time: with
     * {@link #fileImages} how a checkpoint of any size streams out without holding the
     * namespace twice. {@link NamespaceBuilder} takes them back in this order.
     */
    public void dirImages(Consumer<NamespaceImage.Dir> out) {
        walkDirs(root, "/", out);
    }

    /** Hands out every file (being written or not), in path order, one at a time. */
    public void fileImages(Consumer<NamespaceImage.File> out) {
        walkFiles(root, "/", out);
    }

    private static String child(String dir, String name) {
        return dir.equals("/") ? "/" + name : dir + "/" + name;
    }

    private static void walkDirs(DirNode d, String path, Consumer<NamespaceImage.Dir> out) {
        out.accept(new NamespaceImage.Dir(path, d.modified));
        for (Node n : d.children.values()) {
            if (n instanceof DirNode c) walkDirs(c, child(path, c.name), out);
        }
    }

    private static void walkFiles(DirNode d, String path, Consumer<NamespaceImage.File> out) {
        for (Node n : d.children.values()) {
            if (n instanceof DirNode c) {
                walkFiles(c, child(path, c.name), out);
            } else {
                FileNode f = (FileNode) n;
                List<NamespaceImage.Chunk> chunks = new ArrayList<>(f.chunks.size());
                for (ChunkMeta m : f.chunks) chunks.add(new NamespaceImage.Chunk(m.id().seq(), m.length(), m.digest()));
                out.accept(new NamespaceImage.File(child(path, f.name), f.inode, f.replication, f.chunkSize, f.client, f.length, f.closed,
                        f.modified, chunks));
            }
        }
    }

    /** Rebuilds a namespace from a checkpoint image. */
    public static Namespace of(NamespaceImage image) {
        NamespaceBuilder b = new NamespaceBuilder();
        image.dirs().forEach(b::dir);
        image.files().forEach(b::file);
        return b.build(image.nextInode(), image.nextChunk());
    }

    // ---------------------------------------------------------------- for NamespaceBuilder

    void restored(FileNode f) {
        files.put(f.inode, f);
    }

    void restoredIds(long nextInode, long nextChunk) {
        this.nextInode = nextInode;
        this.nextChunk = nextChunk;
    }
}
