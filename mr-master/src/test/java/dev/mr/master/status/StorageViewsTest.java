package dev.mr.master.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storage page shows the chunk store's health and browses its namespace a page at a time:
 * the counts must come through unchanged, and a directory lists its subdirectories first, by name.
 */
class StorageViewsTest {

    @Test
    void healthComesThroughWithTheStoresSize() {
        HealthReply h = new HealthReply(true, "waiting", List.of(new ServerInfo("cs-b", "h2:1", false, 5, 3, 9000),
                new ServerInfo("cs-a", "h1:1", true, 7, 4, 100)), new FsckSummary(3, 10, 6, 2, 1, 1), 2);
        StorageView v = StorageViews.of(h, 12345);
        assertEquals(new StorageView(true, "waiting", 3, 12345, 10, 6, 2, 1, 1, 2, List.of(new StorageServer("cs-a", "h1:1", true, 7, 4, 100),
                new StorageServer("cs-b", "h2:1", false, 5, 3, 9000))), v);
    }

    @Test
    void aDirectoryListsItsSubdirectoriesFirstThenFilesByNameAPageAtATime() {
        List<FileInfo> entries = new ArrayList<>();
        entries.add(new FileInfo("/d/zeta", false, 10, 2, 64, 1, 5));
        entries.add(new FileInfo("/d/out", true, 0, 0, 0, 0, 6));
        entries.add(new FileInfo("/d/alpha", false, 20, 3, 64, 1, 7));
        entries.add(new FileInfo("/d/<b>", true, 0, 0, 0, 0, 8));
        Page<StorageEntry> p = StorageViews.page(new Listing("/d", entries), 0, 3);
        assertEquals(List.of("<b>", "out", "alpha"), p.items().stream().map(StorageEntry::name).toList());
        assertEquals(4, p.total());
        assertEquals(new StorageEntry("/d/zeta", "zeta", false, 10, 2, 1, 5), StorageViews.page(new Listing("/d", entries), 3, 3).items().get(0));
    }

    @Test
    void namesAreThePathsLastElement() {
        assertEquals("/", StorageViews.name("/"));
        assertEquals("b", StorageViews.name("/a/b"));
        assertEquals("b", StorageViews.name("/a/b/"));
    }
}
