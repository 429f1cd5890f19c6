package dev.mr.master.status;

import dev.mr.dfs.protocol.FileInfo;
import dev.mr.dfs.protocol.FsckSummary;
import dev.mr.dfs.protocol.HealthReply;
import dev.mr.dfs.protocol.Listing;
import dev.mr.dfs.protocol.ServerInfo;
import dev.mr.protocol.Page;
import dev.mr.protocol.StorageEntry;
import dev.mr.protocol.StorageServer;
import dev.mr.protocol.StorageView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The storage page's views of dfs-lite's answers: its health as a {@link StorageView}, and a
 * directory listing as one page of entries, directories first, then by name. Stateless.
 */
public final class StorageViews {

    private static final Comparator<StorageEntry> ORDER = Comparator.comparing((StorageEntry e) -> !e.directory())
            .thenComparing(StorageEntry::name).thenComparing(StorageEntry::path);

    private StorageViews() {}

    public static StorageView of(HealthReply h, long bytes) {
        FsckSummary s = h.summary();
        List<StorageServer> servers = new ArrayList<>(h.servers().size());
        for (ServerInfo i : h.servers()) {
            servers.add(new StorageServer(i.server(), i.address(), i.alive(), i.freeBytes(), i.replicas(), i.millisSinceHeartbeat()));
        }
        servers.sort(Comparator.comparing(StorageServer::address, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(StorageServer::server));
        return new StorageView(h.safeMode(), h.safeModeDetail(), s.files(), bytes, s.chunks(), s.healthy(), s.underReplicated(),
                s.corrupt(), s.missing(), h.copiesInFlight(), servers);
    }

    public static Page<StorageEntry> page(Listing listing, int offset, int limit) {
        Paging.check(offset, limit);
        List<StorageEntry> entries = new ArrayList<>(listing.entries().size());
        for (FileInfo f : listing.entries()) {
            entries.add(new StorageEntry(f.path(), name(f.path()), f.directory(), f.length(), f.replication(), f.chunks(), f.modified()));
        }
        entries.sort(ORDER);
        return Paging.page(entries, offset, limit);
    }

    /** The last element of a path ({@code /} for the root). */
    static String name(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) return "/";
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
