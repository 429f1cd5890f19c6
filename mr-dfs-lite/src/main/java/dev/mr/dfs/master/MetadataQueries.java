package dev.mr.dfs.master;

import dev.mr.dfs.ChunkId;
import dev.mr.dfs.Problem;
import dev.mr.dfs.ServerId;
import dev.mr.dfs.StoreException;
import dev.mr.dfs.chunkmap.ChunkHealth;
import dev.mr.dfs.chunkmap.ChunkMap;
import dev.mr.dfs.namespace.ChunkMeta;
import dev.mr.dfs.namespace.DirNode;
import dev.mr.dfs.namespace.FileNode;
import dev.mr.dfs.namespace.Node;
import dev.mr.dfs.protocol.ChunkLayout;
import dev.mr.dfs.protocol.FileInfo;
import dev.mr.dfs.protocol.FileLayout;
import dev.mr.dfs.protocol.FsckFile;
import dev.mr.dfs.protocol.FsckReply;
import dev.mr.dfs.protocol.FsckSummary;
import dev.mr.dfs.protocol.HealthReply;
import dev.mr.dfs.protocol.Listing;
import dev.mr.dfs.protocol.ReplicaLocation;
import dev.mr.dfs.protocol.ServerInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-only answers of the master: file status, listings, layouts for readers, fsck and
 * health. Runs under {@link DfsMetadata}'s lock.
 */
final class MetadataQueries {

    private final DfsMetadata meta;

    MetadataQueries(DfsMetadata meta) {
        this.meta = meta;
    }

    FileInfo status(String path) {
        Node n = meta.namespace.visible(path);
        if (n == null) {
            String why = meta.namespace.lookup(path) == null ? " does not exist" : " does not exist yet: it is still being written";
            throw new StoreException(Problem.NOT_FOUND, "dfs:" + path + why);
        }
        return info(n);
    }

    static FileInfo info(Node n) {
        if (n instanceof FileNode f) {
            return new FileInfo(f.path(), false, f.length(), f.replication(), f.chunkSize(), f.chunks().size(), f.modified());
        }
        return new FileInfo(n.path(), true, 0, 0, 0, 0, n.modified());
    }

    Listing list(String path) {
        status(path);
        Node n = meta.namespace.visible(path);
        List<FileInfo> out = new ArrayList<>();
        if (n instanceof DirNode d) {
            for (Node c : d.children()) {
                if (c instanceof FileNode f && !f.closed()) continue;
                out.add(info(c));
            }
        } else {
            out.add(info(n));
        }
        return new Listing(path, out);
    }

    FileLayout layout(String path) {
        Node n = meta.visibleOrFail(path);
        if (!(n instanceof FileNode f)) throw new StoreException(Problem.IS_A_DIRECTORY, "dfs:" + path + " is a directory, not a file");
        List<ChunkLayout> chunks = new ArrayList<>();
        List<ChunkMeta> metas = f.chunks();
        for (int i = 0; i < metas.size(); i++) {
            ChunkMeta m = metas.get(i);
            List<ReplicaLocation> replicas = new ArrayList<>();
            List<ServerId> holders = meta.chunkMap.goodReplicas(m.id());
            // with no good replica left, offer the ones reported corrupt: a reader checks them
            // again, and either proves the report wrong or fails with a checksum error
            if (holders.isEmpty()) holders = meta.chunkMap.corruptReplicas(m.id());
            for (ServerId s : holders) replicas.add(meta.servers.location(s));
            chunks.add(new ChunkLayout(m.id().toString(), f.chunkOffset(i), m.length(), m.digest(), replicas, null));
        }
        return new FileLayout(path, f.length(), f.chunkSize(), f.replication(), chunks);
    }

    FsckReply fsck(String path) {
        Node n = meta.namespace.visible(path);
        if (n == null) throw new StoreException(Problem.NOT_FOUND, "dfs:" + path + " does not exist");
        List<FsckFile> files = new ArrayList<>();
        collect(n, files);
        ChunkMap map = meta.chunkMap;
        int live = map.liveServers();
        int dead = (int) map.servers().stream().filter(s -> !s.alive()).count();
        return new FsckReply(path, map.safeMode(), live, dead, files, summarize(files));
    }

    private void collect(Node n, List<FsckFile> out) {
        if (n instanceof DirNode d) {
            for (Node c : d.children()) collect(c, out);
            return;
        }
        FileNode f = (FileNode) n;
        if (!f.closed()) return;
        int healthy = 0, under = 0, corrupt = 0, missing = 0;
        List<String> problems = new ArrayList<>();
        for (ChunkMeta m : f.chunks()) {
            ChunkHealth h = meta.chunkMap.health(m.id());
            int good = meta.chunkMap.goodReplicas(m.id()).size();
            switch (h) {
                case HEALTHY -> healthy++;
                case UNDER_REPLICATED -> {
                    under++;
                    problems.add(m.id() + " under-replicated: " + good + " of " + f.replication() + " good replicas" + copies(m.id()));
                }
                case CORRUPT -> {
                    corrupt++;
                    problems.add(m.id() + " corrupt: every remaining replica fails its checksums");
                }
                default -> {
                    missing++;
                    problems.add(m.id() + " missing: no live chunk server holds a replica");
                }
            }
        }
        out.add(new FsckFile(f.path(), f.chunks().size(), healthy, under, corrupt, missing, problems));
    }

    private String copies(ChunkId id) {
        int n = meta.chunkMap.copyTargets(id).size();
        return n == 0 ? "" : " (" + n + " being copied)";
    }

    private static FsckSummary summarize(List<FsckFile> files) {
        int chunks = 0, healthy = 0, under = 0, corrupt = 0, missing = 0;
        for (FsckFile f : files) {
            chunks += f.chunks();
            healthy += f.healthy();
            under += f.underReplicated();
            corrupt += f.corrupt();
            missing += f.missing();
        }
        return new FsckSummary(files.size(), chunks, healthy, under, corrupt, missing);
    }

    long totalBytes(Node n) {
        if (n instanceof DirNode d) {
            long sum = 0;
            for (Node c : d.children()) sum += totalBytes(c);
            return sum;
        }
        FileNode f = (FileNode) n;
        return f.closed() ? f.length() : 0;
    }

    HealthReply health() {
        ChunkMap map = meta.chunkMap;
        List<ServerInfo> servers = new ArrayList<>();
        long now = meta.now();
        for (ChunkMap.ServerView s : map.servers()) {
            servers.add(new ServerInfo(s.id().value(), s.address(), s.alive(), s.freeBytes(), s.replicas(), now - s.lastHeartbeat()));
        }
        List<FsckFile> files = new ArrayList<>();
        collect(meta.namespace.root(), files);
        String detail = map.safeMode()
                ? "waiting for chunk reports before declaring anything missing (" + map.chunksWithoutReplica() + " chunks not yet reported)"
                : null;
        return new HealthReply(map.safeMode(), detail, servers, summarize(files), map.copiesInFlight());
    }
}
